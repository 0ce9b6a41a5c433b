"""The diagnose knowledge base: complete, bilingual, valid regexes, facts only from domain-facts."""

from __future__ import annotations

import re
import time

import pytest
from pydantic import ValidationError

from walletaid.engines.textmatch import normalize
from walletaid.knowledge import load, read_json
from walletaid.knowledge.kb_models import CauseCatalog, DiagnoseRules, Pattern
from walletaid.models.diagnose import CauseId, Symptom

CAUSE_IDS = set(CauseId.__args__)  # type: ignore[attr-defined]
SYMPTOMS = set(Symptom.__args__)  # type: ignore[attr-defined]
# phone numbers walletaid may state (domain-facts.md); anything else in the data is an invented number
ALLOWED_NUMBERS = {
    "956196", "95588", "95599", "95566", "95533", "95559", "95580", "95555", "95561",
    "110", "96110", "12363", "12378", "12381", "12348",
}


def _catalog() -> CauseCatalog:
    return load("causes", CauseCatalog)


def _rules() -> DiagnoseRules:
    return load("diagnose_rules", DiagnoseRules)


def test_every_contract_cause_is_described() -> None:
    assert set(_catalog().causes) == CAUSE_IDS


@pytest.mark.parametrize("cause_id", sorted(CAUSE_IDS))
def test_cause_texts_complete_in_both_languages(cause_id: str) -> None:
    info = _catalog().causes[cause_id]  # type: ignore[index]
    assert len(info.steps) >= 3
    for steps in [info.steps, *info.steps_by_wallet.values()]:
        assert len(steps) >= 3
        for step in steps:
            assert step.zh.strip() and step.en.strip()
            assert re.search(r"[\u4e00-\u9fff]", step.zh), step.zh
    for text in (info.title, info.explanation, info.when_to_contact):
        assert text.zh.strip() and text.en.strip()
        assert re.search(r"[\u4e00-\u9fff]", text.zh)


def _all_strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() if k != "sources" for s in _all_strings(v)]  # sources hold URLs
    if isinstance(node, list):
        return [s for v in node for s in _all_strings(v)]
    return []


@pytest.mark.parametrize("name", ["causes", "diagnose_rules"])
def test_only_known_phone_numbers_are_stated(name: str) -> None:
    data = read_json(name)
    if name == "diagnose_rules":
        data = {k: v for k, v in data.items() if k != "patterns"}  # type: ignore[union-attr]
    numbers = {n for s in _all_strings(data) for n in re.findall(r"(?<![\d,¥])\d{3,}(?![\d,])", s)}
    assert numbers <= ALLOWED_NUMBERS | {"2000", "5000", "24"}, numbers - ALLOWED_NUMBERS


def test_unconfirmed_operator_hotlines_are_left_out() -> None:
    operators = _rules().fallback_contacts.operators
    assert operators["mybank"].hotline is None and operators["webank"].hotline is None


def test_priors_cover_every_symptom_and_only_known_causes() -> None:
    rules = _rules()
    assert set(rules.symptom_priors) == SYMPTOMS
    assert all(set(p) <= CAUSE_IDS for p in rules.symptom_priors.values())


def test_every_cause_but_unknown_has_patterns() -> None:
    covered = {p.cause for p in _rules().patterns}
    assert covered == CAUSE_IDS - {"unknown"}


@pytest.mark.parametrize("pattern", _rules().patterns + _rules().support_patterns, ids=lambda p: p.id)
def test_pattern_compiles_and_stays_fast(pattern: Pattern) -> None:
    """Patterns are compiled on first use, not at load: this is where a broken regex is caught."""
    regex = re.compile(pattern.regex)
    for extra in (pattern.unless, pattern.requires):
        if extra:
            re.compile(extra)
    hostile = normalize("余额" * 2000 + "a " * 2000 + "超过" * 1000)
    start = time.perf_counter()
    regex.search(hostile)
    assert time.perf_counter() - start < 0.5


def test_broken_negation_regex_is_rejected_at_load() -> None:
    data = read_json("diagnose_rules")
    with pytest.raises(ValidationError):
        DiagnoseRules.model_validate(dict(data, negation="(unclosed"))


def test_both_languages_have_patterns_for_each_cause() -> None:
    by_cause: dict[str, set[str]] = {}
    for p in _rules().patterns:
        lang = "zh" if re.search(r"[\u4e00-\u9fff]", p.regex) else "en"
        by_cause.setdefault(p.cause, set()).add(lang)
    assert all(langs == {"zh", "en"} for langs in by_cause.values()), by_cause


def test_fraud_and_takeover_patterns_are_urgent() -> None:
    for p in _rules().patterns:
        assert p.urgent is (p.cause in ("fraud_contact", "unauthorized_access")), p.id


def test_thresholds_ordered() -> None:
    with pytest.raises(ValidationError):
        DiagnoseRules.model_validate({**read_json("diagnose_rules"), "thresholds": {  # type: ignore[dict-item]
            "min_score": 5, "medium": 3, "high": 6, "max_causes": 3, "urgent_boost": 1}})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("余 额 不 足", "余额不足"), ("ＮＦＣ未开启", "nfc未开启"), ("Network  ERROR", "network error"),
     ("超过 daily 限额", "超过daily限额"), ("“安全账户”", '"安全账户"')],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_pattern_hints_are_current() -> None:
    """A stale hint could hide a match: every stored hint must equal what the regex requires."""
    from walletaid.engines.diagnose import rules
    from walletaid.engines.literals import required_literals

    data = rules()
    stale = [p.id for p in data.patterns + data.support_patterns if p.hint != required_literals(p.regex)]
    assert not stale, f"run `python scripts/pattern_hints.py`; stale hints: {stale}"


@pytest.mark.parametrize(
    ("regex", "matching", "hint"),
    [
        ("超过(钱包)?(年)?累计.{0,6}(额度|限额)", "超过钱包年累计支付额度", ["超过"]),
        ("(超过|超出|超限).{0,8}(限额|额度|上限)", "超出单笔限额", ["上限", "限额", "额度"]),
        (r"\b(network|connection) (error|failed)", "a network error", ["connection", "network"]),
        ("a?b", "b", ["b"]),
        ("[ab]c|d", "bc", ["c", "d"]),
        (r"(?<!没)有人(要|问)", "有人要", ["有人"]),
        (".*", "anything", None),
        ("(?i)abc", "ABC", None),
        ("x(yz)?", "x", ["x"]),
        ("(a|b*)c", "c", ["c"]),
    ],
)
def test_required_literals_never_miss_a_match(regex: str, matching: str, hint: list[str] | None) -> None:
    from walletaid.engines.literals import may_match, required_literals

    assert required_literals(regex) == hint
    assert re.search(regex, matching)
    assert may_match(required_literals(regex), matching)


def test_hints_never_reject_a_text_the_regex_matches() -> None:
    """Property over the real patterns: on every scenario text, a regex that matches is never filtered out."""
    import json
    from pathlib import Path

    from walletaid.engines.diagnose import rules
    from walletaid.engines.literals import may_match
    from walletaid.engines.textmatch import normalize

    lines = (Path(__file__).parent / "data" / "diagnose_scenarios.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [normalize(v) for line in lines for k, v in json.loads(line)["answers"].items()
             if k in ("error_message", "description") and v]
    data = rules()
    for pattern in data.patterns + data.support_patterns:
        compiled = re.compile(pattern.regex)
        for text in texts:
            if compiled.search(text):
                assert may_match(pattern.hint, text), (pattern.id, text)
