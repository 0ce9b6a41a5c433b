"""What the diagnosis tells the user to do (issues 10 and 14): amounts, the caller's claims, takeovers,
advice that fits the story, the new causes, the e-CNY 2.0 scheme cues, and the four stories a new user tried.

Every test drives the real engine in-process with the packaged knowledge.
"""

from __future__ import annotations

import pytest

from walletaid.engines.diagnose import diagnose
from walletaid.i18n import t
from walletaid.knowledge import load
from walletaid.knowledge.schemas.causes import CauseCatalog
from walletaid.models.diagnose import DiagnoseAnswers, Diagnosis


def _diagnose(lang: str = "en", **answers: object) -> Diagnosis:
    return diagnose(DiagnoseAnswers.model_validate({"wallet": "ecny", **answers}), lang)  # type: ignore[arg-type]


def _ids(d: Diagnosis) -> list[str]:
    return [c.id for c in d.causes]


def _values(d: Diagnosis) -> list[str]:
    return [c.value for c in d.contact]


# --- amounts are never error codes (issue 10, item 5) ---------------------------------------------


@pytest.mark.parametrize(
    ("field", "text"),
    [("description", "I tried to pay 502 yuan"), ("description", "sent 500 yuan to my sister"), ("error_message", "I tried to pay 502 yuan"),
     ("description", "paid 503 at the shop and it failed"), ("description", "转了500元给朋友"), ("description", "付502块失败了")],
)
def test_an_amount_is_never_read_as_an_http_status(field: str, text: str) -> None:
    d = _diagnose("en", symptom="payment_failed", **{field: text})
    assert "service_outage" not in _ids(d)


def test_a_real_http_status_still_points_to_the_service() -> None:
    assert _ids(_diagnose("en", symptom="payment_failed", error_message="HTTP 502 Bad Gateway"))[0] == "service_outage"
    assert _ids(_diagnose("en", symptom="other", error_message="error 503 while paying 30 yuan"))[0] == "service_outage"


# --- the caller's words are not causes (issue 10, item 5) -----------------------------------------


def test_a_scam_callers_pretexts_are_shown_as_claims_not_as_causes() -> None:
    d = _diagnose("zh", symptom="suspicious_contact",
                  description="一个自称数字人民币客服的人来电，说我的钱包要升级，否则账户会被冻结，要我报短信验证码")
    assert d.urgent and _ids(d) == ["fraud_contact"]
    assert {"account_locked", "identity_verification_needed"}.isdisjoint(_ids(d))
    assert any("升级" in c for c in d.caller_claims) and any("冻结" in c for c in d.caller_claims)
    assert "验证码" not in d.caller_claims  # a word of the scam's own evidence is no separate claim


def test_the_apps_own_message_keeps_a_cause_even_when_fraud_is_shown() -> None:
    d = _diagnose("zh", symptom="account_locked", error_message="钱包已被冻结，请联系运营机构",
                  description="接着就有人打电话说能帮我解冻，要我先交解冻费")
    assert _ids(d)[0] == "fraud_contact" and "account_locked" in _ids(d)
    assert not d.caller_claims


def test_claims_are_rendered_apart_from_the_causes() -> None:
    from walletaid.render.diagnose import render_markdown

    d = _diagnose("en", symptom="suspicious_contact", description="a caller said my wallet is frozen and asked for the code")
    md = render_markdown(d, "en")
    assert d.caller_claims and t("diagnose.heading_claims", "en") in md


# --- takeover evidence outranks wrong credentials and is urgent -------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "Someone logged in on another phone, now my password fails"),
     ("zh", "有人在另一台手机上登录了我的钱包，现在密码一直提示错误"),
     ("en", "my password was changed and I never did that, now I cannot log in"),
     ("zh", "我的支付密码被人改了，现在登不上"),
     ("en", "two payments went out while I was asleep and now the PIN is wrong"),
     ("zh", "凌晨我睡觉的时候有一笔转出，早上密码就不对了")],
)
def test_takeover_outranks_wrong_credentials_and_is_urgent(lang: str, text: str) -> None:
    d = _diagnose(lang, symptom="cannot_login", description=text)
    assert d.urgent and _ids(d)[0] == "unauthorized_access"
    assert d.urgent_actions


# --- urgent advice fits the story --------------------------------------------------------------------


def test_no_hang_up_when_nobody_called() -> None:
    d = _diagnose("zh", symptom="unrecognized_transaction", description="账单里有一笔不认识的扣款")
    text = " ".join(d.urgent_actions)
    assert d.urgent and "挂断" not in text and "回拨" not in text
    assert _diagnose("en", symptom="unrecognized_transaction").urgent_actions[0] != t("diagnose.urgent_stop_call", "en")


def test_hang_up_when_somebody_called_and_stop_replying_when_somebody_wrote() -> None:
    called = _diagnose("zh", symptom="suspicious_contact", description="有人打电话说是银行的，要我的验证码")
    wrote = _diagnose("zh", symptom="suspicious_contact", description="微信上有人让我点链接领数字人民币红包")
    assert called.urgent_actions[0] == t("diagnose.urgent_stop_call", "zh")
    assert wrote.urgent_actions[0] == t("diagnose.urgent_stop_message", "zh")


@pytest.mark.parametrize("answers", [
    {"symptom": "suspicious_contact", "money_sent": "yes", "description": "对方自称公安，让我转到安全账户"},
    {"symptom": "unrecognized_transaction", "description": "钱包里的钱被转走了，不是我操作的"},
])
def test_freezing_and_110_go_together_after_money_left(answers: dict[str, str]) -> None:
    d = _diagnose("zh", operator="icbc", **answers)
    together = [a for a in d.urgent_actions if "冻结和报警同时做" in a]
    assert together and "95588" in together[0] and "110" in together[0]
    assert t("diagnose.urgent_110", "zh") not in d.urgent_actions  # no "if money leaves" once it has


def test_freeze_first_then_police_if_money_leaves_when_nothing_left_yet() -> None:
    d = _diagnose("en", operator="ccb", symptom="suspicious_contact", money_sent="no", description="a caller asked for my code")
    assert t("diagnose.urgent_freeze_operator", "en", name="CCB (China Construction Bank)", number="95533") in d.urgent_actions
    assert t("diagnose.urgent_110", "en") in d.urgent_actions


def test_crypto_names_the_exchange_and_has_no_phone_support_wording() -> None:
    d = diagnose(DiagnoseAnswers(wallet="crypto", symptom="unrecognized_transaction",
                                 description="my Binance account shows a withdrawal I never made"), "en")
    lock = d.urgent_actions[0]  # what to do with the exchange: in its app or website, never by phone
    assert "Binance" in lock and "OKX" not in " ".join(d.urgent_actions)
    assert not any(word in lock.lower() for word in ("phone", "hotline", "call "))
    provider = [c for c in d.contact if c.value not in ("110", "96110")]
    assert provider and all(c.channel != "hotline" for c in provider)
    assert all("Binance" in c.name and "OKX" not in c.name for c in provider)
    assert not any("Before you call" in s for s in d.next_steps)


def test_crypto_without_a_named_exchange_names_none() -> None:
    d = diagnose(DiagnoseAnswers(wallet="crypto", symptom="unrecognized_transaction", description="a withdrawal I never made"), "zh")
    assert not any("OKX" in c.name or "欧易" in c.name for c in d.contact)
    assert "交易所" in d.urgent_actions[0]


# --- the lost phone (issue 14) ----------------------------------------------------------------------


def test_phone_lost_symptom_is_urgent_with_the_facts_steps_in_order() -> None:
    d = _diagnose("zh", operator="abc", symptom="phone_lost")
    assert d.urgent and _ids(d)[0] == "phone_lost"
    steps = d.urgent_actions
    assert "10086" in steps[0] and "10010" in steps[0] and "10000" in steps[0]  # (1) suspend the number
    assert "另一部手机" in steps[1] and "挂失" in steps[1] and "无网无电支付" in steps[1]  # (2) report the loss elsewhere
    assert "以 App 为准" in steps[1]  # the in-App path is not confirmed: none is named
    assert "956196" in steps[2] and "运营机构" in steps[2]  # (3) the operator or 956196
    assert "密码" in steps[3] and "110" in steps[3]  # (4) passwords, and 110 if money was taken
    values = _values(d)
    assert values[:3] == ["10086", "10010", "10000"] and "95599" in values and "956196" in values and "110" in values
    assert "96110" not in values


def test_phone_lost_in_the_words_ranks_before_the_payments_it_explains() -> None:
    d = _diagnose("en", symptom="unrecognized_transaction",
                  description="there are two payments I never made; my phone was stolen on the bus yesterday")
    assert d.urgent and _ids(d)[:2] == ["phone_lost", "unauthorized_access"]


def test_phone_lost_alarm_is_no_scam_alarm_and_its_steps_are_not_repeated() -> None:
    from walletaid.render.diagnose import render_markdown

    d = _diagnose("en", symptom="phone_lost")
    md = render_markdown(d, "en")
    assert md.count(d.urgent_actions[0]) == 1
    assert t("diagnose.heading_alarm_phone_lost", "en") in md and t("diagnose.heading_alarm", "en") not in md


# --- hard wallets (issue 14) -----------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "symptom", "text"), [
    ("zh", "nfc_payment_failed", "硬钱包卡在地铁闸机上刷了没反应"),
    ("zh", "other", "想用贴一贴把卡式硬钱包关联到App里，一直读不出来"),
    ("zh", "payment_failed", "手机没电了，无网无电支付也付不了"),
    ("zh", "other", "数字人民币的sim卡放在卡槽2里，碰收款机没反应"),
    ("en", "nfc_payment_failed", "the shop terminal says dual-offline payment is not supported on its side"),
    ("en", "other", "my e-CNY hard wallet card does nothing at the subway gate"),
])
def test_hard_wallet_problems_are_found(lang: str, symptom: str, text: str) -> None:
    assert _ids(_diagnose(lang, symptom=symptom, description=text))[0] == "hard_wallet_problem"


def test_unlocking_the_screen_is_not_advised_for_sim_and_phone_hard_wallets() -> None:
    causes = load("causes", CauseCatalog).causes
    tap = causes["device_problem"].steps[0].zh  # type: ignore[index]
    assert "解锁" in tap and "手机硬钱包和 SIM 硬钱包不用解锁屏幕" in tap
    hard = " ".join(s.zh for s in causes["hard_wallet_problem"].steps)  # type: ignore[index]
    assert "解锁屏幕" not in hard and "卡槽 1" in hard and "贴一贴" in hard and "限额" in hard


# --- e-CNY 2.0 scheme cues (issue 14) ---------------------------------------------------------------


@pytest.mark.parametrize(("lang", "text"), [
    ("zh", "朋友拉我买一款数字人民币高息理财产品，说年化能到10%"),
    ("zh", "有人招数字人民币推广员，每天领补贴"),
    ("zh", "客服说要交一笔钱才能激活数字人民币钱包的利息"),
    ("en", "a group is selling a high-interest e-CNY wealth product"),
    ("en", "they want me to pay a fee to activate the interest on my digital yuan wallet"),
])
def test_interest_and_promoter_schemes_are_fraud(lang: str, text: str) -> None:
    d = _diagnose(lang, symptom="other", description=text)
    assert d.urgent and _ids(d)[0] == "fraud_contact"
    assert t("scam.advice_ecny_interest", lang) in d.urgent_actions  # type: ignore[arg-type]


def test_asking_about_the_real_interest_raises_no_alarm() -> None:
    assert not _diagnose("zh", symptom="other", description="数字人民币钱包现在按活期利率计息吗").urgent


# --- wording (issue 14) -----------------------------------------------------------------------------


def test_fraud_is_named_without_repeating_its_likelihood() -> None:
    d = _diagnose("zh", symptom="suspicious_contact")
    assert d.causes[0].title == "冒充客服、公检法的诈骗"
    assert t(f"diagnose.likelihood_{d.causes[0].likelihood}", "zh") not in d.causes[0].title


def test_one_word_for_tap_to_pay() -> None:
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "src" / "walletaid"
    texts = [p.read_text(encoding="utf-8") for p in [*(root / "messages").glob("*.json"), root / "knowledge" / "causes.json"]]
    assert not any("碰一碰支付" in text or "碰一碰（NFC）支付" in text for text in texts)
    assert json  # the catalogues are JSON; the check is on their text


def test_who_first_and_the_complaint_deadline() -> None:
    for lang in ("zh", "en"):
        contact = t("diagnose.next_contact_ecny", lang)  # type: ignore[arg-type]
        assert contact.index("956196") > contact.index("运营机构" if lang == "zh" else "operator")
        freeze = t("diagnose.urgent_freeze_ecny", lang)  # type: ignore[arg-type]
        assert freeze.index("956196") > freeze.index("银行" if lang == "zh" else "bank")
        escalate = t("diagnose.next_escalate_ecny", lang)  # type: ignore[arg-type]
        assert all(n in escalate for n in ("15", "30", "60", "12378", "12363"))
    assert "过了机构告知的期限（一般 15 天，最长 60 天）" in t("diagnose.next_escalate_ecny", "zh")


# --- the four stories of issue 14: consistent first step and contacts -------------------------------


def test_story_ecny_payment_over_the_limit() -> None:
    d = _diagnose("zh", operator="icbc", symptom="payment_failed", error_message="超过钱包单笔支付限额",
                  description="买家电付了三千块，提示超了")
    assert _ids(d)[0] == "wallet_limit_exceeded" and not d.urgent
    assert "钱包管理" in d.next_steps[0] and "限额" in d.next_steps[0]
    assert _values(d)[0] == "95588" and "956196" in _values(d) and "110" not in _values(d)
    steps = " ".join(d.causes[0].steps)
    assert "以 App 中钱包管理显示为准" in steps and "没有查到可靠来源" in steps


def test_story_fake_ecny_support_asks_for_the_sms_code() -> None:
    d = _diagnose("zh", operator="ccb", symptom="suspicious_contact", contact_asked_for=["codes"],
                  description="有人打电话自称数字人民币客服，说我的钱包有异常，让我把收到的短信验证码念给他")
    assert d.urgent and _ids(d)[0] == "fraud_contact"
    assert d.urgent_actions[0] == t("diagnose.urgent_stop_call", "zh")
    assert _values(d)[0] == "95533" and "956196" in _values(d) and {"110", "96110"} <= set(_values(d))


def test_story_transfer_not_arrived_after_two_hours() -> None:
    d = _diagnose("en", operator="boc", symptom="transfer_not_arrived", minutes_waited="1_24h",
                  description="sent money to my friend two hours ago and it still has not arrived")
    assert _ids(d)[0] == "processing_delay" and not d.urgent
    assert d.next_steps[0] == t("diagnose.next_first", "en", step=d.causes[0].steps[0])
    assert _values(d)[0] == "95566" and "956196" in _values(d) and "110" not in _values(d)


def test_story_crypto_withdrawal_the_user_did_not_make() -> None:
    d = diagnose(DiagnoseAnswers(wallet="crypto", symptom="unrecognized_transaction",
                                 description="there is a USDT withdrawal from my OKX account that I did not make"), "en")
    assert d.urgent and _ids(d)[0] == "unauthorized_access"
    assert d.urgent_actions[0] == t("diagnose.urgent_together_crypto", "en", exchange="OKX")
    assert [c.value for c in d.contact if c.channel == "hotline"] == ["110", "96110"]
    chat = next(c for c in d.contact if c.channel == "in_app_chat")
    assert chat.name.startswith("OKX") and chat.value in chat.name  # shown once: "OKX · only the help centre ..."
