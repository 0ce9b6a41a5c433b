"""What ``walletaid case escalate`` produces: the escalation plan (its ``--format json`` document) and the
complaint draft (data; ``render/case.py`` writes it as Markdown)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from walletaid.i18n import Lang
from walletaid.models.case import FollowUp
from walletaid.models.document import ActionDocument

StepId = Literal["police", "antifraud", "operator", "ecny_app", "pboc", "nfra", "legal", "community", "exchange"]


class EscalationStep(BaseModel):
    """One step of the plan: who, how to reach them, when it applies, what to ask for and bring."""

    id: StepId
    who: str
    contact: list[str] = Field(description="numbers or places, in order")
    when: str
    ask: str
    bring: str
    caveat: str | None = None
    applies_now: bool = True
    source: str | None = None


class EscalationPlan(ActionDocument):
    """``walletaid case escalate ID --format json``."""

    command: Literal["case"] = "case"
    action: Literal["escalate"] = "escalate"
    case_id: str
    title: str
    fraud: bool
    follow_up: FollowUp
    steps: list[EscalationStep] = Field(min_length=1)
    references: list[str] = Field(default=[], description="reference numbers from the contact log")
    rule: str


class CaseFact(BaseModel):
    """One fact of a case as a complaint or the case view states it: a label and the value, redacted again."""

    label: str
    value: str


class TimelineEntry(BaseModel):
    """One logged contact in words: every text redacted again, none of it escaped for any format yet."""

    n: int = Field(description="the contact's number in the case, oldest first")
    when: str
    channel: str
    agent: str = ""
    reference: str = ""
    promised: str = Field(description="the promised date, or '-'")
    outcome: str
    note: str = ""


class MissedLine(BaseModel):
    """A promise that was not kept: its date and the reference it was given under (redacted again)."""

    date: str
    reference: str | None = None


class ComplaintDraft(BaseModel):
    """The complaint draft of ``case escalate --out``: addressee, facts, the whole contact log, missed promises,
    what is requested, the reply deadline and where the case goes next."""

    lang: Lang
    file_name: str = Field(description="``WA-20261125-7KQ3-complaint.zh.md``")
    title: str
    addressee: str
    facts: list[CaseFact]
    timeline: list[TimelineEntry]
    missed: list[MissedLine]
    requests: list[str]
    deadline: list[str] = Field(description="the reply deadline, then (after an empty line) the regulators next")
    phone: str | None = Field(default=None, description="the user's phone number, masked, to be reached on")
    written_on: str
