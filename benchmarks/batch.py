"""Throughput of ``walletaid security-check --batch FILE --format json`` (issue 10: at least 10,000 messages/s).

Builds a JSON Lines file of ``--lines`` messages (default 50,000) from the shared corpora, the three sets
interleaved and repeated: the English SMS Spam Collection, the real Chinese genuine SMS and the Chinese
fraud SMS (placeholders filled with the neutral stand-ins of ``scam_corpus.py``), each line
``{"id": n, "text": ...}``.  Then runs the real command in a child process (stdout to a file, as a support
team would) and reports messages per CPU second (user + system of the child, ``os.wait4``: the whole
process, start-up included) and per wall second, median of ``--runs`` runs after one warm-up run (which
also fills the compiled-knowledge cache).  ``--engine`` adds the engine alone, in this process
(``check_message`` on each text, no JSON).

Run from the repository root:  python benchmarks/batch.py [--lines N] [--runs R] [--engine]
Exit status 1 when the median is below the target, so it can gate a release by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import zip_longest
from pathlib import Path

from scam_corpus import SHARED, fill
from startup import walletaid_command

ROOT = Path(__file__).resolve().parent.parent
TARGET = 10_000


def texts() -> list[str]:
    """The messages of the three sets, interleaved (one English, one Chinese genuine, one fraud, ...)."""
    shared = SHARED
    if not shared.is_dir():
        raise SystemExit(f"shared corpora not found at {shared}: set WALLETAID_CORPORA")
    sets = []
    for name, filled in (("sms-spam-collection.tsv", False), ("zh/zh-sms-ham.tsv", False), ("zh/zh-fbs-fraud.tsv", True)):
        lines = (shared / name).read_text(encoding="utf-8", errors="replace").splitlines()
        sets.append([fill(t) if filled else t for t in (line.partition("\t")[2] for line in lines) if t.strip()])
    return [t for row in zip_longest(*sets) for t in row if t is not None]


def write_input(path: Path, count: int) -> None:
    """``count`` JSON Lines, the corpus messages repeated in order."""
    pool = texts()
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({"id": n, "text": pool[n % len(pool)]}, ensure_ascii=False) + "\n")


def run_once(batch: Path, out: Path, env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one batch run; the child's output goes to ``out``."""
    started = time.perf_counter()
    with out.open("wb") as sink:
        child = subprocess.Popen([*walletaid_command(), "security-check", "--batch", str(batch), "--format", "json"],
                                 env=env, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = 0  # reaped above; keeps Popen from waiting again
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"the batch run failed (wait status {status})")
    return usage.ru_utime + usage.ru_stime, wall


def engine_rate(count: int) -> float:
    """Messages per CPU second of ``check_message`` alone, in this process (knowledge loaded first)."""
    from walletaid.engines.scam import check_message

    pool = texts()
    check_message("warm-up http://a.top/x 95588", "zh")
    started = time.process_time()
    for n in range(count):
        check_message(pool[n % len(pool)], "zh")
    return count / (time.process_time() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engine", action="store_true", help="also time the engine alone, in this process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        batch, out = Path(home) / "batch.jsonl", Path(home) / "out.jsonl"
        write_input(batch, args.lines)
        env = dict(os.environ, WALLETAID_HOME=home, WALLETAID_LANG="en")
        run_once(batch, out, env)  # warm-up: byte-code, OS cache, compiled knowledge
        runs = [run_once(batch, out, env) for _ in range(args.runs)]
        rows = sum(1 for _ in out.open("rb"))
    cpu, wall = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
    print(f"batch: {args.lines:,} lines -> {rows:,} result lines; median of {args.runs} runs")
    print(f"  CPU  {cpu:6.2f} s = {args.lines / cpu:8,.0f} messages/s (user + system, start-up included)")
    print(f"  wall {wall:6.2f} s = {args.lines / wall:8,.0f} messages/s")
    if args.engine:
        print(f"  engine alone (check_message, in process): {engine_rate(min(args.lines, 20_000)):,.0f} messages/s CPU")
    ok = args.lines / cpu >= TARGET
    print(f"target >= {TARGET:,} messages/s CPU: " + ("ok" if ok else "MISSED"))
    return 0 if ok and rows == args.lines else 1


if __name__ == "__main__":
    sys.exit(main())
