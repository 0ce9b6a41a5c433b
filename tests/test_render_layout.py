"""Reports wrap well in Chinese and English: hanging indents, no half-empty lines, commands kept whole, nothing too wide."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from walletaid.render import layout
from walletaid.render.layout import Fit, column_widths, fields, flow, item, listing, numbered, prose

LONG_ZH = "有人向你要验证码。验证码就像一次性密码，谁拿到谁就能登录或转走你的钱：任何索要验证码的人都是骗子，银行、客服、警察都不会要。"
JD_SCAM = ("您好,我是京东客服,您购买的商品有质量问题,需要给您退款理赔,请下载会议App开启屏幕共享,把验证码告诉我 "
           "http://jd-refund.top/a.apk")
TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=TZ)
# A line holding only a list prefix: a bullet or number, maybe a "[高]" tag or a short badge ("严重"), nothing else.
PREFIX_ONLY = re.compile(r"[│ ]*(?:•|☐|✓|!|\d+\.)\s*(?:\[[^\]]{1,8}\]|\S{1,4})?\s*[│ ]*")
# A table cell or line cut short with an ellipsis instead of wrapped.
CUT = re.compile(r"…\s*[│┃]|…$")


def screen(renderable: Any, width: int = 40) -> list[str]:
    """The lines a terminal ``width`` columns wide shows, trailing spaces removed."""
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def problems(lines: list[str], width: int) -> list[str]:
    """Lines wider than the screen, lines that are only a list prefix (the rest jumped), and text cut with "…"."""
    wide = [f"too wide ({cell_len(line)}): {line}" for line in lines if cell_len(line) > width]
    jumps = [f"prefix only: {line!r}" for line in lines if line.strip() and PREFIX_ONLY.fullmatch(line)]
    cut = [f"cut: {line!r}" for line in lines if CUT.search(line)]
    return wide + jumps + cut


# --- item, flow, Prose ------------------------------------------------------------------------------


def test_item_keeps_prefix_and_first_characters_together_and_indents_the_rest() -> None:
    lines = screen(item(Text.assemble("• ", ("[高]", "bold red")), LONG_ZH, "zh"))
    assert lines[0].startswith("• [高] 有人向你要验证码")
    assert len(lines) > 2
    assert all(line.startswith(" " * 7) and not line[7].isspace() for line in lines[1:])
    assert "".join(line.strip() for line in lines).removeprefix("• [高]").strip() == LONG_ZH


def test_plain_rich_text_shows_the_jump_that_item_avoids() -> None:
    """The detector is honest: Rich alone leaves "• [高]" on a line of its own."""
    assert problems(screen(Text("• [高] " + LONG_ZH)), 40)
    assert not problems(screen(item("• [高]", LONG_ZH, "zh")), 40)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("在钱包 App 的支付设置里", "zh", "在钱包App的支付设置里"),
    ("设置 → 安全 → SIM 卡锁", "zh", "设置→安全→SIM卡锁"),
    ("SIM PIN 码", "zh", "SIM PIN码"),
    ("in the wallet app's settings", "en", "in the wallet app's settings"),
    ("look for 小额免密 or", "en", "look for 小额免密 or"),
])
def test_flow_drops_only_spaces_next_to_chinese_in_chinese(text: str, lang: str, expected: str) -> None:
    assert flow(text, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "width", "whole"), [
    ("打电话之前，可以先运行 `walletaid prepare-ticket`，把账户、时间、金额和证据整理好。", 30, "`walletaid prepare-ticket`，"),
    ("可以升级投诉了。查看下一步并生成投诉材料：walletaid case escalate WA-20261125-U9KZ", 44,
     "walletaid case escalate WA-20261125-U9KZ"),
    ("Before you call, run `walletaid prepare-ticket` to put things in order.", 30, "`walletaid prepare-ticket`"),
    ("自己拨打数字人民币客服 956196，或开通钱包的银行的官方电话。", 24, "956196，"),
    ("以后谁要验证码，一律挂断。在钱包App里修改登录密码。", 22, "App"),
    ("Call the anti-fraud hotline 96110 for advice.", 30, "96110"),
    ("数字人民币 App · 客服热线（境外拨打）: +86 10 956196", 20, "+86 10 956196"),
])
def test_commands_numbers_and_words_stay_on_one_line(text: str, width: int, whole: str) -> None:
    lines = screen(prose(text), width)
    assert any(whole in line for line in lines), lines
    assert all(cell_len(line) <= width for line in lines)


@pytest.mark.parametrize(("text", "width"), [
    ("你好，我是客服（工商银行）。请说“我要投诉”，不只是咨询；记下编号。", 9),
    ("冒充客服、银行、公安或法院的人，常用退款、理赔、“钱包冻结”“涉嫌洗钱”等借口。", 11),
])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(text: str, width: int) -> None:
    lines = [line for line in screen(prose(text), width) if line]
    assert len(lines) > 2
    assert not any(line[0] in layout.NO_START for line in lines[1:])
    assert not any(line[-1] in layout.NO_END for line in lines)


def test_user_text_is_shown_literally_without_escape_sequences() -> None:
    lines = screen(item("•", "[bold]x[/bold] \x1b[2J after", "en"), 80)
    assert lines[0] == "• [bold]x[/bold]  after"


_PIECES = st.sampled_from(["钱", "包", "，", "。", "（", "）", "“", "”", "App", " ", "  ", "95588", "walletaid case log ID",
                           "https://example.com/a/b", "supercalifragilistic", "\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(min_value=2, max_value=50))
def test_prose_never_exceeds_the_width_and_loses_nothing(text: str, width: int) -> None:
    lines = prose(text).lines(width)
    assert all(cell_len(line.plain) <= width for line in lines)
    assert "".join(line.plain for line in lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize(("mins", "maxs", "room", "expected"), [
    ([10, 2, 4], [10, 30, 4], 24, [10, 10, 4]),  # only the column with slack gives
    ([10, 2, 2], [10, 20, 20], 26, [10, 8, 8]),  # the widest columns give first
    ([10, 5], [10, 20], 40, [10, 20]),  # room to spare: every column at its widest
    ([10, 10], [12, 12], 19, None),  # even the minimums do not fit
])
def test_column_widths_never_squeeze_a_column_below_its_longest_word(mins: list[int], maxs: list[int], room: int,
                                                                   expected: list[int] | None) -> None:
    assert column_widths(mins, maxs, room) == expected


def test_fit_switches_to_blocks_when_a_table_would_cut_a_date() -> None:
    from rich.table import Table

    table = Table("when", "note")
    table.add_row(prose("2026-11-25"), prose("说三天内回复"))
    assert any("2026-11-25" in line for line in screen(Fit(table, Text("narrow")), 30))
    assert screen(Fit(table, Text("narrow")), 14) == ["narrow"]


@pytest.mark.parametrize(("width", "side_by_side"), [(80, True), (40, False)])
def test_fields_put_long_labels_above_long_values_on_narrow_screens(width: int, side_by_side: bool) -> None:
    rows = [("要说什么、要什么", LONG_ZH), ("准备好", "身份证；转账记录和交易单号；聊天记录和截图。")]
    lines = screen(fields(rows, "zh"), width)
    assert (lines[0].startswith("要说什么、要什么：") and lines[0] != "要说什么、要什么：") is side_by_side
    assert all(cell_len(line) <= width for line in lines)


def test_fields_inside_a_list_keep_short_values_on_one_line() -> None:
    rows = [("记录时间", "2026-11-25"), ("备注", "营业厅说要报警")]
    lines = screen(listing([("1.", fields(rows, "zh"))]), 40)
    assert lines[1].split() == ["备注：", "营业厅说要报警"]


def test_numbered_aligns_numbers_and_hangs_the_text() -> None:
    lines = screen(numbered([LONG_ZH] * 10), 40)
    starts = [line for line in lines if re.match(r"\s*\d+\.", line)]
    assert starts[0].startswith(" 1. ") and starts[9].startswith("10. ")
    assert all(not re.match(r"\s*\d+\.", line) and line.startswith("    ") for line in lines if line not in starts)


# --- every renderer, at 40 columns ------------------------------------------------------------------


def _diagnosis(lang: str) -> Any:
    from walletaid.engines.diagnose import diagnose
    from walletaid.models.diagnose import DiagnoseAnswers

    answers = DiagnoseAnswers.model_validate({"wallet": "ecny", "symptom": "suspicious_contact",
                                              "description": "对方自称银行客服,要我开启屏幕共享帮我退款"})
    return diagnose(answers, lang)  # type: ignore[arg-type]


def _message(lang: str) -> Any:
    from walletaid.engines.scam import check_message

    return check_message(JD_SCAM, lang)  # type: ignore[arg-type]


def _posture(lang: str) -> Any:
    from walletaid.engines.posture import score_posture
    from walletaid.knowledge.schemas.posture import posture_knowledge
    from walletaid.models.posture import PostureAnswers

    worst = {q.id: min(q.options, key=lambda o: o.points).value for q in posture_knowledge().questions}
    return score_posture(PostureAnswers(**worst), lang)  # type: ignore[arg-type]


def _ticket(lang: str) -> Any:
    from walletaid.engines.ticket import build_case
    from walletaid.models.ticket import TicketAnswers

    answers = TicketAnswers.model_validate({
        "wallet": "ecny", "operator": "icbc", "symptom": "suspicious_contact", "phone": "13812345678",
        "occurred_at": "2026-11-20 14:30", "description": "自称公安说我涉嫌洗钱,要我把钱转到安全账户",
        "amount": "5000", "steps": ["接到自称公安的电话，对方说我的账户涉嫌洗钱", "按对方说的下载了一个会议App"]})
    return build_case(answers, [], lang, now=NOW, case_id="WA-20261125-AAAA")  # type: ignore[arg-type]


def _record(lang: str) -> Any:
    from walletaid.models.case import CaseRecord, ContactEntry

    document = {
        "command": "prepare-ticket", "lang": lang, "case_id": "WA-20261101-AAAA",
        "account": {"wallet": "ecny", "operator": "icbc", "phone": "138****5678"},
        "issue": {"symptom": "payment_failed", "description": "付款时提示超过额度，我不知道怎么回事, please help",
                  "occurred_at": "2026-11-01T09:00:00+08:00"},
        "transaction": {"amount": "120.00", "currency": "CNY", "transaction_id": "20261101123456789012"},
        "evidence": [], "diagnosis": {"urgent": False, "causes": []},
    }
    contact = ContactEntry(id=1, logged_at=NOW - timedelta(days=20), channel="hotline", outcome="pending",
                           promised_by=date(2026, 11, 10), agent="王女士 工号 0231", reference="TS-0001",
                           note="客服说三个工作日内回电，一直没有回")
    return CaseRecord(case_id="WA-20261101-AAAA", title="数字人民币 · 工商银行 · 支付失败", status="open", lang=lang,
                      command="prepare-ticket", wallet="ecny", operator="icbc", symptom="payment_failed",
                      created_at=NOW - timedelta(days=24), document=document, contacts=[contact])


def _case_list(lang: str) -> Any:
    from walletaid.models.case import CaseListDocument, CaseSummary

    summary = CaseSummary(id="WA-20261101-AAAA", title="数字人民币 · 工商银行 · 支付失败", status="open",
                          created_at=NOW, age_days=24, wallet="ecny", operator="icbc", symptom="payment_failed",
                          next_promise=date(2026, 11, 10), overdue=True, needs_escalation=True, contacts=1)
    return CaseListDocument(lang=lang, cases=[summary])  # type: ignore[arg-type]


def _case_show(lang: str) -> Any:
    from walletaid.engines.followup import follow_up
    from walletaid.models.case import CaseShowDocument

    record = _record(lang)
    return CaseShowDocument(lang=lang, case=record, follow_up=follow_up(record, now=NOW))  # type: ignore[arg-type]


def _plan(lang: str) -> Any:
    from walletaid.engines.escalate import plan_escalation

    return plan_escalation(_record(lang), lang, now=NOW)  # type: ignore[arg-type]


def _contacts(lang: str) -> Any:
    from walletaid.engines.contacts import contacts_doc

    return contacts_doc(lang)  # type: ignore[arg-type]


def _verify(lang: str) -> Any:
    from walletaid.engines.contacts import verify

    return verify("http://jd-refund.top/a.apk", lang)  # type: ignore[arg-type]


def _batch(lang: str) -> Any:
    from walletaid.engines.scam import check_message

    rows = [{"id": "chat-export-0001", **check_message(JD_SCAM, lang).model_dump(mode="json")},  # type: ignore[arg-type]
            {"line": 2, "error": "第 2 行：不是有效的 JSON" if lang == "zh" else "line 2: not valid JSON"}]
    return rows


RENDERERS = [("diagnose", _diagnosis), ("scam", _message), ("posture", _posture), ("ticket", _ticket),
             ("case", _case_list), ("case", _case_show), ("case", _plan), ("contacts", _contacts),
             ("contacts", _verify), ("batch", _batch)]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("module", "build"), RENDERERS, ids=[b.__name__.strip("_") for _, b in RENDERERS])
@pytest.mark.parametrize("width", [40, 80])
def test_every_report_fits_and_never_leaves_a_prefix_alone(module: str, build: Any, lang: str, width: int) -> None:
    import importlib

    renderer = importlib.import_module(f"walletaid.render.{module}")
    lines = screen(renderer.render_text(build(lang), lang), width)
    assert len(lines) > 3
    assert problems(lines, width) == []


@pytest.mark.parametrize(("build", "module", "command"), [
    (_diagnosis, "diagnose", "`walletaid prepare-ticket`"),
    (_case_show, "case", "walletaid case escalate WA-20261101-AAAA"),
    (_case_list, "case", "walletaid case escalate WA-20261101-AAAA"),
])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quoted_commands_are_never_split(build: Any, module: str, command: str, lang: str) -> None:
    import importlib

    renderer = importlib.import_module(f"walletaid.render.{module}")
    for width in (44, 60, 80, 100):
        lines = screen(renderer.render_text(build(lang), lang), width)
        assert any(command in line for line in lines), (width, lines)


@pytest.mark.parametrize(("build", "module", "value"), [
    (_contacts, "contacts", "icbc.com.cn"),
    (_contacts, "contacts", "95588"),
    (_batch, "batch", "screen_sharing_or_remote_app"),
    (_batch, "batch", "chat-export-0001"),
    (_case_list, "case", "WA-20261101-AAAA"),
    (_case_show, "case", "TS-0001"),
])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_numbers_domains_and_ids_are_never_chopped_at_40_columns(build: Any, module: str, value: str, lang: str) -> None:
    import importlib

    renderer = importlib.import_module(f"walletaid.render.{module}")
    assert any(value in line for line in screen(renderer.render_text(build(lang), lang), 40))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_alarm_heading_is_whole_on_a_narrow_screen_and_comes_first(lang: str) -> None:
    from walletaid.i18n import t
    from walletaid.render.diagnose import render_text

    lines = screen(render_text(_diagnosis(lang), lang), 40)
    top = "".join(line.strip("│╭╮─ ") for line in lines[:4])
    assert t("diagnose.heading_alarm", lang).replace(" ", "") in top.replace(" ", "")  # type: ignore[arg-type]
