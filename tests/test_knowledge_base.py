"""The diagnose knowledge base: complete, bilingual, valid rule files, facts only from domain-facts."""

from __future__ import annotations

import re

import pytest

from walletaid.knowledge import load, read_json
from walletaid.knowledge.schemas.causes import CauseCatalog
from walletaid.knowledge.schemas.rules import DiagnoseRuleFile, DiagnoseScoring, StoryFile
from walletaid.matching import knowledge
from walletaid.matching.loader import KNOWLEDGE, KnowledgeError, validate
from walletaid.models.diagnose import CauseId, Symptom

CAUSE_IDS = set(CauseId.__args__)  # type: ignore[attr-defined]
SYMPTOMS = set(Symptom.__args__)  # type: ignore[attr-defined]
DIAGNOSE = KNOWLEDGE / "diagnose"
# phone numbers walletaid may state (domain-facts.md); anything else in the data is an invented number
ALLOWED_NUMBERS = {
    "956196", "95588", "95599", "95566", "95533", "95559", "95580", "95555", "95561",
    "110", "96110", "12363", "12378", "12381", "12348", "10086", "10010", "10000",
}
# amounts and limits stated by domain-facts §1 (the tier table); "24" hours of a lock
ALLOWED_FIGURES = {"2000", "5000", "24", "2026"}


def _catalog() -> CauseCatalog:
    return load("causes", CauseCatalog)


def _scoring() -> DiagnoseScoring:
    return validate(DiagnoseScoring, DIAGNOSE / "scoring.yaml")


def _rule_files() -> dict[str, DiagnoseRuleFile]:
    return {p.stem: validate(DiagnoseRuleFile, p) for p in sorted((DIAGNOSE / "rules").glob("*.yaml"))}


def test_every_contract_cause_is_described() -> None:
    assert set(_catalog().causes) == CAUSE_IDS


def test_cause_texts_complete_in_both_languages() -> None:
    problems = []
    for cause_id, info in _catalog().causes.items():
        for steps in [info.steps, *info.steps_by_wallet.values()]:
            if len(steps) < 3:
                problems.append(f"{cause_id}: fewer than 3 steps")
            problems += [f"{cause_id}: {s.en!r} has no Chinese" for s in steps if not re.search(r"[\u4e00-\u9fff]", s.zh)]
        for text in (info.title, info.explanation, info.when_to_contact):
            if not (text.zh.strip() and text.en.strip() and re.search(r"[\u4e00-\u9fff]", text.zh)):
                problems.append(f"{cause_id}: {text.en!r} incomplete")
    assert not problems, problems


def _all_strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() if k != "sources" for s in _all_strings(v)]  # sources hold URLs
    if isinstance(node, list):
        return [s for v in node for s in _all_strings(v)]
    return []


def test_only_known_phone_numbers_are_stated() -> None:
    numbers = {n for s in _all_strings(read_json("causes")) for n in re.findall(r"(?<![\d,¥])\d{3,}(?![\d,])", s)}
    assert numbers <= ALLOWED_NUMBERS | ALLOWED_FIGURES, numbers - ALLOWED_NUMBERS - ALLOWED_FIGURES


def test_limits_state_only_the_sourced_tier_table() -> None:
    """Issue 14: no tier-3 single/daily/yearly figures; the App's own wallet management is what counts."""
    info = _catalog().causes["wallet_limit_exceeded"]  # type: ignore[index]
    zh = " ".join([info.explanation.zh, *(s.zh for s in info.steps)])
    assert "以 App 中钱包管理显示为准" in zh
    assert "三类钱包单笔 5000" not in zh and "每日 1 万" not in zh
    tier3 = next(s.zh for s in info.steps if "三类" in s.zh)
    assert "没有查到可靠来源" in tier3.split("三类")[1].split("；")[0]


def test_file_name_is_the_cause_and_every_cause_has_rules_in_both_languages() -> None:
    files = _rule_files()
    assert set(files) == CAUSE_IDS
    for name, data in files.items():
        assert data.cause == name
        words = " ".join(p for r in data.rules for group in (r.any or [], *(r.all or [])) for p in group)
        assert re.search(r"[\u4e00-\u9fff]", words) and re.search(r"[a-z]{3}", words), name


def test_fraud_takeover_and_lost_phone_rules_are_urgent_and_the_others_are_not() -> None:
    urgent_causes = {"fraud_contact", "unauthorized_access", "phone_lost"}
    wrong = [(name, r.id) for name, data in _rule_files().items() for r in data.rules if r.urgent is not (name in urgent_causes)]
    assert not wrong


def test_scoring_names_only_known_symptoms_and_causes() -> None:
    scoring = _scoring()
    assert set(scoring.symptom_priors) == SYMPTOMS
    assert all(set(p) <= CAUSE_IDS for p in scoring.symptom_priors.values())
    assert set(scoring.urgent_symptoms) <= SYMPTOMS and set(scoring.urgent_symptoms.values()) <= CAUSE_IDS
    assert scoring.urgent_symptoms["phone_lost"] == "phone_lost"
    for rule in scoring.context:
        assert rule.cause in CAUSE_IDS and set(rule.symptoms) <= SYMPTOMS
    assert set(scoring.caller_pretexts) <= CAUSE_IDS - {"fraud_contact", "unauthorized_access", "phone_lost"}


def test_story_rules_the_advice_reads_exist() -> None:
    ids = {r.id for r in validate(StoryFile, DIAGNOSE / "story.yaml").rules}
    assert {"called", "messaged", "money_gone", "exchange"} <= ids


def test_a_broken_rule_file_names_the_file_line_and_rule(tmp_path: pytest.TempPathFactory) -> None:
    bad = tmp_path / "network_problem.yaml"  # type: ignore[operator]
    bad.write_text("cause: network_problem\nrules:\n  - id: x\n    any: [网络]\n    within: 3\n    weight: 1\n"
                   "    examples: {match: [网络]}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"network_problem.yaml, line 3, rule x"):
        validate(DiagnoseRuleFile, bad)


def test_thresholds_ordered() -> None:
    data = _scoring().model_dump()
    data["thresholds"] = {"min_score": 5, "medium": 3, "high": 6, "max_causes": 3, "urgent_boost": 1}
    with pytest.raises(ValueError):
        DiagnoseScoring.model_validate(data)


def test_no_module_uses_private_regex_internals() -> None:
    """Python 3.10 has no ``re._parser`` (issue 10), and the private parser may change in any release: no module
    of the package reads it, under either name, with or without an ImportError fallback (issue 11)."""
    import re
    from pathlib import Path

    import walletaid

    private = re.compile(r"\b(?:re\._parser|re\._constants|re\._compiler|sre_parse|sre_constants|sre_compile)\b"
                         r"|from re import _")
    package = Path(walletaid.__file__).parent
    users = [str(p.relative_to(package)) for p in package.rglob("*.py") if private.search(p.read_text("utf-8"))]
    assert users == []
    assert knowledge.diagnose().rules.rules


def test_rules_the_advice_names_exist() -> None:
    """The advice adds a fact for some scheme rules (engines/diagnose_advice.RULE_ADVICE): a renamed rule must not drop it."""
    from walletaid.engines.diagnose_advice import RULE_ADVICE
    from walletaid.i18n import t

    ids = {r.id for r in _rule_files()["fraud_contact"].rules}
    assert set(RULE_ADVICE) <= ids, set(RULE_ADVICE) - ids
    assert all(t(key, "zh") and t(key, "en") for key in RULE_ADVICE.values())
