"""Dates, times, amounts and file paths as people type them (issue 12, item 7), in both languages: read, shown
back in a normal form to confirm, and correctable at once; the plain forms of the contract still work."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from walletaid.forms import validators as v
from walletaid.env import using

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=CST)  # a Friday


@pytest.mark.parametrize(("typed", "expected"), [
    ("昨天晚上8点", datetime(2026, 11, 26, 20, 0, tzinfo=CST)),
    ("昨晚八点半", datetime(2026, 11, 26, 20, 30, tzinfo=CST)),
    ("2026年11月26日 20:00", datetime(2026, 11, 26, 20, 0, tzinfo=CST)),
    ("二〇二六年十一月二十六日 晚上八点", datetime(2026, 11, 26, 20, 0, tzinfo=CST)),
    ("11月26号 下午3点15分", datetime(2026, 11, 26, 15, 15, tzinfo=CST)),
    ("today 08:30", datetime(2026, 11, 27, 8, 30, tzinfo=CST)),
    ("yesterday 8pm", datetime(2026, 11, 26, 20, 0, tzinfo=CST)),
    ("前天 15:00", datetime(2026, 11, 25, 15, 0, tzinfo=CST)),
    ("上周五晚上7点", datetime(2026, 11, 20, 19, 0, tzinfo=CST)),
    ("昨天", date(2026, 11, 26)),
    ("12月1日", date(2025, 12, 1)),  # a day without a year: the last one that has passed
    ("2026-11-26 20:00", datetime(2026, 11, 26, 20, 0, tzinfo=CST)),  # the contract's forms, unchanged
    ("2026-11-26T20:00:00+08:00", datetime(2026, 11, 26, 20, 0, tzinfo=CST)),
    ("2026-11-26", date(2026, 11, 26)),
])
def test_times_as_people_type_them(typed: str, expected: object) -> None:
    assert v.parse_time(typed, "zh", now=NOW, tz=CST) == expected


@pytest.mark.parametrize("typed", ["明天晚上8点", "tomorrow", "soon", "last month", "2026-13-01 10:00", "20/11/2026",
                                   "2月30日"])
def test_times_that_are_future_vague_or_ambiguous_are_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="发生时间"):
        v.parse_time(typed, "zh", now=NOW, tz=CST)


def test_a_time_read_from_words_is_shown_to_confirm_and_digits_are_not() -> None:
    read = v.parse_time("昨天晚上8点", "en", now=NOW, tz=CST)
    assert v.time_reading("昨天晚上8点", read, "en") == "2026-11-26 20:00"
    assert v.time_reading("2026-11-26 20:00", v.parse_time("2026-11-26 20:00", "en", now=NOW, tz=CST), "en") is None
    assert v.time_reading("昨天", v.parse_time("昨天", "en", now=NOW, tz=CST), "en") == "2026-11-26"


@pytest.mark.parametrize(("typed", "expected", "shown"), [
    ("500元", Decimal("500"), "500"),
    ("¥500", Decimal("500"), "500"),
    ("￥1,200", Decimal("1200"), "1200"),
    ("5千", Decimal("5000"), "5000"),
    ("两万", Decimal("20000"), "20000"),
    ("1.2万", Decimal("12000"), "12000"),
    ("三千五", Decimal("3500"), "3500"),
    ("五块五", Decimal("5.5"), "5.5"),
    ("RMB 300", Decimal("300"), "300"),
    ("1,200.50", Decimal("1200.50"), "1200.50"),
    ("128.50", Decimal("128.50"), None),  # typed in the normal form: nothing to confirm
])
def test_amounts_as_people_type_them(typed: str, expected: Decimal, shown: str | None) -> None:
    value = v.parse_amount(typed, "zh")
    assert value == expected
    assert v.amount_reading(typed, value, "zh") == shown


@pytest.mark.parametrize(("typed", "reason"), [("-5", "大于 0"), ("1e3", "1e3"), ("五块钱吧", "金额"), ("1,2,3", "金额")])
def test_amounts_that_are_not_amounts_are_refused(typed: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        v.parse_amount(typed, "zh")


@pytest.mark.parametrize("typed", ["'{p}'", '"{p}"', "{escaped}", "file://{url}", "  {p}  "])
def test_a_dragged_and_dropped_path_is_accepted(tmp_path: Path, typed: str) -> None:
    picture = tmp_path / "my shot (1).png"
    picture.write_bytes(b"png")
    escaped = str(picture).replace(" ", "\\ ").replace("(", "\\(").replace(")", "\\)")
    url = str(picture).replace(" ", "%20")
    raw = typed.format(p=picture, escaped=escaped, url=url)
    assert v.parse_evidence(raw, "en") == str(picture)
    assert v.parse_evidence([raw], "en") == [str(picture)]


def test_a_file_whose_name_has_quotes_is_taken_as_it_is(tmp_path: Path) -> None:
    odd = tmp_path / "'quoted'.png"
    odd.write_bytes(b"png")
    assert v.parse_evidence(str(odd), "en") == str(odd)


def test_an_answers_file_may_say_it_in_words_and_is_told_the_reading(cli, tmp_path: Path) -> None:
    answers = {"wallet": "ecny", "symptom": "transfer_not_arrived", "phone": "13712345678",
               "occurred_at": "2026年11月20日 晚上8点", "amount": "两万"}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    r = cli("prepare-ticket", "--answers", str(path), "--out", str(tmp_path), "--format", "json", "--lang", "zh")
    assert r.code == 0, r.err
    document = json.loads(r.out)
    assert document["issue"]["occurred_at"].startswith("2026-11-20T20:00")
    assert Decimal(document["transaction"]["amount"]) == 20000
    assert "occurred_at" in r.err and "2026-11-20 20:00" in r.err and "20000" in r.err
    plain = dict(answers, occurred_at="2026-11-20 20:00", amount="20000")
    path.write_text(json.dumps(plain), encoding="utf-8")
    quiet = cli("prepare-ticket", "--answers", str(path), "--out", str(tmp_path / "b"), "--format", "json")
    assert quiet.code == 0 and "read as" not in quiet.err


# --- the wizard shows the reading and lets it be corrected at once -------------------------------------------


def _case(cli, tmp_path: Path) -> str:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"wallet": "ecny", "operator": "boc", "symptom": "balance_wrong",
                                "phone": "13712345678", "occurred_at": "2026-11-20"}), encoding="utf-8")
    return json.loads(cli("prepare-ticket", "--answers", str(path), "--out", str(tmp_path), "--format", "json").out)[
        "case_id"]


@pytest.mark.parametrize("lang, right", [("en", "2026-11-30 17:00 — right?"), ("zh", "2026-11-30 17:00——对吗？")])
def test_case_log_confirms_a_promise_read_from_words_and_no_asks_again(home: Path, cli, tmp_path: Path, lang: str,
                                                                       right: str) -> None:
    from terminal import ENTER, type_into

    case_id = _case(cli, tmp_path)
    typed = "下周一下午5点"
    keys = [ENTER, ENTER, ENTER, typed + ENTER, "n" + ENTER, "\x7f" * len(typed) + "2026-12-01" + ENTER, ENTER, ENTER]
    with using(clock=lambda: NOW):
        screen = type_into(["case", "log", case_id], keys, home, lang=lang)
    assert screen.code == 0, screen.all
    assert right in screen.prompts
    promised = json.loads(cli("case", "show", case_id, "--format", "json").out)["case"]["contacts"][0]["promised_by"]
    assert promised == "2026-12-01"


def test_case_log_asks_about_a_promise_already_past(home: Path, cli, tmp_path: Path) -> None:
    from terminal import ENTER, type_into

    case_id = _case(cli, tmp_path)
    keys = [ENTER, ENTER, ENTER, "2026-11-20" + ENTER, "y" + ENTER, ENTER, ENTER]
    with using(clock=lambda: NOW):
        screen = type_into(["case", "log", case_id], keys, home, lang="zh")
    assert screen.code == 0, screen.all
    assert "2026-11-20（这个日期已经过去了）——对吗？" in screen.prompts
    assert "--promised-by" not in screen.err  # confirmed at the prompt: no warning afterwards


def test_the_ticket_wizard_confirms_an_amount_read_from_words(home: Path, tmp_path: Path) -> None:
    from terminal import CTRL_C, DOWN, ENTER, type_into

    keys = [DOWN + ENTER,                       # a crypto wallet: no operator question
            DOWN * 2 + ENTER,                   # the balance is wrong
            ENTER, ENTER, ENTER, ENTER,         # error message, description, network, app up to date
            "13712345678" + ENTER, ENTER, ENTER,  # phone, e-mail, account name
            "昨天晚上8点" + ENTER, "y" + ENTER,   # when, and its reading confirmed
            ENTER,                              # no steps
            "两万" + ENTER, "y" + ENTER,          # the amount, and its reading confirmed
            CTRL_C]
    with using(clock=lambda: NOW):
        screen = type_into(["prepare-ticket", "--out", str(tmp_path)], keys, home, lang="zh")
    assert "2026-11-26 20:00——对吗？" in screen.prompts and "20000——对吗？" in screen.prompts
    draft = json.loads((home / "drafts" / "prepare-ticket.json").read_text(encoding="utf-8"))["answers"]
    assert draft["amount"] == "20000" and draft["occurred_at"].replace("T", " ").startswith("2026-11-26 20:00")
