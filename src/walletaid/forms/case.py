"""The ``case log`` questions: one contact with support (channel, agent, reference, promise, outcome, note)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from walletaid.i18n import Lang
from walletaid.models.case import CHANNELS, OUTCOMES, parse_promise
from walletaid.wizard.questions import Question, choices, question


def _promise(value: Any, lang: Lang) -> Any:
    """A date (or date and time) the agent promised an answer by, read as people type it (``明天``)."""
    from walletaid.i18n import t

    try:
        parsed = parse_promise(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValueError(t("case.err_promise", lang))
    return parsed


def promise_reading(raw: Any, value: Any, lang: Lang) -> str | None:
    """What to confirm about a promised date: its normal form when read from words, and always when it is past."""
    from walletaid.env import current
    from walletaid.forms.validators import shown_time, time_reading
    from walletaid.i18n import t
    from walletaid.models.case import promise_is_past

    if promise_is_past(value, current().now()):
        return t("case.promise_past_reading", lang, date=shown_time(value))
    return time_reading(raw, value, lang)


def _q(**fields: Any) -> Question:
    return question("form_case", "contact", **fields)


@lru_cache(maxsize=1)
def log_questions() -> tuple[Question, ...]:
    """The questions of ``walletaid case log`` in the order they are asked (words in ``messages/form_case.json``;
    the channels and outcomes are named as the case timeline names them, ``case.channel_<id>``)."""
    return (
        _q(id="channel", kind="select", required=True, choices=choices("case", "channel", CHANNELS)),
        _q(id="agent", kind="text", max_length=200),
        _q(id="reference", kind="text", max_length=200),
        _q(id="promised_by", kind="text", max_length=40, parse=_promise, reading=promise_reading),
        _q(id="outcome", kind="select", required=True, choices=choices("case", "outcome", OUTCOMES)),
        _q(id="note", kind="text", max_length=4000),
    )


def _skip_is_none(value: Any, lang: Lang) -> Any:
    """``skip`` is offered as a choice but means "no feedback"."""
    return None if value == "skip" else value


@lru_cache(maxsize=1)
def close_questions() -> tuple[Question, ...]:
    """The feedback asked by ``walletaid case close``: how support handled the case, and what helped."""
    return (
        question("form_case", "feedback", id="rating", kind="select", parse=_skip_is_none,
                 choices=choices("form_case", "rating", ("5", "4", "3", "2", "1", "skip"))),
        question("form_case", "feedback", id="helped", kind="text", max_length=500,
                 when={"rating": ("5", "4", "3", "2", "1")}),
    )
