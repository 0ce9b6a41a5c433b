"""The case store's records and documents: contact log entries, cases, follow-up state, escalation plans.

``ContactEntryIn`` is what ``walletaid case log`` collects (from prompts or
flags); :func:`parse_contact_entry` validates raw values with messages in the
user's language that name the field.  ``CaseListDocument``, ``CaseShowDocument``,
``CaseLogDocument`` and ``CaseActionDocument`` are ``--format json`` documents of
``walletaid case``; the escalation plan and the complaint draft are in ``models/escalation.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from walletaid.i18n import Lang
from walletaid.models.document import ActionDocument

CASE_ID_PATTERN = r"^WA-\d{8}-[2-9A-HJKMNP-Z]{4}$"
"""A case id as ``store/caseid.py`` makes them: ``WA-20261125-7KQ3`` (no 0/O, 1/I/L: it is read aloud)."""
ContactChannelId = Literal["hotline", "app_chat", "email", "branch", "social", "other"]
Outcome = Literal["resolved", "pending", "unresolved"]
CaseStatus = Literal["open", "closed"]
CHANNELS: tuple[str, ...] = ("hotline", "app_chat", "email", "branch", "social", "other")
OUTCOMES: tuple[str, ...] = ("resolved", "pending", "unresolved")
Promise = datetime | date
PROMISE_YEARS = (2000, 2099)
"""A promised date outside these years is a typo (and year 9999 would overflow the follow-up arithmetic)."""


def parse_promise(value: object) -> Promise | None:
    """A promised date (``YYYY-MM-DD``, ``明天``, ``11月28日``) or date and time (ISO 8601, ``YYYY-MM-DD HH:MM``,
    ``下周一下午5点``, ``tomorrow 18:00``); ``None`` when empty.  Words are read towards the future.

    ``ValueError`` when it does not parse or lies outside :data:`PROMISE_YEARS`.
    """
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        promise: Promise = value
    else:
        text = str(value).strip()
        if not text:
            return None
        from walletaid.env import current
        from walletaid.forms.validators import read_time_text

        read = read_time_text(text, current().now(), "future")
        if read is None:
            raise ValueError("promised_by must be a date or a date and time")
        promise = read
    if not PROMISE_YEARS[0] <= promise.year <= PROMISE_YEARS[1]:
        raise ValueError(f"promised_by must lie in the years {PROMISE_YEARS[0]}-{PROMISE_YEARS[1]}")
    return promise


def promise_is_past(promise: Promise | None, now: datetime) -> bool:
    """Whether a promised date (or date and time) already lies in the past."""
    if promise is None:
        return False
    if isinstance(promise, datetime):
        return promise < (now if promise.tzinfo else now.replace(tzinfo=None))
    return promise < now.date()


class ContactEntryIn(BaseModel):
    """One contact with support, as the user logs it."""

    model_config = ConfigDict(extra="forbid")

    channel: ContactChannelId
    agent: str | None = Field(default=None, max_length=200, description="name or staff number of the agent")
    reference: str | None = Field(default=None, max_length=200, description="ticket / complaint reference number")
    promised_by: Promise | None = Field(default=None, description="date (or date and time) support promised an answer")
    outcome: Outcome
    note: str | None = Field(default=None, max_length=4000)

    @field_validator("promised_by", mode="before")
    @classmethod
    def _promise(cls, value: object) -> Promise | None:
        return parse_promise(value)

    @field_validator("agent", "reference", "note", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value


class ContactEntry(ContactEntryIn):
    """A logged contact: the entry plus its number in the case and when it was logged."""

    id: int = Field(description="the contact's number in this case: 1, 2, 3 … in the order logged")
    logged_at: datetime


class CaseFeedback(BaseModel):
    """What the person said when closing the case: how support handled it, and what helped (redacted)."""

    rating: int | None = Field(default=None, ge=1, le=5, description="1 (badly) to 5 (very well)")
    helped: str | None = Field(default=None, max_length=500, description="what helped most, in the person's words")


class CaseRecord(BaseModel):
    """A stored case: its facts (the saved, redacted case document) and its contact timeline.

    The id is checked against the case id pattern: file names are built from it, so a tampered row
    (``../../x``) must never get that far.
    """

    case_id: str = Field(pattern=CASE_ID_PATTERN)
    title: str
    status: CaseStatus
    lang: Lang
    command: str
    wallet: str | None = None
    operator: str | None = None
    symptom: str | None = None
    created_at: datetime
    closed_at: datetime | None = None
    feedback: CaseFeedback | None = Field(default=None, description="given when the case was closed")
    document: dict[str, Any]
    contacts: list[ContactEntry] = Field(default=[])


FollowUpReason = Literal["promise_overdue", "repeated_contacts", "no_reply_15_days"]


class MissedPromise(BaseModel):
    """A promise whose date passed before the case was resolved."""

    contact_id: int = Field(description="the number of the contact that made the promise, counted in the case")
    promised_by: Promise
    reference: str | None = None


class FollowUp(BaseModel):
    """Where a case stands: promises, whether it is overdue, and whether to escalate."""

    next_promise: Promise | None = Field(default=None, description="the promise still pending (future or overdue)")
    overdue: bool = False
    missed_promises: list[MissedPromise] = Field(default=[])
    unresolved_contacts: int = 0
    days_since_first_contact: int | None = None
    resolved: bool = False
    needs_escalation: bool = False
    reasons: list[FollowUpReason] = Field(default=[])
    suggest_close: bool = False
    suggest_first_contact: bool = False


class CaseSummary(BaseModel):
    """One row of ``walletaid case list``."""

    id: str
    title: str = Field(description="in the case's own language; renderers rebuild it in the display language")
    wallet: str | None = None
    operator: str | None = None
    symptom: str | None = None
    status: CaseStatus
    created_at: datetime
    age_days: int
    next_promise: Promise | None = None
    overdue: bool = False
    contacts: int = 0
    needs_escalation: bool = False


class DamagedCase(BaseModel):
    """A row of the store that could not be read (skipped by ``case list``; ``case delete ID`` removes it)."""

    id: str = Field(description="the id as stored, cleaned for display")
    reason: Literal["id", "date", "data"] = Field(description="not a case id / a date that cannot be read / other")


class CaseListDocument(ActionDocument):
    """``walletaid case list --format json``."""

    command: Literal["case"] = "case"
    action: Literal["list"] = "list"
    cases: list[CaseSummary]
    damaged: list[DamagedCase] = Field(default=[], description="rows that could not be read, skipped")


class CaseShowDocument(ActionDocument):
    """``walletaid case show ID --format json``: the case, its timeline and the follow-up advice."""

    command: Literal["case"] = "case"
    action: Literal["show"] = "show"
    case: CaseRecord
    follow_up: FollowUp


class LogWarning(BaseModel):
    """Something in a logged contact that looks wrong but was kept (a promised date already past)."""

    field: str = Field(description="the option or question, e.g. promised_by")
    id: Literal["promise_in_past"]
    message: str


class CaseLogDocument(CaseShowDocument):
    """``walletaid case log ID --format json``: the case after the contact was logged."""

    action: Literal["log"] = "log"  # type: ignore[assignment]
    logged: int = Field(description="the number of the contact just logged, counted in this case (1, 2, 3 …)")
    warnings: list[LogWarning] = Field(default=[])


class CaseActionDocument(ActionDocument):
    """``walletaid case close / delete / purge / export --format json``: what was done."""

    command: Literal["case"] = "case"
    action: Literal["close", "delete", "purge", "export"]
    case_id: str | None = Field(default=None, description="the case acted on (none for purge)")
    status: CaseStatus | None = Field(default=None, description="close: the case's status now")
    feedback: CaseFeedback | None = Field(default=None, description="close: the feedback recorded")
    deleted: int | None = Field(default=None, description="delete / purge: how many cases were deleted (0: kept)")
    files: list[str] | None = Field(default=None, description="export: the files written")


def parse_contact_entry(raw: Mapping[str, Any], lang: Lang) -> ContactEntryIn:
    """Validate raw ``case log`` values; raise ``InputError`` naming each bad field, in ``lang``."""
    from walletaid.errors import InputError, Problem
    from walletaid.i18n import t

    try:
        return ContactEntryIn.model_validate(dict(raw))
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "?"
            problems.append(Problem(field, _problem_text(field, err["type"], lang, t)))
        raise InputError(problems=problems) from None


def _problem_text(field: str, kind: str, lang: Lang, t: Any) -> str:
    if kind == "missing":
        return t("case.err_missing", lang)
    if kind == "extra_forbidden":
        return t("case.err_unknown_key", lang)
    if field == "channel":
        return t("case.err_channel", lang, values=", ".join(CHANNELS))
    if field == "outcome":
        return t("case.err_outcome", lang, values=", ".join(OUTCOMES))
    if field == "promised_by":
        return t("case.err_promise", lang)
    if kind == "string_too_long":
        return t("case.err_too_long", lang)
    return t("case.err_invalid", lang)
