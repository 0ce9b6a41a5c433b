"""Read rule files (YAML), validate them with Pydantic, and compile them into a ``RuleSet``.

A mistake in a rule file fails loudly, naming the file, the line and the rule
(``knowledge/signals/rules/requests.yaml, line 42, rule code_to_caller: all: empty
phrase group``), at load and in the test suite, never silently at a user's prompt.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from walletaid.knowledge.schemas.rules import Negation, Rule, Vocabulary
from walletaid.matching.knowledge import KNOWLEDGE
from walletaid.matching.normalize import Spellings, normalize
from walletaid.matching.ruleset import CompiledRule, Phrase, RuleSet, output_code

M = TypeVar("M", bound=BaseModel)


class KnowledgeError(ValueError):
    """A knowledge file that cannot be used; the message names the file, the line and the rule."""


def read_yaml(path: Path) -> Any:
    """The parsed content of one YAML file (libyaml when available)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{_name(path)}: not valid YAML: {exc}") from exc


def validate(model: type[M], path: Path, data: Any | None = None) -> M:
    """``path`` validated as ``model``; errors name the file, the line and the rule."""
    data = read_yaml(path) if data is None else data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [_where(path, data, err["loc"]) + f": {'.'.join(map(str, err['loc']))}: {err['msg']}" for err in exc.errors()]
        raise KnowledgeError("\n".join(problems)) from None


def _name(path: Path) -> str:
    try:
        return str(path.relative_to(KNOWLEDGE.parent))
    except ValueError:
        return str(path)


def _where(path: Path, data: Any, loc: tuple[Any, ...]) -> str:
    """'file, line N, rule ID' for a validation error at ``loc``."""
    import yaml

    rule_id = None
    node: Any = yaml.compose(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    value: Any = data
    line = node.start_mark.line + 1 if node is not None else 1
    for key in loc:
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            rule_id = value["id"]
        child = _child(node, key)
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
        value = value[key] if isinstance(value, (dict, list)) and _has(value, key) else None
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        rule_id = value["id"]
    return f"{_name(path)}, line {line}" + (f", rule {rule_id}" if rule_id else "")


def _has(value: dict[Any, Any] | list[Any], key: Any) -> bool:
    return key in value if isinstance(value, dict) else isinstance(key, int) and 0 <= key < len(value)


def _child(node: Any, key: Any) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == str(key)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


class Compiler:
    """Collects rules with their owners, expands ``@vocabulary`` and builds one ``RuleSet``."""

    def __init__(self, vocabulary: Vocabulary, spellings: Spellings, negation: Negation | None = None, negatable: bool = True) -> None:
        self.vocabulary = vocabulary
        self.spellings = spellings
        self.negation = negation
        self.negatable = negatable
        self.phrases: dict[Phrase, int] = {}
        self.rules: list[CompiledRule] = []

    def phrase_indexes(self, phrases: Iterable[str], where: str) -> tuple[int, ...]:
        """Indexes of ``phrases`` (vocabulary expanded, normalized, deduplicated)."""
        out: list[int] = []
        for raw in self._expand(phrases, where, ()):
            if raw.startswith("$"):
                phrase = Phrase(raw, False, False)  # a feature: found by the engine, not by the automaton
                index = self.phrases.setdefault(phrase, len(self.phrases))
                if index not in out:
                    out.append(index)
                continue
            prefix = raw.endswith("*") and len(raw) > 1
            text = normalize(raw[:-1] if prefix else raw, self.spellings).text.strip()
            if not text:
                raise KnowledgeError(f"{where}: phrase {raw!r} is empty once normalized")
            phrase = Phrase(text, _edge(text[0]), _edge(text[-1]) and not prefix)
            index = self.phrases.setdefault(phrase, len(self.phrases))
            if index not in out:
                out.append(index)
        return tuple(out)

    def _expand(self, phrases: Iterable[str], where: str, seen: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for phrase in phrases:
            if not phrase.startswith("@"):
                out.append(phrase)
                continue
            name = phrase[1:]
            if name in seen:
                raise KnowledgeError(f"{where}: vocabulary @{name} refers to itself")
            if name not in self.vocabulary.lists:
                raise KnowledgeError(f"{where}: unknown vocabulary @{name}")
            out += self._expand(self.vocabulary.lists[name], where, (*seen, name))
        return out

    def add(self, rule: Rule, owner: str, file: str, **defaults: Any) -> None:
        """Compile one validated rule that points to ``owner`` (a cause or signal id)."""
        where = f"{file}, rule {rule.id}"
        if rule.any is not None:
            groups: tuple[tuple[int, ...], ...] = (self.phrase_indexes(rule.any, where),)
        elif rule.all is not None:
            groups = tuple(self.phrase_indexes(g, where) for g in rule.all)
        else:
            groups = ()
        self.rules.append(CompiledRule(
            id=rule.id, owner=owner, file=file, groups=groups, within=rule.within, ordered=rule.ordered,
            cross_sentences=rule.cross_sentences, regex=rule.regex.pattern if rule.regex else None,
            unless=self.phrase_indexes(rule.unless, where), unless_scope=rule.unless_scope,
            requires=self.phrase_indexes(rule.requires, where), requires_scope=rule.requires_scope,
            negatable=defaults.get("negatable", self.negatable) if rule.negatable is None else rule.negatable,
            weight=rule.weight or 0.0, severity=rule.severity or defaults.get("severity"), urgent=rule.urgent,
            fields=tuple(rule.fields) if rule.fields else None,
        ))

    def build(self) -> RuleSet:
        """The compiled rule set, its automaton made."""
        import ahocorasick

        ids = [(r.file, r.id) for r in self.rules]
        dupes = sorted({f"{f}: {i}" for f, i in ids if ids.count((f, i)) > 1})
        if dupes:
            raise KnowledgeError(f"duplicate rule ids: {', '.join(dupes)}")
        negation = self.phrase_indexes(self.negation.words, "negation") if self.negation else ()
        not_negations = self.phrase_indexes(self.negation.not_negations, "negation") if self.negation else ()
        sentence_negation = self.phrase_indexes(self.negation.sentence_words, "negation") if self.negation else ()
        phrases = tuple(sorted(self.phrases, key=self.phrases.__getitem__))
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)  # ints: a pickled automaton loads ~6x faster
        by_text: dict[str, list[int]] = {}
        features = {}
        for index, phrase in enumerate(phrases):
            if phrase.text.startswith("$"):
                features[phrase.text[1:]] = index
                continue
            by_text.setdefault(phrase.text, []).append(index)
        outputs = []
        for text, indexes in by_text.items():
            automaton.add_word(text, len(outputs))
            outputs.append((len(text), *(output_code(i, phrases[i].left_edge, phrases[i].right_edge) for i in indexes)))
        automaton.make_automaton()
        by_phrase: dict[int, list[int]] = {}
        for r_index, rule in enumerate(self.rules):
            # every group must occur, so one decides when a rule is looked at: the rarest-looking one
            # (its shortest phrase longest: "刷/做" would wake the rule on almost any text, "流水" seldom)
            key = max(rule.groups, key=lambda g: (min(len(phrases[p].text) for p in g), -len(g)), default=())
            for p in key:
                by_phrase.setdefault(p, []).append(r_index)
        return RuleSet(
            rules=tuple(self.rules), automaton=automaton, outputs=tuple(outputs),
            by_phrase={p: tuple(dict.fromkeys(r)) for p, r in by_phrase.items()},
            regex_rules=tuple(i for i, r in enumerate(self.rules) if r.regex is not None),
            negation=frozenset(negation), negation_within=self.negation.within if self.negation else 0, features=features,
            not_negations=frozenset(not_negations), sentence_negation=frozenset(sentence_negation),
        )


def _edge(char: str) -> bool:
    return char.isascii() and char.isalnum()
