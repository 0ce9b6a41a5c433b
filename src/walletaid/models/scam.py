"""The message check: its signal definitions (``knowledge/signals.json``) and its JSON document.

``SignalsFile`` validates the pattern data; ``MessageCheck`` is what
``walletaid security-check --message ... --format json`` prints.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from walletaid.knowledge.models import Strict, Text
from walletaid.models.contacts_doc import VerifyMatch

Severity = Literal["high", "medium", "low"]
MessageVerdict = Literal["danger", "suspicious", "no_known_signals"]
SignalKind = Literal["request", "claim", "lure", "pressure"]


class PatternDef(Strict):
    """One regular expression for a signal; ``severity`` overrides the signal's own."""

    re: str = Field(min_length=1)
    severity: Severity | None = None
    requires: list[str] = Field(default=[], description="the pattern runs only if one of these words is in the text (speed)")


class SignalDef(Strict):
    """A scam signal: id (contract), default severity, kind, explanation and patterns."""

    id: str = Field(pattern=r"^[a-z_]+$")
    severity: Severity
    kind: SignalKind = Field(description="request signals are dropped when the clause is negated or the text is a notice")
    explanation: Text
    patterns: list[PatternDef] = Field(default=[])


class Combo(Strict):
    """Signals that together make a message dangerous (e.g. a 'new number' plus a money request)."""

    all: list[str] = Field(min_length=2)


class SignalsFile(Strict):
    """``knowledge/signals.json``."""

    signals: list[SignalDef] = Field(min_length=15)
    negation_before: str = Field(description="regex: a negation just before a request (不要/请勿/never ...)")
    negation_sentence: str = Field(description="regex: a strong negation anywhere earlier in the sentence (will never ask ...)")
    scam_after: str = Field(description="regex: a clause that calls the request a scam (…都是诈骗 / ... is a scam)")
    notice_markers: str = Field(description="regex: anti-fraud notice wording")
    call_cues: str = Field(description="regex: words that tell the reader to call or add a number")
    combos: list[Combo] = Field(default=[])


class Signal(BaseModel):
    """A signal found in the message, with the span that shows it."""

    id: str
    severity: Severity
    evidence: str
    start: int
    end: int
    explanation: str


class LinkFinding(BaseModel):
    """A link taken apart: its host, registered domain, verdict against the directory and warnings."""

    url: str
    start: int
    end: int
    host: str
    registered_domain: str
    verdict: Literal["official", "not_official", "lookalike", "unlisted"]
    flags: list[str] = Field(default=[])
    signs: list[str] = Field(
        default=[],
        description="how the address is built: brand_in_host, gov_in_host, embedded_domain (disguises), risky_tld, brand_own_domain",
    )
    matches: list[VerifyMatch] = Field(default=[])


class PhoneFinding(BaseModel):
    """A phone number in the message compared with the official directory."""

    value: str
    start: int
    end: int
    verdict: Literal["official", "not_official", "lookalike", "unlisted"]
    known_fake: bool = False
    call_instruction: bool = Field(default=False, description="the message tells the reader to call / add it")
    matches: list[VerifyMatch] = Field(default=[])


class MessageCheck(BaseModel):
    """``security-check --message ... --format json``."""

    schema_version: Literal[1] = 1
    command: Literal["security-check"] = "security-check"
    lang: Literal["zh", "en"]
    mode: Literal["message"] = "message"
    verdict: MessageVerdict
    signals: list[Signal] = Field(default=[])
    links: list[LinkFinding] = Field(default=[])
    phones: list[PhoneFinding] = Field(default=[])
    advice: list[str] = Field(default=[])
    text: str = Field(default="", exclude=True, description="the normalised message the spans refer to (not exported)")
