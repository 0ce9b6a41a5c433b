"""The ``diagnose`` questions: wallet, operator, symptom, follow-ups, error message, description, context.

This one definition drives the interactive wizard, ``--answers`` replay and
``walletaid schema answers-diagnose``; ``prepare-ticket`` asks the same
questions first.  Their words are in ``messages/form_diagnose.json``: each
prompt under the question's id, its help under ``<id>_help``, each choice
under ``<group>_<value>``; the operators and their names come from the
contacts directory.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, get_args

from walletaid.i18n import Lang
from walletaid.models.diagnose import MinutesWaited, Network, Wallet, YesNoUnknown
from walletaid.wizard.questions import Choice, Question, choices, question, words

AREA = "form_diagnose"
# every Symptom, in the order people look for theirs (the model's order is its own; a test keeps the two sets equal)
SYMPTOMS = ("payment_failed", "transfer_not_arrived", "balance_wrong", "cannot_login", "account_locked", "app_crash",
            "nfc_payment_failed", "unrecognized_transaction", "suspicious_contact", "phone_lost", "other")
ASKED_FOR = ("codes", "transfer", "screen_sharing", "app_install", "link", "card_details", "password", "seed_phrase",
             "personal_info", "nothing_yet")
YES_NO_UNKNOWN: tuple[str, ...] = get_args(YesNoUnknown)


def _not_sure_is_none(value: Any, lang: Lang) -> Any:
    """``not_sure`` is offered as a choice but means "not answered"."""
    return None if value == "not_sure" else value


def _operators() -> tuple[Choice, ...]:
    """The e-CNY operators as the contacts directory names them, then "not sure"."""
    from walletaid.engines.contacts import operators
    from walletaid.knowledge.schemas.common import Text

    # the directory is plain records (``matching.plain``): its names become the model's Text here
    return (*(Choice(value=p.id, label=Text(zh=p.name.zh, en=p.name.en)) for p in operators()),
            Choice(value="not_sure", label=words(AREA, "operator_not_sure")))


def _q(**fields: Any) -> Question:
    return question(AREA, "problem", **fields)


def _c(group: str, values: tuple[str, ...]) -> tuple[Choice, ...]:
    return choices(AREA, group, values)


@lru_cache(maxsize=1)
def diagnose_questions() -> tuple[Question, ...]:
    """The diagnose questions in the order they are asked."""
    return (
        _q(id="wallet", kind="select", required=True, choices=_c("wallet", get_args(Wallet))),
        _q(id="operator", kind="select", choices=_operators(), when={"wallet": ("ecny",)}, parse=_not_sure_is_none),
        _q(id="symptom", kind="select", required=True, choices=_c("symptom", SYMPTOMS)),
        _q(id="contact_asked_for", kind="checkbox", choices=_c("asked", ASKED_FOR),
           when={"symptom": ("suspicious_contact",)}),
        _q(id="money_sent", kind="select", choices=_c("answer", YES_NO_UNKNOWN),
           when={"symptom": ("suspicious_contact", "unrecognized_transaction", "phone_lost")}),
        _q(id="minutes_waited", kind="select", choices=_c("waited", get_args(MinutesWaited)),
           when={"symptom": ("transfer_not_arrived",)}),
        _q(id="error_message", kind="text", max_length=2000),
        _q(id="description", kind="multiline", max_length=4000),
        _q(id="network", kind="select",
           choices=_c("network", get_args(Network))),
        _q(id="app_updated", kind="select", choices=_c("answer", YES_NO_UNKNOWN)),
    )
