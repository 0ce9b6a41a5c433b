"""Diagnose accuracy on realistic scenarios (``tests/data/diagnose_scenarios.jsonl``) and the blind batches.

The first 225 scenarios were written and committed before the patterns were read
or tuned; 59 of them (``"split": "holdout"``) were never looked at while tuning.
Two later batches (ids ``r2-``, ``r3-``) were written blind against the tuned
patterns, then used for tuning.  A fourth blind batch lives on its own in
``diagnose_blind_r4.jsonl`` (180 scenarios, committed before the rules were read;
86.7 % top-1 before tuning) and is also appended here, with two probe batches
(``r4p-``, ``r4q-``, ``r4s-``) written after reading the rules to test that the fixes were
general.  ``diagnose_blind_r5.jsonl`` (150 scenarios, zh/en with Taiwan and Hong Kong wording)
was written by a helper that read neither the rules nor the earlier files: 78.7 % top-1,
95 % urgent recall and 3 false alarms before the fixes it prompted (new vocabulary, not
its sentences).

``diagnose_blind_r6.jsonl`` (40 scenarios: a lost or stolen phone, hard wallets and dual-offline
payment, e-CNY interest and promoter schemes) was written by a helper that read neither the rules
nor earlier data and committed before it was measured.  Measured once, as soon as the causes
``phone_lost`` and ``hard_wallet_problem`` existed and before any of its rows was read: **75.0 %
top-1 (30/40), urgent right in 95.0 % (38/40: recall 22/24, no false alarm)**.  The misses it showed
were fixed with general wording (a lost phone explains the payments and locks that follow it; a
hard wallet explains no signal, a card state and its own allowance; the user's own phone being
unsupported is a device problem; more ways to say a phone was stolen), never its sentences.

``diagnose_blind_r7.jsonl`` (40 scenarios: 13 lost or stolen phones, 13 hard-wallet problems, 14 nearby stories
with other first causes) was written by a helper that read only contracts.md, domain-facts.md and the answers
schema, and committed before it was measured.  Measured once, through the same replay and redaction as
``diagnose --answers``: **97.5 % top-1 (39/40), urgent recall 19/19, no false alarm**.  Its one miss (r7-38, a
hard-wallet story ranked ``device_problem`` first, ``hard_wallet_problem`` second) was left as it is: nothing was
tuned on r7.

When the rules moved to the rule format (issue 10) the causes ``phone_lost`` and
``hard_wallet_problem`` were added (issue 14); two probe scenarios of a lost phone followed by
payments the user did not make (``r4p-unauthorized_access-33``, ``-66``), labelled before
``phone_lost`` existed, now expect it, as r6 does for the same story.  The first run of the rewritten
engine gave 95.1 % top-1 here (holdout 54/59) and 90.7 % on r5; the misses were then listed *with*
the holdout rows (the five holdout misses were read and fixed with general wording), so since this
rewrite the holdout split is no longer unseen.

``benchmarks/diagnose_accuracy.py`` prints the same numbers with the misses (``--blind r6`` ...).
Each check below reports every failing row at once.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from walletaid.engines.diagnose import diagnose
from walletaid.flows.diagnose import read_answers
from walletaid.models.diagnose import CauseId, Diagnosis

DATA = Path(__file__).parent / "data"
URGENT_CAUSES = {"fraud_contact", "unauthorized_access", "phone_lost"}
NEW_CAUSES = {"phone_lost", "hard_wallet_problem"}  # issue 14: measured by r6, not by the batches written before them
OLD_CAUSES = set(CauseId.__args__) - NEW_CAUSES  # type: ignore[attr-defined]


def _load(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


SCENARIOS = _load("diagnose_scenarios.jsonl")
BLIND = {name: _load(f"diagnose_{name}.jsonl") for name in ("blind_r4", "blind_r5", "blind_r6", "blind_r7")}


def _run(scenario: dict[str, Any]) -> Diagnosis:
    """As ``diagnose --answers`` reads a file: replayed through the questions, free text redacted."""
    with contextlib.redirect_stderr(io.StringIO()):  # "ignored, because this question is asked only when …"
        answers = read_answers(scenario["answers"], scenario["lang"])
    return diagnose(answers, scenario["lang"])


RESULTS: dict[str, Diagnosis] = {sc["id"]: _run(sc) for sc in [*SCENARIOS, *(sc for rows in BLIND.values() for sc in rows)]}


def _misses(items: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(sc["id"], sc["expect"], RESULTS[sc["id"]].causes[0].id) for sc in items if RESULTS[sc["id"]].causes[0].id != sc["expect"]]


def _top1(items: list[dict[str, Any]]) -> float:
    return 1 - len(_misses(items)) / len(items)


def test_scenario_file_is_well_formed() -> None:
    ids = [sc["id"] for sc in SCENARIOS]
    assert len(ids) == len(set(ids)) and len(ids) >= 200
    langs = [sc["lang"] for sc in SCENARIOS]
    assert abs(langs.count("zh") - langs.count("en")) <= len(SCENARIOS) // 10
    assert 50 <= sum(sc["split"] == "holdout" for sc in SCENARIOS) <= 70
    wrong = [sc["id"] for sc in SCENARIOS if sc["expect"] not in CauseId.__args__  # type: ignore[attr-defined]
             or sc["urgent"] is not (sc["expect"] in URGENT_CAUSES)]
    assert not wrong


def test_every_cause_has_at_least_ten_scenarios() -> None:
    thin = {cause: n for cause in sorted(OLD_CAUSES - {"unknown"}) if (n := sum(sc["expect"] == cause for sc in SCENARIOS)) < 10}
    assert not thin


def test_top1_accuracy_at_least_90_percent() -> None:
    assert _top1(SCENARIOS) >= 0.90, _misses(SCENARIOS)


def test_top1_accuracy_per_split_and_language() -> None:
    low = {}
    for key, value, floor in [("split", "tune", 0.85), ("split", "holdout", 0.85), ("lang", "zh", 0.90), ("lang", "en", 0.90)]:
        share = _top1([sc for sc in SCENARIOS if sc[key] == value])
        if share < floor:
            low[f"{key}={value}"] = round(share, 3)
    assert not low


def test_each_cause_at_least_80_percent() -> None:
    by_cause: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sc in SCENARIOS:
        by_cause[sc["expect"]].append(sc)
    weak = {cause: round(_top1(items), 2) for cause, items in by_cause.items() if _top1(items) < 0.80}
    assert not weak


def test_every_fraud_takeover_or_lost_phone_scenario_is_urgent() -> None:
    calm = [sc["id"] for sc in SCENARIOS if sc["urgent"] and not (RESULTS[sc["id"]].urgent and RESULTS[sc["id"]].urgent_actions)]
    assert not calm


def test_at_most_two_false_alarms() -> None:
    alarms = [sc["id"] for sc in SCENARIOS if not sc["urgent"] and RESULTS[sc["id"]].urgent]
    assert len(alarms) <= 2, alarms


def test_calm_scenarios_never_rank_fraud_first() -> None:
    wrong = [sc["id"] for sc in SCENARIOS if not sc["urgent"] and RESULTS[sc["id"]].causes[0].id in URGENT_CAUSES]
    assert len(wrong) <= 2, wrong


def test_blind_r4_file_is_well_formed_and_appended() -> None:
    r4 = BLIND["blind_r4"]
    assert len(r4) >= 160 and len({sc["id"] for sc in r4}) == len(r4)
    langs = [sc["lang"] for sc in r4]
    assert langs.count("zh") == langs.count("en")
    assert all(sum(sc["expect"] == cause for sc in r4) >= 10 for cause in OLD_CAUSES - {"unknown"})
    assert all(sc["split"] == "blind_r4" and sc["urgent"] is (sc["expect"] in URGENT_CAUSES) for sc in r4)
    tuned = {sc["id"]: sc for sc in SCENARIOS}
    assert all(tuned[sc["id"]]["answers"] == sc["answers"] for sc in r4)


def test_blind_r5_file_is_well_formed() -> None:
    r5 = BLIND["blind_r5"]
    assert len(r5) == 150 and len({sc["id"] for sc in r5}) == len(r5)
    assert all(sum(sc["expect"] == cause for sc in r5) >= 10 for cause in OLD_CAUSES)
    assert all(sc["split"] == "blind_r5" and sc["urgent"] is (sc["expect"] in URGENT_CAUSES) for sc in r5)


def test_blind_r6_file_is_well_formed() -> None:
    r6 = BLIND["blind_r6"]
    assert len(r6) == 40 and len({sc["id"] for sc in r6}) == len(r6)
    assert {sc["expect"] for sc in r6} >= NEW_CAUSES
    assert all(sc["urgent"] is (sc["expect"] in URGENT_CAUSES) for sc in r6)


def test_blind_r7_file_is_well_formed() -> None:
    r7 = BLIND["blind_r7"]
    assert len(r7) == 40 and len({sc["id"] for sc in r7}) == len(r7)
    assert all(sum(sc["expect"] == cause for sc in r7) >= 10 for cause in NEW_CAUSES)
    assert all(sc["urgent"] is (sc["expect"] in URGENT_CAUSES) for sc in r7)


@pytest.mark.parametrize("batch", BLIND)
def test_blind_batch_top1_at_least_90_percent(batch: str) -> None:
    rows = BLIND[batch]
    misses = _misses(rows)
    assert len(misses) <= 0.10 * len(rows), misses


@pytest.mark.parametrize("batch", BLIND)
def test_every_urgent_blind_scenario_is_urgent(batch: str) -> None:
    calm = [sc["id"] for sc in BLIND[batch] if sc["urgent"] and not (RESULTS[sc["id"]].urgent and RESULTS[sc["id"]].urgent_actions)]
    assert not calm


@pytest.mark.parametrize("batch", BLIND)
def test_blind_batch_calm_scenarios_raise_at_most_two_alarms(batch: str) -> None:
    alarms = [sc["id"] for sc in BLIND[batch] if not sc["urgent"] and RESULTS[sc["id"]].urgent]
    assert len(alarms) <= 2, alarms
