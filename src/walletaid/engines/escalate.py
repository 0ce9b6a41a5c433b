"""Escalation (pure): the ladder of places to turn to for a stuck case (the complaint draft is
``engines/complaint.py``).

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

from datetime import datetime
from typing import Any

from walletaid.engines.contacts import find_provider, first_hotline, provider_channels
from walletaid.engines.followup import follow_up
from walletaid.engines.labels import display_title, label
from walletaid.i18n import Lang, t
from walletaid.knowledge import load
from walletaid.knowledge.schemas.escalation import EscalationKnowledge, LadderEntry
from walletaid.models.diagnose import MONEY_MISSING_SYMPTOMS, PAYING_SYMPTOMS
from walletaid.models.case import CaseRecord
from walletaid.models.escalation import EscalationPlan, EscalationStep

FRAUD_CAUSES = frozenset({"fraud_contact", "unauthorized_access"})
FRAUD_WORDS = ("诈骗", "被骗", "骗子", "骗局", "安全账户", "scam", "fraud", "scammer")


def knowledge() -> EscalationKnowledge:
    """``knowledge/escalation.json``."""
    return load("escalation", EscalationKnowledge)


def section(record: CaseRecord, name: str) -> dict[str, Any]:
    """One section of the saved case document (``issue``, ``transaction``, ``account`` …); empty when absent."""
    value = record.document.get(name)
    return value if isinstance(value, dict) else {}


def _diagnosis(record: CaseRecord) -> dict[str, Any]:
    return section(record, "diagnosis") if record.command != "diagnose" else record.document


def is_fraud(record: CaseRecord) -> bool:
    """Fraud is involved: the diagnosis says urgent / fraud, the symptom is a suspicious contact, or the words say so."""
    diag = _diagnosis(record)
    causes = {c.get("id") for c in diag.get("causes") or [] if isinstance(c, dict) and c.get("likelihood") == "high"}
    if diag.get("urgent") or causes & FRAUD_CAUSES or record.symptom == "suspicious_contact":
        return True
    texts = [str(section(record, "issue").get("description") or "")] + [c.note or "" for c in record.contacts]
    return any(word in text.casefold() for text in texts for word in FRAUD_WORDS)


def money_lost(record: CaseRecord) -> bool:
    """Money is involved: an amount in the transaction, or a symptom about missing money."""
    return bool(section(record, "transaction").get("amount")) or record.symptom in MONEY_MISSING_SYMPTOMS


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
    pboc = ["pboc"] if record.wallet == "ecny" or record.symptom in PAYING_SYMPTOMS else []
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
