"""Diagnose accuracy on realistic scenarios (``tests/data/diagnose_scenarios.jsonl``).

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
its sentences).  ``benchmarks/diagnose_accuracy.py`` prints the same numbers with the misses
(``--file tests/data/diagnose_blind_r5.jsonl``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from walletaid.engines.diagnose import diagnose
from walletaid.models.diagnose import CauseId, DiagnoseAnswers, Diagnosis

DATA = Path(__file__).parent / "data" / "diagnose_scenarios.jsonl"
BLIND_R4 = Path(__file__).parent / "data" / "diagnose_blind_r4.jsonl"
BLIND_R5 = Path(__file__).parent / "data" / "diagnose_blind_r5.jsonl"


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


SCENARIOS = _load(DATA)
R4 = _load(BLIND_R4)
R5 = _load(BLIND_R5)
BLIND = {"blind_r4": R4, "blind_r5": R5}
URGENT_CAUSES = {"fraud_contact", "unauthorized_access"}


def _run(scenario: dict[str, Any]) -> Diagnosis:
    return diagnose(DiagnoseAnswers.model_validate(scenario["answers"]), scenario["lang"])


RESULTS: dict[str, Diagnosis] = {sc["id"]: _run(sc) for sc in SCENARIOS}
BLIND_RESULTS: dict[str, Diagnosis] = {sc["id"]: _run(sc) for batch in BLIND.values() for sc in batch}


def _top1(items: list[dict[str, Any]]) -> float:
    return sum(RESULTS[sc["id"]].causes[0].id == sc["expect"] for sc in items) / len(items)


def test_scenario_file_is_well_formed() -> None:
    ids = [sc["id"] for sc in SCENARIOS]
    assert len(ids) == len(set(ids)) and len(ids) >= 200
    langs = [sc["lang"] for sc in SCENARIOS]
    assert abs(langs.count("zh") - langs.count("en")) <= len(SCENARIOS) // 10
    assert 50 <= sum(sc["split"] == "holdout" for sc in SCENARIOS) <= 70
    for sc in SCENARIOS:
        assert sc["expect"] in CauseId.__args__  # type: ignore[attr-defined]
        assert sc["urgent"] is (sc["expect"] in URGENT_CAUSES), sc["id"]


@pytest.mark.parametrize("cause", sorted(set(CauseId.__args__) - {"unknown"}))  # type: ignore[attr-defined]
def test_every_cause_has_at_least_ten_scenarios(cause: str) -> None:
    assert sum(sc["expect"] == cause for sc in SCENARIOS) >= 10


def test_top1_accuracy_at_least_90_percent() -> None:
    misses = [(sc["id"], RESULTS[sc["id"]].causes[0].id) for sc in SCENARIOS if RESULTS[sc["id"]].causes[0].id != sc["expect"]]
    assert _top1(SCENARIOS) >= 0.90, misses


@pytest.mark.parametrize("split", ["tune", "holdout"])
def test_top1_accuracy_per_split(split: str) -> None:
    assert _top1([sc for sc in SCENARIOS if sc["split"] == split]) >= 0.85


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_top1_accuracy_per_language(lang: str) -> None:
    assert _top1([sc for sc in SCENARIOS if sc["lang"] == lang]) >= 0.90


def test_each_cause_at_least_80_percent() -> None:
    by_cause: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sc in SCENARIOS:
        by_cause[sc["expect"]].append(sc)
    weak = {cause: round(_top1(items), 2) for cause, items in by_cause.items() if _top1(items) < 0.80}
    assert not weak


@pytest.mark.parametrize("scenario", [sc for sc in SCENARIOS if sc["urgent"]], ids=lambda sc: sc["id"])
def test_every_fraud_or_takeover_scenario_is_urgent(scenario: dict[str, Any]) -> None:
    result = RESULTS[scenario["id"]]
    assert result.urgent, [c.id for c in result.causes]
    assert result.urgent_actions


def test_at_most_two_false_alarms() -> None:
    alarms = [sc["id"] for sc in SCENARIOS if not sc["urgent"] and RESULTS[sc["id"]].urgent]
    assert len(alarms) <= 2, alarms


def test_calm_scenarios_never_rank_fraud_first() -> None:
    wrong = [sc["id"] for sc in SCENARIOS if not sc["urgent"] and RESULTS[sc["id"]].causes[0].id in URGENT_CAUSES]
    assert len(wrong) <= 2, wrong


def test_blind_r4_file_is_well_formed_and_appended() -> None:
    assert len(R4) >= 160 and len({sc["id"] for sc in R4}) == len(R4)
    langs = [sc["lang"] for sc in R4]
    assert langs.count("zh") == langs.count("en")
    for cause in set(CauseId.__args__) - {"unknown"}:  # type: ignore[attr-defined]
        assert sum(sc["expect"] == cause for sc in R4) >= 10, cause
    for sc in R4:
        assert sc["split"] == "blind_r4" and sc["urgent"] is (sc["expect"] in URGENT_CAUSES), sc["id"]
    tuned = {sc["id"]: sc for sc in SCENARIOS}
    assert all(tuned[sc["id"]]["answers"] == sc["answers"] for sc in R4)


def test_blind_r5_file_is_well_formed() -> None:
    assert len(R5) == 150 and len({sc["id"] for sc in R5}) == len(R5)
    for cause in CauseId.__args__:  # type: ignore[attr-defined]
        assert sum(sc["expect"] == cause for sc in R5) >= 10, cause
    for sc in R5:
        assert sc["split"] == "blind_r5" and sc["urgent"] is (sc["expect"] in URGENT_CAUSES), sc["id"]


@pytest.mark.parametrize("batch", BLIND)
def test_blind_batch_top1_at_least_90_percent(batch: str) -> None:
    rows = BLIND[batch]
    misses = [(sc["id"], BLIND_RESULTS[sc["id"]].causes[0].id) for sc in rows
              if BLIND_RESULTS[sc["id"]].causes[0].id != sc["expect"]]
    assert len(misses) <= 0.10 * len(rows), misses


@pytest.mark.parametrize("scenario", [sc for batch in BLIND.values() for sc in batch if sc["urgent"]],
                         ids=lambda sc: sc["id"])
def test_every_urgent_blind_scenario_is_urgent(scenario: dict[str, Any]) -> None:
    result = BLIND_RESULTS[scenario["id"]]
    assert result.urgent and result.urgent_actions, [c.id for c in result.causes]


@pytest.mark.parametrize("batch", BLIND)
def test_blind_batch_calm_scenarios_raise_at_most_two_alarms(batch: str) -> None:
    alarms = [sc["id"] for sc in BLIND[batch] if not sc["urgent"] and BLIND_RESULTS[sc["id"]].urgent]
    assert len(alarms) <= 2, alarms
