"""The complaint draft of a stuck case (pure, data only): its facts, the whole contact log, the promises not kept,
what to ask for, the reply deadline and where the case goes next.

Every user text in it is redacted again and cleaned (:func:`safe`), but escaped for no format:
``render/case.py`` writes the draft as Markdown, and shows the same facts and contact log for
``case show``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from walletaid.engines.escalate import money_lost, section
from walletaid.engines.followup import COMPLAINT_DECISION_DAYS
from walletaid.models.diagnose import ACCESS_SYMPTOMS
from walletaid.engines.labels import display_title, label, shown_date
from walletaid.i18n import Lang, t
from walletaid.models.case import CaseRecord
from walletaid.models.escalation import CaseFact, ComplaintDraft, EscalationPlan, MissedLine, TimelineEntry
from walletaid.textsafe import clean


def safe(text: object, field: str) -> str:
    """User text made safe for a file: redacted again, escape sequences and control characters removed."""
    from walletaid.engines.redact import redact_text

    redacted, _ = redact_text(clean(str(text)), field)
    return redacted


def _amount(tx: dict[str, Any]) -> str | None:
    return f"{tx['amount']} {tx.get('currency') or ''}".strip() if tx.get("amount") else None


def case_facts(record: CaseRecord, lang: Lang) -> list[CaseFact]:
    """The case's facts that are known, labelled in ``lang``: id, wallet, operator, symptom, when, the error and the
    description, the money, the phone, the evidence."""
    issue, tx, account = (section(record, n) for n in ("issue", "transaction", "account"))
    names = [str(e["name"]) for e in record.document.get("evidence") or [] if isinstance(e, dict) and e.get("name")]
    rows = [("fact_case_id", record.case_id, "case_id"), ("fact_wallet", label("wallet", record.wallet, lang), "wallet"),
            ("fact_operator", label("operator", record.operator, lang), "operator"),
            ("fact_symptom", label("symptom", record.symptom, lang), "symptom"),
            ("fact_occurred", shown_date(issue["occurred_at"]) if issue.get("occurred_at") else None, "issue.occurred_at"),
            ("fact_error", issue.get("error_message"), "issue.error_message"),
            ("fact_description", issue.get("description"), "issue.description"),
            ("fact_amount", _amount(tx), "transaction.amount"),
            ("fact_transaction_id", tx.get("transaction_id"), "transaction.transaction_id"),
            ("fact_counterparty", tx.get("counterparty"), "transaction.counterparty"),
            ("fact_phone", account.get("phone"), "account.phone"),
            ("fact_evidence", ", ".join(names), "evidence.name")]
    return [CaseFact(label=t(f"case.{key}", lang), value=safe(value, field)) for key, value, field in rows if value]


def timeline_entries(record: CaseRecord, lang: Lang) -> list[TimelineEntry]:
    """The contact log in words, oldest first."""
    return [TimelineEntry(n=n, when=shown_date(c.logged_at), channel=label("channel", c.channel, lang),
                          agent=safe(c.agent or "", "contact.agent"), reference=safe(c.reference or "", "contact.reference"),
                          promised=shown_date(c.promised_by) if c.promised_by else "-", outcome=label("outcome", c.outcome, lang),
                          note=safe(c.note or "", "contact.note"))
            for n, c in enumerate(sorted(record.contacts, key=lambda c: c.id), start=1)]


def _requests(record: CaseRecord, lang: Lang) -> list[str]:
    out = []
    if record.symptom == "unrecognized_transaction":
        out.append(t("case.request_unauthorized", lang))
    elif money_lost(record):
        amount = _amount(section(record, "transaction"))
        out.append(t("case.request_money", lang, amount=safe(amount, "amount")) if amount
                   else t("case.request_money_plain", lang))
    elif record.symptom in ACCESS_SYMPTOMS:
        out.append(t("case.request_access", lang))
    else:
        out.append(t("case.request_fix", lang))
    out.append(t("case.request_reply", lang))
    return out


def _addressee(record: CaseRecord, plan: EscalationPlan, lang: Lang) -> str:
    if record.operator:
        return t("case.draft_to_operator", lang, name=label("operator", record.operator, lang))
    first = next((s for s in plan.steps if s.id in ("operator", "exchange")), None)
    return first.who if first else t("case.draft_to_default", lang)


def _deadline_and_next(record: CaseRecord, plan: EscalationPlan, lang: Lang, now: datetime) -> list[str]:
    """The reply deadline (the banking rule for a bank; no figure for anyone else) and where the case goes next."""
    if record.wallet == "ecny" or record.operator:
        lines = [t("case.draft_deadline_text", lang, date=(now + timedelta(days=COMPLAINT_DECISION_DAYS)).strftime("%Y-%m-%d"))]
    else:
        lines = [t("case.draft_deadline_text_other", lang)]
    numbers = {s.id: s.contact[0] for s in plan.steps if s.id in ("pboc", "nfra") and s.contact}
    if "nfra" in numbers:
        key = "case.draft_regulators" if "pboc" in numbers else "case.draft_regulator_nfra"
        regulators = t(key, lang, nfra=numbers["nfra"], pboc=numbers.get("pboc", ""))
        lines += ["", t("case.draft_next_text", lang, regulators=regulators)]
    return lines


def complaint_draft(record: CaseRecord, plan: EscalationPlan, lang: Lang, *, now: datetime) -> ComplaintDraft:
    """The complaint draft in ``lang``: facts, full timeline, missed promises, the request, the deadline."""
    phone = section(record, "account").get("phone")
    missed = [MissedLine(date=shown_date(m.promised_by), reference=safe(m.reference, "reference") if m.reference else None)
              for m in plan.follow_up.missed_promises]
    return ComplaintDraft(
        lang=lang, file_name=f"{record.case_id}-complaint.{lang}.md", title=safe(display_title(record, lang), "title"),
        addressee=_addressee(record, plan, lang), facts=case_facts(record, lang),
        timeline=timeline_entries(record, lang), missed=missed, requests=_requests(record, lang),
        deadline=_deadline_and_next(record, plan, lang, now), phone=safe(phone, "phone") if phone else None,
        written_on=now.strftime("%Y-%m-%d"),
    )
