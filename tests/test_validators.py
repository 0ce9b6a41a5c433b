"""Validators of the prepare-ticket answers: what is accepted, how it is normalized, and what is refused (and why)."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from walletaid.forms import validators as v
from walletaid.models.ticket import TicketAnswers

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=CST)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+86 138 1234 5678", "+8613812345678"),
        ("138-1234-5678", "+8613812345678"),
        ("13812345678", "+8613812345678"),
        ("0086 138 1234 5678", "+8613812345678"),
        ("+852 9123 4567", "+85291234567"),  # other regions when written with their + code
        (13812345678, "+8613812345678"),  # a YAML number
    ],
)
def test_phone_valid_is_normalized_to_e164(raw: object, expected: str) -> None:
    assert v.parse_phone(raw, "en") == expected
    assert v.parse_phone(expected, "en") == expected  # idempotent


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("12345", "not a valid mobile"),
        ("1381234567", "not a valid mobile"),  # 10 digits
        ("abc", "not a valid mobile"),
        ("", "not a valid mobile"),
        ("010-12345678", "landline"),  # Beijing landline: wallets are registered with a mobile
        ("+86 21 6123 4567", "landline"),
    ],
)
def test_phone_invalid_is_refused_with_reason(raw: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        v.parse_phone(raw, "en")


def test_phone_message_in_chinese_names_the_field() -> None:
    with pytest.raises(ValueError, match="^手机号："):
        v.parse_phone("12345", "zh")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("zhang.san@example.com", "zhang.san@example.com"), ("Li@Example.COM", "Li@example.com"), (" a@b.cn ", "a@b.cn")],
)
def test_email_valid(raw: str, expected: str) -> None:
    assert v.parse_email(raw, "en") == expected


@pytest.mark.parametrize("raw", ["zhang", "a@", "@example.com", "a b@example.com", "a@@example.com", "a@example"])
def test_email_invalid(raw: str) -> None:
    with pytest.raises(ValueError, match="E-mail"):
        v.parse_email(raw, "en")


def test_email_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert v.parse_email("x@no-such-domain-walletaid-test.cn", "en") == "x@no-such-domain-walletaid-test.cn"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-20 14:30", datetime(2026, 11, 20, 14, 30, tzinfo=CST)),
        ("2026/11/20 9:05", datetime(2026, 11, 20, 9, 5, tzinfo=CST)),
        ("2026-11-20T14:30:00+08:00", datetime(2026, 11, 20, 14, 30, tzinfo=CST)),
        ("2026-11-20T06:30:00Z", datetime(2026, 11, 20, 6, 30, tzinfo=timezone.utc)),
        ("2026-11-20T14:30", datetime(2026, 11, 20, 14, 30, tzinfo=CST)),
        ("2026-11-24 12:00:30", datetime(2026, 11, 24, 12, 0, 30, tzinfo=CST)),  # within the clock skew
        ("2026-11-20", date(2026, 11, 20)),
        (date(2026, 11, 20), date(2026, 11, 20)),  # a YAML date
        (datetime(2026, 11, 20, 14, 30), datetime(2026, 11, 20, 14, 30, tzinfo=CST)),  # a YAML naive timestamp
    ],
)
def test_time_valid(raw: object, expected: object) -> None:
    value = v.parse_time(raw, "en", now=NOW, tz=CST)
    assert value == expected
    assert type(value) is type(expected)
    if isinstance(value, datetime):
        assert value.tzinfo is not None  # the zone is always recorded


def test_time_naive_gets_the_local_zone_by_default() -> None:
    value = v.parse_time("2020-01-02 03:04", "en")
    assert isinstance(value, datetime) and value.utcoffset() is not None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("2026-11-24 12:05", "not come yet"),  # 5 minutes ahead
        ("2026-11-25", "not come yet"),
        ("2026-11-24T05:00:00Z", "not come yet"),  # 13:00 in UTC+8
        ("1999-12-31 10:00", "before the year 2000"),
        ("2026-13-01 10:00", "YYYY-MM-DD HH:MM"),
        ("2026-02-30", "YYYY-MM-DD HH:MM"),
        ("soon", "YYYY-MM-DD HH:MM"),
        ("last month", "YYYY-MM-DD HH:MM"),  # a month is too vague for when it happened
        ("20/11/2026 14:30", "YYYY-MM-DD HH:MM"),
        ("2026-11-20 25:00", "YYYY-MM-DD HH:MM"),
    ],
)
def test_time_invalid(raw: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        v.parse_time(raw, "en", now=NOW, tz=CST)


@pytest.mark.parametrize(
    ("raw", "currency", "expected"),
    [
        ("128.50", "CNY", Decimal("128.50")),
        ("1,280.50", "CNY", Decimal("1280.50")),
        (12.5, "CNY", Decimal("12.5")),
        (100, None, Decimal("100")),
        ("0.00000001", "BTC", Decimal("0.00000001")),
        ("1.234", "USDT", Decimal("1.234")),
    ],
)
def test_amount_valid(raw: object, currency: str | None, expected: Decimal) -> None:
    value = v.parse_amount(raw, "en")
    v.check_amount_precision(value, currency, "en")
    assert value == expected


@pytest.mark.parametrize(
    ("raw", "currency", "reason"),
    [
        ("0", "CNY", "greater than 0"),
        ("-1", "CNY", "greater than 0"),
        (0.0, "CNY", "greater than 0"),
        ("1.234", "CNY", "at most 2 decimal places for CNY"),
        ("1.234", None, "at most 2 decimal places for CNY"),  # CNY is the default
        ("0.000000001", "BTC", "at most 8 decimal places"),
        ("1e3", "CNY", "digits"),  # exponent notation refused: ambiguous when typed by hand
        ("12,34", "CNY", "digits"),
        ("ten", "CNY", "digits"),
        ("NaN", "CNY", "digits"),
        ("1000000000000", "CNY", "less than"),
    ],
)
def test_amount_invalid(raw: object, currency: str | None, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        v.check_amount_precision(v.parse_amount(raw, "en"), currency, "en")


@pytest.mark.parametrize(("raw", "expected"), [("cny", "CNY"), ("RMB", "CNY"), ("元", "CNY"), ("usdt", "USDT"), ("BTC", "BTC")])
def test_currency_valid(raw: str, expected: str) -> None:
    assert v.parse_currency(raw, "en") == expected


@pytest.mark.parametrize("raw", ["B", "US DOLLAR", "BTC!", "ABCDEFGHIJK"])
def test_currency_invalid(raw: str) -> None:
    with pytest.raises(ValueError, match="Currency"):
        v.parse_currency(raw, "en")


def test_steps_list_is_cleaned_and_single_item_kept_as_one() -> None:
    assert v.parse_steps(["open app", " ", "\x1b[2Jscan code"], "en") == ["open app", "scan code"]
    assert v.parse_steps("tap pay", "en") == "tap pay"  # the wizard asks one step at a time
    assert v.parse_steps(["open app\nscan\n\npay"], "en") == ["open app", "scan", "pay"]  # a YAML block text
    with pytest.raises(ValueError, match="Steps"):
        v.parse_steps({"a": 1}, "en")


@pytest.mark.parametrize(("raw", "expected"), [("android", "Android"), ("鸿蒙", "HarmonyOS"), ("IOS", "iOS"), ("KaiOS", "KaiOS")])
def test_os_common_spellings_normalized(raw: str, expected: str) -> None:
    assert v.parse_os(raw, "en") == expected


def test_evidence_accepts_readable_files_and_drops_duplicates(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"png")
    assert v.parse_evidence([str(shot), str(shot)], "en") == [str(shot)]
    assert v.parse_evidence(str(shot), "en") == str(shot)


def test_evidence_refusals_name_the_file_and_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match='"gone.png" does not exist'):
        v.parse_evidence([str(tmp_path / "gone.png")], "en")
    with pytest.raises(ValueError, match="not an ordinary file"):
        v.parse_evidence([str(tmp_path)], "en")
    big = tmp_path / "big.mp4"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse: no 50 MB written
    with pytest.raises(ValueError, match="larger than 50 MB"):
        v.parse_evidence([str(big)], "en")
    exact = tmp_path / "exact.mp4"
    with open(exact, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert v.parse_evidence([str(exact)], "en") == [str(exact)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_evidence_unreadable_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "locked.png"
    secret.write_bytes(b"x")
    secret.chmod(0)
    with pytest.raises(ValueError, match="cannot be read"):
        v.parse_evidence([str(secret)], "en")


def test_evidence_message_never_shows_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "Zhang San private"
    with pytest.raises(ValueError) as info:
        v.parse_evidence([str(folder / "a.png")], "zh")
    assert "Zhang San" not in str(info.value) and "a.png" in str(info.value)


BASE = {"wallet": "ecny", "symptom": "payment_failed", "phone": "13812345678", "occurred_at": "2026-11-20 14:30"}


def test_answers_model_reuses_the_validators_in_the_users_language() -> None:
    answers = TicketAnswers.model_validate({**BASE, "amount": "12.50", "currency": "rmb"})
    assert answers.phone == "+8613812345678" and answers.currency == "CNY" and answers.amount == Decimal("12.50")
    with pytest.raises(Exception) as info:
        TicketAnswers.model_validate({**BASE, "amount": "1.234"}, context={"lang": "zh"})
    errors = info.value.errors()  # type: ignore[attr-defined]
    assert errors[0]["loc"] == ("amount",) and "CNY 最多只能有 2 位小数" in errors[0]["msg"]


def test_answers_model_crypto_amount_allows_eight_decimals() -> None:
    answers = TicketAnswers.model_validate({**BASE, "amount": "0.00000001", "currency": "btc"})
    assert answers.amount == Decimal("0.00000001")


def test_answers_model_rejects_unknown_keys_and_splits_out_diagnose_part() -> None:
    with pytest.raises(Exception, match="phon"):
        TicketAnswers.model_validate({**BASE, "phon": "1"})
    part = TicketAnswers.model_validate({**BASE, "description": "hi"}).diagnose_answers()
    assert type(part).__name__ == "DiagnoseAnswers" and part.description == "hi" and not hasattr(part, "phone")


def test_evidence_unreadable_is_refused_even_for_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"x")
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(ValueError, match="权限"):
        v.parse_evidence([str(shot)], "zh")


CONTRACT_KEYS = {"phone", "email", "account_name", "occurred_at", "steps", "amount", "currency", "counterparty",
                 "transaction_id", "device_brand", "device_model", "os", "os_version", "app_version", "evidence"}
MONEY_KEYS = {"amount", "currency", "counterparty", "transaction_id"}


def _own_questions() -> dict[str, object]:
    from walletaid.forms.ticket import ticket_own_questions

    return {q.id: q for q in ticket_own_questions()}


def test_ticket_questions_cover_the_contract_keys_and_the_model() -> None:
    questions = _own_questions()
    assert set(questions) == CONTRACT_KEYS
    assert CONTRACT_KEYS <= set(TicketAnswers.model_fields)
    assert {k for k, q in questions.items() if q.required} == {"phone", "occurred_at"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("symptom", "asked"),
    [("payment_failed", True), ("transfer_not_arrived", True), ("balance_wrong", True),
     ("unrecognized_transaction", True), ("suspicious_contact", True), ("cannot_login", False), ("app_crash", False)],
)
def test_money_questions_only_when_money_is_involved(symptom: str, asked: bool) -> None:
    questions = _own_questions()
    for key in MONEY_KEYS:
        assert questions[key].applies({"symptom": symptom}) is asked  # type: ignore[attr-defined]
    assert questions["phone"].applies({"symptom": symptom})  # type: ignore[attr-defined]


def test_replay_lists_every_bad_answer_with_its_field(tmp_path: Path) -> None:
    from walletaid.errors import InputError
    from walletaid.forms.ticket import ticket_questions
    from walletaid.wizard.replay import replay

    data = {"wallet": "ecny", "symptom": "payment_failed", "phone": "12345", "email": "nope",
            "occurred_at": "2999-01-01 10:00", "amount": "-1", "currency": "B", "evidence": [str(tmp_path / "gone.png")]}
    with pytest.raises(InputError) as info:
        replay(ticket_questions(), data, "en")
    assert [p.field for p in info.value.problems] == ["phone", "email", "occurred_at", "amount", "currency", "evidence"]


def test_replay_drops_an_answer_whose_question_does_not_apply_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    # the wizard would never ask for an operator on a crypto wallet; a file that gives one does not get it used
    from walletaid.forms.diagnose import diagnose_questions
    from walletaid.wizard.replay import replay

    answers = replay(diagnose_questions(), {"wallet": "crypto", "operator": "icbc", "symptom": "app_crash"}, "en")
    assert "operator" not in answers and answers["wallet"] == "crypto"
    assert "operator: ignored" in capsys.readouterr().err


def test_answers_schema_is_a_string_for_times_and_forbids_unknown_keys() -> None:
    schema = TicketAnswers.model_json_schema()
    assert schema["properties"]["occurred_at"]["type"] == "string"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"wallet", "symptom", "phone", "occurred_at"}
