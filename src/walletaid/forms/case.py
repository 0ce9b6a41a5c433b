"""The ``case log`` questions: one contact with support (channel, agent, reference, promise, outcome, note)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from walletaid.i18n import Lang, catalogue
from walletaid.knowledge.schemas.common import Text
from walletaid.models.case import CHANNELS, OUTCOMES, parse_promise
from walletaid.wizard.questions import Choice, Question


def _label(key: str) -> Text:
    data = catalogue("case")
    return Text(zh=data["zh"][key], en=data["en"][key])


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
    from walletaid.i18n import t
    from walletaid.models.case import promise_is_past
    from walletaid.forms.validators import shown_time, time_reading

    if promise_is_past(value, current().now()):
        return t("case.promise_past_reading", lang, date=shown_time(value))
    return time_reading(raw, value, lang)


@lru_cache(maxsize=1)
def log_questions() -> tuple[Question, ...]:
    """The questions of ``walletaid case log`` in the order they are asked."""
    return (
        Question(id="channel", kind="select", required=True, section="contact",
                 choices=tuple(Choice(value=c, label=_label(f"channel_{c}")) for c in CHANNELS),
                 prompt=Text(zh="这次是通过什么方式联系的？", en="How did you contact them this time?")),
        Question(id="agent", kind="text", max_length=200, section="contact",
                 prompt=Text(zh="客服的姓名或工号", en="The agent's name or staff number")),
        Question(id="reference", kind="text", max_length=200, section="contact",
                 prompt=Text(zh="工单号或投诉编号", en="Ticket or complaint reference number")),
        Question(id="promised_by", kind="text", max_length=40, section="contact", parse=_promise,
                 reading=promise_reading,
                 prompt=Text(zh="对方承诺在哪天之前答复或处理好？", en="By when did they promise an answer?"),
                 help=Text(zh="例如 2026-11-28、明天、下周一下午5点", en="e.g. 2026-11-28, tomorrow, 2026-11-28 18:00")),
        Question(id="outcome", kind="select", required=True, section="contact",
                 choices=tuple(Choice(value=o, label=_label(f"outcome_{o}")) for o in OUTCOMES),
                 prompt=Text(zh="结果如何？", en="What was the outcome?")),
        Question(id="note", kind="text", max_length=4000, section="contact",
                 prompt=Text(zh="对方说了什么、答应了什么（不要写密码和验证码）",
                             en="What did they say or promise? (never include passwords or codes)")),
    )


def _skip_is_none(value: Any, lang: Lang) -> Any:
    """``skip`` is offered as a choice but means "no feedback"."""
    return None if value == "skip" else value


@lru_cache(maxsize=1)
def close_questions() -> tuple[Question, ...]:
    """The feedback asked by ``walletaid case close``: how support handled the case, and what helped."""
    return (
        Question(id="rating", kind="select", section="feedback", parse=_skip_is_none,
                 choices=(*(Choice(value=str(n), label=_label(f"rating_{n}")) for n in (5, 4, 3, 2, 1)),
                          Choice(value="skip", label=_label("rating_skip"))),
                 prompt=_label("rating_question")),
        Question(id="helped", kind="text", max_length=500, section="feedback", prompt=_label("helped_question"),
                 when={"rating": ("5", "4", "3", "2", "1")}),
    )
