"""Every rule's own example sentences: it fires on each ``match`` example and on no ``no_match`` example.

The examples are written beside each rule in ``knowledge/signals/rules/*.yaml``,
``knowledge/diagnose/rules/*.yaml`` and ``knowledge/diagnose/story.yaml``; one test per
rule set reports every failing example at once.  Diagnose examples are read the way
the engine reads an answer (``engines.diagnose.read``: amounts masked).
"""

from __future__ import annotations

from pathlib import Path

from walletaid.engines.diagnose import read
from walletaid.engines.features import find_features
from walletaid.knowledge.schemas.rules import DiagnoseRuleFile, MarkerFile, Rule, SignalRuleFile, StoryFile
from walletaid.matching import knowledge
from walletaid.matching.loader import KNOWLEDGE, validate
from walletaid.matching.normalize import normalize
from walletaid.matching.ruleset import RuleSet


def _fires(rules: RuleSet, file: str, rule_id: str, text: str, with_features: bool) -> bool:
    index = next(i for i, r in enumerate(rules.rules) if r.file == file and r.id == rule_id)
    if with_features:
        norm = normalize(text)
        return bool(rules.match(norm.text, find_features(norm, "zh").spans(), only={index}))
    reading = read(text)  # what the diagnose engine matches: markers blanked, amounts masked
    return bool(rules.match(reading.text, {"amount": reading.amounts}, only={index}))


def _failures(rules: RuleSet, file: str, items: list[Rule], with_features: bool) -> list[str]:
    out = []
    for rule in items:
        for text in rule.examples.match:
            if not _fires(rules, file, rule.id, text, with_features):
                out.append(f"{file} {rule.id}: should fire on {text!r}")
        for text in rule.examples.no_match:
            if _fires(rules, file, rule.id, text, with_features):
                out.append(f"{file} {rule.id}: should not fire on {text!r}")
    return out


def _signal_rules(path: Path) -> list[Rule]:
    if path.stem == "genuine":
        return [r for m in validate(MarkerFile, path).markers for r in m.rules]
    return [r for s in validate(SignalRuleFile, path).signals for r in s.rules]


def test_signal_rule_examples() -> None:
    rules = knowledge.signals().rules
    failures: list[str] = []
    for path in sorted((KNOWLEDGE / "signals" / "rules").glob("*.yaml")):
        failures += _failures(rules, str(path.relative_to(KNOWLEDGE)), _signal_rules(path), with_features=True)
    assert not failures, "\n".join(failures)


def test_diagnose_rule_examples() -> None:
    rules = knowledge.diagnose().rules
    failures: list[str] = []
    for path in sorted((KNOWLEDGE / "diagnose" / "rules").glob("*.yaml")):
        failures += _failures(rules, str(path.relative_to(KNOWLEDGE)), validate(DiagnoseRuleFile, path).rules, with_features=False)
    story = KNOWLEDGE / "diagnose" / "story.yaml"
    failures += _failures(rules, str(story.relative_to(KNOWLEDGE)), validate(StoryFile, story).rules, with_features=False)
    assert not failures, "\n".join(failures)
