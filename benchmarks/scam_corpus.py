"""Benchmark the message check: recall and false alarms on every labelled set, per category, and speed.

Sets: the engine's own labelled corpus and the blind batches (tests/data), the English SMS Spam
Collection, and the development half of the real Chinese SMS sets in ../shared/corpora/zh (the other
half is kept aside and measured separately; see that folder's README).

The Chinese fraud set has its contacts replaced by placeholders.  They are filled with stand-ins
that carry no verdict of their own, so the message's words have to: a link on a domain that belongs
to no listed brand and has an ordinary TLD (``URL``), a mainland mobile (``CELLPHONE``), a landline
(``PHONE``), a 400 number nobody lists (``HOTLINE``), a card number (``BANK``), a WeChat id (``WECHAT``),
a name, a place and a digit.

Run from the repository root:  python benchmarks/scam_corpus.py
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

from walletaid.engines.scam import check_message

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
LABELLED = ["scam_corpus.jsonl", "scam_blind_r2.jsonl", "scam_blind_r3.jsonl", "scam_blind_r4.jsonl", "scam_blind_r5.jsonl"]


def corpora() -> Path:
    """The shared corpora: ``WALLETAID_CORPORA``, else ``shared/corpora`` beside the repository or beside a parent
    of it (a git worktree lives deeper than the main checkout); the usual place when none is found."""
    chosen = os.environ.get("WALLETAID_CORPORA")
    if chosen:
        return Path(chosen)
    found = next((p / "shared" / "corpora" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()), None)
    return found or ROOT.parent / "shared" / "corpora"


SHARED = corpora()
STAND_INS = {
    "URL": "http://www.uvwxyz-info.com/a", "CELLPHONE": "13812345678", "PHONE": "02154321987", "HOTLINE": "4008061234",
    "BANK": "6222020200112233445", "WECHAT": "wx12345", "NAME": "张伟", "PLACE": "北京", "DIGIT": "8",
}
_PLACEHOLDER = re.compile("|".join(STAND_INS))


def fill(text: str) -> str:
    """A fraud line with its placeholders replaced by neutral stand-ins (see the module docstring)."""
    return _PLACEHOLDER.sub(lambda m: STAND_INS[m.group(0)], text)


def labelled(name: str) -> None:
    rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    verdicts = [(r["label"], r["lang"], check_message(r["text"], r["lang"]).verdict) for r in rows]
    print(name)
    for lang in ("zh", "en", "all"):
        pick = [v for v in verdicts if lang == "all" or v[1] == lang]
        scams = [v[2] for v in pick if v[0] == "scam"]
        genuine = [v[2] for v in pick if v[0] == "genuine"]
        print(f"  [{lang:3}] scams {len(scams):3}: flagged {_share(scams, lambda v: v != 'no_known_signals')}  "
              f"danger {_share(scams, lambda v: v == 'danger')} | genuine {len(genuine):3}: suspicious "
              f"{genuine.count('suspicious')}  danger {genuine.count('danger')}")
    misses = [r["id"] for r, v in zip(rows, verdicts) if (v[0] == "scam") == (v[2] == "no_known_signals") or (v[0] == "genuine" and v[2] == "danger")]
    if misses:
        print("  misses:", ", ".join(misses))


def _share(values: list[str], test: object) -> str:
    hits = sum(1 for v in values if test(v))  # type: ignore[operator]
    return f"{hits}/{len(values)} ({hits / max(1, len(values)):.1%})"


def tsv(path: Path, lang: str, fill_placeholders: bool) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        label, _, text = line.partition("\t")
        counts[(label, check_message(fill(text) if fill_placeholders else text, lang).verdict)] += 1  # type: ignore[arg-type]
    return counts


def report(title: str, counts: Counter[tuple[str, str]]) -> None:
    print(title)
    for label in sorted({lab for lab, _ in counts}):
        n = sum(v for (lab, _), v in counts.items() if lab == label)
        d, s = counts[(label, "danger")], counts[(label, "suspicious")]
        print(f"  {label:20} {n:5}: danger {d:5}  suspicious {s:5}  flagged {(d + s) / n:6.1%}")


def shared_sets() -> None:
    if not SHARED.exists():
        print(f"shared corpora not found at {SHARED}; skipped")
        return
    report("SMS Spam Collection (en; ham must not be flagged, spam is not all fraud)", tsv(SHARED / "sms-spam-collection.tsv", "en", False))
    report("zh genuine SMS, development half (by source)", tsv(SHARED / "zh" / "zh-sms-ham.tsv", "zh", False))
    fraud = tsv(SHARED / "zh" / "zh-fbs-fraud.tsv", "zh", True)
    report("zh fraud SMS, development half (by category)", fraud)
    total = sum(fraud.values())
    flagged = sum(v for (_, verdict), v in fraud.items() if verdict != "no_known_signals")
    print(f"  all fraud             {total:5}: flagged {flagged / total:6.1%}")


def speed() -> None:
    if not SHARED.exists():
        return
    texts = [line.partition("\t")[2] for name in ("zh/zh-sms-ham.tsv", "zh/zh-fbs-fraud.tsv", "sms-spam-collection.tsv")
             for line in (SHARED / name).read_text(encoding="utf-8", errors="replace").splitlines()]
    started = time.process_time()
    for text in texts:
        check_message(text, "zh")
    elapsed = time.process_time() - started
    print(f"speed: {len(texts)} messages in {elapsed:.2f} s CPU = {len(texts) / elapsed:,.0f} messages/s (engine only)")


def one_megabyte() -> None:
    """Seconds for 1 MB messages of repeated text (the longest message the check reads): must stay linear."""
    cases = {
        "a scam repeated": "您好,我是淘宝客服,请把验证码发给我。http://a.top/x 致电400-95588 " * 20000,
        "one digit": "1" * 1_000_000,
        "Chinese characters": "中" * 1_000_000,
        "a brand tag repeated": "【工商银行】" * 200_000,
        "English words": "send " * 200_000,
    }
    for name, text in cases.items():
        started = time.process_time()
        check_message(text[:1_000_000], "zh")
        print(f"1 MB message ({name}): {time.process_time() - started:.2f} s CPU")


if __name__ == "__main__":
    check_message("warm-up: load the knowledge once, http://a.top/x 95588", "en")
    for name in LABELLED:
        labelled(name)
    shared_sets()
    if "--no-speed" not in sys.argv:
        speed()
        one_megabyte()
