"""Exported files: atomic, mode 0600, never overwriting unless forced, all-or-nothing."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from walletaid.files.write import FileExists, write_atomic, write_new_files


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_atomic_creates_0600_file(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    write_atomic(target, b"{}")
    assert target.read_bytes() == b"{}"
    assert _mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]  # no temporary left behind


def test_write_atomic_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    target.write_bytes(b"original")
    with pytest.raises(FileExists):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"original"
    assert len(list(tmp_path.iterdir())) == 1


def test_force_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    target.write_bytes(b"original")
    write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new" and _mode(target) == 0o600


def test_write_new_files_writes_nothing_when_one_exists(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("keep")
    with pytest.raises(FileExists) as info:
        write_new_files({tmp_path / "a.json": b"1", tmp_path / "b.md": b"2"})
    assert info.value.path.name == "b.md"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.md"]
    assert (tmp_path / "b.md").read_text() == "keep"


def test_write_new_files_rolls_back_on_failure(tmp_path: Path) -> None:
    missing_dir = tmp_path / "nope" / "b.md"
    with pytest.raises(OSError):
        write_new_files({tmp_path / "a.json": b"1", missing_dir: b"2"})
    assert not (tmp_path / "a.json").exists()
