"""A question is a model: one definition drives the interactive prompt, answers-file replay and validation.

Each command lists its questions once (``forms/<command>.py``), their words in
``messages/form_<command>.json`` (:func:`question`, :func:`choices`).  The wizard
prompts them (``wizard/prompt.py``); ``--answers`` replays them
(``wizard/replay.py``); both send every value through the same
:meth:`Question.parse`, so the two paths cannot drift apart.
"""


from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from walletaid.i18n import Lang, catalogue
from walletaid.knowledge.schemas.common import Text

Kind = Literal["select", "checkbox", "text", "multiline", "list", "confirm"]
Parser = Callable[[Any, Lang], Any]
"""Turns a raw answer into its value, or raises ``ValueError`` with a message in ``lang``."""


class Choice(BaseModel):
    """One allowed value of a ``select`` or ``checkbox`` question, with its label in both languages."""

    model_config = ConfigDict(frozen=True)

    value: str
    label: Text


class Question(BaseModel):
    """One question: what to ask, which answers are allowed, and when to ask it."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Kind
    prompt: Text
    help: Text | None = None
    choices: tuple[Choice, ...] = ()
    required: bool = False
    default: Any = None
    section: str | None = Field(default=None, description="group name shown in step indicators and the review screen")
    when: Mapping[str, tuple[str, ...]] | None = Field(
        default=None, description="asked only when every named earlier answer is one of the values"
    )
    max_length: int = 2000
    suggestions: tuple[str, ...] = Field(default=(), description="common answers offered while typing (free text stays allowed)")
    paths: bool = Field(default=False, description="the answer is a file path: the prompt completes paths with Tab")
    parse: Parser | None = None
    reading: Callable[[Any, Any, Lang], str | None] | None = Field(
        default=None, description="(typed, value, lang) → the value in its normal form to confirm, when it is not "
                                  "what was typed (昨天晚上8点 → 2026-11-26 20:00); None: nothing to confirm")

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """Whether this question is asked, given the answers so far."""
        if not self.when:
            return True
        for key, allowed in self.when.items():
            value = answers.get(key)
            values = value if isinstance(value, list) else [value]
            if not any(v in allowed for v in values):
                return False
        return True

    def choice_values(self) -> list[str]:
        """The allowed values of a choice question."""
        return [c.value for c in self.choices]


def words(area: str, key: str) -> Text:
    """``key`` of ``messages/<area>.json`` in both languages."""
    data = catalogue(area)
    return Text(zh=data["zh"][key], en=data["en"][key])


def choices(area: str, group: str, values: Iterable[str]) -> tuple[Choice, ...]:
    """One choice per value, labelled by ``<group>_<value>`` in ``messages/<area>.json``."""
    return tuple(Choice(value=value, label=words(area, f"{group}_{value}")) for value in values)


def question(area: str, section: str, **fields: Any) -> Question:
    """A :class:`Question` in ``section`` whose words are in ``messages/<area>.json``: the prompt under the
    question's id, the help (when there is one) under ``<id>_help``."""
    qid = fields["id"]
    fields.setdefault("prompt", words(area, qid))
    if f"{qid}_help" in catalogue(area)["en"]:
        fields.setdefault("help", words(area, f"{qid}_help"))
    return Question(section=section, **fields)
