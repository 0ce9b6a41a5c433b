"""The case store: private files, round trips, privacy in the raw file, migrations, contact-entry validation."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from walletaid.store import cases, db
from walletaid.errors import InputError
from walletaid.models.case import ContactEntryIn, parse_contact_entry
from walletaid.store.migrations import MIGRATIONS, SCHEMA_VERSION, StoreTooNew, user_version

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)


def ticket(case_id: str | None = "WA-20261125-7KQ3", lang: str = "zh", **issue: object) -> dict:
    """A prepare-ticket case document as the ticket engine builds it."""
    return {
        "schema_version": 1, "command": "prepare-ticket", "lang": lang, "case_id": case_id,
        "created_at": NOW.isoformat(),
        "account": {"wallet": "ecny", "operator": "icbc", "phone": "138****5678", "email": None, "account_name": None},
        "issue": {"symptom": "payment_failed", "occurred_at": "2026-11-24T09:00:00+08:00",
                  "error_message": "支付失败", "description": "付款失败但扣了钱", "steps": ["打开 App"], **issue},
        "transaction": {"amount": "120.00", "currency": "CNY", "counterparty": "超市", "transaction_id": "20261124123456789012"},
        "device": {}, "evidence": [{"name": "a.png", "size": 3, "sha256": "ab" * 32}],
        "diagnosis": {"urgent": False, "causes": [{"id": "network_problem", "likelihood": "high", "title": "网络"}]},
        "redactions": [], "missing": [],
    }


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "walletaid-home"
    monkeypatch.setenv("WALLETAID_HOME", str(folder))
    return folder


@pytest.fixture()
def conn(home: Path):
    connection = db.connect()
    yield connection
    connection.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_connect_creates_private_folder_and_file(home: Path) -> None:
    conn = db.connect()
    cases.save_case(conn, ticket(), now=NOW)
    file = home / "cases.sqlite3"
    assert mode(home) == 0o700
    assert mode(file) == 0o600
    assert mode(Path(f"{file}-wal")) == 0o600
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert user_version(conn) == SCHEMA_VERSION
    conn.close()


def test_connect_tightens_an_existing_loose_file(home: Path) -> None:
    home.mkdir(mode=0o700)
    file = home / "cases.sqlite3"
    file.touch(mode=0o644)
    file.chmod(0o644)
    db.connect().close()
    assert mode(file) == 0o600


def test_saved_case_round_trips_with_title_in_case_language(conn: sqlite3.Connection) -> None:
    case_id = cases.save_case(conn, ticket(), now=NOW)
    record = cases.get_case(conn, case_id)
    assert case_id == "WA-20261125-7KQ3"
    assert record.title == "数字人民币 · 工商银行 · 支付失败"
    assert (record.status, record.lang, record.wallet, record.operator, record.symptom) == (
        "open", "zh", "ecny", "icbc", "payment_failed")
    assert record.document["transaction"]["transaction_id"] == "20261124123456789012"
    assert record.document["evidence"][0]["sha256"] == "ab" * 32
    assert cases.get_case(conn, case_id.lower()).case_id == case_id


def test_a_case_created_in_utc_is_saved_and_read_back(conn: sqlite3.Connection) -> None:
    """Pydantic writes a UTC time as ``…Z`` (a machine whose zone is UTC); every supported Python reads it back."""
    document = {**ticket(), "created_at": "2026-11-25T04:00:00.123456Z"}
    case_id = cases.save_case(conn, document, now=NOW)
    assert cases.get_case(conn, case_id).document["created_at"] == "2026-11-25T04:00:00.123456Z"


@pytest.mark.parametrize("given", [None, "", "not-an-id"])
def test_case_without_valid_id_gets_a_new_one(conn: sqlite3.Connection, given: str | None) -> None:
    case_id = cases.save_case(conn, ticket(case_id=given, lang="en"), now=NOW)
    assert case_id.startswith("WA-20261125-") and case_id != given
    assert cases.get_case(conn, case_id).title == "e-CNY · ICBC · Payment failed"


def test_diagnose_document_is_saved_with_its_facts(conn: sqlite3.Connection) -> None:
    diagnosis = {"schema_version": 1, "command": "diagnose", "lang": "en", "wallet": "crypto", "operator": None,
                 "symptom": "suspicious_contact", "urgent": True, "causes": [], "contact": [], "next_steps": []}
    record = cases.get_case(conn, cases.save_case(conn, diagnosis, now=NOW))
    assert (record.command, record.wallet, record.symptom) == ("diagnose", "crypto", "suspicious_contact")
    assert record.title == "Crypto wallet · Suspicious contact"


def test_saving_a_case_again_keeps_its_timeline(conn: sqlite3.Connection) -> None:
    case_id = cases.save_case(conn, ticket(), now=NOW)
    cases.add_contact(conn, case_id, ContactEntryIn(channel="hotline", outcome="pending"), now=NOW)
    cases.save_case(conn, ticket(description="更新后的说明"), now=NOW)
    record = cases.get_case(conn, case_id)
    assert len(record.contacts) == 1
    assert record.document["issue"]["description"] == "更新后的说明"


@pytest.mark.parametrize("promise", [date(2026, 11, 28), datetime(2026, 11, 28, 17, 30, tzinfo=TZ), None])
def test_contact_round_trips(conn: sqlite3.Connection, promise: date | datetime | None) -> None:
    case_id = cases.save_case(conn, ticket(), now=NOW)
    entry = ContactEntryIn(channel="branch", agent="李", reference="TS-9", promised_by=promise, outcome="pending", note="等回电")
    logged = cases.add_contact(conn, case_id, entry, now=NOW)
    stored = cases.get_case(conn, case_id).contacts
    assert [c.model_dump() for c in stored] == [logged.model_dump()]
    assert stored[0].promised_by == promise and type(stored[0].promised_by) is type(promise)
    assert stored[0].logged_at == NOW


@pytest.mark.parametrize("action", [
    lambda c: cases.get_case(c, "WA-20261125-ZZZZ"),
    lambda c: cases.add_contact(c, "WA-20261125-ZZZZ", ContactEntryIn(channel="other", outcome="pending"), now=NOW),
    lambda c: cases.close_case(c, "WA-20261125-ZZZZ", now=NOW),
    lambda c: cases.delete_case(c, "WA-20261125-ZZZZ"),
])
def test_unknown_case_is_reported_by_id(conn: sqlite3.Connection, action) -> None:
    with pytest.raises(cases.CaseNotFound) as caught:
        action(conn)
    assert caught.value.case_id == "WA-20261125-ZZZZ"
    assert caught.value.exit_code == 2
    assert "WA-20261125-ZZZZ" in caught.value.message("zh") and "walletaid case list" in caught.value.message("en")
    assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0


def test_closing_keeps_the_record_and_list_can_hide_it(conn: sqlite3.Connection) -> None:
    open_id = cases.save_case(conn, ticket(case_id="WA-20261125-AAAA"), now=NOW)
    closed_id = cases.save_case(conn, ticket(case_id="WA-20261125-BBBB"), now=NOW)
    cases.close_case(conn, closed_id, now=NOW + timedelta(days=1))
    record = cases.get_case(conn, closed_id)
    assert record.status == "closed" and record.closed_at == NOW + timedelta(days=1)
    assert [c.id for c in cases.list_cases(conn, now=NOW)] == [open_id, closed_id]
    assert [c.id for c in cases.list_cases(conn, now=NOW, include_closed=False)] == [open_id]


def test_list_shows_overdue_promise_and_escalation(conn: sqlite3.Connection) -> None:
    case_id = cases.save_case(conn, ticket(), now=NOW)
    cases.add_contact(conn, case_id, ContactEntryIn(channel="hotline", promised_by="2026-11-27", outcome="pending"), now=NOW)
    before, after = (cases.list_cases(conn, now=NOW + timedelta(days=d))[0] for d in (1, 3))
    assert (before.overdue, before.needs_escalation, before.next_promise) == (False, False, date(2026, 11, 27))
    assert (after.overdue, after.needs_escalation, after.age_days, after.contacts) == (True, True, 3, 1)


def test_delete_and_purge_remove_cases_and_timelines(conn: sqlite3.Connection) -> None:
    ids = [cases.save_case(conn, ticket(case_id=f"WA-20261125-{s}"), now=NOW) for s in ("AAAA", "BBBB", "CCCC")]
    for case_id in ids:
        cases.add_contact(conn, case_id, ContactEntryIn(channel="email", outcome="pending"), now=NOW)
    cases.delete_case(conn, ids[0])
    assert [c.id for c in cases.list_cases(conn, now=NOW)] == sorted(ids[1:], reverse=True)
    assert cases.purge(conn) == 2
    assert cases.list_cases(conn, now=NOW) == []
    assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
    assert cases.purge(conn) == 0


def raw_bytes(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(home.glob("cases.sqlite3*")))


SECRETS = ["13812345678", "482913", "6222021234567890128", "110101199003074514"]


def test_secrets_typed_into_notes_never_reach_the_file(home: Path, conn: sqlite3.Connection) -> None:
    case_id = cases.save_case(conn, ticket(description="我的手机 13812345678，身份证 110101199003074514"), now=NOW)
    entry = ContactEntryIn(channel="hotline", agent="客服 13812345678", reference="TS-1", outcome="unresolved",
                           note="客服让我报验证码 482913")
    logged = cases.add_contact(conn, case_id, entry, now=NOW)
    cases.add_contact(conn, case_id, ContactEntryIn(channel="app_chat", outcome="pending",
                                                    note="还问了卡号 6222021234567890128"), now=NOW)
    data = raw_bytes(home)
    for secret in SECRETS:
        assert secret.encode() not in data
    assert "138****5678".encode() in data  # masked, not dropped
    assert "[REDACTED:verification_code]" in (logged.note or "")
    record = cases.get_case(conn, case_id)
    assert any(r.get("field", "").startswith("issue") for r in record.document["redactions"])


def test_deleted_case_text_is_overwritten_in_the_file(home: Path, conn: sqlite3.Connection) -> None:
    case_id = cases.save_case(conn, ticket(description="MARKER-DESCRIPTION-QX"), now=NOW)
    cases.add_contact(conn, case_id, ContactEntryIn(channel="other", outcome="pending", note="MARKER-NOTE-QX"), now=NOW)
    assert b"MARKER-NOTE-QX" in raw_bytes(home)
    cases.delete_case(conn, case_id)
    data = raw_bytes(home)
    assert b"MARKER-NOTE-QX" not in data and b"MARKER-DESCRIPTION-QX" not in data


# --- migrations -----------------------------------------------------------------------------------


def test_version_1_database_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    file = tmp_path / "old.sqlite3"
    old = sqlite3.connect(file, isolation_level=None)
    MIGRATIONS[0](old)
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO cases (id, created_at, lang, command, title, document) VALUES "
                "('WA-20261101-AAAA', '2026-11-01T09:00:00+08:00', 'en', 'prepare-ticket', 'Old case', '{}')")
    old.execute("INSERT INTO contacts (case_id, logged_at, channel, outcome) VALUES "
                "('WA-20261101-AAAA', '2026-11-02T09:00:00+08:00', 'hotline', 'pending')")
    old.close()
    conn = db.connect(file)
    assert user_version(conn) == SCHEMA_VERSION == 3
    record = cases.get_case(conn, "WA-20261101-AAAA")
    assert record.title == "Old case" and record.closed_at is None and len(record.contacts) == 1
    cases.close_case(conn, "WA-20261101-AAAA", now=NOW)  # the v2 column works
    assert cases.get_case(conn, "WA-20261101-AAAA").closed_at == NOW
    conn.close()


def test_database_from_a_newer_walletaid_is_refused_untouched(tmp_path: Path) -> None:
    file = tmp_path / "new.sqlite3"
    newer = sqlite3.connect(file, isolation_level=None)
    newer.execute("CREATE TABLE future (x)")
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    newer.close()
    with pytest.raises(StoreTooNew) as caught:
        db.connect(file)
    assert caught.value.found == SCHEMA_VERSION + 7
    assert "upgrade walletaid" in str(caught.value).lower()
    assert "升级" in caught.value.message("zh") and str(SCHEMA_VERSION + 7) in caught.value.message("en")
    check = sqlite3.connect(file)
    assert user_version(check) == SCHEMA_VERSION + 7
    assert [r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["future"]
    check.close()


# --- contact-entry validation ---------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ({"channel": "hotline", "outcome": "pending"}, ("hotline", None)),
    ({"channel": "app_chat", "outcome": "resolved", "promised_by": "2026-12-01"}, ("app_chat", date(2026, 12, 1))),
    ({"channel": "email", "outcome": "unresolved", "promised_by": "2026-12-01 15:00"},
     ("email", datetime(2026, 12, 1, 15, 0))),
    ({"channel": "social", "outcome": "pending", "promised_by": "  ", "agent": "  "}, ("social", None)),
])
def test_valid_contact_entries_are_accepted(raw: dict, expected: tuple) -> None:
    entry = parse_contact_entry(raw, "en")
    assert (entry.channel, entry.promised_by) == expected
    assert entry.agent is None


@pytest.mark.parametrize(("raw", "field", "en_word", "zh_word"), [
    ({"channel": "phone", "outcome": "pending"}, "channel", "hotline", "hotline"),
    ({"channel": "hotline", "outcome": "done"}, "outcome", "resolved", "resolved"),
    ({"channel": "hotline", "outcome": "pending", "promised_by": "next week"}, "promised_by", "YYYY-MM-DD", "日期"),
    ({"channel": "hotline"}, "outcome", "required", "必须"),
    ({"channel": "hotline", "outcome": "pending", "agnet": "x"}, "agnet", "unknown", "拼写"),
    ({"channel": "hotline", "outcome": "pending", "note": "x" * 4001}, "note", "too long", "太长"),
])
def test_invalid_contact_entries_name_the_field_in_both_languages(raw: dict, field: str, en_word: str, zh_word: str) -> None:
    for lang, word in (("en", en_word), ("zh", zh_word)):
        with pytest.raises(InputError) as caught:
            parse_contact_entry(raw, lang)  # type: ignore[arg-type]
        problems = {p.field: p.message for p in caught.value.problems}
        assert field in problems and word in problems[field]
