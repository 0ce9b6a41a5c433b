"""Pure engine of ``prepare-ticket``: validated answers + evidence records → the case document.

No I/O and no clock: ``now`` and ``case_id`` come in as arguments.  Every
free-text field goes through the redaction engine, the phone number and the
e-mail are masked, and what was removed is listed (field and kind only).  The
case also says what support will still ask for (``missing``), how to open the
call or chat (``opener``, three sentences) and what to write down during it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from walletaid.i18n import Lang, t
from walletaid.models.diagnose import COUNTERPARTY_SYMPTOMS, DEVICE_SYMPTOMS, ERROR_TEXT_SYMPTOMS, PAYMENT_SYMPTOMS
from walletaid.models.ticket import (
    AccountSection, CaseDocument, DeviceSection, EvidenceItem, IssueSection, MissingItem, RedactionEntry,
    TicketAnswers, TransactionSection,
)
from walletaid.textsafe import clean

FREE_TEXT_FIELDS = (
    "account_name", "steps", "error_message", "description", "counterparty", "transaction_id",
    "device_brand", "device_model", "os", "os_version", "app_version",
)
"""Every typed answer that is not a choice: each goes through the redaction engine before it reaches the case."""
Redactor = Callable[[Any, str], Any]


def mask_phone_e164(e164: str) -> str:
    """A normalized phone number masked for display: ``+8613812345678`` → ``138****5678``."""
    from walletaid.engines.redact import mask_phone

    return mask_phone(e164)


def _redactor(found: list[RedactionEntry]) -> Redactor:
    """A function that redacts one free-text value and records what it removed in ``found``."""
    from walletaid.engines.redact import redact_tree

    def redact(value: Any, field: str) -> Any:
        if value is None:
            return None
        value = [clean(v) for v in value] if isinstance(value, list) else clean(value)
        result, redactions = redact_tree(value, field)
        found.extend(RedactionEntry(field=r.field, kind=r.kind, action=r.action) for r in redactions)
        return result

    return redact


def _evidence(items: list[EvidenceItem], found: list[RedactionEntry]) -> list[EvidenceItem]:
    """The evidence records with their file names redacted (extension kept), what was removed added to ``found``."""
    from walletaid.engines.redact import redact_file_name

    safe = []
    for index, item in enumerate(items):
        name, redactions = redact_file_name(item.name, f"evidence[{index}].name")
        found.extend(RedactionEntry(field=r.field, kind=r.kind, action=r.action) for r in redactions)
        safe.append(item.model_copy(update={"name": name}))
    return safe


def _when(value: datetime | date) -> tuple[str, str, str]:
    """ISO text, precision and UTC offset of the time it happened."""
    if isinstance(value, datetime):
        offset = value.strftime("%z") or "+0000"
        precision = "second" if value.second or value.microsecond else "minute"
        text = value.replace(microsecond=0).isoformat(timespec="seconds" if precision == "second" else "minutes")
        return text, precision, f"{offset[:3]}:{offset[3:]}"
    return value.isoformat(), "day", ""


def _sections(answers: TicketAnswers, redact: Redactor, found: list[RedactionEntry]) -> dict[str, Any]:
    account = AccountSection(
        phone=mask_phone_e164(answers.phone),
        email=_mask_email(answers.email) if answers.email else None,
        account_name=redact(answers.account_name, "account_name"),
    )
    found.append(RedactionEntry(field="phone", kind="phone", action="masked"))
    if answers.email:
        found.append(RedactionEntry(field="email", kind="email", action="masked"))
    occurred, precision, offset = _when(answers.occurred_at)
    issue = IssueSection(
        wallet=answers.wallet, operator=answers.operator, symptom=answers.symptom,
        occurred_at=occurred, occurred_at_precision=precision, timezone=offset,
        steps=redact(answers.steps, "steps") or [], error_message=redact(answers.error_message, "error_message"),
        description=redact(answers.description, "description"),
        network=answers.network, app_updated=answers.app_updated, money_sent=answers.money_sent,
    )
    return {
        "account": account, "issue": issue,
        "transaction": _transaction(answers, redact), "device": _device(answers, redact),
    }


def _mask_email(email: str) -> str:
    from walletaid.engines.redact import mask_email

    return mask_email(email)


def _transaction(answers: TicketAnswers, redact: Redactor) -> TransactionSection | None:
    given = (answers.amount, answers.counterparty, answers.transaction_id)
    if all(v is None for v in given):
        return None
    return TransactionSection(
        amount=None if answers.amount is None else format(answers.amount, "f"),
        currency=answers.currency or "CNY",
        counterparty=redact(answers.counterparty, "counterparty"),
        transaction_id=redact(answers.transaction_id, "transaction_id"),  # the engine knows it is a reference
    )


def _device(answers: TicketAnswers, redact: Redactor) -> DeviceSection:
    return DeviceSection(
        brand=redact(answers.device_brand, "device_brand"), model=redact(answers.device_model, "device_model"),
        os=redact(answers.os, "os"), os_version=redact(answers.os_version, "os_version"),
        app_version=redact(answers.app_version, "app_version"),
    )


def money_moved(answers: TicketAnswers) -> bool:
    """Whether a payment or transfer is at the heart of the problem (so support will look for it)."""
    scam_paid = answers.symptom == "suspicious_contact" and answers.money_sent == "yes"
    return answers.symptom in PAYMENT_SYMPTOMS or scam_paid


def missing_ids(answers: TicketAnswers, evidence: list[EvidenceItem]) -> list[str]:
    """Ids of what support will likely ask for that the answers do not have, most important first."""
    device_known = answers.device_model and answers.os and answers.os_version
    money_went = money_moved(answers)
    scam_paid = money_went and answers.symptom == "suspicious_contact"
    checks = [
        ("operator", answers.wallet == "ecny" and answers.operator is None),
        ("transaction_id", money_went and not answers.transaction_id),
        ("amount", money_went and answers.amount is None),
        ("counterparty", (answers.symptom in COUNTERPARTY_SYMPTOMS or scam_paid) and not answers.counterparty),
        ("occurred_time", not isinstance(answers.occurred_at, datetime)),
        ("error_message", answers.symptom in ERROR_TEXT_SYMPTOMS and not answers.error_message),
        ("evidence", not evidence),
        ("steps", not answers.steps),
        ("device", answers.symptom in DEVICE_SYMPTOMS and not device_known),
        ("app_version", not answers.app_version),
    ]
    return [name for name, absent in checks if absent]


def _missing(answers: TicketAnswers, evidence: list[EvidenceItem], lang: Lang) -> list[MissingItem]:
    return [
        MissingItem(id=name, what=t(f"ticket.missing_{name}", lang), why=t(f"ticket.missing_{name}_why", lang))
        for name in missing_ids(answers, evidence)
    ]


def build_case(
    answers: TicketAnswers, evidence: list[EvidenceItem], lang: Lang, *, now: datetime, case_id: str
) -> CaseDocument:
    """The case document for ``answers``: masked, redacted, diagnosed, with what is missing and how to call."""
    from walletaid.engines.diagnose import diagnose
    found: list[RedactionEntry] = []
    redact = _redactor(found)
    sections = _sections(answers, redact, found)
    evidence = _evidence(list(evidence), found)
    issue: IssueSection = sections["issue"]
    # The diagnosis sees the redacted texts: nothing it quotes back can hold a secret.
    redacted = {"error_message": issue.error_message, "description": issue.description}
    safe = answers.diagnose_answers().model_copy(update=redacted)
    doc_fields = {
        **sections,
        "lang": lang, "case_id": case_id, "created_at": now,
        "evidence": list(evidence), "diagnosis": diagnose(safe, lang), "redactions": _dedupe(found),
        "missing": _missing(answers, evidence, lang),
    }
    draft = CaseDocument.model_validate({**doc_fields, "opener": [], "write_down": []})
    return draft.model_copy(update={"opener": opener(draft, lang), "write_down": write_down(draft, lang),
                                    "talk_tips": talk_tips(draft, lang)})


def _wallet_text(doc: CaseDocument, lang: Lang) -> str:
    issue = doc.issue
    if issue.wallet == "ecny" and issue.operator:
        from walletaid.engines.labels import operator_name

        return t("ticket.wallet_ecny_operator", lang, operator=operator_name(issue.operator, lang))
    return t(f"ticket.wallet_{issue.wallet}", lang)


def _when_text(issue: IssueSection, lang: Lang) -> str:
    """When it happened, as one says it on the phone: "11月1日10点左右" / "on 1 Nov around 10:00" (local time)."""
    day, _, clock = issue.occurred_at.partition("T")
    year, month, date_ = (int(part) for part in day.split("-")[:3])
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    date_text = f"{month}月{date_}日" if lang == "zh" else f"{date_} {months[month - 1]} {year}"
    if issue.occurred_at_precision == "day":
        return t("ticket.when_day", lang, date=date_text)
    hour, minute = int(clock[:2]), int(clock[3:5])
    clock_text = (f"{hour}点" + (f"{minute}分" if minute else "")) if lang == "zh" else f"{hour}:{minute:02d}"
    return t("ticket.when_time", lang, date=date_text, clock=clock_text)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def opener(doc: CaseDocument, lang: Lang) -> list[str]:
    """Three sentences to open the call or chat: whose wallet, what happened when (with the error), what to ask for."""
    issue = doc.issue
    first = t("ticket.opener_who", lang, wallet=_wallet_text(doc, lang), last4=doc.account.phone[-4:])
    details = ""
    if issue.error_message:
        details += t("ticket.opener_error", lang, error=_short(issue.error_message))
    money = doc.transaction
    amount = _amount_text(money.amount, money.currency, lang) if money and money.amount else None
    if amount:
        details += t("ticket.opener_amount", lang, amount=amount)
    if money and money.transaction_id:
        details += t("ticket.opener_txid", lang, txid=money.transaction_id)
    second = t("ticket.opener_what", lang, when=_when_text(issue, lang),
               what=t(f"ticket.happened_{issue.symptom}", lang), details=details)
    return [first, second, _ask(doc, amount, lang)]


def _ask(doc: CaseDocument, amount: str | None, lang: Lang) -> str:
    """The request that ends the opener: after a scam payment, freeze and stop the payment, said first."""
    issue = doc.issue
    if issue.symptom in ("suspicious_contact", "unrecognized_transaction") and doc.diagnosis.urgent and money_gone(doc):
        key = "ask_scammed_money" if issue.symptom == "suspicious_contact" else "ask_taken_money"
        return t(f"ticket.{key}", lang, amount=amount) if amount else t(f"ticket.{key}_unknown", lang)
    return t(f"ticket.ask_{issue.symptom}", lang)


def money_gone(doc: CaseDocument) -> bool:
    """Whether the case says money has left the wallet (an amount, or the answer that it has)."""
    return bool(doc.transaction and doc.transaction.amount) or doc.issue.money_sent == "yes"


def _amount_text(amount: str, currency: str, lang: Lang) -> str:
    """"1500 元" / "1500 yuan" for CNY, "0.5 BTC" for anything else."""
    return t("ticket.amount_cny", lang, amount=amount) if currency == "CNY" else f"{amount} {currency}"


def write_down(doc: CaseDocument, lang: Lang) -> list[str]:
    """What to note during the contact: who, reference number, when and how, what was promised, by when, next steps."""
    keys = ["agent", "reference", "contact", "promise", "deadline", "next"]
    if doc.issue.symptom in PAYMENT_SYMPTOMS or doc.transaction is not None:
        keys.append("money_status")
    return [t(f"ticket.write_{key}", lang) for key in keys]


def talk_tips(doc: CaseDocument, lang: Lang) -> list[str]:
    """How to talk to support (brief, patient, ask for explanations, get the reference and the date); for an exchange, its one safe channel."""
    keys = ["brief", "patient", "explain", "reference"] + (["crypto"] if doc.issue.wallet == "crypto" else [])
    return [t(f"ticket.talk_{key}", lang) for key in keys]


def _dedupe(found: list[RedactionEntry]) -> list[RedactionEntry]:
    seen: list[RedactionEntry] = []
    for entry in found:
        if entry not in seen:
            seen.append(entry)
    return seen


def _file_name(name: str) -> str:
    from walletaid.engines.redact import redact_file_name

    return redact_file_name(name)[0]


def review_values(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers made safe to show on a review screen: phone and e-mail masked, free text redacted, file base names.

    Takes the raw answers mapping (before or after validation); the values are
    for display only.
    """
    from os.path import basename

    shown: dict[str, Any] = {}
    redact = _redactor([])
    for key, value in answers.items():
        if value is None:
            shown[key] = None
        elif key == "phone":
            shown[key] = mask_phone_e164(str(value))
        elif key == "email":
            shown[key] = _mask_email(str(value))
        elif key in FREE_TEXT_FIELDS:
            shown[key] = redact(value, key)
        elif key == "evidence":
            shown[key] = [_file_name(basename(str(p))) for p in value]
        else:
            shown[key] = value
    return shown
