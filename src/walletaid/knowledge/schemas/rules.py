"""Pydantic models of the rule files: diagnose rules and message signals share one readable format.

A rule says which words point to a cause or a scam signal, in a form a domain
expert can read and review without knowing regular expressions::

    # Apps say this when the request never reached the server.
    - id: network_error_words
      any: [网络异常, 连接超时, "network error", "@timeout_words"]
      weight: 4.5
      examples:
        match: [当前网络异常，请稍后重试]
        no_match: [网络正常]

* ``any``: one of the phrases occurs;
* ``all``: one phrase of each group occurs, with at most ``within`` characters between them
  (a Chinese character counts one, three Latin characters count one: ``within: 10`` is about ten
  Chinese characters or five English words), in one sentence unless ``cross_sentences``, in the
  given order when ``ordered``;
* ``regex``: a named regular expression, the escape hatch for shapes phrases cannot say;
* ``unless``: phrases that cancel the rule in the same ``unless_scope`` (clause, sentence, message);
* ``requires``: phrases of which one must also occur in ``requires_scope`` (by default the message);
* ``weight`` (diagnose) or ``severity`` (signals); ``examples`` that must and must not fire it,
  run as tests.

A phrase is matched on normalized text (see ``walletaid.matching.normalize``), so one
spelling serves full-width, traditional and disguised forms; ``@name`` stands for a
vocabulary list; ``$name`` stands for something the engine finds that is not a word
(``$foreign_link``: a link to a domain no listed brand owns, see ``FEATURES``); an English phrase matches whole words only, and a trailing ``*``
lets it end inside a word (``refund*`` matches ``refunded``).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from walletaid.knowledge.schemas.common import Strict, Text

# A phrase; a number written without quotes in YAML (12381) is the same phrase as "12381".
Phrase = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v)]
Severity = Literal["high", "medium", "low"]
Scope = Literal["clause", "sentence", "message"]
TextField = Literal["error_message", "description"]
SignalKind = Literal["request", "claim", "lure", "pressure", "channel"]
_ID = r"^[a-z0-9_]+$"
# What the engines find in a text besides words, usable as ``$name`` in a phrase list.
FEATURES = {
    "link": "any web address",
    "foreign_link": "a web address on a domain that belongs to no listed brand",
    "official_link": "a web address on a listed brand's own domain",
    "shortener_link": "a web address on a link-shortening service",
    "brand": "a listed brand named (a bank, a payment app, a carrier, a shop, an airline ...)",
    "brand_with_site": "a listed brand the message speaks as (a 【tag】, the signature, 尊敬的X用户), whose websites walletaid knows",
    "brand_with_number": "a listed brand the message speaks as, whose hotlines walletaid knows",
    "bank_with_number": "a bank or payment brand (e-CNY, operators, banks, payment apps) the message speaks as, with listed hotlines",
    "phone": "any phone number",
    "official_number": "a listed brand's own number",
    "foreign_number": "a phone number that is no listed brand's (a mobile, a 400 or landline number, a number from abroad)",
    "mobile_number": "a personal mobile number",
    "amount": "an amount of money (a number with 元, 块, ¥, yuan, $ ...)",
    "card_number": "a bank card number (16 to 19 digits)",
    "chat_id": "an account id on a chat app (a QQ number, a WeChat or Telegram id)",
}


class Examples(Strict):
    """Sentences written for the rule (never copied from a corpus): it must fire on ``match``, not on ``no_match``."""

    match: list[Phrase] = Field(min_length=1)
    no_match: list[Phrase] = Field(default=[])


class NamedRegex(Strict):
    """The escape hatch: a regular expression with a name that says what shape it finds."""

    name: str = Field(pattern=_ID)
    pattern: str = Field(min_length=2)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from exc
        return value


def _phrases_ok(phrases: list[str]) -> list[str]:
    for phrase in phrases:
        if not phrase.strip():
            raise ValueError("empty phrase")
        if phrase.startswith("@") and not re.fullmatch(r"@[a-z0-9_]+", phrase):
            raise ValueError(f"bad vocabulary reference {phrase!r} (write @name)")
        if phrase.startswith("$") and phrase[1:] not in FEATURES:
            raise ValueError(f"unknown feature {phrase!r} (known: {', '.join('$' + f for f in FEATURES)})")
    return phrases


class Rule(Strict):
    """One rule: phrases (``any``), phrase groups near each other (``all``) or a named regex."""

    id: str = Field(pattern=_ID)
    any: list[Phrase] | None = Field(default=None, min_length=1)
    all: list[list[Phrase]] | None = Field(default=None, min_length=2)
    within: int | None = Field(default=None, ge=0, le=200, description="at most this many characters between the groups")
    ordered: bool = False
    cross_sentences: bool = False
    regex: NamedRegex | None = None
    unless: list[Phrase] = Field(default=[])
    unless_scope: Scope = "sentence"
    requires: list[Phrase] = Field(default=[], description="one of these must occur too, anywhere in `requires_scope`")
    requires_scope: Scope = "message"
    negatable: bool | None = Field(default=None, description="a negation just before the hit cancels it (default: the file's)")
    weight: float | None = Field(default=None, gt=0)
    severity: Severity | None = None
    urgent: bool = False
    fields: list[TextField] | None = None
    examples: Examples

    @field_validator("any", "unless", "requires")
    @classmethod
    def _phrases(cls, value: list[str] | None) -> list[str] | None:
        return value if value is None else _phrases_ok(value)

    @field_validator("all")
    @classmethod
    def _groups(cls, value: list[list[str]] | None) -> list[list[str]] | None:
        for group in value or []:
            if not group:
                raise ValueError("empty phrase group")
            _phrases_ok(group)
        return value

    @model_validator(mode="after")
    def _one_shape(self) -> Rule:
        shapes = [name for name in ("any", "all", "regex") if getattr(self, name) is not None]
        if len(shapes) != 1:
            raise ValueError(f"a rule has exactly one of any / all / regex (found: {', '.join(shapes) or 'none'})")
        if self.all is None and (self.within is not None or self.ordered or self.cross_sentences):
            raise ValueError("within / ordered / cross_sentences only go with `all`")
        return self


class DiagnoseRuleFile(Strict):
    """``knowledge/diagnose/<cause>.yaml``: the rules that point to one cause."""

    cause: str = Field(pattern=_ID)
    rules: list[Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _weights(self) -> DiagnoseRuleFile:
        for rule in self.rules:
            if rule.weight is None or rule.severity is not None:
                raise ValueError(f"rule {rule.id}: a diagnose rule has a weight and no severity")
        return self


class SignalDef(Strict):
    """One scam signal (id from the contract), what it means, and its rules."""

    id: str = Field(pattern=_ID)
    severity: Severity = Field(description="the severity of its rules unless a rule says otherwise")
    kind: SignalKind = Field(description="request / lure hits in a negated clause or an anti-fraud notice do not count")
    explanation: Text
    rules: list[Rule] = Field(default=[])

    @model_validator(mode="after")
    def _no_weights(self) -> SignalDef:
        for rule in self.rules:
            if rule.weight is not None or rule.urgent or rule.fields:
                raise ValueError(f"rule {rule.id}: a signal rule has a severity, not a weight, urgent or fields")
        return self


class SignalRuleFile(Strict):
    """``knowledge/signals/<family>.yaml``: a family of related signals."""

    signals: list[SignalDef] = Field(min_length=1)


class Vocabulary(Strict):
    """``vocabulary.yaml`` of a rule set: named phrase lists that rules use as ``@name``."""

    lists: dict[str, list[Phrase]]

    @field_validator("lists")
    @classmethod
    def _names(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, phrases in value.items():
            if not re.fullmatch(r"[a-z0-9_]+", name) or not phrases:
                raise ValueError(f"vocabulary {name!r}: a snake_case name and at least one phrase")
            _phrases_ok(phrases)
        return value


class Negation(Strict):
    """What cancels a negatable hit: one of ``words`` ending at most ``within`` characters before it, same clause."""

    words: list[Phrase] = Field(min_length=1)
    within: int = Field(ge=0, le=40)
    not_negations: list[Phrase] = Field(default=[], description="questions that contain a cue but deny nothing (能不能, 有没有)")
    sentence_words: list[Phrase] = Field(default=[], description="cues that deny the rest of their sentence (we will never ask ...)")


class SpellingGroup(Strict):
    """Ways people write one word: every ``variant`` is read as ``canonical``."""

    canonical: str = Field(min_length=1)
    variants: list[Phrase] = Field(min_length=1)


class SpellingsFile(Strict):
    """``knowledge/spellings.yaml``: disguised and regional spellings folded into one word."""

    words: list[SpellingGroup] = Field(min_length=1)


class Marker(Strict):
    """A shape of a genuine message (a code SMS that says "tell no one", an anti-fraud warning)."""

    id: str = Field(pattern=_ID)
    rules: list[Rule] = Field(min_length=1)


class MarkerFile(Strict):
    """``knowledge/signals/rules/genuine.yaml``: the shapes of genuine messages."""

    markers: list[Marker] = Field(min_length=1)


class Combo(Strict):
    """Signals that together make a message dangerous even when none of them is high on its own."""

    all: list[str] = Field(min_length=2)
    strong: bool = Field(default=False, description="counts only when one of them is medium or high")


class SignalScoring(Strict):
    """``knowledge/signals/scoring.yaml``: negation, points per severity, verdict thresholds, combinations."""

    negation: Negation
    points: dict[Severity, int]
    danger_points: int = Field(ge=1, description="this many points from at least two signals make a message `danger`")
    suspicious_points: int = Field(ge=1)
    low_only_suspicious_points: int = Field(ge=1, description="points needed when every signal is low")
    combos: list[Combo] = Field(default=[])


class ContextRule(Strict):
    """A structured diagnose answer that makes a cause more likely."""

    key: str = Field(pattern=_ID)
    values: list[str] = Field(min_length=1)
    symptoms: list[str] = Field(default=[], description="only for these symptoms (default: any)")
    cause: str = Field(pattern=_ID)
    weight: float
    urgent: bool = False
    reason: Text


class Thresholds(Strict):
    """Diagnose scores: below ``min_score`` a cause is not listed; likelihood bands above it."""

    min_score: float
    medium: float
    high: float
    max_causes: int = Field(ge=1)
    urgent_boost: float = Field(gt=0, description="added to urgent causes so they rank above the rest")

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.min_score <= self.medium <= self.high:
            raise ValueError("thresholds must satisfy min_score <= medium <= high")
        return self


class DiagnoseScoring(Strict):
    """``knowledge/diagnose/scoring.yaml``: how answers are scored besides the text rules."""

    negation: Negation
    field_weights: dict[TextField, float]
    symptom_priors: dict[str, dict[str, float]]
    urgent_symptoms: dict[str, str]
    context: list[ContextRule]
    caller_pretexts: list[str] = Field(default=[], description="causes a scam caller claims: not offered as causes when the answers show fraud")
    explains: dict[str, list[str]] = Field(
        default={}, description="a cause the user's own words show is listed before the causes it explains (a lost phone explains "
                                "transactions the user did not make)"
    )
    thresholds: Thresholds
    decay: float = Field(gt=0, le=1, description="the 2nd hit of a cause counts this much, the 3rd its square, ...")


class StoryFile(Strict):
    """``knowledge/diagnose/story.yaml``: what the advice needs to know about the story (who called, money gone ...).

    Rules in the same format, without weights: they rank nothing, they let the advice fit the story.
    """

    rules: list[Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _plain(self) -> StoryFile:
        for rule in self.rules:
            if rule.weight is not None or rule.severity is not None or rule.urgent:
                raise ValueError(f"rule {rule.id}: a story rule has no weight, severity or urgency")
        return self
