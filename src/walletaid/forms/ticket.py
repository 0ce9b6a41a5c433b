"""The ``prepare-ticket`` questions: the ``diagnose`` ones first, then account, issue, money, device, evidence.

One definition drives the wizard, ``--answers`` replay and ``walletaid schema
answers-ticket``.  The money questions are asked only when the symptom
involves money.  Every value goes through a :mod:`walletaid.forms.validators`
function, so the wizard re-asks a bad answer with the reason and replay lists
every problem at once.
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Any

from walletaid.forms import validators as v
from walletaid.models.ticket import MONEY_SYMPTOMS
from walletaid.wizard.questions import Question, question


_q = question


def _short(field: str, max_length: int = 100) -> Any:
    return partial(v.parse_short_text, field=field, max_length=max_length)


def _account() -> tuple[Question, ...]:
    return (
        _q("account", id="phone", kind="text", required=True, max_length=40, parse=v.parse_phone,
           prompt=("钱包注册用的手机号是多少？", "Which mobile number is the wallet registered with?"),
           help=("只用来核对身份，文件里只保留前 3 位和后 4 位", "Only to identify you; files keep just the first 3 and last 4 digits")),
        _q("account", id="email", kind="text", max_length=254, parse=v.parse_email,
           prompt=("邮箱地址", "E-mail address"),
           help=("文件里只保留部分字符", "Files keep only part of it")),
        _q("account", id="account_name", kind="text", max_length=200, parse=_short("account_name", 200),
           prompt=("App 里显示的钱包或账户名称", "Wallet or account name as shown in the app")),
    )


def _issue() -> tuple[Question, ...]:
    return (
        _q("issue", id="occurred_at", kind="text", required=True, max_length=40, parse=v.parse_time,
           reading=v.time_reading, prompt=("问题是什么时候发生的？", "When did it happen?"),
           help=("例如 2026-11-20 14:30、昨天晚上8点；记不清几点就只填日期",
                 "e.g. 2026-11-20 14:30 or yesterday 20:00; if you don't remember the hour, give the date")),
        _q("issue", id="steps", kind="list", max_length=1000, parse=v.parse_steps,
           prompt=("您按顺序做了哪些操作？每行一步，空行结束", "What did you do, step by step? One step per line; an empty line ends"),
           help=("不要写密码、验证码或助记词", "Never include passwords, codes or recovery phrases")),
    )


def _money() -> tuple[Question, ...]:
    when = {"symptom": MONEY_SYMPTOMS}
    return (
        _q("money", id="amount", kind="text", when=when, max_length=40, parse=v.parse_amount, reading=v.amount_reading,
           prompt=("涉及多少钱？", "How much money is involved?"),
           help=("例如 128.50、500元、5千", "e.g. 128.50, ¥500 or 1,200")),
        _q("money", id="currency", kind="text", when=when, default="CNY", max_length=20, parse=v.parse_currency,
           prompt=("币种", "Currency"),
           help=("人民币填 CNY；加密货币填代码，例如 USDT、BTC", "CNY for renminbi; a ticker such as USDT or BTC for crypto")),
        _q("money", id="counterparty", kind="text", when=when, max_length=300, parse=_short("counterparty", 300),
           prompt=("对方是谁？（姓名、钱包编号或账户）", "Who is the other side? (name, wallet id or account)")),
        _q("money", id="transaction_id", kind="text", when=when, max_length=100, parse=_short("transaction_id"),
           prompt=("交易单号或订单号（在交易详情里能找到）", "Transaction or order number (shown in the transaction details)")),
    )


BRANDS = ("华为 Huawei", "荣耀 Honor", "小米 Xiaomi", "OPPO", "vivo", "苹果 Apple", "三星 Samsung", "一加 OnePlus",
          "realme", "魅族 Meizu")
"""Offered while typing the phone brand (any other answer is fine too)."""


def _device() -> tuple[Question, ...]:
    return (
        _q("device", id="device_brand", kind="text", parse=_short("device_brand"), suggestions=BRANDS,
           prompt=("手机品牌", "Phone brand"),
           help=("例如 华为、荣耀、小米、OPPO、vivo、苹果", "e.g. Huawei, Honor, Xiaomi, OPPO, vivo, Apple")),
        _q("device", id="device_model", kind="text", parse=_short("device_model"),
           prompt=("手机型号", "Phone model"), help=("例如 Mate 60、iPhone 15", "e.g. Mate 60, iPhone 15")),
        _q("device", id="os", kind="text", parse=v.parse_os, suggestions=("HarmonyOS", "Android", "iOS"),
           prompt=("手机系统", "Phone system"), help=("HarmonyOS（鸿蒙）、Android（安卓）或 iOS", "HarmonyOS, Android or iOS")),
        _q("device", id="os_version", kind="text", parse=_short("os_version"),
           prompt=("系统版本", "System version"), help=("例如 4.2、14、17.5", "e.g. 4.2, 14, 17.5")),
        _q("device", id="app_version", kind="text", parse=_short("app_version"),
           prompt=("App 版本号", "App version"), help=("一般能在 App 的“关于”页面看到", "Usually shown on the app's About page")),
    )


def _evidence() -> tuple[Question, ...]:
    return (
        _q("evidence", id="evidence", kind="list", max_length=4096, parse=v.parse_evidence, paths=True,
           prompt=("截图、录屏或 PDF 的文件路径（每行一个，空行结束）", "Paths of screenshots, recordings or PDFs (one per line; an empty line ends)"),
           help=("每个文件不超过 50 MB；只记录文件名、大小和校验值", "Up to 50 MB each; only the file name, size and checksum are recorded")),
    )


def ticket_own_questions() -> tuple[Question, ...]:
    """The questions ``prepare-ticket`` adds after the ``diagnose`` ones."""
    return _account() + _issue() + _money() + _device() + _evidence()


@lru_cache(maxsize=1)
def ticket_questions() -> tuple[Question, ...]:
    """Every ``prepare-ticket`` question in the order asked: the ``diagnose`` questions, then the ticket's own."""
    from walletaid.forms.diagnose import diagnose_questions

    return diagnose_questions() + ticket_own_questions()
