"""One path for answers: the same loop asks a person or reads an answers file, question by question.

:func:`collect` walks a command's questions in order.  Each question that applies
(its ``when`` holds for the answers so far) is answered by the *source*: the
interactive prompter (:class:`Prompter`) or a mapping read from ``--answers``
(:class:`FileAnswers`).  Both honour the conditions the same way; both parse a value
with :func:`walletaid.wizard.replay.parse_answer`.  An answer given in a file for a
question that does not apply (``operator`` for a crypto wallet) is dropped, with a
warning on stderr naming it: it is never used silently.  The prompter can also go
back one question (Ctrl-B).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from walletaid.errors import InputError, Problem
from walletaid.i18n import Lang, t
from walletaid.wizard.questions import Question

BACK = object()
"""What a source returns when the person asked to go back one question."""
SKIP = object()
"""What a source returns for a question left unanswered."""


class Source(Protocol):
    """Where answers come from: the prompter or an answers file."""

    def answer(self, question: Question, answers: dict[str, Any], step: int, default: Any) -> Any:
        """The parsed value, :data:`SKIP` or :data:`BACK`; ``step`` counts the questions answered, plus one."""

    def not_asked(self, question: Question) -> None:
        """``question`` does not apply to the answers given."""

    def finish(self, answers: dict[str, Any]) -> None:
        """All questions are done; raise what is wrong with the source as a whole."""


def collect(questions: Sequence[Question], source: Source, answers: Mapping[str, Any] | None = None,
            *, defaults: Mapping[str, Any] | None = None,
            on_change: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Ask (or read) every question that applies, in order; returns the answers.

    ``answers`` are already known (a resumed draft): those questions are not asked again,
    unless the person goes back to them; ``defaults`` are asked again with the answer shown (an
    edit on the review screen).  ``on_change`` is called after each answer (drafts).
    """
    known = dict(answers or {})
    defaults = dict(defaults or {})  # answers being changed: shown again as the default
    result: dict[str, Any] = {}
    done: list[int] = []  # the questions answered so far, in order, for going back
    index = 0
    while index < len(questions):
        question = questions[index]
        if not question.applies(result):
            source.not_asked(question)
            index += 1
            continue
        if question.id in known:
            value = known.pop(question.id)
        else:
            value = source.answer(question, result, len(done) + 1, defaults.pop(question.id, None))
        if value is BACK:
            index = _back(questions, done, result, defaults, index)
            continue
        if value is not SKIP and value is not None:
            result[question.id] = value
        done.append(index)
        index += 1
        if on_change:
            on_change(result)
    source.finish(result)
    return result


def _back(questions: Sequence[Question], done: list[int], result: dict[str, Any], defaults: dict[str, Any],
          index: int) -> int:
    """The index of the previous answered question; its answer and the later ones become defaults."""
    if not done:
        return index  # nothing before the first question: stay
    previous = done.pop()
    for question in questions[previous:index]:
        if question.id in result:
            defaults[question.id] = result.pop(question.id)
    return previous


class FileAnswers:
    """Answers from an answers file: every problem (unknown key, bad value, missing answer) reported at once."""

    def __init__(self, data: Mapping[str, Any], questions: Sequence[Question], lang: Lang,
                 warn: Callable[[str], None] | None = None) -> None:
        from walletaid.wizard.replay import unknown_key_problem

        self.data = data
        self.lang = lang
        self.warn = warn
        known = [q.id for q in questions]
        self.problems = [unknown_key_problem(k, known, lang) for k in data if k not in known]

    def answer(self, question: Question, answers: dict[str, Any], step: int, default: Any) -> Any:
        from walletaid.wizard.replay import parse_answer

        try:
            value = parse_answer(question, self.data.get(question.id), self.lang)
        except ValueError as exc:
            self.problems.append(Problem(question.id, str(exc)))
            return SKIP
        if value is None and question.required:
            self.problems.append(Problem(question.id, t("wizard.required", self.lang)))
        elif value is not None and question.reading is not None and self.warn is not None:
            shown = question.reading(self.data.get(question.id), value, self.lang)
            if shown is not None:  # a reading the person did not type: say it, as the wizard asks to confirm it
                from walletaid.textsafe import clean

                raw = clean(str(self.data.get(question.id)), keep_newlines=False)[:60]
                self.warn(t("wizard.read_as", self.lang, name=question.id, text=raw, value=shown))
        return SKIP if value is None else value

    def not_asked(self, question: Question) -> None:
        raw = self.data.get(question.id)
        if raw is None or raw == "" or raw == [] or self.warn is None:
            return
        conditions = "; ".join(f"{key}: {' / '.join(values)}" for key, values in (question.when or {}).items())
        self.warn(t("wizard.not_applicable", self.lang, name=question.id, when=conditions))

    def finish(self, answers: dict[str, Any]) -> None:
        if self.problems:
            raise InputError(self.problems)
