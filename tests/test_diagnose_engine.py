"""The diagnose engine: realistic app messages and user descriptions rank the right cause first.

The phrase tables were written from how apps and people talk, before the
patterns; ``HELD_OUT`` was written at the same time and not used while tuning.
"""

from __future__ import annotations

import pytest

from walletaid.engines.diagnose import diagnose
from walletaid.engines.diagnose import read
from walletaid.models.diagnose import DiagnoseAnswers

E, D = "error_message", "description"

# (symptom, field, text, expected first cause)
PHRASES: list[tuple[str, str, str, str]] = [
    # network_problem
    ("payment_failed", E, "网络异常，请稍后重试", "network_problem"),
    ("cannot_login", E, "连接超时,请检查网络设置", "network_problem"),
    ("payment_failed", E, "当前网络不给力，请稍后再试", "network_problem"),
    ("cannot_login", D, "在地铁里信号很差，一直转圈登不上去", "network_problem"),
    ("payment_failed", D, "连了商场的免费WiFi之后付款就一直失败", "network_problem"),
    ("cannot_login", E, "网络连接失败(错误码:-1001)", "network_problem"),
    ("payment_failed", E, "Network error. Please try again later.", "network_problem"),
    ("cannot_login", E, "Request timed out", "network_problem"),
    ("cannot_login", E, "Unable to connect to server. Check your internet connection.", "network_problem"),
    ("payment_failed", D, "I was on the hotel wifi and the payment kept spinning then failed", "network_problem"),
    ("cannot_login", D, "no signal in the basement, the app says no connection", "network_problem"),
    # app_outdated
    ("cannot_login", E, "当前版本过低，请升级至最新版本", "app_outdated"),
    ("cannot_login", E, "发现新版本,请更新后使用", "app_outdated"),
    ("payment_failed", E, "该功能需要更新App后才能使用", "app_outdated"),
    ("app_crash", D, "手机系统更新以后App一打开就闪退,App还是旧版本", "app_outdated"),
    ("cannot_login", D, "提示我的应用版本太旧了，不让登录", "app_outdated"),
    ("cannot_login", E, "This version is no longer supported. Please update the app.", "app_outdated"),
    ("cannot_login", E, "A new version is available. Update required to continue.", "app_outdated"),
    ("payment_failed", E, "Please upgrade to the latest version", "app_outdated"),
    ("app_crash", D, "the app keeps closing, I haven't updated the app in months", "app_outdated"),
    ("cannot_login", D, "it says my app version is too old", "app_outdated"),
    # wrong_credentials
    ("cannot_login", E, "登录密码错误,您还有2次机会", "wrong_credentials"),
    ("payment_failed", E, "支付密码不正确，请重新输入", "wrong_credentials"),
    ("cannot_login", E, "验证码错误或已过期", "wrong_credentials"),
    ("cannot_login", D, "验证码一直收不到,登不进去", "wrong_credentials"),
    ("cannot_login", D, "忘记支付密码了，试了好几次都不对", "wrong_credentials"),
    ("cannot_login", E, "Login failed: incorrect password (3 attempts left)", "wrong_credentials"),
    ("payment_failed", E, "Wrong payment PIN", "wrong_credentials"),
    ("cannot_login", E, "The verification code is invalid or has expired", "wrong_credentials"),
    ("cannot_login", D, "I forgot my password", "wrong_credentials"),
    ("cannot_login", D, "I never receive the SMS code so I can't log in", "wrong_credentials"),
    # account_locked
    ("payment_failed", E, "您的钱包已被冻结，如有疑问请联系运营机构", "account_locked"),
    ("cannot_login", E, "账户已锁定，请24小时后再试", "account_locked"),
    ("payment_failed", E, "该钱包处于只收不付状态", "account_locked"),
    ("payment_failed", E, "账户异常,暂停使用非柜面业务", "account_locked"),
    ("account_locked", D, "钱包突然被限制了，只能收钱不能付钱", "account_locked"),
    ("payment_failed", D, "提示触发风控,交易被拦截", "account_locked"),
    ("payment_failed", E, "Your account has been frozen. Please contact customer service.", "account_locked"),
    ("cannot_login", E, "Account locked due to too many failed attempts", "account_locked"),
    ("payment_failed", E, "This wallet is restricted and cannot make payments", "account_locked"),
    ("account_locked", D, "my wallet got suspended out of nowhere", "account_locked"),
    ("payment_failed", D, "the bank put a hold on my account and I can't pay", "account_locked"),
    # wallet_limit_exceeded
    ("payment_failed", E, "超过钱包年累计支付额度", "wallet_limit_exceeded"),
    ("payment_failed", E, "单笔支付金额超限", "wallet_limit_exceeded"),
    ("payment_failed", E, "已达到当日支付上限", "wallet_limit_exceeded"),
    ("transfer_not_arrived", E, "收款方钱包余额超出上限，无法入账", "wallet_limit_exceeded"),
    ("payment_failed", D, "买东西付三千块钱的时候说超额了，小额的能付", "wallet_limit_exceeded"),
    ("payment_failed", E, "超出日累计限额", "wallet_limit_exceeded"),
    ("payment_failed", E, "Payment amount exceeds the daily limit", "wallet_limit_exceeded"),
    ("payment_failed", E, "Single transaction limit reached", "wallet_limit_exceeded"),
    ("payment_failed", E, "You have exceeded your annual payment limit", "wallet_limit_exceeded"),
    ("payment_failed", D, "small payments work but anything over 2000 yuan gets rejected", "wallet_limit_exceeded"),
    ("payment_failed", E, "Amount over wallet balance cap", "wallet_limit_exceeded"),
    # insufficient_balance
    ("payment_failed", E, "钱包余额不足", "insufficient_balance"),
    ("payment_failed", E, "可用余额不足，请先兑出", "insufficient_balance"),
    ("payment_failed", D, "钱包里没钱了，忘记充值", "insufficient_balance"),
    ("payment_failed", D, "余额不够付这一单", "insufficient_balance"),
    ("transfer_not_arrived", E, "余额不足,转账失败", "insufficient_balance"),
    ("payment_failed", E, "Insufficient balance", "insufficient_balance"),
    ("payment_failed", E, "Not enough funds in your wallet", "insufficient_balance"),
    ("payment_failed", D, "I think my wallet is empty, I forgot to top up", "insufficient_balance"),
    ("payment_failed", E, "Available balance is lower than the payment amount", "insufficient_balance"),
    ("payment_failed", D, "the balance isn't enough to cover it", "insufficient_balance"),
    # identity_verification_needed
    ("payment_failed", E, "请先完成实名认证", "identity_verification_needed"),
    ("payment_failed", E, "根据监管要求，请补充身份信息", "identity_verification_needed"),
    ("cannot_login", E, "需要进行人脸识别验证", "identity_verification_needed"),
    ("payment_failed", D, "说我的钱包要升级才能用，需要绑定本人银行卡", "identity_verification_needed"),
    ("cannot_login", D, "换了手机号以后要我重新验证身份", "identity_verification_needed"),
    ("payment_failed", E, "身份证已过期,请更新证件信息", "identity_verification_needed"),
    ("payment_failed", E, "Verification required: please complete real-name authentication", "identity_verification_needed"),
    ("payment_failed", E, "Please verify your identity to continue", "identity_verification_needed"),
    ("cannot_login", E, "Face verification needed", "identity_verification_needed"),
    ("payment_failed", D, "the app wants me to upgrade my wallet and upload my ID", "identity_verification_needed"),
    ("payment_failed", E, "Your ID document has expired. Please update your KYC information.", "identity_verification_needed"),
    # device_problem
    ("nfc_payment_failed", D, "手机碰了收款机没反应", "device_problem"),
    ("nfc_payment_failed", E, "请开启NFC功能", "device_problem"),
    ("payment_failed", E, "当前设备不支持该功能", "device_problem"),
    ("app_crash", D, "手机root过了，打开就提示运行环境不安全", "device_problem"),
    ("cannot_login", D, "没给相机权限，扫码页面一直黑屏", "device_problem"),
    ("payment_failed", D, "双离线支付用不了，我的手机好像不支持", "device_problem"),  # the phone itself is unsupported
    ("nfc_payment_failed", D, "tapped my phone on the terminal and nothing happened", "device_problem"),
    ("nfc_payment_failed", E, "NFC is turned off", "device_problem"),
    ("payment_failed", E, "This device is not supported", "device_problem"),
    ("app_crash", D, "my phone is rooted and the app says the environment is unsafe", "device_problem"),
    ("cannot_login", D, "camera permission was denied so I can't scan", "device_problem"),
    # bank_card_problem
    ("payment_failed", E, "银行卡状态异常,请联系发卡行", "bank_card_problem"),
    ("transfer_not_arrived", E, "绑定的银行卡已注销", "bank_card_problem"),
    ("payment_failed", D, "兑出的时候说我绑定的卡过期了", "bank_card_problem"),
    ("payment_failed", E, "银行卡与开户人信息不一致", "bank_card_problem"),
    ("payment_failed", D, "银行卡被冻结了，充不进钱包", "bank_card_problem"),
    ("payment_failed", E, "Card expired. Please bind a new card.", "bank_card_problem"),
    ("payment_failed", E, "The linked bank card is abnormal", "bank_card_problem"),
    ("transfer_not_arrived", D, "tried to top up but the bound card was cancelled by my bank", "bank_card_problem"),
    ("payment_failed", E, "Cardholder name does not match", "bank_card_problem"),
    ("payment_failed", D, "my debit card got frozen so I can't add money to the wallet", "bank_card_problem"),
    # service_outage
    ("payment_failed", E, "系统维护中,请稍后再试", "service_outage"),
    ("cannot_login", E, "服务暂不可用", "service_outage"),
    ("cannot_login", E, "系统繁忙，请稍后重试", "service_outage"),
    ("payment_failed", D, "今天好像全国都用不了，朋友的也不行", "service_outage"),
    ("cannot_login", E, "系统升级中，预计02:00恢复", "service_outage"),
    ("cannot_login", E, "Service temporarily unavailable", "service_outage"),
    ("payment_failed", E, "The system is under maintenance", "service_outage"),
    ("cannot_login", E, "Server busy, please try again later", "service_outage"),
    ("payment_failed", D, "my friends can't use it either, looks like the whole service is down", "service_outage"),
    ("cannot_login", E, "503 Service Unavailable", "service_outage"),
    # processing_delay
    ("transfer_not_arrived", E, "交易处理中", "processing_delay"),
    ("transfer_not_arrived", D, "转账一直显示处理中", "processing_delay"),
    ("transfer_not_arrived", D, "兑回到银行卡还没到账，显示正在处理", "processing_delay"),
    ("transfer_not_arrived", D, "钱扣了但对方没收到", "processing_delay"),
    ("balance_wrong", D, "兑出的钱还没到，状态是待处理", "processing_delay"),
    ("transfer_not_arrived", E, "Processing", "processing_delay"),
    ("transfer_not_arrived", D, "the transfer still shows pending", "processing_delay"),
    ("transfer_not_arrived", D, "money left my account but the other person hasn't received it yet", "processing_delay"),
    ("transfer_not_arrived", E, "Your request is being processed", "processing_delay"),
    ("balance_wrong", D, "withdrawal still in progress after a few minutes", "processing_delay"),
]

# Fraud and account-takeover scenarios: (symptom, description, expected first cause); all must be urgent.
URGENT: list[tuple[str, str, str]] = [
    ("suspicious_contact", "对方自称银行客服,要我开启屏幕共享帮我退款", "fraud_contact"),
    ("suspicious_contact", "有人打电话说我涉嫌洗钱，要把钱转到安全账户", "fraud_contact"),
    ("suspicious_contact", "快递客服说包裹丢了要理赔,发了个链接让我填银行卡", "fraud_contact"),
    ("suspicious_contact", "微信上有人让我把收到的验证码报给他", "fraud_contact"),
    ("payment_failed", "客服说我的数字人民币钱包要升级，让我点短信里的链接", "fraud_contact"),
    ("suspicious_contact", "说我开通了百万保障，不取消每月扣费，让我下载会议软件", "fraud_contact"),
    ("suspicious_contact", "a man said he was from the police and told me to move my money to a safe account", "fraud_contact"),
    ("suspicious_contact", "someone from 'customer support' asked me to install AnyDesk", "fraud_contact"),
    ("suspicious_contact", "they asked for the code I just got by SMS", "fraud_contact"),
    ("suspicious_contact", "support DM'd me on Telegram and asked for my seed phrase to fix my wallet", "fraud_contact"),
    ("account_locked", "got a message that my account is frozen and I must pay an unfreeze fee", "fraud_contact"),
    ("suspicious_contact", "received a link to claim an e-CNY red packet", "fraud_contact"),
    ("unrecognized_transaction", "有一笔消费不是我本人操作的", "unauthorized_access"),
    ("balance_wrong", "钱包里的钱莫名其妙少了，我没买过东西", "unauthorized_access"),
    ("balance_wrong", "收到短信说在异地登录,然后钱就被转走了", "unauthorized_access"),
    ("unrecognized_transaction", "账单里有一笔我不认识的扣款", "unauthorized_access"),
    ("balance_wrong", "余额被盗刷了", "unauthorized_access"),
    ("balance_wrong", "money left my wallet but I never made that payment", "unauthorized_access"),
    ("unrecognized_transaction", "there is a charge I don't recognize", "unauthorized_access"),
    ("balance_wrong", "someone logged into my account from a new device and moved money out", "unauthorized_access"),
    ("balance_wrong", "I did not authorize this transfer", "unauthorized_access"),
    ("balance_wrong", "my crypto wallet was drained overnight", "unauthorized_access"),
    # later blind probe (symptoms other than suspicious_contact, so the words alone must raise the alarm)
    ("other", "电话里的人说自己是人民银行的,要我把钱转到他们指定的账户保管", "fraud_contact"),
    ("other", "有人说我中奖了,要先交税才能领奖", "fraud_contact"),
    ("other", "一个陌生号码打来说是快递员,让我报一下手机上的数字", "fraud_contact"),
    ("account_locked", "有人打电话说我的钱包涉嫌违法被冻结了,要我配合做资金验证", "fraud_contact"),
    ("other", "The caller said he's from the e-CNY team and my wallet will be closed unless I verify it through the link he sent", "fraud_contact"),
    ("other", "They told me to download an app so they could help me get my refund", "fraud_contact"),
    ("other", "I was told to pay a 10% tax before I can withdraw my profits", "fraud_contact"),
    ("other", "got a text with a link to receive my digital yuan subsidy", "fraud_contact"),
    ("other", "the guy asked me to read him the numbers from the text message I just got", "fraud_contact"),
    ("balance_wrong", "收到一条消费提醒,可我根本没消费", "unauthorized_access"),
    ("balance_wrong", "my exchange account shows a withdrawal I never requested", "unauthorized_access"),
    ("other", "there's a payment to a shop I've never been to", "unauthorized_access"),
]

# Must NOT raise the alarm (false alarms teach people to ignore the tool).
CALM: list[tuple[str, str, str]] = [
    ("cannot_login", D, "验证码收不到"),
    ("cannot_login", D, "I forgot my password"),
    ("cannot_login", E, "验证码错误"),
    ("cannot_login", D, "I didn't receive the verification code"),
    ("cannot_login", E, "短信验证码请勿泄露给他人"),
    ("other", D, "客服电话一直打不通"),
    ("transfer_not_arrived", D, "I called 95588 and they told me to wait"),
    ("account_locked", D, "银行客服让我带身份证去网点解除限制"),
    ("payment_failed", E, "Never share this code with anyone"),
    ("cannot_login", D, "I lost my recovery phrase backup"),
    ("payment_failed", E, "钱包余额不足"),
    ("cannot_login", D, "我换了新手机,登录的时候要短信验证码"),
    ("transfer_not_arrived", D, "I sent money to my friend from my wallet and he says it's not there"),
    ("account_locked", D, "我打了银行的官方电话,他们说要去网点解冻"),
    ("payment_failed", D, "I followed the link in the official app to upgrade my wallet tier"),
    ("nfc_payment_failed", D, "my iPhone can't do tap to pay with e-CNY"),
    ("other", D, "我在数字人民币App里领了一个官方红包"),
    ("cannot_login", D, "the bank support told me to update the app"),
    ("other", D, "I want to back up my seed phrase safely"),
]

HELD_OUT: list[tuple[str, str, str, str]] = [
    ("payment_failed", E, "本次支付已超出您钱包的单日累计消费额度", "wallet_limit_exceeded"),
    ("payment_failed", E, "Transaction declined: amount exceeds wallet limit", "wallet_limit_exceeded"),
    ("cannot_login", E, "您输入的登录密码有误", "wrong_credentials"),
    ("cannot_login", E, "Incorrect verification code, please try again", "wrong_credentials"),
    ("suspicious_contact", D, "一个自称央行工作人员的人说我的数字钱包涉案，要我配合调查转账", "fraud_contact"),
    ("suspicious_contact", D, "Caller claiming to be from my bank wanted me to share my screen on Zoom", "fraud_contact"),
    ("payment_failed", E, "网络请求失败，请检查网络后重试", "network_problem"),
    ("payment_failed", E, "Connection timeout, please retry", "network_problem"),
    ("app_crash", D, "打开app就自动退出，已经好久没更新了", "app_outdated"),
    ("cannot_login", E, "Your app is out of date. Download the latest version to continue.", "app_outdated"),
    ("payment_failed", E, "该钱包已被暂停支付功能", "account_locked"),
    ("cannot_login", D, "my account is blocked and I can't get in", "account_locked"),
    ("payment_failed", E, "钱包可用余额不够", "insufficient_balance"),
    ("payment_failed", E, "Payment failed: balance too low", "insufficient_balance"),
    ("payment_failed", E, "请先完成身份认证后再进行支付", "identity_verification_needed"),
    ("payment_failed", E, "Identity verification is required before you can pay", "identity_verification_needed"),
    ("nfc_payment_failed", D, "碰一碰付款的时候手机完全没感应", "device_problem"),
    ("nfc_payment_failed", D, "held my phone against the reader but it didn't respond", "device_problem"),
    ("payment_failed", E, "您绑定的银行卡已失效", "bank_card_problem"),
    ("payment_failed", E, "Your linked debit card has expired", "bank_card_problem"),
    ("cannot_login", E, "系统正在维护，暂停服务", "service_outage"),
    ("payment_failed", E, "Service is temporarily down for scheduled maintenance", "service_outage"),
    ("transfer_not_arrived", D, "转过去半天了对方还没收到，记录里显示交易处理中", "processing_delay"),
    ("transfer_not_arrived", D, "the transaction status says pending and the money has not arrived yet", "processing_delay"),
    ("unrecognized_transaction", D, "账户里多出一笔陌生的支付记录，我根本没付过", "unauthorized_access"),
    ("balance_wrong", D, "There's a withdrawal I never made and my balance dropped", "unauthorized_access"),
    ("suspicious_contact", D, "对方说是平台客服，要我提供手机收到的验证码才能退款", "fraud_contact"),
    ("suspicious_contact", D, "Someone texted me a link saying I can get a refund for my order", "fraud_contact"),
    ("payment_failed", D, "朋友都能付，我这边提示超过了上限", "wallet_limit_exceeded"),
    ("cannot_login", D, "I keep typing my password but it says it's wrong", "wrong_credentials"),
]


def _answers(symptom: str, field: str, text: str, **extra: object) -> DiagnoseAnswers:
    return DiagnoseAnswers.model_validate({"wallet": "ecny", "symptom": symptom, field: text, **extra})


def _lang_of(text: str) -> str:
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"


def test_phrase_ranks_expected_cause_first() -> None:
    """Every phrase row at once; the failures name the row and what came first instead."""
    wrong = []
    for symptom, field, text, expected in PHRASES:
        result = diagnose(_answers(symptom, field, text), _lang_of(text))  # type: ignore[arg-type]
        if result.causes[0].id != expected or result.urgent:
            wrong.append((text, expected, result.causes[0].id, result.urgent))
    assert wrong == []


def test_fraud_or_takeover_is_urgent_and_first() -> None:
    wrong = []
    for symptom, text, expected in URGENT:
        result = diagnose(_answers(symptom, D, text), _lang_of(text))  # type: ignore[arg-type]
        if not (result.urgent and result.causes[0].id == expected and result.urgent_actions):
            wrong.append((text, expected, result.causes[0].id, result.urgent))
    assert wrong == []


@pytest.mark.parametrize(("symptom", "field", "text"), CALM)
def test_no_false_alarm(symptom: str, field: str, text: str) -> None:
    result = diagnose(_answers(symptom, field, text), _lang_of(text))  # type: ignore[arg-type]
    assert result.urgent is False
    assert result.causes[0].id not in ("fraud_contact", "unauthorized_access")
    assert result.urgent_actions == []


def test_held_out_phrasings_mostly_rank_right() -> None:
    wrong = []
    for symptom, field, text, expected in HELD_OUT:
        result = diagnose(_answers(symptom, field, text), _lang_of(text))  # type: ignore[arg-type]
        if result.causes[0].id != expected:
            wrong.append((text, expected, result.causes[0].id))
    assert len(wrong) <= len(HELD_OUT) // 10, wrong


def test_issue_examples() -> None:
    limit = diagnose(_answers("payment_failed", E, "超过钱包年累计支付额度"), "zh")
    assert limit.causes[0].id == "wallet_limit_exceeded"
    assert any("超过钱包年累计支付额度" in r for r in limit.causes[0].reasons)
    login = diagnose(_answers("cannot_login", E, "Login failed: incorrect password (3 attempts left)"), "en")
    assert login.causes[0].id == "wrong_credentials"
    fraud = diagnose(_answers("suspicious_contact", D, "对方自称银行客服,要我开启屏幕共享帮我退款"), "zh")
    assert fraud.causes[0].id == "fraud_contact" and fraud.urgent


@pytest.mark.parametrize(
    ("extra", "symptom", "expected"),
    [
        ({"network": "public_wifi"}, "payment_failed", "network_problem"),
        ({"network": "offline"}, "cannot_login", "network_problem"),
        ({"app_updated": "no"}, "app_crash", "app_outdated"),
        ({"app_updated": "no"}, "cannot_login", "app_outdated"),
        ({"minutes_waited": "lt_10"}, "transfer_not_arrived", "processing_delay"),
    ],
)
def test_context_answers_raise_cause(extra: dict[str, str], symptom: str, expected: str) -> None:
    result = diagnose(DiagnoseAnswers.model_validate({"wallet": "ecny", "symptom": symptom, **extra}), "en")
    assert result.causes[0].id == expected


@pytest.mark.parametrize(
    ("asked", "urgent"),
    [(["codes"], True), (["transfer"], True), (["screen_sharing"], True), (["app_install"], True), ([], True)],
)
def test_suspicious_contact_follow_up_makes_fraud_first(asked: list[str], urgent: bool) -> None:
    answers = DiagnoseAnswers(wallet="ecny", symptom="suspicious_contact", contact_asked_for=asked)
    result = diagnose(answers, "zh")
    assert result.causes[0].id == "fraud_contact"
    assert result.urgent is urgent


def test_fraud_words_outweigh_other_symptom() -> None:
    answers = _answers("payment_failed", E, "余额不足", description="对方让我先转到安全账户验证")
    result = diagnose(answers, "zh")
    assert result.urgent and result.causes[0].id == "fraud_contact"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_urgent_contacts_include_police_and_antifraud(lang: str) -> None:
    answers = DiagnoseAnswers(wallet="ecny", operator="icbc", symptom="unrecognized_transaction")
    result = diagnose(answers, lang)  # type: ignore[arg-type]
    values = [c.value for c in result.contact]
    assert "110" in values and "96110" in values and "95588" in values
    text = " ".join(result.urgent_actions)
    assert "110" in text and "96110" in text


def test_crypto_contacts_have_no_provider_phone_number() -> None:
    answers = DiagnoseAnswers(wallet="crypto", symptom="suspicious_contact", description="asked for my seed phrase")
    result = diagnose(answers, "en")
    provider = [c for c in result.contact if c.value not in ("110", "96110")]
    assert provider and all(c.channel != "hotline" for c in provider)


def test_ecny_contact_lists_e_cny_hotline_and_operator() -> None:
    result = diagnose(DiagnoseAnswers(wallet="ecny", operator="ccb", symptom="payment_failed"), "zh")
    values = [c.value for c in result.contact]
    assert values[0] == "95533" and "956196" in values  # the operator first (money, limits, freezes), then the App
    assert "110" not in values


@pytest.mark.parametrize("operator", ["mybank", "webank"])
def test_unconfirmed_operator_numbers_are_not_shown(operator: str) -> None:
    result = diagnose(DiagnoseAnswers(wallet="ecny", operator=operator, symptom="payment_failed"), "en")  # type: ignore[arg-type]
    assert all(c.value not in ("95384",) for c in result.contact)
    assert all(c.channel != "hotline" or "956196" in c.value for c in result.contact)


@pytest.mark.parametrize(
    "payload",
    [
        {"wallet": "other", "symptom": "other"},
        {"wallet": "ecny", "symptom": "other", "description": "zzzz qqqq"},
        {"wallet": "crypto", "symptom": "other", "error_message": "E_7731"},
    ],
)
def test_nothing_fits_gives_unknown(payload: dict[str, str]) -> None:
    result = diagnose(DiagnoseAnswers.model_validate(payload), "en")
    assert [c.id for c in result.causes] == ["unknown"]
    assert result.causes[0].steps


@pytest.mark.parametrize(("symptom", "field", "text", "_"), PHRASES[::7])
def test_deterministic_and_ordered(symptom: str, field: str, text: str, _: str) -> None:
    first = diagnose(_answers(symptom, field, text), "en")
    assert diagnose(_answers(symptom, field, text), "en") == first
    order = {"high": 0, "medium": 1, "low": 2}
    ranks = [order[c.likelihood] for c in first.causes]
    assert ranks == sorted(ranks)
    scores = [c.score for c in first.causes]
    assert scores == sorted(scores, reverse=True)
    assert len({c.id for c in first.causes}) == len(first.causes)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_texts_follow_language(lang: str) -> None:
    result = diagnose(_answers("payment_failed", E, "超出日累计限额"), lang)  # type: ignore[arg-type]
    top = result.causes[0]
    has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in top.title + top.steps[0])
    assert has_cjk is (lang == "zh")
    assert result.next_steps and any("prepare-ticket" in s for s in result.next_steps)


def test_reason_quotes_what_matched_and_hides_long_numbers() -> None:
    result = diagnose(_answers("cannot_login", E, "验证码 123456 错误"), "en")
    reasons = " ".join(result.causes[0].reasons)
    assert "error message" in reasons
    assert "123456" not in reasons


@pytest.mark.parametrize("kind", ["verification_code", "password", "bank_card", "seed_phrase"])
def test_redaction_markers_are_not_read_as_the_user_s_words(kind: str) -> None:
    # the flow redacts before diagnosing: "[REDACTED:verification_code]" must not match "verification code"
    result = diagnose(_answers("suspicious_contact", E, f"对方让我把 [REDACTED:{kind}] 发给他"), "en")
    reasons = " ".join(r for cause in result.causes for r in cause.reasons).lower()
    assert "redacted" not in reasons
    assert kind.replace("_", " ") not in reasons


def test_error_message_weighs_more_than_description() -> None:
    both = DiagnoseAnswers(
        wallet="ecny", symptom="payment_failed", error_message="余额不足", description="网络好像有点慢"
    )
    assert diagnose(both, "zh").causes[0].id == "insufficient_balance"


def test_high_likelihood_for_clear_error_message() -> None:
    result = diagnose(_answers("payment_failed", E, "超过钱包年累计支付额度"), "en")
    assert result.causes[0].likelihood == "high"


def test_json_matches_contract_shape() -> None:
    doc = diagnose(_answers("payment_failed", E, "Insufficient balance"), "en").model_dump(mode="json")
    assert doc["schema_version"] == 1 and doc["command"] == "diagnose" and doc["lang"] == "en"
    assert {"id", "likelihood", "title", "explanation", "steps"} <= set(doc["causes"][0])
    assert {"channel", "name", "value", "official"} <= set(doc["contact"][0])


# --- renderer -------------------------------------------------------------------------------


def _plain(renderable: object) -> str:
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_opens_with_alarm_when_urgent(lang: str) -> None:
    from walletaid.render.diagnose import render_text

    result = diagnose(_answers("suspicious_contact", D, "asked me to share my screen"), lang)  # type: ignore[arg-type]
    out = _plain(render_text(result, lang))  # type: ignore[arg-type]
    from walletaid.i18n import t

    alarm = t("diagnose.heading_alarm", lang)  # type: ignore[arg-type]
    assert alarm in out.splitlines()[0]
    assert "110" in out and "96110" in out


def test_text_has_no_alarm_when_calm() -> None:
    from walletaid.i18n import t
    from walletaid.render.diagnose import render_markdown, render_text

    result = diagnose(_answers("payment_failed", E, "Insufficient balance"), "en")
    assert t("diagnose.heading_alarm", "en") not in _plain(render_text(result, "en"))
    assert t("diagnose.heading_alarm", "en") not in render_markdown(result, "en")


def test_user_text_cannot_inject_markup_or_escapes() -> None:
    from walletaid.render.diagnose import render_markdown, render_text

    hostile = "超过[red]x[/red]限额 \x1b[2J | done"
    result = diagnose(_answers("payment_failed", E, hostile), "zh")
    out = _plain(render_text(result, "zh"))
    assert "\x1b" not in out
    assert "[red]" in out  # printed literally, not interpreted
    md = render_markdown(result, "zh")
    assert "\x1b" not in md


def test_markdown_lists_causes_steps_contacts_and_next_steps() -> None:
    from walletaid.render.diagnose import render_markdown

    result = diagnose(DiagnoseAnswers(wallet="ecny", operator="boc", symptom="payment_failed",
                                      error_message="超过钱包年累计支付额度"), "en")
    md = render_markdown(result, "en")
    assert md.startswith("# ")
    assert result.causes[0].title in md and result.causes[0].steps[0] in md
    assert "95566" in md and "prepare-ticket" in md
    assert "超过钱包年累计支付额度" in md


# --- robustness: normalization, negation, co-occurrence, support-only problems ----------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("網絡異常，請稍後再試", "网络异常,请稍后再试"),  # traditional characters
        ("登入帳號 簡訊驗證碼", "登录账号短信验证码"),  # Taiwan / Hong Kong wording
        ("服务暂不可用(503)", "服务暂不可用(503)"),  # a bare HTTP status stays
        ("I tried to pay 502 yuan", "i tried to pay 000 yuan"),  # an amount is never an error code
        ("sent 500 to him", "sent 000 to him"),
        ("付了502元", "付了000元"),
        ("retry after 24 hours", "retry after 24 hours"),
        ("对方让我把 [REDACTED:verification_code] 发给他", "对方让我把" + " " * len(" [redacted:verification_code] ") + "发给他"),
    ],
)
def test_read_folds_variants_masks_amounts_and_blanks_markers(raw: str, expected: str) -> None:
    reading = read(raw)
    assert reading.text == expected
    assert len(reading.text) == len(reading.norm.text)  # spans still map back to the user's words


@pytest.mark.parametrize(
    ("symptom", "text", "urgent"),
    [
        ("cannot_login", "验证码错误 没有人问我要验证码 是我自己输错了", False),
        ("transfer_not_arrived", "I did not share any code with anyone, the transfer is just pending", False),
        ("payment_failed", "不是余额不足 是网络异常", False),
        ("other", "有人问我要验证码", True),
    ],
)
def test_negated_fraud_words_raise_no_alarm(symptom: str, text: str, urgent: bool) -> None:
    result = diagnose(_answers(symptom, D, text), _lang_of(text))  # type: ignore[arg-type]
    assert result.urgent is urgent


def test_negated_cause_does_not_win() -> None:
    result = diagnose(_answers("payment_failed", D, "不是余额不足 是网络异常"), "zh")
    assert result.causes[0].id == "network_problem"


@pytest.mark.parametrize(
    ("symptom", "text", "expected"),
    [
        ("transfer_not_arrived", "sent usdt on the wrong network, the exchange doesn't show it", "unknown"),
        ("transfer_not_arrived", "充值到交易所忘记填memo了", "unknown"),
        ("transfer_not_arrived", "提币显示审核中", "processing_delay"),
        ("other", "the shop wifi is really weak", "network_problem"),
    ],
)
def test_support_only_problems_rank_unknown_first(symptom: str, text: str, expected: str) -> None:
    result = diagnose(_answers(symptom, D, text), _lang_of(text))  # type: ignore[arg-type]
    assert result.causes[0].id == expected
    assert result.urgent is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("有人打电话说是快递 要我转过去一笔钱激活理赔", True),
        ("someone on telegram told me to pay a fee first", True),
        ("我给956196打了电话 客服让我下载个最新版app", False),
        ("收到银行发的验证码短信 上面写着请勿告诉他人", False),
    ],
)
def test_contact_plus_demand_raises_alarm(text: str, expected: bool) -> None:
    result = diagnose(_answers("other", D, text), _lang_of(text))  # type: ignore[arg-type]
    assert result.urgent is expected


# Look-alike words: each pair shares a word but not a cause (found by the blind r4 batch).
# (symptom, field, text, expected first cause, urgent)
LOOKALIKES: list[tuple[str, str, str, str, bool]] = [
    ("app_crash", D, "一直白屏转圈 手机流量这个月用超了被限速", "network_problem", False),
    ("payment_failed", E, "超过单日支付限额", "wallet_limit_exceeded", False),
    ("other", D, "my ID card expired last month and the wallet asks me to upload the new one", "identity_verification_needed", False),
    ("other", D, "my bank card expired so the top-up fails", "bank_card_problem", False),
    ("app_crash", E, "Insufficient storage space", "device_problem", False),
    ("payment_failed", E, "Insufficient balance", "insufficient_balance", False),
    ("app_crash", D, "phone has no memory left, the app closes at once", "device_problem", False),
    ("balance_wrong", D, "an outgoing transfer in my history and I have no memory of the recipient", "unauthorized_access", True),
    ("payment_failed", E, "关联账户状态异常", "bank_card_problem", False),
    ("payment_failed", E, "钱包状态异常", "account_locked", False),
    ("other", D, "我妈的钱包被冻结了 我们什么都没做啊 怎么解冻", "account_locked", False),
    ("balance_wrong", D, "钱包里少了两百 我们什么都没做", "unauthorized_access", True),
    ("cannot_login", E, "检测到您的账户在新设备登录，请进行身份验证", "identity_verification_needed", False),
    ("other", D, "收到通知说我的钱包在另一台设备上登录了 可我没换手机", "unauthorized_access", True),
    ("cannot_login", D, "New device detected, please verify your identity. I just switched to a new phone myself", "identity_verification_needed", False),
    ("other", D, "notification says a new device logged in to my wallet in a different province", "unauthorized_access", True),
    ("other", D, "withdrawals are disabled for 24 hours as a security measure after I changed my phone number", "account_locked", False),
    ("other", E, "Deposits and withdrawals for this network are suspended for node upgrade", "service_outage", False),
]


@pytest.mark.parametrize(("symptom", "field", "text", "expected", "urgent"), LOOKALIKES)
def test_lookalike_words_pick_the_right_cause(symptom: str, field: str, text: str, expected: str, urgent: bool) -> None:
    result = diagnose(_answers(symptom, field, text), _lang_of(text))  # type: ignore[arg-type]
    assert result.causes[0].id == expected, [(c.id, c.score) for c in result.causes]
    assert result.urgent is urgent


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("余额少了五十 后来想起来是自动扣的公交车费", False),
        ("余额突然少了五十 不知道怎么回事", True),
    ],
)
def test_money_gone_is_calm_once_the_user_found_the_reason(text: str, urgent: bool) -> None:
    assert diagnose(_answers("balance_wrong", D, text), "zh").urgent is urgent


def test_overlapping_quotes_of_one_answer_become_one_reason() -> None:
    # three rules fire on pieces of one passage: the reason quotes the passage once, as typed
    result = diagnose(_answers("suspicious_contact", D, "他让我下载一个会议软件，开屏幕共享"), "zh")
    fraud = next(c for c in result.causes if c.id == "fraud_contact")
    quoted = [r for r in fraud.reasons if "「" in r]
    assert quoted == ["在您的描述中看到「他让我下载一个会议软件」"]
