"""The compiled-knowledge cache (``matching/cache.py``): read back while its sources are unchanged, never stale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from walletaid.matching import cache
from walletaid.matching.knowledge import KNOWLEDGE, shapes


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WALLETAID_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_a_built_value_is_read_back_until_a_source_changes(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "rules.yaml"
    source.write_text("a: 1", encoding="utf-8")
    calls, build = _counting({"rules": [1, 2]})
    assert cache.cached("t", [source], build) == {"rules": [1, 2]}
    assert cache.cached("t", [source], build) == {"rules": [1, 2]} and len(calls) == 1
    [stored] = folder.glob("t-*.pickle")
    assert stored.stat().st_mode & 0o777 == 0o600
    source.write_text("a: 2", encoding="utf-8")
    cache.cached("t", [source], build)
    assert len(calls) == 2 and list(folder.glob("t-*.pickle")) != [stored]  # the old version is removed
    assert len(list(folder.glob("t-*.pickle"))) == 1


def test_a_damaged_file_is_built_again_and_off_means_never_stored(folder: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "rules.yaml"
    source.write_text("a: 1", encoding="utf-8")
    calls, build = _counting(42)
    cache.cached("t", [source], build)
    [stored] = folder.glob("t-*.pickle")
    stored.write_bytes(b"not a pickle")
    assert cache.cached("t", [source], build) == 42 and len(calls) == 2
    monkeypatch.setenv("WALLETAID_CACHE", "off")
    cache.cached("u", [source], build)
    assert len(calls) == 3 and not list(folder.glob("u-*"))


def test_an_unwritable_cache_folder_only_means_building_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("WALLETAID_CACHE", str(blocked / "cache"))  # a folder below a file cannot be made
    calls, build = _counting(7)
    assert cache.cached("t", [blocked], build) == 7 and cache.cached("t", [blocked], build) == 7
    assert len(calls) == 2


def test_validated_knowledge_is_keyed_on_every_schema_and_model_module() -> None:
    """A directory or cause record read back must have the shape the code expects now: the schema modules, the
    output models they import (the support channel, the contacts documents) and the conversion are in the key."""
    keyed = {p.relative_to(KNOWLEDGE.parent).as_posix() for p in shapes()}
    package = KNOWLEDGE.parent
    expected = {p.relative_to(package).as_posix() for folder in ("knowledge/schemas", "models")
                for p in (package / folder).glob("*.py")}
    assert expected | {"matching/plain.py"} == keyed
    assert {"knowledge/schemas/contacts.py", "models/channel.py", "knowledge/schemas/common.py"} <= keyed
    assert all(os.path.exists(p) for p in shapes())


def test_the_builder_of_validated_knowledge_is_in_its_key(folder: Path, tmp_path: Path) -> None:
    """A changed builder (say, another checkout's ``engines/contacts.py`` at the same version) builds again."""
    from walletaid.matching.knowledge import validated_plain

    builder = tmp_path / "builder.py"
    builder.write_text("v1", encoding="utf-8")
    calls, build = _counting({"directory": 1})
    validated_plain("contacts", build, builder)
    validated_plain("contacts", build, builder)
    builder.write_text("v2", encoding="utf-8")
    validated_plain("contacts", build, builder)
    assert len(calls) == 2
