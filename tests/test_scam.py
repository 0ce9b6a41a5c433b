"""The scam message check: signals, suppression of notices, verdict scoring, speed, renderers."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from rich.console import Console

from walletaid.engines.scam import check_message
from walletaid.matching import knowledge
from walletaid.render import scam as render

CONTRACT_IDS = {
    "asks_verification_code", "asks_password_or_pin", "asks_seed_phrase", "asks_card_details", "safe_account_transfer",
    "screen_sharing_or_remote_app", "impersonates_support", "impersonates_authority", "refund_or_compensation",
    "suspicious_link", "unofficial_phone_number", "urgency_or_threat", "too_good_to_be_true", "advance_payment",
    "new_number_family_or_boss",
}


def test_signals_file_defines_every_contract_id() -> None:
    assert CONTRACT_IDS <= set(knowledge.signals().signals)


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("请把手机收到的验证码发给我,我帮你处理", "asks_verification_code"),
        ("麻烦报一下您收到的六位数字短信码", "asks_verification_code"),
        ("Please read me the one-time passcode we just sent you.", "asks_verification_code"),
        ("告诉我你的支付密码,我帮你操作退款", "asks_password_or_pin"),
        ("Please send me your PIN so we can verify the card.", "asks_password_or_pin"),
        ("为了同步钱包,请提交你的助记词", "asks_seed_phrase"),
        ("Enter your recovery phrase to validate your wallet.", "asks_seed_phrase"),
        ("请提供卡号、有效期和背面三位数", "asks_card_details"),
        ("为配合调查,请将资金转入安全账户", "safe_account_transfer"),
        ("Move your savings to a safe account immediately.", "safe_account_transfer"),
        ("请下载向日葵,开启屏幕共享", "screen_sharing_or_remote_app"),
        ("Install AnyDesk so I can help you.", "screen_sharing_or_remote_app"),
        ("转入指定账户", "safe_account_transfer"),
    ],
)
def test_requests_for_secrets_are_danger(text: str, signal: str) -> None:
    result = check_message(text, "zh")
    assert result.verdict == "danger"
    assert signal in {s.id for s in result.signals}


@pytest.mark.parametrize(
    "text",
    [
        "【工商银行】验证码:123456,您正在登录,请勿泄露给他人。如非本人操作请致电95588。",
        "Your code is 482193. Never share it with anyone, including bank staff.",
        "【国家反诈中心】凡是要求转账到安全账户的都是诈骗!请勿共享屏幕。",
        "Anti-fraud reminder: we will never ask you to move money to a safe account or to share your screen.",
        "银行工作人员不会向您索要支付密码和验证码。",
        "【12381】您可能正在遭遇诈骗,刷单返利、冒充客服退款都是诈骗。",
        "【招商银行】您尾号1234的账户于11月20日入账5,000.00元。",
        "Your refund of $24.99 has been processed.",
    ],
)
def test_notices_and_receipts_are_not_flagged(text: str) -> None:
    assert check_message(text, "en").verdict == "no_known_signals"


def test_notice_wrapper_does_not_hide_a_real_request() -> None:
    text = "【反诈中心提醒】您的账户涉嫌洗钱,请立即将资金转入安全账户配合调查。"
    assert check_message(text, "zh").verdict == "danger"


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("登录 http://jd-tuikuan.icu/a 申请退款", "suspicious_link"),  # a brand inside someone else's address
        ("Sign in via https://secure-paypal-login.top/ to restore access", "suspicious_link"),
        ("需要先转500才可以解冻提现", "advance_payment"),  # pay to receive
        ("We can help you recover your lost bitcoin, small fee in advance", "recovery_scam"),  # the second scam after a loss
        ("请在数字人民币App里给审核钱包转账0.01元完成验证", "safe_account_transfer"),  # wallet as transfer target
        ("Please share your screen so I can walk you through the refund", "screen_sharing_or_remote_app"),
        ("您好，这里是售后，麻烦开一下屏幕共享，我指导您退款", "screen_sharing_or_remote_app"),
    ],
)
def test_round_two_scam_structures_are_danger(text: str, signal: str) -> None:
    result = check_message(text, "zh")
    assert result.verdict == "danger"
    assert signal in {s.id for s in result.signals}


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("客服QQ号是2291033814请尽快添加", "unofficial_phone_number"),  # a number written straight after Chinese text
        ("Please pay the £2.10 redelivery fee here", "advance_payment"),
        ("关注公众号，每单返现3元，日结", "too_good_to_be_true"),
    ],
)
def test_round_two_weaker_lures_are_suspicious(text: str, signal: str) -> None:
    result = check_message(text, "zh")
    assert result.verdict == "suspicious"
    assert signal in {s.id for s in result.signals}


@pytest.mark.parametrize(
    "text",
    [
        "诈骗分子常诱导受害人提供银行卡号和验证码，请大家提高警惕",  # narrative, not a request
        "Can you send me the slides before 3pm?",  # "send me" without money
        "Please share your screen in today's design review",  # a colleague, no helper/refund context
        "明天开会请大家共享屏幕演示",
        "Your order shipped: https://www.amazon.com/gp/your-account",  # a brand's own site
        "详情请访问 https://www.sf-express.com/cn/sc/",
        "If this wasn't you, reset your password at https://accounts.google.com",
        "Your total is $399.99. Thanks for shopping!",
        "能不能帮我带份饭，回头请你喝奶茶",  # 能不能 is a question, not a negation
    ],
)
def test_round_two_genuine_lookalikes_have_no_signals(text: str) -> None:
    assert check_message(text, "en").verdict == "no_known_signals"


def test_question_form_is_not_read_as_negation() -> None:
    result = check_message("我手机号换了，能不能先帮我垫付一下房租，急", "zh")
    assert result.verdict == "danger"
    assert {"new_number_family_or_boss", "asks_money_transfer"} <= {s.id for s in result.signals}


def test_repeated_link_is_analysed_once_but_reported_at_each_place() -> None:
    result = check_message("点 http://a-b.top/x 再点 http://a-b.top/x", "zh")
    assert [l.start for l in result.links] == [2, 22] and result.links[0].url == result.links[1].url


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("URGENT: act now!", "no_known_signals"),
        # a shortened link is a cue (listed as a low signal), not enough alone: banks send them too
        ("Check this out: bit.ly/3xYz", "no_known_signals"),
        ("您的账户将被冻结", "suspicious"),
        ("您的账户将被冻结,我是公安局民警,你涉嫌洗钱", "danger"),
        ("妈,我换号了,这是新号码", "no_known_signals"),
        ("妈,我换号了,急用钱,先转3000给我", "danger"),
        # fake support threatening a freeze, to be handled over a chat app; a bank's own notice is not that
        ("您的钱包今天将被冻结，请添加客服微信 kf88 处理", "danger"),
        ("【某银行】您的账户因长期未使用将被冻结，如有疑问请拨打客服热线", "no_known_signals"),
        # "为避免…" gives a purpose, it denies nothing: the login request after it still counts (no comma between)
        ("为避免资金损失请马上登录http://bank-check.com查看详情建设银行", "danger"),
        ("为避免损失，请勿向任何人透露验证码【建设银行】", "no_known_signals"),
    ],
)
def test_scoring_weak_signals_alone_and_in_combination(text: str, verdict: str) -> None:
    assert check_message(text, "zh").verdict == verdict


@pytest.mark.parametrize(
    ("text", "status"),
    [("请致电 95588 咨询", "official"), ("请拨打 400-95588 处理退款", "unlisted"), ("客服电话 12345678", "not_official")],
)
def test_phone_numbers_are_compared_with_the_directory(text: str, status: str) -> None:
    result = check_message(text, "zh")
    assert [p.verdict for p in result.phones] == [status]
    flagged = "unofficial_phone_number" in {s.id for s in result.signals}
    assert flagged is (status != "official")


@pytest.mark.parametrize(
    ("text", "flag"),
    [("下载 http://1.2.3.4/app.apk", "apk"), ("登录 http://icbc-verify.top/login", None), ("see https://bit.ly/x1", "shortener")],
)
def test_links_are_taken_apart(text: str, flag: str | None) -> None:
    result = check_message(text, "zh")
    assert result.links
    assert "suspicious_link" in {s.id for s in result.signals}
    if flag:
        assert flag in result.links[0].flags
    else:
        assert result.links[0].verdict == "lookalike"


def test_official_link_is_no_signal() -> None:
    result = check_message("详情见 https://www.icbc.com.cn/notice", "zh")
    assert result.verdict == "no_known_signals" and result.links[0].verdict == "official"


@pytest.mark.parametrize(
    "text",
    ["请把ＹＺＭ验证码发给我", "请把验\u200b证\u200b码发给我", "請把驗證碼發給我", "ＳＥＮＤ me the OTP now"],
)
def test_normalization_full_width_zero_width_and_traditional(text: str) -> None:
    assert check_message(text, "zh").verdict == "danger"


def test_evidence_span_points_into_the_text() -> None:
    result = check_message("您好!请把验证码发给我。", "zh")
    signal = result.signals[0]
    assert result.text[signal.start : signal.end] == signal.evidence


def test_json_document_shape_and_text_not_exported() -> None:
    doc = check_message("请把验证码发给我", "en").model_dump(mode="json")
    assert doc["schema_version"] == 1 and doc["command"] == "security-check" and doc["mode"] == "message"
    assert "text" not in doc
    json.dumps(doc)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("您好,我是淘宝客服,请把验证码发给我。http://a.top/x 致电400-95588 " * 20000, "danger"),
        ("1" * 1_000_000, "no_known_signals"),
        ("a." * 500_000, "no_known_signals"),
        ("中" * 1_000_000, "no_known_signals"),
        ("send " * 200_000, "no_known_signals"),
        ("Ok lar... call me at home $12.50 www.amazon.com/x " * 25_000, "no_known_signals"),
    ],
    ids=["scam", "digits", "dots", "cjk", "words", "ham"],
)
def test_a_long_message_gets_its_verdict(text: str, verdict: str) -> None:
    # 250 kB of repeated text; the 1 MB timings are in benchmarks/scam_corpus.py (no wall-clock assertions here)
    assert check_message(text[:250_000], "zh").verdict == verdict


def _plain(renderable: object) -> str:
    console = Console(width=120, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_text_shows_verdict_evidence_and_advice(lang: str) -> None:
    result = check_message("[red]我是客服[/red],请把验证码发给我", lang)  # type: ignore[arg-type]
    out = _plain(render.render_text(result, lang))  # type: ignore[arg-type]
    assert "[red]" in out  # user text printed literally, not as markup
    assert result.advice[0] in out.replace("\n", "") or result.advice[0][:10] in out


def test_render_markdown_escapes_and_bolds_evidence() -> None:
    result = check_message("<b>hi</b> 请把验证码发给我", "zh")
    md = render.render_markdown(result, "zh")
    evidence = next(s.evidence for s in result.signals if s.id == "asks_verification_code")
    assert "\\<b>hi\\</b>" in md and f"**{evidence}**" in md and "验证码" in evidence  # HTML escaped, evidence bold


def test_render_no_known_signals_says_it_is_not_proof() -> None:
    result = check_message("明天见", "en")
    assert "does not prove" in _plain(render.render_text(result, "en"))


def test_message_catalogues_have_same_keys() -> None:
    for area in ("scam", "contacts"):
        data = json.loads(resources.files("walletaid.messages").joinpath(f"{area}.json").read_text(encoding="utf-8"))
        assert data["zh"].keys() == data["en"].keys()
        assert all(data["zh"].values()) and all(data["en"].values())


def test_a_request_inside_a_refused_match_still_counts() -> None:
    # the seed-phrase pattern first matches at "sync" inside "resync" (not a word edge); the real request
    # "importing your private key" lies inside that refused match and must still be found
    result = check_message("Your wallet sync failed. Resync by importing your private key at wallet-rectify.app", "en")
    assert "asks_seed_phrase" in {s.id for s in result.signals} and result.verdict == "danger"


def test_bank_code_sms_that_says_tell_no_one_is_not_a_secrecy_demand() -> None:
    # "切勿告知他人，银行工作人员不会向您索取": the warning's next clause is not "don't tell the bank"
    result = check_message("【交通银行】动态密码507318，您正在登录手机银行，切勿告知他人，银行工作人员不会向您索取。", "zh")
    assert result.verdict == "no_known_signals", [s.id for s in result.signals]


def test_evidence_never_quotes_a_code_back() -> None:
    # the pasted message may hold the user's own code: the result quotes it redacted, like every output
    result = check_message("【工商银行】验证码483920，请发给客服完成退款", "zh")
    quoted = " ".join(s.evidence for s in result.signals)
    assert result.verdict == "danger" and "483920" not in quoted and "[REDACTED:verification_code]" in quoted


# Messages of the shapes the late rules look for, written for this test (review of issue 10's last changes).
@pytest.mark.parametrize("text", [
    "本院已依法冻结被执行人名下财产，请申请人知悉。详询12368",  # a court's own notice to the creditor
    "安全软件已为您清除1个木马病毒，如有疑问请致电技术支持",  # the virus is already gone: nothing to call about
    "【数字人民币】活动通知：使用数字人民币乘坐地铁可享8折优惠，本活动由各运营机构共同推广",  # no return promised
    "为了避免把验证码告诉陌生人，请牢记：银行不会索要验证码",  # a warning: 避免 still denies here
    "这个岗位年薪六位数，有意向的话把简历发给我",  # six figures is a salary
    "妈，你把快递短信里那串数字发给我，我在驿站帮你拿快递",  # a parcel's pickup number
])
def test_genuine_messages_of_the_late_shapes_are_not_danger(text: str) -> None:
    assert check_message(text, "zh").verdict == "no_known_signals"


@pytest.mark.parametrize(("text", "lang"), [
    ("不好意思，我注册时填错号码，验证码发给了你，麻烦把验证码发给我一下", "zh"),  # 发给了你: asking it back
    ("I gave you the wrong number before, send me the verification code again please", "en"),
    ("刚才给你手机发了条验证码，是我手滑填错号了，麻烦你把那6位数发我一下", "zh"),
])
def test_the_wrong_number_script_still_asks_for_the_code(text: str, lang: str) -> None:
    assert check_message(text, lang).verdict == "danger"
