"""Follow-up rules, table-driven with a fixed ``now``: overdue promises, missed promises, when to escalate."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from walletaid.engines.followup import case_age_days, follow_up, promise_deadline
from walletaid.models.case import CaseRecord, ContactEntry

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=TZ)


def days_ago(n: float) -> datetime:
    return NOW - timedelta(days=n)


def contact(n: int, logged: datetime, outcome: str = "pending", promise: date | datetime | None = None) -> ContactEntry:
    return ContactEntry(id=n, logged_at=logged, channel="hotline", outcome=outcome, promised_by=promise, reference=f"R{n}")


def record(*contacts: ContactEntry, status: str = "open", created: datetime | None = None) -> CaseRecord:
    return CaseRecord(case_id="WA-20261101-AAAA", title="t", status=status, lang="en", command="prepare-ticket",
                      created_at=created or days_ago(30), document={}, contacts=list(contacts))


YESTERDAY, TODAY, TOMORROW = date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26)

CASES = [
    # id, record, (overdue, needs_escalation, reasons, next_promise)
    ("no contacts yet", record(), (False, False, [], None)),
    ("promise tomorrow", record(contact(1, days_ago(1), promise=TOMORROW)), (False, False, [], TOMORROW)),
    ("date promise for today is kept until midnight", record(contact(1, days_ago(1), promise=TODAY)),
     (False, False, [], TODAY)),
    ("date promise yesterday is overdue", record(contact(1, days_ago(3), promise=YESTERDAY)),
     (True, True, ["promise_overdue"], YESTERDAY)),
    ("timed promise an hour ago is overdue", record(contact(1, days_ago(1), promise=NOW - timedelta(hours=1))),
     (True, True, ["promise_overdue"], NOW - timedelta(hours=1))),
    ("timed promise in an hour is pending", record(contact(1, days_ago(1), promise=NOW + timedelta(hours=1))),
     (False, False, [], NOW + timedelta(hours=1))),
    ("naive timed promise uses now's zone", record(contact(1, days_ago(1), promise=datetime(2026, 11, 25, 11, 0))),
     (True, True, ["promise_overdue"], datetime(2026, 11, 25, 11, 0))),
    ("a contact after the missed date ends the overdue state",
     record(contact(1, days_ago(5), promise=date(2026, 11, 22)), contact(2, days_ago(1), "pending")),
     (False, True, ["repeated_contacts"], None)),
    ("a new promise replaces the old one",
     record(contact(1, days_ago(5), promise=date(2026, 11, 22)), contact(2, days_ago(1), "unresolved", TOMORROW)),
     (False, True, ["repeated_contacts"], TOMORROW)),
    ("resolved after the date: nothing pending", record(contact(1, days_ago(5), promise=YESTERDAY), contact(2, NOW, "resolved")),
     (False, False, [], None)),
    ("closed case is never overdue", record(contact(1, days_ago(5), promise=YESTERDAY), status="closed"),
     (False, False, [], None)),
    ("one unresolved contact is not enough", record(contact(1, days_ago(2), "unresolved")), (False, False, [], None)),
    ("two unresolved contacts", record(contact(1, days_ago(3), "unresolved"), contact(2, days_ago(2), "pending")),
     (False, True, ["repeated_contacts"], None)),
    ("resolved, then the problem came back",
     record(contact(1, days_ago(4), "resolved"), contact(2, days_ago(1), "unresolved")),
     (False, False, [], None)),
    ("first complaint 16 days ago, no answer", record(contact(1, days_ago(16), "pending")),
     (False, True, ["no_reply_15_days"], None)),
    ("first complaint exactly 15 days ago is still in time", record(contact(1, days_ago(15), "pending")),
     (False, False, [], None)),
    ("old case never brought to the institution", record(created=days_ago(40)), (False, False, [], None)),
    ("every reason at once",
     record(contact(1, days_ago(20), "pending"), contact(2, days_ago(10), "unresolved", date(2026, 11, 20))),
     (True, True, ["promise_overdue", "repeated_contacts", "no_reply_15_days"], date(2026, 11, 20))),
]


@pytest.mark.parametrize(("case", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_follow_up_rules(case: CaseRecord, expected: tuple) -> None:
    state = follow_up(case, now=NOW)
    assert (state.overdue, state.needs_escalation, state.reasons, state.next_promise) == expected


@pytest.mark.parametrize(("contacts", "missed_ids"), [
    ((contact(1, days_ago(5), promise=YESTERDAY),), [1]),
    ((contact(1, days_ago(5), promise=TOMORROW),), []),
    ((contact(1, days_ago(9), promise=date(2026, 11, 18)), contact(2, days_ago(5), promise=YESTERDAY)), [1, 2]),
    ((contact(1, days_ago(9), promise=date(2026, 11, 18)), contact(2, days_ago(8), "resolved")), []),
    ((contact(1, days_ago(9), promise=date(2026, 11, 18)), contact(2, days_ago(1), "resolved")), [1]),
])
def test_missed_promises_are_the_dates_passed_before_resolution(contacts: tuple, missed_ids: list[int]) -> None:
    state = follow_up(record(*contacts), now=NOW)
    assert [m.contact_id for m in state.missed_promises] == missed_ids


@pytest.mark.parametrize(("case", "close", "first"), [
    (record(contact(1, days_ago(1), "resolved")), True, False),
    (record(contact(1, days_ago(1), "resolved"), status="closed"), False, False),
    (record(contact(1, days_ago(1), "pending")), False, False),
    (record(), False, True),
    (record(status="closed"), False, False),
])
def test_suggestions_to_close_or_to_contact_first(case: CaseRecord, close: bool, first: bool) -> None:
    state = follow_up(case, now=NOW)
    assert (state.suggest_close, state.suggest_first_contact) == (close, first)


def test_resolved_outcome_does_not_close_the_case() -> None:
    case = record(contact(1, days_ago(1), "resolved"))
    assert follow_up(case, now=NOW).resolved is True
    assert case.status == "open"


@pytest.mark.parametrize(("promise", "deadline"), [
    (date(2026, 11, 25), datetime(2026, 11, 26, 0, 0, tzinfo=TZ)),
    (datetime(2026, 11, 25, 17, 30, tzinfo=TZ), datetime(2026, 11, 25, 17, 30, tzinfo=TZ)),
    (datetime(2026, 11, 25, 17, 30), datetime(2026, 11, 25, 17, 30, tzinfo=TZ)),
])
def test_promise_deadline(promise: date | datetime, deadline: datetime) -> None:
    assert promise_deadline(promise, NOW) == deadline


@pytest.mark.parametrize(("created", "age"), [(days_ago(0), 0), (days_ago(0.9), 0), (days_ago(3.5), 3), (NOW + timedelta(hours=2), 0)])
def test_case_age_in_whole_days(created: datetime, age: int) -> None:
    assert case_age_days(record(created=created), now=NOW) == age


def test_naive_now_is_taken_as_local_time() -> None:
    state = follow_up(record(contact(1, datetime(2026, 11, 1, 9, 0), promise=date(2026, 11, 2))), now=datetime(2026, 11, 25, 12))
    assert state.overdue and state.needs_escalation
