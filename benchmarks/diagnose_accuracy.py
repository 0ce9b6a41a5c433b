"""Diagnose accuracy on the scenario set (``tests/data/diagnose_scenarios.jsonl``) and the blind batches.

Prints top-1 accuracy overall, per split (``tune`` / ``holdout``), per language and
per expected cause; urgent recall (every fraud, takeover or lost-phone scenario must
be urgent), urgent accuracy (urgent exactly when it should be) and false alarms (calm
scenarios marked urgent); then lists the misses.  The engine reads the rule files of
``knowledge/diagnose`` (compiled once, cached between runs).

Misses of the ``holdout`` split are hidden unless ``--show-holdout`` is given, so
that tuning the rules never looks at them.  Usage::

    python benchmarks/diagnose_accuracy.py [--file F ...] [--blind r4|r5|r6|r7 ...] [--show-holdout] [--json]

``--file`` and ``--blind`` may be given several times (the scenarios of all files are pooled);
``--blind r6`` reads ``tests/data/diagnose_blind_r6.jsonl`` instead of the default file
(``--blind-r4`` is the old spelling of ``--blind r4``).

Exit status 1 when a target of ``tests/test_diagnose_scenarios.py`` is missed
(top-1 >= 90 %, each cause >= 80 %, urgent recall 100 %, <= 2 false alarms).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from walletaid.engines.diagnose import diagnose
from walletaid.models.diagnose import DiagnoseAnswers

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"
DEFAULT_FILE = DATA_DIR / "diagnose_scenarios.jsonl"
TOP1_TARGET, CAUSE_TARGET, MAX_FALSE_ALARMS = 0.90, 0.80, 2


@dataclass(frozen=True)
class Outcome:
    """One scenario's result."""

    id: str
    lang: str
    split: str
    expect: str
    got: list[str]
    want_urgent: bool
    urgent: bool

    @property
    def hit(self) -> bool:
        return self.got[0] == self.expect


def load_scenarios(path: Path) -> list[dict[str, Any]]:
    """The scenarios, one JSON object a line (blank lines skipped)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def answers_of(raw: dict[str, Any], lang: str) -> DiagnoseAnswers:
    """A scenario's answers read as ``diagnose --answers`` reads a file (``operator: not_sure`` is "not answered",
    free text redacted); what the CLI says about them on stderr is left out."""
    from walletaid.flows.diagnose import read_answers

    with contextlib.redirect_stderr(io.StringIO()):
        return read_answers(raw, lang)  # type: ignore[arg-type]


def run(scenarios: list[dict[str, Any]]) -> list[Outcome]:
    """Diagnose every scenario in its own language."""
    out = []
    for sc in scenarios:
        lang = sc.get("lang", "en")
        result = diagnose(answers_of(sc["answers"], lang), lang)
        out.append(Outcome(sc["id"], lang, sc.get("split", "tune"), sc["expect"],
                           [c.id for c in result.causes], bool(sc["urgent"]), result.urgent))
    return out


def _rate(items: list[Outcome]) -> tuple[int, int]:
    return sum(o.hit for o in items), len(items)


def summary(outcomes: list[Outcome]) -> dict[str, Any]:
    """Accuracy by group, urgent recall and false alarms."""
    groups: dict[str, dict[str, list[Outcome]]] = {"split": defaultdict(list), "lang": defaultdict(list),
                                                   "cause": defaultdict(list)}
    for o in outcomes:
        groups["split"][o.split].append(o)
        groups["lang"][o.lang].append(o)
        groups["cause"][o.expect].append(o)
    urgent = [o for o in outcomes if o.want_urgent]
    return {
        "overall": _rate(outcomes),
        **{name: {k: _rate(v) for k, v in sorted(g.items())} for name, g in groups.items()},
        "urgent_recall": (sum(o.urgent for o in urgent), len(urgent)),
        "urgent_right": (sum(o.urgent is o.want_urgent for o in outcomes), len(outcomes)),
        "false_alarms": [o.id for o in outcomes if o.urgent and not o.want_urgent],
        "missed_urgent": [o.id for o in urgent if not o.urgent],
    }


def _pct(pair: tuple[int, int]) -> str:
    hit, n = pair
    return f"{hit}/{n} = {100 * hit / n:5.1f}%" if n else "n/a"


def report(outcomes: list[Outcome], show_holdout: bool) -> bool:
    """Print the summary and the misses; True when every target is met."""
    s = summary(outcomes)
    print(f"top-1 overall: {_pct(s['overall'])}")
    for name in ("split", "lang", "cause"):
        for key, pair in s[name].items():
            print(f"  {name:5} {key:30} {_pct(pair)}")
    print(f"urgent recall: {_pct(s['urgent_recall'])}  missed: {s['missed_urgent']}")
    print(f"urgent right: {_pct(s['urgent_right'])}")
    print(f"false alarms: {len(s['false_alarms'])} {s['false_alarms']}")
    print("misses:")
    hidden = 0
    for o in outcomes:
        if o.hit:
            continue
        if o.split == "holdout" and not show_holdout:
            hidden += 1
            continue
        print(f"  [{o.split}] {o.id}: expected {o.expect}, got {o.got[:3]}")
    if hidden:
        print(f"  ({hidden} holdout misses hidden; --show-holdout to list them)")
    hit, n = s["overall"]
    return (hit >= TOP1_TARGET * n and not s["missed_urgent"] and len(s["false_alarms"]) <= MAX_FALSE_ALARMS
            and all(h >= CAUSE_TARGET * k for h, k in s["cause"].values()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, action="append", help="a scenario file (repeatable)")
    parser.add_argument("--blind", action="append", choices=["r4", "r5", "r6", "r7"], help="a blind batch (repeatable)")
    parser.add_argument("--blind-r4", action="store_true", help="the fourth blind batch (same as --blind r4)")
    parser.add_argument("--show-holdout", action="store_true", help="also list the holdout split's misses")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON instead")
    args = parser.parse_args()
    blind = (args.blind or []) + (["r4"] if args.blind_r4 else [])
    files = (args.file or []) + [DATA_DIR / f"diagnose_blind_{name}.jsonl" for name in dict.fromkeys(blind)]
    outcomes = run([sc for path in (files or [DEFAULT_FILE]) for sc in load_scenarios(path)])
    if args.json:
        print(json.dumps(summary(outcomes), indent=1))
        return 0
    return 0 if report(outcomes, args.show_holdout) else 1


if __name__ == "__main__":
    sys.exit(main())
