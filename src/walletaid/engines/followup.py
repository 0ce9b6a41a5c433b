"""Follow-up (pure): which promises support missed, whether a case is overdue, when to escalate, and the
advice that follows (:func:`advice`).

Rules:
- a promise is the ``promised_by`` date of a logged contact; only the latest
  promise is *pending*.  It is *overdue* when its date has passed (a date-only
  promise at the end of that day), the case is open and not resolved, and no
  contact was logged after the date;
- a case is resolved when its latest contact says so;
- a promise is *missed* when its date passed before the case was resolved;
- a case *needs escalation* (open and not resolved) when a promise is overdue,
  or two or more contacts ended pending/unresolved, or more than 15 days went by
  since the first contact with the institution without a resolution.  The
  15-day figure is the institution's deadline for deciding a simple complaint
  under the PBoC's and the banking regulator's consumer-complaint rules
  (extendable to 30 days, then another 30) [sourced: domain-facts.md §3].
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from walletaid.engines.labels import shown_date
from walletaid.i18n import Lang, t
from walletaid.models.case import CaseRecord, ContactEntry, FollowUp, FollowUpReason, MissedPromise, Promise

COMPLAINT_DECISION_DAYS = 15
"""A complaint is answered within 15 days (the banking regulator's rule, longer when complex): the draft's deadline."""
REPEATED_CONTACTS = 2


def _aware(moment: datetime, ref: datetime) -> datetime:
    """``moment`` with ``ref``'s time zone when it has none."""
    return moment.replace(tzinfo=ref.tzinfo) if moment.tzinfo is None else moment


def _now(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.astimezone()


def promise_deadline(promise: Promise, now: datetime) -> datetime:
    """The moment a promise is broken: its date and time, or the end of its day for a date-only promise."""
    now = _now(now)
    if isinstance(promise, datetime):
        return _aware(promise, now)
    assert isinstance(promise, date)
    return datetime.combine(promise + timedelta(days=1), time(0), tzinfo=now.tzinfo)


def case_age_days(record: CaseRecord, *, now: datetime) -> int:
    """Whole days since the case was created (never negative)."""
    now = _now(now)
    return max(0, (now - _aware(record.created_at, now)).days)


def _resolved_at(contacts: list[ContactEntry], now: datetime) -> datetime | None:
    """When the case was resolved: the latest contact, if it says so (a later problem reopens it)."""
    if contacts and contacts[-1].outcome == "resolved":
        return _aware(contacts[-1].logged_at, now)
    return None


def _missed(contacts: list[ContactEntry], resolved: datetime | None, now: datetime) -> list[MissedPromise]:
    out = []
    for c in contacts:
        if c.promised_by is None:
            continue
        deadline = promise_deadline(c.promised_by, now)
        if deadline <= now and (resolved is None or resolved > deadline):
            out.append(MissedPromise(contact_id=c.id, promised_by=c.promised_by, reference=c.reference))
    return out


def _pending_promise(contacts: list[ContactEntry], now: datetime) -> tuple[Promise | None, bool]:
    """The latest promise if no contact came after its date, and whether it is overdue."""
    promised = [c for c in contacts if c.promised_by is not None]
    if not promised:
        return None, False
    latest = promised[-1]
    deadline = promise_deadline(latest.promised_by, now)  # type: ignore[arg-type]
    if any(c is not latest and _aware(c.logged_at, now) >= deadline for c in contacts):
        return None, False
    return latest.promised_by, deadline <= now


def follow_up(record: CaseRecord, *, now: datetime) -> FollowUp:
    """The follow-up state of a case at ``now``."""
    now = _now(now)
    contacts = sorted(record.contacts, key=lambda c: c.id)
    resolved_at = _resolved_at(contacts, now)
    is_open = record.status == "open"
    resolved = resolved_at is not None
    next_promise, overdue = _pending_promise(contacts, now) if is_open and not resolved else (None, False)
    unresolved = sum(1 for c in contacts if c.outcome in ("pending", "unresolved"))
    first = _aware(contacts[0].logged_at, now) if contacts else None
    days = max(0, (now - first).days) if first else None
    reasons: list[FollowUpReason] = []
    if is_open and not resolved:
        if overdue:
            reasons.append("promise_overdue")
        if unresolved >= REPEATED_CONTACTS:
            reasons.append("repeated_contacts")
        if days is not None and days > COMPLAINT_DECISION_DAYS:
            reasons.append("no_reply_15_days")
    return FollowUp(
        next_promise=next_promise,
        overdue=overdue,
        missed_promises=_missed(contacts, resolved_at, now),
        unresolved_contacts=unresolved,
        days_since_first_contact=days,
        resolved=resolved,
        needs_escalation=bool(reasons),
        reasons=reasons,
        suggest_close=is_open and bool(contacts) and contacts[-1].outcome == "resolved",
        suggest_first_contact=is_open and not contacts,
    )


def advice(case_id: str, state: FollowUp, status: str, lang: Lang) -> list[str]:
    """What to do next about one case, most pressing first: why it needs attention, then one next step
    (escalate, close, make the first contact, wait for the promise, or log the next contact)."""
    if status == "closed":
        return [t("case.advice_closed", lang, case_id=case_id)]
    out = []
    for reason in state.reasons:
        fields = {"date": shown_date(state.next_promise), "n": state.unresolved_contacts,
                  "days": state.days_since_first_contact}
        out.append(t(f"case.reason_{reason}", lang, **fields))
    if state.needs_escalation:
        out.append(t("case.advice_escalate", lang, case_id=case_id))
    elif state.suggest_close:
        out.append(t("case.advice_close", lang, case_id=case_id))
    elif state.suggest_first_contact:
        out.append(t("case.advice_first_contact", lang, case_id=case_id))
    elif state.next_promise is not None:
        out.append(t("case.advice_wait", lang, date=shown_date(state.next_promise), case_id=case_id))
    else:
        out.append(t("case.advice_log", lang, case_id=case_id))
    return out
