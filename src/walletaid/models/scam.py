"""The message check's JSON document: ``walletaid security-check --message ... --format json``.

The signal rules themselves are knowledge (``knowledge/signals/``, models in ``knowledge/schemas/rules.py``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from walletaid.models.contacts import VerifyMatch
from walletaid.models.document import Document

Severity = Literal["high", "medium", "low"]
MessageVerdict = Literal["danger", "suspicious", "no_known_signals"]
SignalKind = Literal["request", "claim", "lure", "pressure"]


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


class MessageCheck(Document):
    """``security-check --message ... --format json``."""

    command: Literal["security-check"] = "security-check"
    mode: Literal["message"] = "message"
    verdict: MessageVerdict
    signals: list[Signal] = Field(default=[])
    links: list[LinkFinding] = Field(default=[])
    phones: list[PhoneFinding] = Field(default=[])
    advice: list[str] = Field(default=[])
    text: str = Field(default="", exclude=True, description="the normalized message the spans refer to (not exported)")
