"""The labelled corpora and the real SMS sets: the judged recall and false-alarm bounds of the message check.

Four labelled files in ``tests/data``: ``scam_corpus.jsonl`` (the engine's own), ``scam_blind_r2.jsonl``
(written before the round-2 rules were read, then used to find general gaps), ``scam_blind_r3.jsonl``
(written by a helper that read neither the signals nor the other files: 69/80 scams caught and 1/80
genuine flagged before the fixes it prompted) and ``scam_blind_r4.jsonl`` (written blind for the rule
format; measured once before any tuning: 57/80 scams flagged, 9/80 genuine messages ``danger``, 0
``suspicious`` — the honest number; after the general fixes it prompted, every scam is flagged and no
genuine message is ``danger``).  Bounds on each: every scam at least ``suspicious``, no genuine message
``danger``, at most one genuine message in ten ``suspicious``.

``scam_blind_r5.jsonl`` (100 messages, 60 zh / 40 en, half scams) was written by a helper that read only
contracts.md and domain-facts.md, committed, then measured once before any tuning: **43/50 scams flagged
(zh 27/30, en 16/20), 2/50 genuine messages ``danger``** (both a user telling their own story: "I told the
code to someone who said he was support", "someone claiming to be OKX support asked me for my seed phrase").
The general fixes it prompted: a phone number with a letter O split by spaces, "customer care" as a support
role, a property freeze threat, the virus-alert tech-support script, the writer's own "I gave / 告诉了" story
not read as a request, "the 6 digits" as a code.  After them: 48/50 flagged, 1 genuine ``danger`` (the OKX
story, which does describe a scam), 1 ``suspicious``.  Still missed: digits for letters inside English words
("Y0ur acc0unt") with a spaced-out link, and a crypto "pump" tip with a deposit; its bounds below are what it
measures now, not the others'.

The real sets beside the repository (``../shared/corpora``, see its README): the English SMS Spam
Collection's ``ham`` and the development half of the Chinese genuine SMS set are never ``danger`` and at
most 1 in 100 ``suspicious``; the Chinese fraud set (its contacts replaced by placeholders, filled with
neutral stand-ins by ``benchmarks/scam_corpus.py``) is flagged at least 85 % of the time (90 % today).
Under ``CI=true`` a missing ``../shared`` fails instead of skipping.  Each test checks a whole set and
names every row that breaks its bound.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from walletaid.engines.scam import check_message

HERE = Path(__file__).parent
FILES = ("scam_corpus.jsonl", "scam_blind_r2.jsonl", "scam_blind_r3.jsonl", "scam_blind_r4.jsonl")
CORPORA = {name: [json.loads(line) for line in (HERE / "data" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
           for name in FILES}
SHARED = HERE.parent.parent / "shared" / "corpora"


def _verdicts(rows: list[dict[str, str]]) -> list[tuple[dict[str, str], str]]:
    return [(row, check_message(row["text"], row["lang"]).verdict) for row in rows]  # type: ignore[arg-type]


def _shared(name: str) -> Path:
    """A file of ``../shared/corpora``; skipped when it is not there, except under CI, where that fails."""
    path = SHARED / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must measure the message check on the real corpora")
        pytest.skip(f"{path} not beside the repository")
    return path


def _tsv(path: Path) -> list[tuple[str, str]]:
    rows = [line.split("\t", 1) for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    return [(label, text) for label, text in (row for row in rows if len(row) == 2)]


@pytest.mark.parametrize("name", FILES)
def test_corpus_is_big_enough_and_bilingual(name: str) -> None:
    rows = CORPORA[name]
    assert len({r["id"] for r in rows}) == len(rows)
    for label in ("scam", "genuine"):
        picked = [r for r in rows if r["label"] == label]
        assert len(picked) >= 50
        assert {r["lang"] for r in picked} == {"zh", "en"}
    assert {r["label"] for r in rows} == {"scam", "genuine"}


def test_blind_r5_as_measured_after_its_general_fixes() -> None:
    rows = [json.loads(line) for line in (HERE / "data" / "scam_blind_r5.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert len(rows) == 100 and len({r["id"] for r in rows}) == 100
    verdicts = _verdicts(rows)
    missed = [r["id"] for r, v in verdicts if r["label"] == "scam" and v == "no_known_signals"]
    alarms = [r["id"] for r, v in verdicts if r["label"] == "genuine" and v == "danger"]
    assert len(missed) <= 2, missed
    assert alarms == ["r5-scam-en-34"], alarms  # a user's own story of a scam attempt; no SMS or notice


@pytest.mark.parametrize("name", FILES)
def test_every_scam_is_at_least_suspicious(name: str) -> None:
    missed = [r["id"] for r, v in _verdicts([r for r in CORPORA[name] if r["label"] == "scam"]) if v == "no_known_signals"]
    assert missed == []


@pytest.mark.parametrize("name", FILES)
def test_no_genuine_message_is_danger_and_few_are_suspicious(name: str) -> None:
    for lang in ("zh", "en"):
        genuine = _verdicts([r for r in CORPORA[name] if r["label"] == "genuine" and r["lang"] == lang])
        assert [r["id"] for r, v in genuine if v == "danger"] == []
        flagged = [r["id"] for r, v in genuine if v == "suspicious"]
        assert len(flagged) <= len(genuine) // 10, flagged


def test_sms_spam_collection_ham_is_never_danger_and_rarely_suspicious() -> None:
    ham = [(text, check_message(text, "en").verdict) for label, text in _tsv(_shared("sms-spam-collection.tsv"))
           if label == "ham"]
    assert len(ham) > 4000
    assert [t for t, v in ham if v == "danger"] == []
    assert sum(v == "suspicious" for _, v in ham) <= len(ham) // 100


def test_chinese_genuine_sms_are_never_danger_and_rarely_suspicious() -> None:
    ham = [(text, check_message(text, "zh").verdict) for _, text in _tsv(_shared("zh/zh-sms-ham.tsv"))]
    assert len(ham) > 3000
    assert [t for t, v in ham if v == "danger"] == []
    assert sum(v == "suspicious" for _, v in ham) <= len(ham) // 100


def _fill() -> object:
    """``benchmarks/scam_corpus.py``'s stand-ins for the placeholders of the Chinese fraud set."""
    spec = importlib.util.spec_from_file_location("scam_corpus_bench", HERE.parent / "benchmarks" / "scam_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.fill


def test_chinese_fraud_sms_are_mostly_flagged() -> None:
    fill = _fill()
    fraud = [check_message(fill(text), "zh").verdict for _, text in _tsv(_shared("zh/zh-fbs-fraud.tsv"))]  # type: ignore[operator]
    assert len(fraud) > 1000
    flagged = sum(v != "no_known_signals" for v in fraud)
    assert flagged >= 0.85 * len(fraud), f"{flagged}/{len(fraud)} flagged"
