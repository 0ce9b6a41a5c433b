"""The ``prepare-ticket`` questions: the ``diagnose`` ones first, then account, issue, money, device, evidence.

One definition drives the wizard, ``--answers`` replay and ``walletaid schema
answers-ticket``; their words are in ``messages/form_ticket.json``.  The money
questions are asked only when the symptom involves money.  Every value goes
through a :mod:`walletaid.forms.validators` function, so the wizard re-asks a
bad answer with the reason and replay lists every problem at once.
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Any

from walletaid.forms import validators as v
from walletaid.models.diagnose import MONEY_QUESTION_SYMPTOMS
from walletaid.wizard.questions import Question, question

AREA = "form_ticket"


def _q(section: str, **fields: Any) -> Question:
    return question(AREA, section, **fields)


def _short(field: str, max_length: int = 100) -> Any:
    return partial(v.parse_short_text, field=field, max_length=max_length)


def _account() -> tuple[Question, ...]:
    return (
        _q("account", id="phone", kind="text", required=True, max_length=40, parse=v.parse_phone),
        _q("account", id="email", kind="text", max_length=254, parse=v.parse_email),
        _q("account", id="account_name", kind="text", max_length=200, parse=_short("account_name", 200)),
    )


def _issue() -> tuple[Question, ...]:
    return (
        _q("issue", id="occurred_at", kind="text", required=True, max_length=40, parse=v.parse_time,
           reading=v.time_reading),
        _q("issue", id="steps", kind="list", max_length=1000, parse=v.parse_steps),
    )


def _money() -> tuple[Question, ...]:
    when = {"symptom": MONEY_QUESTION_SYMPTOMS}
    return (
        _q("money", id="amount", kind="text", when=when, max_length=40, parse=v.parse_amount, reading=v.amount_reading),
        _q("money", id="currency", kind="text", when=when, default="CNY", max_length=20, parse=v.parse_currency),
        _q("money", id="counterparty", kind="text", when=when, max_length=300, parse=_short("counterparty", 300)),
        _q("money", id="transaction_id", kind="text", when=when, max_length=100, parse=_short("transaction_id")),
    )


BRANDS = ("华为 Huawei", "荣耀 Honor", "小米 Xiaomi", "OPPO", "vivo", "苹果 Apple", "三星 Samsung", "一加 OnePlus",
          "realme", "魅族 Meizu")
"""Offered while typing the phone brand (any other answer is fine too): brand names, the same in both languages."""


def _device() -> tuple[Question, ...]:
    return (
        _q("device", id="device_brand", kind="text", parse=_short("device_brand"), suggestions=BRANDS),
        _q("device", id="device_model", kind="text", parse=_short("device_model")),
        _q("device", id="os", kind="text", parse=v.parse_os, suggestions=("HarmonyOS", "Android", "iOS")),
        _q("device", id="os_version", kind="text", parse=_short("os_version")),
        _q("device", id="app_version", kind="text", parse=_short("app_version")),
    )


def _evidence() -> tuple[Question, ...]:
    return (
        _q("evidence", id="evidence", kind="list", max_length=4096, parse=v.parse_evidence, paths=True),
    )


def ticket_own_questions() -> tuple[Question, ...]:
    """The questions ``prepare-ticket`` adds after the ``diagnose`` ones."""
    return _account() + _issue() + _money() + _device() + _evidence()


@lru_cache(maxsize=1)
def ticket_questions() -> tuple[Question, ...]:
    """Every ``prepare-ticket`` question in the order asked: the ``diagnose`` questions, then the ticket's own."""
    from walletaid.forms.diagnose import diagnose_questions

    return diagnose_questions() + ticket_own_questions()
