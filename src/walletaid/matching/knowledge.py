"""The package's compiled rule sets (the spellings, the message signals, the diagnose rules) and the cause texts.

Each is read from ``knowledge/`` (YAML), validated, compiled and cached (see
``matching.cache``) the first time a process needs it.  The compiled form is
plain data (named tuples, and ``matching.plain`` records and texts): a run that
reads it from the cache imports neither the rule models (Pydantic) nor the loader.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from walletaid.matching.cache import cached
from walletaid.matching.normalize import Spellings
from walletaid.matching.plain import Bilingual, plain
from walletaid.matching.ruleset import RuleSet

if TYPE_CHECKING:
    from walletaid.knowledge.schemas.rules import DiagnoseScoring, SignalKind, SignalScoring

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
SPELLINGS = KNOWLEDGE / "spellings.yaml"
_HERE = Path(__file__).resolve().parent
COMPILER = [*(_HERE / f"{name}.py" for name in ("knowledge", "loader", "normalize", "plain", "ruleset")),
            KNOWLEDGE / "schemas" / "rules.py", KNOWLEDGE / "schemas" / "common.py"]
"""The code that compiles the rule files: part of the cache key, so a changed normalizer or compiler (say, in
another checkout sharing the cache folder, at the same version) never reads back a rule set it did not build."""


@lru_cache(maxsize=1)
def shapes() -> tuple[Path, ...]:
    """The code that gives validated knowledge its shape: every schema and model module, and the conversion."""
    package = KNOWLEDGE.parent
    return (*sorted((KNOWLEDGE / "schemas").glob("*.py")), *sorted((package / "models").glob("*.py")),
            _HERE / "plain.py")


def validated_plain(name: str, build: Callable[[], Any], builder: Path) -> Any:
    """``build()`` (``knowledge/<name>.json`` validated, then made plain), from the cache while neither the file,
    the module of ``build`` (``builder``), the JSON reader nor any schema or model module has changed: a stale
    shape is never read back."""
    return cached(f"plain-{name}", [KNOWLEDGE / f"{name}.json", builder, KNOWLEDGE / "__init__.py", *shapes()], build)


class SignalInfo(NamedTuple):
    """What the message check shows about a signal besides its evidence."""

    id: str
    severity: str
    kind: SignalKind
    explanation: Bilingual


class SignalKnowledge(NamedTuple):
    """The compiled message signals: rules (signals and genuine markers), signal texts, scoring."""

    rules: RuleSet
    signals: dict[str, SignalInfo]
    markers: frozenset[str]
    scoring: SignalScoring  # as a plain Record of that shape (see ``matching.plain``)


STORY = "story"
"""The owner of the diagnose story rules (``knowledge/diagnose/story.yaml``) in the compiled rule set."""


class DiagnoseKnowledge(NamedTuple):
    """The compiled diagnose rules (the causes' and the story's, owner ``STORY``) and their scoring."""

    rules: RuleSet
    scoring: DiagnoseScoring  # as a plain Record of that shape (see ``matching.plain``)


def _files(folder: str) -> list[Path]:
    return sorted((KNOWLEDGE / folder).rglob("*.yaml"))


def _build_spellings() -> Spellings:
    from walletaid.knowledge.schemas.rules import SpellingsFile
    from walletaid.matching import normalize as _normalize
    from walletaid.matching.loader import validate

    data = validate(SpellingsFile, SPELLINGS)
    words = []
    for group in data.words:
        canonical = _normalize.normalize(group.canonical, Spellings()).text
        for variant in group.variants:
            words.append((_normalize.normalize(variant, Spellings()).text, canonical))
    return Spellings(tuple(dict(words).items()))


@lru_cache(maxsize=1)
def spellings() -> Spellings:
    """The spellings of ``knowledge/spellings.yaml``, compiled."""
    return cached("spellings", [SPELLINGS, *COMPILER], _build_spellings)


def _rule_files(folder: str) -> list[Path]:
    return [p for p in _files(folder) if p.parent.name == "rules"]


def _build_signals() -> SignalKnowledge:
    from walletaid.knowledge.schemas.rules import MarkerFile, SignalRuleFile, SignalScoring, Vocabulary
    from walletaid.matching.loader import Compiler, KnowledgeError, validate

    vocabulary = validate(Vocabulary, KNOWLEDGE / "signals" / "vocabulary.yaml")
    scoring = validate(SignalScoring, KNOWLEDGE / "signals" / "scoring.yaml")
    compiler = Compiler(vocabulary, spellings(), scoring.negation, negatable=False)
    infos: dict[str, SignalInfo] = {}
    markers: set[str] = set()
    for path in _rule_files("signals"):
        name = str(path.relative_to(KNOWLEDGE))
        if path.stem == "genuine":
            for marker in validate(MarkerFile, path).markers:
                markers.add(marker.id)
                for rule in marker.rules:
                    compiler.add(rule, marker.id, name, severity="low")
            continue
        for sig in validate(SignalRuleFile, path).signals:
            if sig.id in infos:
                raise KnowledgeError(f"{name}: signal {sig.id} is defined twice")
            infos[sig.id] = SignalInfo(sig.id, sig.severity, sig.kind, plain(sig.explanation))
            for rule in sig.rules:
                compiler.add(rule, sig.id, name, severity=sig.severity, negatable=sig.kind in ("request", "lure"))
    return SignalKnowledge(compiler.build(), infos, frozenset(markers), plain(scoring))


@lru_cache(maxsize=1)
def signals() -> SignalKnowledge:
    """The compiled message signals."""
    return cached("signals", [SPELLINGS, *COMPILER, *_files("signals")], _build_signals)


def _build_diagnose() -> DiagnoseKnowledge:
    from walletaid.knowledge.schemas.rules import DiagnoseRuleFile, DiagnoseScoring, StoryFile, Vocabulary
    from walletaid.matching.loader import Compiler, KnowledgeError, validate

    vocabulary = validate(Vocabulary, KNOWLEDGE / "diagnose" / "vocabulary.yaml")
    scoring = validate(DiagnoseScoring, KNOWLEDGE / "diagnose" / "scoring.yaml")
    compiler = Compiler(vocabulary, spellings(), scoring.negation, negatable=True)
    for path in _rule_files("diagnose"):
        data = validate(DiagnoseRuleFile, path)
        if data.cause != path.stem:
            raise KnowledgeError(f"{path.name}: the file of cause {data.cause} must be named {data.cause}.yaml")
        for rule in data.rules:
            compiler.add(rule, data.cause, str(path.relative_to(KNOWLEDGE)))
    story = KNOWLEDGE / "diagnose" / "story.yaml"
    for rule in validate(StoryFile, story).rules:
        compiler.add(rule, STORY, str(story.relative_to(KNOWLEDGE)))
    return DiagnoseKnowledge(compiler.build(), plain(scoring))


@lru_cache(maxsize=1)
def diagnose() -> DiagnoseKnowledge:
    """The compiled diagnose rules."""
    return cached("diagnose", [SPELLINGS, *COMPILER, *_files("diagnose")], _build_diagnose)


def _build_causes() -> dict[str, Any]:
    from walletaid.knowledge import read_json
    from walletaid.knowledge.schemas.causes import CauseCatalog

    return plain(CauseCatalog.model_validate(read_json("causes")).causes)  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def causes() -> dict[str, Any]:
    """Cause id → its texts from ``knowledge/causes.json``, validated by ``CauseCatalog`` when compiled and kept as
    plain records (fields of ``CauseInfo``): reading them back builds none of its models (~2 ms a run)."""
    return validated_plain("causes", _build_causes, Path(__file__))  # type: ignore[no-any-return]


def steps_for(info: Any, wallet: str) -> list[Bilingual]:
    """The steps of a cause record (plain ``CauseInfo``) for this wallet kind: ``steps_by_wallet`` replaces ``steps``."""
    return info.steps_by_wallet.get(wallet, info.steps)  # type: ignore[no-any-return]
