"""Pydantic models of the diagnose knowledge base: ``causes.json`` and ``diagnose_rules.json``.

``causes.json`` says what each cause is and what to do about it; ``diagnose_rules.json``
says which answers make a cause likely (symptom priors, text patterns, context answers)
and holds the fallback contact table used while no contacts engine is available.
"""


import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from walletaid.knowledge.models import Source, Strict, Text
from walletaid.models.diagnose import CauseId, Operator, Symptom, Wallet

TextField = Literal["error_message", "description"]
ContextKey = Literal["network", "app_updated", "minutes_waited", "contact_asked_for", "money_sent", "wallet"]


class CauseInfo(Strict):
    """One cause: what it means and concrete, ordered self-help steps."""

    title: Text
    explanation: Text
    steps: list[Text] = Field(min_length=3)
    steps_by_wallet: dict[Wallet, list[Text]] = Field(
        default={}, description="replaces `steps` for that wallet kind (e.g. crypto)"
    )
    when_to_contact: Text
    sources: list[Source] = Field(default=[])

    def steps_for(self, wallet: Wallet) -> list[Text]:
        """The steps for this wallet kind."""
        return self.steps_by_wallet.get(wallet, self.steps)


class CauseCatalog(Strict):
    """``causes.json``: every cause id with its texts."""

    causes: dict[CauseId, CauseInfo]


def _compile(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"invalid regex {value!r}: {exc}") from exc
    return value


# The pattern regexes are not compiled when the file is loaded (that alone would cost more than the
# rest of a run): tests/test_knowledge_base.py compiles every one, and each is compiled on first use.


class Pattern(Strict):
    """A text pattern (regex, matched against normalised text) that points to a cause."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    cause: CauseId
    regex: str = Field(min_length=2)
    weight: float = Field(gt=0)
    fields: list[TextField] = Field(default_factory=lambda: ["error_message", "description"])
    unless: str | None = Field(default=None, description="the pattern does not count when this regex matches too")
    requires: str | None = Field(
        default=None, description="the pattern counts only when this regex matches the same text too (co-occurrence)"
    )
    urgent: bool = Field(default=False, description="a hit means fraud or account-takeover risk")
    negatable: bool = Field(default=True, description="a hit right after a negation cue ('没有人', 'not a') does not count")
    hint: list[str] | None = Field(
        default=None,
        description="strings of which every match contains one (scripts/pattern_hints.py writes them; a test checks)",
    )


class ContextRule(Strict):
    """A structured answer that makes a cause more likely."""

    key: ContextKey
    values: list[str] = Field(min_length=1)
    cause: CauseId
    weight: float
    urgent: bool = False
    reason: Text


class Thresholds(Strict):
    """Scores: below ``min_score`` a cause is not listed; likelihood bands above it."""

    min_score: float
    medium: float
    high: float
    max_causes: int = Field(ge=1)
    urgent_boost: float = Field(gt=0, description="added to urgent causes so they rank above the rest")

    @model_validator(mode="after")
    def _ordered(self) -> "Thresholds":
        if not self.min_score <= self.medium <= self.high:
            raise ValueError("thresholds must satisfy min_score <= medium <= high")
        return self


class OperatorContact(Strict):
    """Fallback contact data for one e-CNY operator (numbers from domain-facts only)."""

    name: Text
    hotline: str | None = Field(default=None, description="None when the number is unconfirmed")
    website: str


class FallbackContacts(Strict):
    """Used only while ``walletaid.engines.contacts`` is unavailable."""

    ecny_app: Text
    ecny_hotline: str
    operators: dict[Operator, OperatorContact]
    public: dict[str, Text] = Field(description="public numbers such as 110 and 96110, with their names")
    crypto: Text
    other: Text


class DiagnoseRules(Strict):
    """``diagnose_rules.json``: how answers are scored."""

    field_weights: dict[TextField, float]
    symptom_priors: dict[Symptom, dict[CauseId, float]]
    urgent_symptoms: dict[Symptom, CauseId]
    patterns: list[Pattern] = Field(min_length=1)
    support_patterns: list[Pattern] = Field(
        default=[],
        description="problems only the provider's support can solve (wrong chain, missing memo): evidence for `unknown`",
    )
    negation: str = Field(description="regex, anchored with $, for a negation cue at the end of the text before a hit")
    context: list[ContextRule]
    thresholds: Thresholds
    fallback_contacts: FallbackContacts

    _check_negation = field_validator("negation")(_compile)

    @model_validator(mode="after")
    def _unique_ids(self) -> "DiagnoseRules":
        if any(p.cause != "unknown" or p.urgent for p in self.support_patterns):
            raise ValueError("support_patterns must point to `unknown` and not be urgent")
        ids = [p.id for p in self.patterns + self.support_patterns]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate pattern ids: {dupes}")
        return self
