"""The ``diagnose`` answers file (contract keys) and the ``Diagnosis`` JSON document."""


from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from walletaid.models.channel import ContactChannel
from walletaid.models.document import Document

Wallet = Literal["ecny", "crypto", "other"]
Symptom = Literal[
    "cannot_login", "payment_failed", "transfer_not_arrived", "balance_wrong", "account_locked",
    "app_crash", "nfc_payment_failed", "unrecognized_transaction", "suspicious_contact", "phone_lost", "other",
]
# Groups of symptoms, each defined once here (the ticket's questions and checks, the escalation plan use them).
MONEY_MISSING_SYMPTOMS: tuple[str, ...] = ("transfer_not_arrived", "balance_wrong", "unrecognized_transaction")
"""Money is gone or has not arrived: the case is about money lost (escalation plan, complaint draft)."""
PAYMENT_SYMPTOMS: tuple[str, ...] = ("payment_failed", *MONEY_MISSING_SYMPTOMS)
"""A transaction to name: a ticket without its amount and time is incomplete."""
PAYING_SYMPTOMS: tuple[str, ...] = (*PAYMENT_SYMPTOMS, "nfc_payment_failed")
"""A payment went wrong, a tap to pay included: the PBoC's line for payment services fits the escalation."""
MONEY_QUESTION_SYMPTOMS: tuple[str, ...] = (*PAYMENT_SYMPTOMS, "suspicious_contact")
"""The ticket asks the money questions (amount, currency, counterparty, transaction id): a scam may have cost money."""
COUNTERPARTY_SYMPTOMS: tuple[str, ...] = ("transfer_not_arrived", "unrecognized_transaction")
"""Money went to (or came from) someone: the ticket needs who."""
ERROR_TEXT_SYMPTOMS: tuple[str, ...] = ("payment_failed", "cannot_login", "account_locked", "app_crash", "nfc_payment_failed")
"""The app usually shows an error: the ticket needs its exact words."""
DEVICE_SYMPTOMS: tuple[str, ...] = ("app_crash", "nfc_payment_failed")
"""The phone itself matters: the ticket needs the device details."""
ACCESS_SYMPTOMS: tuple[str, ...] = ("cannot_login", "account_locked")
"""The user cannot get in: the complaint asks for access back."""
Network = Literal["home_wifi", "public_wifi", "cellular", "offline", "unknown"]
YesNoUnknown = Literal["yes", "no", "unknown"]
MinutesWaited = Literal["lt_10", "10_60", "1_24h", "gt_24h"]
CauseId = Literal[
    "network_problem", "app_outdated", "wrong_credentials", "account_locked", "wallet_limit_exceeded",
    "insufficient_balance", "identity_verification_needed", "device_problem", "bank_card_problem",
    "service_outage", "processing_delay", "fraud_contact", "unauthorized_access", "phone_lost", "hard_wallet_problem",
    "unknown",
]
Likelihood = Literal["high", "medium", "low"]

Operator = Literal["icbc", "abc", "boc", "ccb", "bocom", "psbc", "cmb", "cib", "mybank", "webank"]
"""The e-CNY operators: the providers of group ``operator`` in ``knowledge/contacts.json``, in its order (spelled
out here for typing and the answers-file schema; ``tests/test_contacts.py`` checks the two agree)."""


class DiagnoseAnswers(BaseModel):
    """Answers to the ``diagnose`` questions (contract keys plus optional follow-ups)."""

    model_config = ConfigDict(extra="forbid")

    wallet: Wallet
    operator: Operator | None = None
    symptom: Symptom
    error_message: str | None = Field(default=None, max_length=2000)
    description: str | None = Field(default=None, max_length=4000)
    network: Network | None = None
    app_updated: YesNoUnknown | None = None
    # follow-up answers (optional; asked only for some symptoms)
    contact_asked_for: list[str] | None = Field(
        default=None, description="suspicious_contact: what the caller asked for (codes, transfer, screen_sharing, app_install, link, personal_info)"
    )
    money_sent: YesNoUnknown | None = Field(default=None, description="suspicious_contact / unrecognized_transaction / phone_lost: has money already left?")
    minutes_waited: MinutesWaited | None = Field(
        default=None, description="transfer_not_arrived: how long since the transfer"
    )


class Cause(BaseModel):
    """One likely cause, with why walletaid thinks so."""

    id: CauseId
    likelihood: Likelihood
    score: float = Field(description="internal ranking score; higher is more likely")
    title: str
    explanation: str
    steps: list[str]
    reasons: list[str] = Field(default=[], description="why this cause was matched")
    when_to_contact: str | None = None


class Diagnosis(Document):
    """The ``diagnose --format json`` document (``schema_version`` 1)."""

    command: Literal["diagnose"] = "diagnose"
    wallet: Wallet
    operator: Operator | None = None
    symptom: Symptom
    urgent: bool
    urgent_actions: list[str] = Field(default=[], description="what to do right now when urgent")
    causes: list[Cause] = Field(min_length=1)
    caller_claims: list[str] = Field(
        default=[], description="when the answers show fraud: the problems the caller claimed (the user's words), not offered as causes"
    )
    contact: list[ContactChannel]
    next_steps: list[str]
