"""The labelled corpus and the shared SMS corpus: recall and false-alarm bounds of the message check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from walletaid.engines.scam import check_message

HERE = Path(__file__).parent
CORPUS = [json.loads(line) for line in (HERE / "data" / "scam_corpus.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
SMS = HERE.parent.parent / "shared" / "corpora" / "sms-spam-collection.tsv"


def test_corpus_is_big_enough_and_bilingual() -> None:
    for label in ("scam", "genuine"):
        rows = [r for r in CORPUS if r["label"] == label]
        assert len(rows) >= 50
        assert {r["lang"] for r in rows} == {"zh", "en"}


@pytest.mark.parametrize("row", [r for r in CORPUS if r["label"] == "scam"], ids=lambda r: r["id"])
def test_every_scam_is_at_least_suspicious(row: dict[str, str]) -> None:
    assert check_message(row["text"], row["lang"]).verdict != "no_known_signals"  # type: ignore[arg-type]


@pytest.mark.parametrize("row", [r for r in CORPUS if r["label"] == "genuine"], ids=lambda r: r["id"])
def test_no_genuine_message_is_danger(row: dict[str, str]) -> None:
    assert check_message(row["text"], row["lang"]).verdict != "danger"  # type: ignore[arg-type]


def test_at_most_one_in_ten_genuine_messages_is_suspicious() -> None:
    genuine = [r for r in CORPUS if r["label"] == "genuine"]
    flagged = sum(check_message(r["text"], r["lang"]).verdict == "suspicious" for r in genuine)
    assert flagged <= len(genuine) // 10


@pytest.mark.skipif(not SMS.exists(), reason="shared corpus ../shared/corpora/sms-spam-collection.tsv not beside the repository")
def test_sms_spam_collection_ham_is_never_danger_and_rarely_suspicious() -> None:
    ham = []
    for line in SMS.read_text(encoding="utf-8", errors="replace").splitlines():
        label, _, text = line.partition("\t")
        if label == "ham":
            ham.append(check_message(text, "en").verdict)
    assert ham and "danger" not in ham
    assert ham.count("suspicious") <= len(ham) // 100
