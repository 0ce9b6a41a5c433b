"""The ``prepare-ticket`` answers file (diagnose keys + ticket keys) and the case document it produces.

``TicketAnswers`` is what the wizard and ``--answers`` replay fill in; its
validators reuse :mod:`walletaid.forms.validators`, so a value that passed a
question's ``parse`` passes here too (they are idempotent).  Pass
``context={"lang": lang}`` to ``model_validate`` to get the messages in the
user's language.  ``CaseDocument`` is the ``prepare-ticket --format json``
document and the exported ``<case id>.json``: it never holds a full phone
number, e-mail address or secret.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationInfo, WithJsonSchema, field_validator

from walletaid.models.case import CASE_ID_PATTERN
from walletaid.models.diagnose import DiagnoseAnswers, Diagnosis, Network, Operator, Symptom, Wallet, YesNoUnknown
from walletaid.models.document import Document

_TIME_SCHEMA = WithJsonSchema({
    "type": "string",
    "description": "ISO 8601 (2026-11-20T14:30:00+08:00, 2026-11-20) or 'YYYY-MM-DD HH:MM'; local time zone if none; not in the future",
})
_AMOUNT_SCHEMA = WithJsonSchema({
    "anyOf": [{"type": "string", "pattern": r"^\d[\d,]*(\.\d+)?$"}, {"type": "number", "exclusiveMinimum": 0},
              {"type": "null"}],
    "description": "> 0; at most 2 decimals for CNY, up to 8 for crypto tickers",
})
Short = Annotated[str, Field(max_length=100)]


def _lang(info: ValidationInfo) -> Any:
    context = info.context if isinstance(info.context, dict) else {}
    return context.get("lang", "en")


class TicketAnswers(DiagnoseAnswers):
    """Answers to the ``prepare-ticket`` questions: every ``diagnose`` key plus the ticket keys."""

    model_config = ConfigDict(extra="forbid")

    phone: str = Field(description="registered phone number; stored normalized to E.164")
    email: str | None = Field(default=None, max_length=254)
    account_name: str | None = Field(default=None, max_length=200)
    occurred_at: Annotated[datetime | date, _TIME_SCHEMA]
    steps: list[Annotated[str, Field(max_length=1000)]] | None = Field(default=None, max_length=30)
    currency: str | None = Field(default=None, pattern=r"^[A-Z0-9]{2,10}$", description="CNY (default) or a crypto ticker")
    amount: Annotated[Decimal | None, _AMOUNT_SCHEMA] = None
    counterparty: str | None = Field(default=None, max_length=300)
    transaction_id: str | None = Field(default=None, max_length=100)
    device_brand: Short | None = None
    device_model: Short | None = None
    os: Short | None = None
    os_version: Short | None = None
    app_version: Short | None = None
    evidence: list[str] | None = Field(default=None, max_length=20, description="paths of screenshots, recordings, PDFs")

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: Any, info: ValidationInfo) -> str:
        from walletaid.forms.validators import parse_phone

        return parse_phone(value, _lang(info))

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: Any, info: ValidationInfo) -> str | None:
        from walletaid.forms.validators import parse_email

        return None if value in (None, "") else parse_email(value, _lang(info))

    @field_validator("occurred_at", mode="before")
    @classmethod
    def _occurred_at(cls, value: Any, info: ValidationInfo) -> datetime | date:
        from walletaid.forms.validators import parse_time

        return parse_time(value, _lang(info))

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, value: Any, info: ValidationInfo) -> str | None:
        from walletaid.forms.validators import parse_currency

        return None if value in (None, "") else parse_currency(value, _lang(info))

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: Any, info: ValidationInfo) -> Decimal | None:
        from walletaid.forms.validators import check_amount_precision, parse_amount

        if value in (None, ""):
            return None
        amount = parse_amount(value, _lang(info))
        check_amount_precision(amount, info.data.get("currency"), _lang(info))
        return amount

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence(cls, value: Any, info: ValidationInfo) -> list[str] | None:
        from walletaid.forms.validators import parse_evidence

        if value in (None, "", []):
            return None
        return parse_evidence(value if isinstance(value, list) else [value], _lang(info))  # type: ignore[return-value]

    def diagnose_answers(self) -> DiagnoseAnswers:
        """The ``diagnose`` part of these answers, for the diagnosis engine."""
        keys = set(DiagnoseAnswers.model_fields)
        return DiagnoseAnswers.model_validate(self.model_dump(include=keys))


class AccountSection(BaseModel):
    """Who the wallet belongs to, masked: support recognises it, a reader of the file learns nothing."""

    phone: str = Field(description="masked: first 3 and last 4 digits, e.g. 138****5678")
    email: str | None = Field(default=None, description="masked, e.g. z***@example.com")
    account_name: str | None = None


class IssueSection(BaseModel):
    """What happened, when, and what the app said (free text already redacted)."""

    wallet: Wallet
    operator: Operator | None = None
    symptom: Symptom
    occurred_at: str = Field(description="ISO 8601 with offset, or a date when no time of day was given")
    occurred_at_precision: Literal["day", "minute", "second"]
    timezone: str = Field(description="UTC offset of occurred_at, e.g. +08:00")
    steps: list[str] = Field(default=[])
    error_message: str | None = None
    description: str | None = None
    network: Network | None = None
    app_updated: YesNoUnknown | None = None
    money_sent: YesNoUnknown | None = Field(default=None, description="suspicious contact or unknown transaction: has money left?")


class TransactionSection(BaseModel):
    """The money involved (present only when the problem involves money and something was given)."""

    amount: str | None = Field(default=None, description="decimal string, e.g. 128.50")
    currency: str = "CNY"
    counterparty: str | None = None
    transaction_id: str | None = None


class DeviceSection(BaseModel):
    """The phone and app the problem happened on."""

    brand: str | None = None
    model: str | None = None
    os: str | None = None
    os_version: str | None = None
    app_version: str | None = None


class EvidenceItem(BaseModel):
    """One evidence file, recorded by base name only (a folder path can hold the user's name)."""

    name: str
    size: int = Field(ge=0, description="bytes")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class RedactionEntry(BaseModel):
    """What was masked or removed: the field and the kind, never the value."""

    field: str
    kind: str
    action: str


class MissingItem(BaseModel):
    """Something support will likely ask for that the case does not have yet, and why they ask."""

    id: str
    what: str
    why: str


class CaseDocument(Document):
    """The ``prepare-ticket --format json`` document and the exported case file (``schema_version`` 1)."""

    command: Literal["prepare-ticket"] = "prepare-ticket"
    case_id: str = Field(pattern=CASE_ID_PATTERN)
    created_at: AwareDatetime
    account: AccountSection
    issue: IssueSection
    transaction: TransactionSection | None = None
    device: DeviceSection
    evidence: list[EvidenceItem] = Field(default=[])
    diagnosis: Diagnosis
    redactions: list[RedactionEntry] = Field(default=[])
    missing: list[MissingItem] = Field(default=[])
    opener: list[str] = Field(description="three sentences to open the call or chat with")
    write_down: list[str] = Field(description="what to write down during the contact")
    talk_tips: list[str] = Field(default=[], description="how to talk to support: brief, patient, ask to explain, get the reference and date")
