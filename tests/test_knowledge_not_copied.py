"""No knowledge file holds a sentence copied from a corpus or a blind batch: rules fit shapes, not lines.

A run of 12 or more characters (blanks removed, at least one of them Chinese) shared between a file in
``src/walletaid/knowledge`` and a line of ``../shared/corpora`` or ``tests/data`` fails, unless the run
also stands in ``../shared/domain-facts.md`` or ``domain-research.md`` (names and phrases of the facts).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "src" / "walletaid" / "knowledge"
SHARED = Path(os.environ.get("WALLETAID_SHARED", ROOT.parent / "shared"))
RUN = 12


_BLANKS = re.compile(r"\s+")


def _runs(text: str) -> Iterator[str]:
    """Every 12-character run of ``text`` with its blanks removed that holds a non-ASCII character.

    Twelve Latin characters are two ordinary words ("verification"), twelve Chinese characters are a
    sentence: the check is about the latter (the same rule as the before-stop hook).
    """
    text = _BLANKS.sub("", text)
    for i in range(len(text) - RUN + 1):
        window = text[i : i + RUN]
        if not window.isascii():
            yield window


def _source_lines() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                row = json.loads(raw)
                yield path.name, row.get("text") or json.dumps(row.get("answers", ""), ensure_ascii=False)
    for path in sorted((SHARED / "corpora").rglob("*.tsv")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            yield path.name, line.partition("\t")[2]


def test_no_knowledge_file_copies_a_corpus_or_blind_batch_line() -> None:
    if not (SHARED / "corpora").exists():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing: CI must check the knowledge against the shared corpora")
        pytest.skip(f"{SHARED / 'corpora'} not beside the repository")
    seen: dict[str, str] = {}
    for source, line in _source_lines():
        for run in _runs(line):
            seen.setdefault(run, source)
    for name in ("domain-facts.md", "domain-research.md"):
        for run in _runs((SHARED / name).read_text(encoding="utf-8")):
            seen.pop(run, None)
    copied = {}
    for path in sorted(KNOWLEDGE.rglob("*")):
        if path.suffix in (".yaml", ".yml", ".json"):
            for run in _runs(path.read_text(encoding="utf-8")):
                if run in seen:
                    copied.setdefault((str(path.relative_to(KNOWLEDGE)), seen[run]), run)
    assert not copied, "\n".join(f"{where} shares {run!r} with {source}" for (where, source), run in sorted(copied.items()))
