"""The prepare-ticket engine and renderer: masking, redaction everywhere, what is missing, the opener, the checklist."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from walletaid.engines.ticket import build_case, missing_ids, review_values
from walletaid.models.diagnose import DiagnoseAnswers, Diagnosis
from walletaid.models.ticket import CaseDocument, EvidenceItem, TicketAnswers
from walletaid.render.ticket import render_markdown, render_text

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=CST)
CASE_ID = "WA-20261124-7KQ3"
SHOT = EvidenceItem(name="error.png", size=3, sha256="a" * 64)

# Secrets a user might type into free text (valid check digits, so they really are what they look like).
ID_NUMBER = "11010519491231002X"
CARD = "6222021234567890128"
SEED = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"


@pytest.fixture(autouse=True)
def diagnose_engine(monkeypatch: pytest.MonkeyPatch) -> list[DiagnoseAnswers]:
    """The real diagnose engine, spied on (to check it only ever sees redacted text)."""
    from walletaid.engines import diagnose as module

    seen: list[DiagnoseAnswers] = []
    real = module.diagnose

    def spy(answers: DiagnoseAnswers, lang: Any) -> Diagnosis:
        seen.append(answers)
        return real(answers, lang)

    monkeypatch.setattr(module, "diagnose", spy)
    return seen


def _answers(**overrides: Any) -> TicketAnswers:
    base: dict[str, Any] = {
        "wallet": "ecny", "operator": "icbc", "symptom": "payment_failed", "phone": "+86 138 1234 5678",
        "email": "zhang.san@example.com", "occurred_at": "2026-11-20 14:30:00+08:00", "error_message": "余额不足",
        "amount": "128.50", "transaction_id": "4200001234", "steps": ["打开 App", "扫码付款"],
        "app_version": "1.2.3", "device_model": "Mate 60", "os": "HarmonyOS", "os_version": "4.2",
    }
    base.update(overrides)
    return TicketAnswers.model_validate({k: v for k, v in base.items() if v is not None})


def _case(lang: str = "en", evidence: list[EvidenceItem] | None = None, **overrides: Any) -> CaseDocument:
    ev = [SHOT] if evidence is None else evidence
    return build_case(_answers(**overrides), ev, lang, now=NOW, case_id=CASE_ID)  # type: ignore[arg-type]


def _screen(doc: CaseDocument) -> str:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=200, record=True, color_system=None)
    console.print(render_text(doc, doc.lang))
    return console.export_text()


def _all_outputs(doc: CaseDocument) -> list[str]:
    return [doc.model_dump_json(), render_markdown(doc, doc.lang), _screen(doc)]


def test_document_header_and_sections() -> None:
    doc = _case()
    data = json.loads(doc.model_dump_json())
    assert (data["schema_version"], data["command"], data["lang"], data["case_id"]) == (1, "prepare-ticket", "en", CASE_ID)
    assert data["created_at"] == "2026-11-24T12:00:00+08:00"
    assert data["issue"]["occurred_at"] == "2026-11-20T14:30+08:00" and data["issue"]["timezone"] == "+08:00"
    assert data["transaction"] == {"amount": "128.50", "currency": "CNY", "counterparty": None, "transaction_id": "4200001234"}
    assert data["evidence"] == [{"name": "error.png", "size": 3, "sha256": "a" * 64}]
    assert data["diagnosis"]["command"] == "diagnose"
    assert set(data) >= {"account", "issue", "transaction", "device", "evidence", "diagnosis", "redactions", "missing"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_phone_and_email_only_masked_in_every_output(lang: str) -> None:
    doc = _case(lang)
    assert doc.account.phone == "138****5678" and doc.account.email == "z***@example.com"
    for out in _all_outputs(doc):
        assert "13812345678" not in out and "1234 5678" not in out and "zhang.san" not in out
    assert {("phone", "phone"), ("email", "email")} <= {(r.field, r.kind) for r in doc.redactions}


@pytest.mark.parametrize(
    ("field", "typed", "secret", "kind"),
    [
        ("description", "客服让我报验证码 884512", "884512", "verification_code"),
        ("description", f"my card {CARD} was charged", CARD, "bank_card"),
        ("steps", f"输入身份证 {ID_NUMBER}", ID_NUMBER, "id_number"),
        ("steps", "typed my password: Tiger$2026x", "Tiger$2026x", "password"),
        ("counterparty", "他的手机 139 8765 4321", "139 8765 4321", "phone"),
        ("error_message", f"助记词 {SEED}", "abandon abandon abandon", "seed_phrase"),
        ("account_name", "张三 13987654321", "13987654321", "phone"),
        ("transaction_id", f"助记词 {SEED}", "abandon abandon abandon", "seed_phrase"),
        ("device_model", "Mate 60 密码 Tiger$2026x", "Tiger$2026x", "password"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_secrets_typed_into_free_text_never_reach_any_output(field: str, typed: str, secret: str, kind: str, lang: str) -> None:
    value: Any = [typed] if field == "steps" else typed
    doc = _case(lang, **{field: value, "symptom": "unrecognized_transaction"})
    for out in _all_outputs(doc):
        assert secret not in out
    entries = [r for r in doc.redactions if r.field.startswith(field)]
    assert kind in {r.kind for r in entries}
    assert secret not in json.dumps([r.model_dump() for r in doc.redactions])  # field and kind, never the value
    assert any(r.field.startswith(field) for r in doc.redactions)


@pytest.mark.parametrize("txid", ["4200001234", "4200002026112012345678901234", "6222021234567890128"])
def test_transaction_numbers_are_kept_whole(txid: str) -> None:
    doc = _case("en", transaction_id=txid)
    assert doc.transaction is not None and doc.transaction.transaction_id == txid
    assert {r.kind for r in doc.redactions} == {"phone", "email"}


def test_redactions_are_explained_on_screen() -> None:
    doc = _case("en", description="the code was 884512")
    screen = _screen(doc)
    assert "verification code" in screen and "884512" not in screen


def test_diagnosis_only_sees_redacted_text(diagnose_engine: list[DiagnoseAnswers]) -> None:
    _case("en", description="验证码 884512", error_message=f"card {CARD}")
    sent = diagnose_engine[-1]
    assert "884512" not in (sent.description or "") and CARD not in (sent.error_message or "")
    assert not hasattr(sent, "phone")


def test_clean_case_has_no_secret_redactions_and_keeps_the_text() -> None:
    doc = _case("en", description="The payment page froze after I tapped pay")
    assert {r.kind for r in doc.redactions} == {"phone", "email"}
    assert doc.issue.description == "The payment page froze after I tapped pay"


@pytest.mark.parametrize(
    ("overrides", "evidence", "present", "absent"),
    [
        ({}, [SHOT], set(), {"transaction_id", "amount", "evidence", "app_version", "occurred_time", "operator"}),
        ({"transaction_id": None, "amount": None}, [SHOT], {"transaction_id", "amount"}, set()),
        ({}, [], {"evidence"}, set()),
        ({"app_version": None}, [SHOT], {"app_version"}, set()),
        ({"occurred_at": "2026-11-20"}, [SHOT], {"occurred_time"}, set()),
        ({"operator": None}, [SHOT], {"operator"}, set()),
        ({"wallet": "crypto", "operator": None}, [SHOT], set(), {"operator"}),
        ({"error_message": None}, [SHOT], {"error_message"}, set()),
        ({"steps": None}, [SHOT], {"steps"}, set()),
        # not a money problem: no transaction questions
        ({"symptom": "cannot_login", "transaction_id": None, "amount": None}, [SHOT], set(), {"transaction_id", "amount"}),
        ({"symptom": "transfer_not_arrived"}, [SHOT], {"counterparty"}, {"transaction_id"}),
        ({"symptom": "balance_wrong"}, [SHOT], set(), {"counterparty"}),
        ({"symptom": "suspicious_contact", "money_sent": "yes"}, [SHOT], {"counterparty"}, set()),
        ({"symptom": "suspicious_contact", "money_sent": "yes", "counterparty": "a stranger"}, [SHOT], set(), {"counterparty"}),
        ({"symptom": "suspicious_contact", "money_sent": "yes", "transaction_id": None}, [SHOT], {"transaction_id"}, set()),
        ({"symptom": "suspicious_contact", "money_sent": "no", "transaction_id": None, "amount": None}, [SHOT], set(),
         {"transaction_id", "amount", "error_message"}),
        ({"symptom": "app_crash", "os_version": None}, [SHOT], {"device"}, set()),
        ({"symptom": "app_crash"}, [SHOT], set(), {"device"}),
    ],
)
def test_missing_says_what_support_will_ask_for(overrides: dict[str, Any], evidence: list[EvidenceItem],
                                                present: set[str], absent: set[str]) -> None:
    ids = set(missing_ids(_answers(**overrides), evidence))
    assert present <= ids and not (absent & ids)


def test_missing_items_say_why_in_the_users_language() -> None:
    doc = _case("zh", evidence=[], transaction_id=None)
    items = {m.id: m for m in doc.missing}
    assert "交易单号" in items["transaction_id"].what and items["transaction_id"].why
    assert "截图" in items["evidence"].what


def test_opener_english_three_sentences_built_from_the_case() -> None:
    doc = _case("en")
    assert len(doc.opener) == 3
    who, what, ask = doc.opener
    assert "e-CNY wallet opened with ICBC" in who and "ending in 5678" in who and "1381" not in who
    assert "20 Nov 2026 at about 14:30" in what and "余额不足" in what and "128.50 yuan" in what and "4200001234" in what
    assert ask.startswith("Could you check whether the money was deducted")


def test_opener_chinese() -> None:
    doc = _case("zh", symptom="transfer_not_arrived", error_message=None, amount=None, transaction_id=None)
    who, what, ask = doc.opener
    assert who.startswith("您好") and "工商银行" in who and "尾号是 5678" in who
    assert what.startswith("11月20日14点30分左右") and "对方一直没收到" in what and what.endswith("。")  # as said aloud
    assert "转账" in ask


def test_opener_says_the_time_as_typed_without_a_zone_and_a_date_alone() -> None:
    # the opener is read aloud to support: the clock time the person gave, no "(UTC+00:00)"
    assert "at about 6:30," in _case("en", occurred_at="2026-11-20T06:30:00Z").opener[1]
    assert "UTC" not in _case("zh", occurred_at="2026-11-20T06:30:00Z").opener[1]
    doc = _case("en", occurred_at="2026-11-20")
    assert doc.opener[1].startswith("On 20 Nov 2026,") and doc.issue.occurred_at_precision == "day"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_opener_after_a_scam_payment_asks_to_freeze_and_stop_the_payment(lang: str) -> None:
    doc = _case(lang, symptom="suspicious_contact", money_sent="yes", amount="5000", error_message=None,
                contact_asked_for=["transfer"])
    assert doc.diagnosis.urgent
    ask = doc.opener[2]
    assert ("5000 元" in ask and "冻结" in ask and "止付" in ask) if lang == "zh" else ("5000 yuan" in ask and "freeze" in ask)
    assert "是不是你们官方" not in ask and "really came from you" not in ask


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_opener_after_a_scam_payment_without_an_amount_reads_naturally(lang: str) -> None:
    doc = _case(lang, symptom="unrecognized_transaction", money_sent="yes", amount=None, transaction_id=None,
                error_message=None)
    ask = doc.opener[2]
    assert ask.startswith("钱包里有一笔钱不是我转出的") if lang == "zh" else ask.startswith("Money left my wallet without me")
    assert "  " not in ask and " 钱 " not in ask


def test_how_to_talk_to_support_is_in_the_case_on_screen_and_in_markdown() -> None:
    doc = _case("en")
    tips = " ".join(doc.talk_tips)
    for needed in ("short", "patient", "explain", "reference number and the date"):
        assert needed in tips
    assert "never phones you" not in tips                                  # e-CNY: the exchange tip is not shown
    assert "## How to talk to support" in render_markdown(doc, "en")
    crypto = _case("zh", wallet="crypto", operator=None)
    assert any("交易所客服不会打电话给您" in tip for tip in crypto.talk_tips)


def test_opener_error_text_is_the_redacted_one() -> None:
    doc = _case("en", error_message="验证码 884512 已过期")
    assert "884512" not in doc.opener[1] and "[REDACTED:verification_code]" in doc.opener[1]


@pytest.mark.parametrize(("symptom", "money"), [("payment_failed", True), ("cannot_login", False)])
def test_write_down_checklist(symptom: str, money: bool) -> None:
    overrides: dict[str, Any] = {"symptom": symptom}
    if not money:
        overrides.update(amount=None, transaction_id=None)
    doc = _case("en", **overrides)
    text = " ".join(doc.write_down)
    for needed in ("name or staff ID", "reference number", "promised", "By when"):
        assert needed in text
    assert ("frozen, returned" in text) is money
    assert (doc.transaction is None) is (not money)


def test_markdown_is_paste_ready() -> None:
    md = render_markdown(_case("en", account_name="Zhang's wallet"), "en")
    assert md.startswith(f"# Support case {CASE_ID}\n")
    assert "- **Phone number**: 138****5678" in md and "1. 打开 App" in md and "error.png" in md
    assert "- [ ] The agent's name or staff ID" in md


def test_user_text_cannot_inject_terminal_escapes_or_rich_markup() -> None:
    doc = _case("en", description="\x1b[2J[bold red]hi[/]")
    screen = _screen(doc)
    assert "\x1b" not in screen and "[bold red]hi[/]" in screen
    assert "\x1b" not in render_markdown(doc, "en") and "\x1b" not in doc.model_dump_json()


def test_review_values_mask_what_the_review_screen_shows() -> None:
    shown = review_values({"phone": "+8613812345678", "email": "zhang.san@example.com", "description": "验证码 884512",
                           "evidence": ["/home/zhangsan/shot.png"], "wallet": "ecny", "amount": None})
    assert shown["phone"] == "138****5678" and shown["email"] == "z***@example.com"
    assert "884512" not in shown["description"] and shown["evidence"] == ["shot.png"] and shown["wallet"] == "ecny"


def test_urgent_case_opens_with_the_alarm_and_lists_official_channels() -> None:
    doc = _case("en", symptom="suspicious_contact", money_sent="yes", contact_asked_for=["codes"],
                description="they asked for the code")
    assert doc.diagnosis.urgent
    screen = _screen(doc)
    assert screen.index("Act now") < screen.index("Account")
    assert doc.diagnosis.contact and any(c.value in screen for c in doc.diagnosis.contact if c.official)


def test_every_symptom_group_names_real_symptoms_and_is_defined_once() -> None:
    """The groups live in models/diagnose.py only; a misspelt symptom would silently never match."""
    from typing import get_args

    from walletaid.models import diagnose as d

    groups = {name: value for name, value in vars(d).items() if name.endswith("_SYMPTOMS")}
    assert len(groups) == 8
    for name, members in groups.items():
        assert set(members) <= set(get_args(d.Symptom)) and len(set(members)) == len(members), name
    assert set(d.MONEY_MISSING_SYMPTOMS) < set(d.PAYMENT_SYMPTOMS) < set(d.MONEY_QUESTION_SYMPTOMS)
    assert set(d.PAYMENT_SYMPTOMS) < set(d.PAYING_SYMPTOMS)
    from walletaid.forms.diagnose import SYMPTOMS
    assert sorted(SYMPTOMS) == sorted(get_args(d.Symptom))  # the wizard offers every symptom, once
    src = Path(d.__file__).parent.parent
    defined = [p for p in src.rglob("*.py") if re.search(r"^[A-Z_]+_SYMPTOMS\b[^=\n]*=", p.read_text("utf-8"), re.M)]
    assert defined == [Path(d.__file__)]
