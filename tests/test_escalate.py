"""Escalation ladder, complaint draft, and the case renderers (text and Markdown, both languages)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from rich.console import Console

from walletaid.engines import complaint
from walletaid.engines.escalate import is_fraud, knowledge, plan_escalation
from walletaid.engines.followup import follow_up
from walletaid.files.export import case_files
from walletaid.i18n import catalogue
from walletaid.models.case import CaseListDocument, CaseRecord, CaseShowDocument, CaseSummary, ContactEntry
from walletaid.models.escalation import EscalationPlan
from walletaid.render.case import render_complaint, render_markdown, render_text

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=TZ)


def contact(n: int, days_ago: int, outcome: str = "pending", promise: date | None = None, **kw: str) -> ContactEntry:
    return ContactEntry(id=n, logged_at=NOW - timedelta(days=days_ago), channel="hotline", outcome=outcome,
                        promised_by=promise, **kw)


def case(wallet: str = "ecny", operator: str | None = "icbc", symptom: str = "payment_failed", *contacts: ContactEntry,
         lang: str = "zh", description: str = "付款失败", urgent: bool = False, amount: str | None = "120.00") -> CaseRecord:
    document = {
        "command": "prepare-ticket", "lang": lang, "case_id": "WA-20261101-AAAA",
        "account": {"wallet": wallet, "operator": operator, "phone": "138****5678"},
        "issue": {"symptom": symptom, "description": description, "occurred_at": "2026-11-01T09:00:00+08:00"},
        "transaction": {"amount": amount, "currency": "CNY", "transaction_id": "20261101123456789012"} if amount else None,
        "evidence": [{"name": "shot.png", "size": 1, "sha256": "0" * 64}],
        "diagnosis": {"urgent": urgent, "causes": []},
    }
    return CaseRecord(case_id="WA-20261101-AAAA", title="数字人民币 · 工商银行 · 支付失败", status="open", lang=lang,
                      command="prepare-ticket", wallet=wallet, operator=operator, symptom=symptom,
                      created_at=NOW - timedelta(days=24), document=document, contacts=list(contacts))


TIMELINE = (
    contact(1, 20, "pending", date(2026, 11, 10), agent="王女士 工号 0231", reference="TS-0001", note="说三天内回复"),
    contact(2, 12, "unresolved", reference="TS-0002", note="又说在处理"),
    contact(3, 2, "pending", date(2026, 11, 24), agent="Li", note="第三次催"),
)


def complaint_draft(record: CaseRecord, plan: EscalationPlan, lang: str, *, now: datetime) -> str:
    """The complaint draft as the user gets it: the engine's draft written as Markdown."""
    return render_complaint(complaint.complaint_draft(record, plan, lang, now=now))  # type: ignore[arg-type]


def step_ids(record: CaseRecord, lang: str = "zh") -> list[str]:
    return [s.id for s in plan_escalation(record, lang, now=NOW).steps]


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d{3,}", text))


@pytest.mark.parametrize(("lang", "ask_which"), [("zh", "问清由哪一个受理"), ("en", "ask which one takes your case")])
def test_ecny_case_leads_with_12378_and_keeps_12363_beside_it(lang: str, ask_which: str) -> None:
    """domain-facts §3: banks and insurers go to NFRA 12378 (an e-CNY operator is a bank); payment institutions and
    credit reporting to PBoC 12363, which issues e-CNY: kept beside 12378 with the advice to ask which one takes it."""
    plan = plan_escalation(case("ecny", "icbc", "payment_failed", *TIMELINE, lang=lang), lang, now=NOW)  # type: ignore[arg-type]
    steps = {s.id: s for s in plan.steps}
    assert "12363" in steps["pboc"].contact and "12378" in steps["nfra"].contact
    assert [s.id for s in plan.steps].index("nfra") < [s.id for s in plan.steps].index("pboc")
    assert "12378" in (steps["pboc"].caveat or "") and ask_which in (steps["pboc"].caveat or "")
    assert "2023" not in (steps["pboc"].caveat or "")  # the old "unconfirmed after the 2023 reform" hedge is outdated
    assert [s.id for s in plan.steps][:2] == ["operator", "ecny_app"]
    assert any("95588" in line for line in steps["operator"].contact)
    assert steps["pboc"].applies_now and plan.follow_up.needs_escalation
    assert plan.references == ["TS-0001", "TS-0002"]


@pytest.mark.parametrize(("record", "expected"), [
    (case("ecny", "icbc", "app_crash", amount=None), ["operator", "ecny_app", "nfra", "pboc", "community"]),
    (case("other", None, "cannot_login", amount=None), ["operator", "nfra", "community"]),
    (case("other", None, "transfer_not_arrived", amount=None), ["operator", "pboc", "nfra", "legal", "community"]),
    (case("ecny", "ccb", "payment_failed", urgent=True),
     ["police", "antifraud", "operator", "ecny_app", "nfra", "pboc", "legal", "community"]),
    (case("ecny", "ccb", "other", description="对方让我转到安全账户", amount=None),
     ["police", "antifraud", "operator", "ecny_app", "nfra", "pboc", "legal", "community"]),
    (case("crypto", None, "unrecognized_transaction"), ["exchange", "legal", "community"]),
    (case("crypto", None, "suspicious_contact", amount=None), ["police", "antifraud", "exchange", "legal", "community"]),
])
def test_ladder_fits_the_case(record: CaseRecord, expected: list[str]) -> None:
    assert step_ids(record) == expected


@pytest.mark.parametrize(("record", "fraud"), [
    (case(urgent=True), True),
    (case(description="I think it was a scam"), True),
    (case(symptom="suspicious_contact"), True),
    (case("ecny", "icbc", "payment_failed", contact(1, 1, note="客服说这是诈骗")), True),
    (case(description="付款失败，提示网络异常"), False),
    (case(description="the app is fraudulently slow"), True),
])
def test_fraud_is_found_in_diagnosis_symptom_or_words(record: CaseRecord, fraud: bool) -> None:
    assert is_fraud(record) is fraud


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_crypto_plan_gives_no_phone_number_for_the_exchange(lang: str) -> None:
    plan = plan_escalation(case("crypto", None, "suspicious_contact", amount=None), lang, now=NOW)  # type: ignore[arg-type]
    exchange = next(s for s in plan.steps if s.id == "exchange")
    assert numbers(" ".join(exchange.contact)) == set()
    assert numbers(exchange.ask + exchange.bring + (exchange.caveat or "")) == {"2021"}
    assert not {"12363", "12378"} & numbers(str(plan.model_dump()))
    assert plan.steps[0].contact[0] == "110"


def test_unknown_operator_gets_no_invented_number() -> None:
    plan = plan_escalation(case("ecny", None, "payment_failed"), "en", now=NOW)
    operator = next(s for s in plan.steps if s.id == "operator")
    assert numbers(" ".join(operator.contact)) == set()
    assert "back of your bank card" in operator.contact[0]


def test_regulator_steps_wait_until_escalation_is_due() -> None:
    fresh = plan_escalation(case("ecny", "icbc", "payment_failed", contact(1, 1, promise=date(2026, 11, 30))), "en", now=NOW)
    later = {s.id: s.applies_now for s in fresh.steps}
    assert later == {"operator": True, "ecny_app": True, "pboc": False, "nfra": False, "legal": False, "community": True}


def test_every_number_in_the_ladder_comes_from_domain_facts() -> None:
    """Numbers the ladder states (its sources are addresses and dates, not statements); operators' numbers come
    from the contacts directory."""
    allowed = {"110", "96110", "956196", "12363", "12378", "12348", "2021", "15", "30", "60", "24"}
    kb = knowledge()
    text = kb.model_dump_json(exclude={"complaint_rule_source": True, "ladder": {"__all__": {"source"}}})
    found = set(re.findall(r"(?<![\w.§])\d+(?![\w.])", re.sub(r"https?://\S+", "", text)))
    assert found <= allowed, found - allowed
    assert {e.source.confidence for e in kb.ladder} <= {"well-known", "sourced", "verify"}


def test_the_ladder_takes_its_numbers_from_the_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rung names a directory provider; its number is that provider's first hotline, so a number changed in
    the directory is the number the plan and the complaint draft give."""
    from walletaid.engines import contacts

    assert all(contacts.first_hotline(e.provider) for e in knowledge().ladder if e.provider)
    from types import SimpleNamespace

    def with_(record: object, **changes: object) -> SimpleNamespace:  # the directory is plain records
        return SimpleNamespace(**{**vars(record), **changes})

    real = contacts.directory()
    moved = [with_(p, channels=[with_(c, value="999" + c.value) for c in p.channels])
             if p.id in ("110", "12378") else p for p in real.providers]
    monkeypatch.setattr(contacts, "directory", lambda: with_(real, providers=moved))
    record = case("ecny", "icbc", "suspicious_contact", *TIMELINE, lang="en")
    plan = plan_escalation(record, "en", now=NOW)
    steps = {s.id: s for s in plan.steps}
    assert steps["police"].contact[0] == "999110" and steps["nfra"].contact[0] == "99912378"
    assert steps["pboc"].contact[0] == "12363"
    assert "99912378" in complaint_draft(record, plan, "en", now=NOW)


# --- complaint draft -------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [
    ("zh", ["# 投诉材料", "## 联系记录", "## 没有兑现的承诺", "## 我的诉求", "15 天", "2026-12-10", "工商银行客服投诉部门"]),
    ("en", ["# Complaint", "## Contact log", "## Promises not kept", "## Resolution requested", "15 days", "2026-12-10",
            "ICBC, customer-service complaint department"]),
])
def test_draft_holds_the_facts_and_every_timeline_entry(lang: str, words: list[str]) -> None:
    record = case("ecny", "icbc", "payment_failed", *TIMELINE, lang=lang)
    draft = complaint_draft(record, plan_escalation(record, lang, now=NOW), lang, now=NOW)  # type: ignore[arg-type]
    for word in words + ["WA-20261101-AAAA", "20261101123456789012", "120.00 CNY", "shot.png", "138****5678"]:
        assert word in draft
    rows = [line for line in draft.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == len(TIMELINE)
    for entry in TIMELINE:
        for value in (entry.reference, entry.note, entry.agent):
            if value:
                assert value in draft
    assert "2026-11-10" in draft.split("##")[3] and "TS-0001" in draft.split("##")[3]


def test_draft_redacts_and_cleans_text_that_slipped_through() -> None:
    record = case("ecny", "icbc", "payment_failed",
                  contact(1, 3, note="他让我报验证码 482913 | 还有\x1b[2J 清屏"),
                  contact(2, 2, agent="13812345678"), description="我的电话 13912345678")
    draft = complaint_draft(record, plan_escalation(record, "zh", now=NOW), "zh", now=NOW)
    assert "482913" not in draft and "13812345678" not in draft and "13912345678" not in draft
    assert "\x1b" not in draft
    assert "[REDACTED:verification_code] \\| 还有" in draft
    assert "139****5678" in draft


def test_the_draft_is_data_and_only_the_renderer_writes_markdown() -> None:
    """The engine's draft holds the user's words redacted but unescaped; the Markdown renderer escapes them."""
    record = case("ecny", "icbc", "payment_failed", contact(1, 3, note="**bold** | pipe <b>", reference="TS_1"), lang="en")
    draft = complaint.complaint_draft(record, plan_escalation(record, "en", now=NOW), "en", now=NOW)
    assert draft.timeline[0].note == "**bold** | pipe <b>" and draft.timeline[0].reference == "TS_1"
    assert draft.file_name == "WA-20261101-AAAA-complaint.en.md"
    written = render_complaint(draft)
    assert "\\*\\*bold\\*\\* \\| pipe \\<b>" in written and "**bold**" not in written


@pytest.mark.parametrize(("symptom", "amount", "expected"), [
    ("transfer_not_arrived", "50.00", "50.00 CNY"),
    ("account_locked", None, "Restore my access"),
    ("unrecognized_transaction", "9.90", "did not make"),
    ("app_crash", None, "Fix the problem"),
])
def test_draft_asks_for_the_resolution_that_fits(symptom: str, amount: str | None, expected: str) -> None:
    record = case("ecny", "icbc", symptom, lang="en", amount=amount)
    draft = complaint_draft(record, plan_escalation(record, "en", now=NOW), "en", now=NOW)
    assert expected in draft.split("## Resolution requested")[1]


@pytest.mark.parametrize(("lang", "who", "next_step", "deadline"), [
    ("zh", "招商银行客服（开立钱包的运营机构）", "拨打金融监管总局 12378（银行类）或人民银行 12363（支付机构、征信）反映",
     "最长 60 天"),
    ("en", "China Merchants Bank customer service (the operator that opened your wallet)",
     "to NFRA 12378 (banks) or the PBoC's 12363 (payment institutions, credit reporting)", "60 days at most"),
])
def test_draft_wording_for_an_ecny_case(lang: str, who: str, next_step: str, deadline: str) -> None:
    """Issue 14: the operator named first, the two regulators as alternatives, the banking rule's 15/30/+30 days."""
    record = case("ecny", "cmb", "transfer_not_arrived", *TIMELINE, lang=lang)
    plan = plan_escalation(record, lang, now=NOW)  # type: ignore[arg-type]
    assert plan.steps[0].who == who
    draft = complaint_draft(record, plan, lang, now=NOW)  # type: ignore[arg-type]
    assert next_step in draft and deadline in draft and "15" in draft and "30" in draft


@pytest.mark.parametrize("wallet", ["other", "crypto"])
def test_no_deadline_is_quoted_for_other_providers(wallet: str) -> None:
    """The 15/30/60-day rule is the banking regulator's: for payment companies and exchanges ask for their date."""
    record = case(wallet, None, "transfer_not_arrived", lang="en")
    draft = complaint_draft(record, plan_escalation(record, "en", now=NOW), "en", now=NOW)
    deadline = draft.split("## Reply expected")[1]
    assert "15 days" not in deadline and "60 days" not in deadline and "tell me the date" in deadline


@pytest.mark.parametrize(("operator", "caveat"), [
    ("abc", "only seen in third-party lists"), ("mybank", "shows no number"), ("icbc", None)])
def test_operator_lines_come_from_the_directory_with_their_caveats(operator: str, caveat: str | None) -> None:
    from walletaid.engines.contacts import provider_channels

    plan = plan_escalation(case("ecny", operator, "payment_failed", lang="en"), "en", now=NOW)
    lines = next(s for s in plan.steps if s.id == "operator").contact
    for channel in provider_channels(operator, "en"):
        if channel.channel in ("hotline", "website"):
            assert f"{channel.name}: {channel.value}" in lines
    assert any(caveat in line for line in lines) if caveat else len(lines) == 3


# --- renderers -------------------------------------------------------------------------------------


def shown(renderable) -> str:
    console = Console(record=True, width=200, color_system=None)
    console.print(renderable)
    return console.export_text()


def summary(**kw) -> CaseSummary:
    base = {"id": "WA-20261101-AAAA", "title": "t [bold]x[/bold]", "status": "open", "created_at": NOW, "age_days": 3}
    return CaseSummary(**{**base, **kw})


@pytest.mark.parametrize(("lang", "overdue_word"), [("zh", "已逾期"), ("en", "overdue")])
def test_case_list_marks_overdue_and_points_to_escalate(lang: str, overdue_word: str) -> None:
    doc = CaseListDocument(lang=lang, cases=[  # type: ignore[arg-type]
        summary(next_promise=date(2026, 11, 20), overdue=True, needs_escalation=True),
        summary(id="WA-20261101-BBBB", next_promise=date(2026, 11, 30)),
    ])
    text, markdown = shown(render_text(doc, lang)), render_markdown(doc, lang)  # type: ignore[arg-type]
    for out in (text, markdown):
        assert f"2026-11-20 {overdue_word}" in out and f"2026-11-30 {overdue_word}" not in out
        assert "walletaid case escalate WA-20261101-AAAA" in out
        assert "walletaid case escalate WA-20261101-BBBB" not in out
    assert "t [bold]x[/bold]" in text


def test_overdue_promise_is_red_and_bold() -> None:
    doc = CaseListDocument(lang="en", cases=[summary(next_promise=date(2026, 11, 20), overdue=True, needs_escalation=True)])
    console = Console(record=True, width=200, force_terminal=True, color_system="standard")
    console.print(render_text(doc, "en"))
    assert "\x1b[1;31m2026-11-20 overdue" in console.export_text(styles=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_case_show_has_facts_timeline_and_advice(lang: str) -> None:
    record = case("ecny", "icbc", "payment_failed", *TIMELINE, lang=lang)
    doc = CaseShowDocument(lang=lang, case=record, follow_up=follow_up(record, now=NOW))  # type: ignore[arg-type]
    for out in (shown(render_text(doc, lang)), render_markdown(doc, lang)):  # type: ignore[arg-type]
        assert "WA-20261101-AAAA" in out and "TS-0002" in out and "第三次催" in out
        assert "walletaid case escalate WA-20261101-AAAA" in out
    data = doc.model_dump(mode="json")
    assert (data["schema_version"], data["command"], data["lang"]) == (1, "case", lang)
    assert len(data["case"]["contacts"]) == 3


def test_case_show_suggests_closing_after_a_resolved_contact() -> None:
    record = case("ecny", "icbc", "payment_failed", contact(1, 1, "resolved"), lang="en")
    doc = CaseShowDocument(lang="en", case=record, follow_up=follow_up(record, now=NOW))
    assert "walletaid case close WA-20261101-AAAA" in render_markdown(doc, "en")
    assert "escalate" not in render_markdown(doc, "en")


def test_case_show_markdown_escapes_a_stored_title_and_the_user_s_facts() -> None:
    # a case saved without wallet or symptom is shown under its stored title, which came from the user
    record = case("ecny", "icbc", "payment_failed", lang="en", description="see [pay](http://evil.example)")
    record = record.model_copy(update={"wallet": None, "symptom": None, "title": "**[pay](http://evil.example)**"})
    doc = CaseShowDocument(lang="en", case=record, follow_up=follow_up(record, now=NOW))
    markdown = render_markdown(doc, "en")
    assert markdown.startswith("# \\*\\*[pay\\](http\\://evil.example)\\*\\*\n")
    assert "[pay](http" not in markdown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_renders_every_step_with_number_and_caveat(lang: str) -> None:
    plan = plan_escalation(case("ecny", "icbc", "payment_failed", *TIMELINE, lang=lang), lang, now=NOW)  # type: ignore[arg-type]
    for out in (shown(render_text(plan, lang)), render_markdown(plan, lang)):  # type: ignore[arg-type]
        for number in ("95588", "956196", "12363", "12378", "12348"):
            assert number in out
        assert ("问清由哪一个受理" if lang == "zh" else "ask which one takes") in out and "TS-0001" in out
        assert "60" in out  # the deadline rule: 15 days, 30 when complex, another 30 when especially complex


def test_case_files_hold_the_timeline(tmp_path) -> None:
    record = case("ecny", "icbc", "payment_failed", *TIMELINE, lang="en")
    doc = CaseShowDocument(lang="en", case=record, follow_up=follow_up(record, now=NOW))
    files = case_files(doc, tmp_path)
    assert sorted(p.name for p in files) == ["WA-20261101-AAAA.json", "WA-20261101-AAAA.md"]
    for data in files.values():
        assert b"TS-0002" in data


def test_case_messages_exist_in_both_languages() -> None:
    texts = catalogue("case")
    assert texts["zh"].keys() == texts["en"].keys()
    assert all(v.strip() for lang in ("zh", "en") for v in texts[lang].values())


@pytest.mark.parametrize(("lang", "expected", "other"), [
    ("en", "e-CNY · ICBC · Payment failed", "数字人民币"),
    ("zh", "数字人民币 · 工商银行 · 支付失败", "e-CNY"),
])
def test_titles_follow_the_display_language(lang: str, expected: str, other: str) -> None:
    record = case("ecny", "icbc", "payment_failed", *TIMELINE, lang="zh")
    listing = CaseListDocument(lang=lang, cases=[summary(title=record.title, wallet="ecny", operator="icbc",  # type: ignore[arg-type]
                                                         symptom="payment_failed")])
    plan = plan_escalation(record, lang, now=NOW)  # type: ignore[arg-type]
    for out in (render_markdown(listing, lang), render_markdown(plan, lang).split("\n")[0],  # type: ignore[arg-type]
                complaint_draft(record, plan, lang, now=NOW).split("\n")[0]):  # type: ignore[arg-type]
        assert expected in out and other not in out
