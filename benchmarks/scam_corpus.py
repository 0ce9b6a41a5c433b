"""Benchmark the message check: recall and false alarms on the labelled corpora, the shared SMS corpus, speed.

Run from the repository root:  .venv/bin/python benchmarks/scam_corpus.py
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from walletaid.engines.scam import check_message

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "tests" / "data" / name for name in ("scam_corpus.jsonl", "scam_blind_r2.jsonl", "scam_blind_r3.jsonl")]
SMS = ROOT.parent / "shared" / "corpora" / "sms-spam-collection.tsv"


def labelled(corpus: Path) -> None:
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(corpus.name)
    started = time.perf_counter()
    verdicts = [(r["label"], r["lang"], check_message(r["text"], r["lang"]).verdict) for r in rows]
    elapsed = time.perf_counter() - started
    for lang in ("zh", "en", "all"):
        pick = [v for v in verdicts if lang == "all" or v[1] == lang]
        scams = [v[2] for v in pick if v[0] == "scam"]
        genuine = [v[2] for v in pick if v[0] == "genuine"]
        recall = sum(v != "no_known_signals" for v in scams) / len(scams)
        danger_recall = scams.count("danger") / len(scams)
        false_alarm = sum(v != "no_known_signals" for v in genuine) / len(genuine)
        print(f"[{lang:3}] scams {len(scams):3}  recall (>= suspicious) {recall:6.1%}  danger {danger_recall:6.1%} | "
              f"genuine {len(genuine):3}  false alarms {false_alarm:6.1%}  danger {genuine.count('danger')}")
    misses = [r["id"] for r, v in zip(rows, verdicts) if (v[0] == "scam") == (v[2] == "no_known_signals") or (v[0] == "genuine" and v[2] == "danger")]
    if misses:
        print("  misses:", ", ".join(misses))
    print(f"labelled corpus: {len(rows)} messages in {elapsed:.3f}s = {len(rows) / elapsed:,.0f} messages/s")


def sms_collection() -> None:
    if not SMS.exists():
        print(f"shared SMS corpus not found at {SMS}; skipped")
        return
    counts: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    for line in SMS.read_text(encoding="utf-8", errors="replace").splitlines():
        label, _, text = line.partition("\t")
        counts[(label, check_message(text, "en").verdict)] += 1
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    for label in ("ham", "spam"):
        n = sum(v for (lab, _), v in counts.items() if lab == label)
        print(f"SMS {label:4} {n:5}: danger {counts[(label, 'danger')]:4}  suspicious {counts[(label, 'suspicious')]:4}  "
              f"none {counts[(label, 'no_known_signals')]:5}")
    print(f"SMS corpus: {total} messages in {elapsed:.2f}s = {total / elapsed:,.0f} messages/s")


def one_megabyte() -> None:
    rows = [json.loads(line) for corpus in CORPORA for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    mixed = "\n".join(r["text"] for r in rows)
    cases = {
        "labelled messages joined": (mixed * (1_000_000 // len(mixed) + 1))[:1_000_000],
        "one scam repeated": ("您好,我是淘宝客服,请把验证码发给我。http://a.top/x 致电400-95588 " * 20_000)[:1_000_000],
    }
    for name, text in cases.items():
        started = time.perf_counter()
        check_message(text, "zh")
        print(f"1 MB message ({name}): {time.perf_counter() - started:.3f}s")


if __name__ == "__main__":
    check_message("warm-up: load the knowledge once, http://a.top/x 95588", "en")
    for corpus in CORPORA:
        labelled(corpus)
    sms_collection()
    one_megabyte()
