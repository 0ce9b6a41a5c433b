"""The ``diagnose`` questions: wallet, operator, symptom, follow-ups, error message, description, context.

This one definition drives the interactive wizard, ``--answers`` replay and
``walletaid schema answers-diagnose``; ``prepare-ticket`` asks the same
questions first.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from walletaid.i18n import Lang
from walletaid.knowledge.schemas.common import Text
from walletaid.wizard.questions import Choice, Question, question

MONEY_SYMPTOMS = ("payment_failed", "transfer_not_arrived", "balance_wrong", "unrecognized_transaction", "suspicious_contact")


def _c(value: str, zh: str, en: str) -> Choice:
    return Choice(value=value, label=Text(zh=zh, en=en))


def _not_sure_is_none(value: Any, lang: Lang) -> Any:
    """``not_sure`` is offered as a choice but means "not answered"."""
    return None if value == "not_sure" else value


WALLETS = (
    _c("ecny", "数字人民币（数字人民币 App，或银行 App 里的数字人民币钱包）", "e-CNY (the 数字人民币 app, or an e-CNY wallet in a bank app)"),
    _c("crypto", "加密货币钱包（交易所账户或自己保管的钱包）", "Crypto wallet (an exchange account or a self-custody wallet)"),
    _c("other", "其他电子钱包或支付 App", "Another digital wallet or payment app"),
)
SYMPTOMS = (
    _c("payment_failed", "付款失败（扫码、转账或消费没成功）", "A payment failed (scan to pay, transfer or purchase did not go through)"),
    _c("transfer_not_arrived", "钱转出去了，对方说没收到（或充值/提现没到账）", "Money was sent but has not arrived (or a top-up / withdrawal is missing)"),
    _c("balance_wrong", "余额不对", "The balance looks wrong"),
    _c("cannot_login", "登录不上", "I cannot log in"),
    _c("account_locked", "钱包或账户被锁定、冻结、限制使用", "The wallet or account is locked, frozen or restricted"),
    _c("app_crash", "App 闪退、打不开或卡住", "The app crashes, won't open or freezes"),
    _c("nfc_payment_failed", "碰一碰（NFC）付款没反应或失败，或硬钱包付不了", "Tap-to-pay (NFC) or a hard wallet does nothing or fails"),
    _c("unrecognized_transaction", "有一笔不是我本人做的交易", "There is a transaction I did not make"),
    _c("suspicious_contact", "有人自称客服、银行或警察联系我", "Someone claiming to be support, a bank or the police contacted me"),
    _c("phone_lost", "装着钱包的手机丢了或被偷了", "The phone with the wallet on it is lost or stolen"),
    _c("other", "其他问题", "Something else"),
)
ASKED_FOR = (
    _c("codes", "要我说出或转发验证码", "Asked me to read out or forward a verification code"),
    _c("transfer", "要我转账，或转到“安全账户”", "Asked me to transfer money, or move it to a \"safe account\""),
    _c("screen_sharing", "要我开屏幕共享或装远程控制软件", "Asked me to share my screen or install a remote-control app"),
    _c("app_install", "要我下载安装某个 App", "Asked me to download and install an app"),
    _c("link", "发来链接让我点开、登录或填信息", "Sent a link to open, log in or fill in details"),
    _c("card_details", "问我银行卡号、有效期或 CVV", "Asked for my card number, expiry date or CVV"),
    _c("password", "问我密码或支付密码", "Asked for my password or payment PIN"),
    _c("seed_phrase", "问我助记词或私钥", "Asked for my recovery phrase or private key"),
    _c("personal_info", "问我身份证号等个人信息", "Asked for my ID number or other personal details"),
    _c("nothing_yet", "还没提任何要求", "Nothing yet"),
)
YES_NO_UNKNOWN = (_c("yes", "是", "Yes"), _c("no", "否", "No"), _c("unknown", "不确定", "Not sure"))
WAITED = (
    _c("lt_10", "不到 10 分钟", "Less than 10 minutes"),
    _c("10_60", "10 分钟到 1 小时", "10 minutes to 1 hour"),
    _c("1_24h", "1 到 24 小时", "1 to 24 hours"),
    _c("gt_24h", "超过 24 小时", "More than 24 hours"),
)
NETWORKS = (
    _c("home_wifi", "家里或单位的 Wi-Fi", "Home or office Wi-Fi"),
    _c("public_wifi", "公共 Wi-Fi（商场、酒店、车站等）", "Public Wi-Fi (mall, hotel, station …)"),
    _c("cellular", "手机流量（4G/5G）", "Mobile data (4G/5G)"),
    _c("offline", "当时没有网络", "No connection at the time"),
    _c("unknown", "不清楚", "Not sure"),
)


def _operators() -> tuple[Choice, ...]:
    """The e-CNY operators as the contacts directory names them, then "not sure"."""
    from walletaid.engines.contacts import operators

    return (*(Choice(value=p.id, label=p.name) for p in operators()), _c("not_sure", "不清楚 / 不记得了", "Not sure"))


def _q(**fields: Any) -> Question:
    return question("problem", **fields)


@lru_cache(maxsize=1)
def diagnose_questions() -> tuple[Question, ...]:
    """The diagnose questions in the order they are asked."""
    return (
        _q(id="wallet", kind="select", required=True, choices=WALLETS,
           prompt=("您用的是哪种钱包？", "Which kind of wallet is it?")),
        _q(id="operator", kind="select", choices=_operators(), when={"wallet": ("ecny",)}, parse=_not_sure_is_none,
           prompt=("这个数字人民币钱包是在哪家银行（运营机构）开的？", "Which bank (operator) opened this e-CNY wallet?"),
           help=("在数字人民币 App 的钱包页面能看到运营机构的名称", "The e-CNY app shows the operator's name on the wallet page")),
        _q(id="symptom", kind="select", required=True, choices=SYMPTOMS,
           prompt=("遇到了什么问题？", "What happened?")),
        _q(id="contact_asked_for", kind="checkbox", choices=ASKED_FOR, when={"symptom": ("suspicious_contact",)},
           prompt=("对方让您做了什么？（可多选）", "What did they ask you to do? (choose all that apply)")),
        _q(id="money_sent", kind="select", choices=YES_NO_UNKNOWN,
           when={"symptom": ("suspicious_contact", "unrecognized_transaction", "phone_lost")},
           prompt=("钱是不是已经转出去了？", "Has money already left your wallet?")),
        _q(id="minutes_waited", kind="select", choices=WAITED, when={"symptom": ("transfer_not_arrived",)},
           prompt=("从转出到现在过了多久？", "How long ago was the money sent?")),
        _q(id="error_message", kind="text", max_length=2000,
           prompt=("App 显示的提示原文是什么？（照着抄）", "What exactly did the app say? (copy it word for word)")),
        _q(id="description", kind="multiline", max_length=4000,
           prompt=("用自己的话说说发生了什么（不要写密码和验证码）", "Describe what happened in your own words (never include passwords or codes)")),
        _q(id="network", kind="select", choices=NETWORKS,
           prompt=("当时用的是什么网络？", "Which connection were you on at the time?")),
        _q(id="app_updated", kind="select", choices=YES_NO_UNKNOWN,
           prompt=("App 是不是最新版本？", "Is the app up to date?")),
    )
