"""Escalation (pure): the ladder of places to turn to for a stuck case, and the complaint draft.

The ladder follows domain-facts.md §2–3: the operator (or provider) that holds
the wallet first, for money, limits, freezes and complaints, with what to ask
for; the e-CNY App's 956196 for the App itself; then the regulator that fits
(NFRA 12378 for banks and insurers, first for e-CNY since the operators are
banks; PBoC 12363 for payment institutions and credit reporting, beside it for
e-CNY with the advice to ask which one takes the case); the police (110) and
the anti-fraud line (96110) first of all when fraud is involved; the public
legal services line (12348) when money was lost; and help from people nearby.
Numbers come from the contacts directory; crypto exchanges get no phone number,
only their official in-app / website support.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from walletaid.engines.contacts import find_provider, first_hotline, provider_channels
from walletaid.engines.followup import follow_up
from walletaid.i18n import Lang, t
from walletaid.knowledge import load
from walletaid.knowledge.schemas.escalation import EscalationKnowledge, LadderEntry
from walletaid.engines.labels import display_title, label
from walletaid.models.case import CaseRecord, EscalationPlan, EscalationStep
from walletaid.textsafe import clean, for_markdown

FRAUD_CAUSES = frozenset({"fraud_contact", "unauthorized_access"})
FRAUD_WORDS = ("诈骗", "被骗", "骗子", "骗局", "安全账户", "scam", "fraud", "scammer")
MONEY_SYMPTOMS = frozenset({"transfer_not_arrived", "balance_wrong", "unrecognized_transaction"})
PAYMENT_SYMPTOMS = MONEY_SYMPTOMS | {"payment_failed", "nfc_payment_failed"}
ACCESS_SYMPTOMS = frozenset({"cannot_login", "account_locked"})


def knowledge() -> EscalationKnowledge:
    """``knowledge/escalation.json``."""
    return load("escalation", EscalationKnowledge)


def _section(record: CaseRecord, name: str) -> dict[str, Any]:
    value = record.document.get(name)
    return value if isinstance(value, dict) else {}


def _diagnosis(record: CaseRecord) -> dict[str, Any]:
    return _section(record, "diagnosis") if record.command != "diagnose" else record.document


def is_fraud(record: CaseRecord) -> bool:
    """Fraud is involved: the diagnosis says urgent / fraud, the symptom is a suspicious contact, or the words say so."""
    diag = _diagnosis(record)
    causes = {c.get("id") for c in diag.get("causes") or [] if isinstance(c, dict) and c.get("likelihood") == "high"}
    if diag.get("urgent") or causes & FRAUD_CAUSES or record.symptom == "suspicious_contact":
        return True
    texts = [str(_section(record, "issue").get("description") or "")] + [c.note or "" for c in record.contacts]
    return any(word in text.casefold() for text in texts for word in FRAUD_WORDS)


def money_lost(record: CaseRecord) -> bool:
    """Money is involved: an amount in the transaction, or a symptom about missing money."""
    return bool(_section(record, "transaction").get("amount")) or record.symptom in MONEY_SYMPTOMS


def _step(entry: LadderEntry, lang: Lang, *, contact: list[str] | None = None, applies_now: bool = True,
          who: str | None = None) -> EscalationStep:
    if contact is None:  # the rung's own number, from the directory
        number = first_hotline(entry.provider) if entry.provider else None
        contact = [number] if number else []
    if entry.place is not None:
        contact = [*contact, entry.place.get(lang)]
    return EscalationStep(
        id=entry.id, who=who or entry.who.get(lang), contact=contact, when=entry.when.get(lang),
        ask=entry.ask.get(lang), bring=entry.bring.get(lang),
        caveat=entry.caveat.get(lang) if entry.caveat else None, applies_now=applies_now,
        source=f"{entry.source.confidence}: {entry.source.ref}",
    )


def _directory_lines(provider: str, lang: Lang) -> list[str]:
    """Hotline and website lines from the contacts directory, then the caveats that go with them (a hedge is never
    dropped: a [verify] number keeps its note, an operator without a confirmed number says so)."""
    channels = [c for c in provider_channels(provider, lang) if c.channel in ("hotline", "website")]
    found = find_provider(provider)
    caveats = [c.note for c in channels if c.note and (c.source or "").startswith("verify")]
    if found is not None and found.note and found.group == "operator":
        caveats.append(found.note.get(lang))
    return [f"{c.name}: {c.value}" for c in channels] + list(dict.fromkeys(caveats))


def _operator_lines(record: CaseRecord, lang: Lang) -> list[str]:
    operator = record.operator
    if record.wallet != "ecny" and not operator:
        return [t("case.provider_contact", lang)]
    if not operator or find_provider(operator) is None:
        return [t("case.operator_unknown_contact", lang)]
    return _directory_lines(operator, lang)


def _first_contact_steps(record: CaseRecord, ladder: dict[str, LadderEntry], lang: Lang) -> list[EscalationStep]:
    """Who first: the operator (or provider) for money, limits, freezes and complaints; then the e-CNY App."""
    if record.wallet == "crypto":
        return [_step(ladder["exchange"], lang, contact=[])]
    who = None
    if record.operator:
        who = t("case.operator_who", lang, name=label("operator", record.operator, lang))
    elif record.wallet != "ecny":
        who = t("case.provider_who", lang)
    steps = [_step(ladder["operator"], lang, contact=_operator_lines(record, lang), who=who)]
    if record.wallet == "ecny":
        steps.append(_step(ladder["ecny_app"], lang, contact=_directory_lines("ecny", lang)))
    return steps


def _regulators(record: CaseRecord) -> list[str]:
    """The regulators' lines that fit: NFRA 12378 for banks (first for e-CNY: the operators are banks), PBoC 12363
    for payment institutions and credit reporting (beside it for e-CNY, which the PBoC issues)."""
    if record.wallet == "crypto":
        return []
    pboc = ["pboc"] if record.wallet == "ecny" or record.symptom in PAYMENT_SYMPTOMS else []
    return ["nfra", *pboc] if record.wallet == "ecny" else [*pboc, "nfra"]


def plan_escalation(record: CaseRecord, lang: Lang, *, now: datetime) -> EscalationPlan:
    """The ordered escalation ladder that fits this case."""
    kb = knowledge()
    ladder = {entry.id: entry for entry in kb.ladder}
    state = follow_up(record, now=now)
    later = state.needs_escalation
    fraud = is_fraud(record)
    steps: list[EscalationStep] = []
    if fraud:
        steps += [_step(ladder["police"], lang), _step(ladder["antifraud"], lang)]
    steps += _first_contact_steps(record, ladder, lang)
    steps += [_step(ladder[rid], lang, applies_now=later) for rid in _regulators(record)]
    if money_lost(record) or fraud:
        steps.append(_step(ladder["legal"], lang, applies_now=later))
    steps.append(_step(ladder["community"], lang))
    references = [c.reference for c in record.contacts if c.reference]
    return EscalationPlan(
        lang=lang, case_id=record.case_id, title=display_title(record, lang), fraud=fraud, follow_up=state, steps=steps,
        references=list(dict.fromkeys(references)), rule=kb.complaint_rule.get(lang),
    )


# --- the complaint draft ---------------------------------------------------------------------------


def safe(text: object, field: str) -> str:
    """User text made safe for a file: redacted again, escape sequences and control characters removed."""
    from walletaid.engines.redact import redact_text

    redacted, _ = redact_text(clean(str(text)), field)
    return redacted


def cell(text: object, field: str) -> str:
    """A Markdown table cell: safe text on one line, its Markdown syntax (pipes included) escaped."""
    return for_markdown(safe(text, field).replace("\n", " / ")).strip() or "-"


def _when(value: object) -> str:
    """A date or moment as ``YYYY-MM-DD [HH:MM]`` (ISO strings are parsed; anything else is kept)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value) if value is not None else "-"


def fact_rows(record: CaseRecord, lang: Lang) -> list[tuple[str, str]]:
    issue, tx, account = (_section(record, n) for n in ("issue", "transaction", "account"))
    amount = f"{tx['amount']} {tx.get('currency') or ''}".strip() if tx.get("amount") else None
    names = [str(e["name"]) for e in record.document.get("evidence") or [] if isinstance(e, dict) and e.get("name")]
    rows = [("fact_case_id", record.case_id, "case_id"), ("fact_wallet", label("wallet", record.wallet, lang), "wallet"),
            ("fact_operator", label("operator", record.operator, lang), "operator"),
            ("fact_symptom", label("symptom", record.symptom, lang), "symptom"),
            ("fact_occurred", _when(issue["occurred_at"]) if issue.get("occurred_at") else None, "issue.occurred_at"),
            ("fact_error", issue.get("error_message"), "issue.error_message"),
            ("fact_description", issue.get("description"), "issue.description"),
            ("fact_amount", amount, "transaction.amount"),
            ("fact_transaction_id", tx.get("transaction_id"), "transaction.transaction_id"),
            ("fact_counterparty", tx.get("counterparty"), "transaction.counterparty"),
            ("fact_phone", account.get("phone"), "account.phone"),
            ("fact_evidence", ", ".join(names), "evidence.name")]
    return [(t(f"case.{key}", lang), safe(value, field)) for key, value, field in rows if value]


def timeline_table(record: CaseRecord, lang: Lang) -> list[str]:
    """The contact log as a Markdown table (every entry, oldest first)."""
    cols = ["col_no", "col_when", "col_channel", "col_agent", "col_reference", "col_promised", "col_outcome", "col_note"]
    out = ["| " + " | ".join(t(f"case.{c}", lang) for c in cols) + " |", "|" + " --- |" * len(cols)]
    for n, c in enumerate(sorted(record.contacts, key=lambda c: c.id), start=1):
        cells = [str(n), _when(c.logged_at), label("channel", c.channel, lang), cell(c.agent or "", "contact.agent"),
                 cell(c.reference or "", "contact.reference"), _when(c.promised_by) if c.promised_by else "-",
                 label("outcome", c.outcome, lang), cell(c.note or "", "contact.note")]
        out.append("| " + " | ".join(cells) + " |")
    return out


def _requests(record: CaseRecord, lang: Lang) -> list[str]:
    tx = _section(record, "transaction")
    out = []
    if record.symptom == "unrecognized_transaction":
        out.append(t("case.request_unauthorized", lang))
    elif money_lost(record):
        amount = f"{tx['amount']} {tx.get('currency') or ''}".strip() if tx.get("amount") else None
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
        lines = [t("case.draft_deadline_text", lang, date=(now + timedelta(days=15)).strftime("%Y-%m-%d"))]
    else:
        lines = [t("case.draft_deadline_text_other", lang)]
    numbers = {s.id: s.contact[0] for s in plan.steps if s.id in ("pboc", "nfra") and s.contact}
    if "nfra" in numbers:
        key = "case.draft_regulators" if "pboc" in numbers else "case.draft_regulator_nfra"
        regulators = t(key, lang, nfra=numbers["nfra"], pboc=numbers.get("pboc", ""))
        lines += ["", t("case.draft_next_text", lang, regulators=regulators)]
    return lines


def complaint_draft(record: CaseRecord, plan: EscalationPlan, lang: Lang, *, now: datetime) -> str:
    """The complaint draft in Markdown, in ``lang``: facts, full timeline, missed promises, the request, the deadline."""
    n = len(record.contacts)
    lines = [f"# {t('case.draft_title', lang, title=for_markdown(safe(display_title(record, lang), 'title')))}", "",
             t("case.draft_to", lang, who=_addressee(record, plan, lang)), "",
             t("case.draft_intro", lang, n=n) if n else t("case.draft_intro_none", lang), "",
             f"## {t('case.draft_facts', lang)}", ""]
    lines += [f"- **{name}**: {for_markdown(value.replace(chr(10), ' / '))}" for name, value in fact_rows(record, lang)]
    lines += ["", f"## {t('case.draft_timeline', lang)}", ""]
    lines += timeline_table(record, lang) if n else [t("case.timeline_empty", lang)]
    lines += ["", f"## {t('case.draft_missed', lang)}", ""]
    missed = plan.follow_up.missed_promises
    for m in missed:
        ref = t("case.draft_missed_ref", lang, ref=for_markdown(safe(m.reference, "reference"))) if m.reference else ""
        lines.append("- " + t("case.draft_missed_item", lang, date=_when(m.promised_by), ref=ref))
    if not missed:
        lines.append(t("case.draft_missed_none", lang))
    lines += ["", f"## {t('case.draft_request', lang)}", ""]
    lines += [f"{i}. {text}" for i, text in enumerate(_requests(record, lang), start=1)]
    lines += ["", f"## {t('case.draft_deadline', lang)}", "", *_deadline_and_next(record, plan, lang, now)]
    phone = _section(record, "account").get("phone")
    if phone:
        lines += ["", t("case.draft_contact_me", lang, phone=safe(phone, "phone"))]
    lines += ["", "---", "", t("case.draft_footer", lang, date=now.strftime("%Y-%m-%d")), ""]
    return "\n".join(lines)


def draft_filename(record: CaseRecord, lang: Lang) -> str:
    """``WA-20261125-7KQ3-complaint.zh.md``."""
    return f"{record.case_id}-complaint.{lang}.md"
