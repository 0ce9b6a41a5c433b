"""The review screen at the end of a wizard: the result (or the answers) as they stand, then finish / edit / cancel.

Editing re-asks one section's questions (``prepare-ticket``) or one question and
the follow-ups that hang on it (``diagnose``) with the current answers as
defaults (copier's most wanted missing feature: going back to fix an answer).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

from walletaid.errors import InputError
from walletaid.i18n import Lang, t
from walletaid.wizard.prompt import WizardInterrupted, ask, choose
from walletaid.wizard.questions import Question

Preview = Callable[[dict[str, Any]], None]
"""Shows the result for the answers; raises :class:`InputError` when they do not validate together."""


class ReviewCancelled(Exception):
    """The person chose Cancel; ``answers`` are what they had."""

    def __init__(self, answers: dict[str, Any]) -> None:
        super().__init__("cancelled")
        self.answers = answers


def sections_of(questions: Sequence[Question], answers: dict[str, Any]) -> list[str]:
    """The sections that have at least one question to ask, in order."""
    seen: list[str] = []
    for question in questions:
        if question.section and question.section not in seen and question.applies(answers):
            seen.append(question.section)
    return seen


def with_follow_ups(questions: Sequence[Question], ids: Sequence[str]) -> list[str]:
    """``ids`` and every question whose condition hangs on one of them (and so on): what an edit may change."""
    chosen = list(ids)
    for question in questions:
        if question.id not in chosen and any(key in chosen for key in (question.when or {})):
            chosen.append(question.id)
    return chosen


def answer_rows(questions: Sequence[Question], answers: dict[str, Any], lang: Lang) -> list[tuple[str, str]]:
    """(question, answer as shown) for each answered question that applies; choices by their labels, text as typed."""
    rows = []
    for question in questions:
        value = answers.get(question.id)
        if value in (None, "", []) or not question.applies(answers):
            continue
        labels = {c.value: c.label.get(lang) for c in question.choices}
        values = value if isinstance(value, list) else [value]
        shown = t("review.and", lang).join(str(labels.get(v, v)) for v in values)
        rows.append((question.prompt.get(lang), shown))
    return rows


def _pick_edit(questions: Sequence[Question], answers: dict[str, Any], lang: Lang, by: Literal["section", "question"]) -> list[str]:
    """Which questions to ask again: a whole section, or one question with its follow-ups."""
    if by == "section":
        sections = sections_of(questions, answers)
        section = choose(t("review.which_section", lang), [(s, t(f"sections.{s}", lang)) for s in sections], lang)
        return [q.id for q in questions if q.section == section]
    options = [(q.id, q.prompt.get(lang)) for q in questions if q.applies(answers)]
    return with_follow_ups(questions, [choose(t("review.which_question", lang), options, lang)])


def review(
    questions: Sequence[Question],
    answers: dict[str, Any],
    lang: Lang,
    preview: Preview,
    on_change: Callable[[dict[str, Any]], None] | None = None,
    *,
    by: Literal["section", "question"] = "section",
    texts: str = "",
) -> dict[str, Any]:
    """Loop: show the preview, then finish (return the answers), edit, or cancel.

    ``texts`` prefixes the ``review.*`` message keys ``question``, ``export``, ``edit`` and
    ``cancel`` (none for the case file, ``diagnose_`` for a diagnosis).
    """
    from walletaid.render.console import print_input_error

    while True:
        valid = True
        try:
            preview(answers)
        except InputError as error:
            print_input_error(error, lang)
            valid = False
        actions = ([("export", t(f"review.{texts}export", lang))] if valid else []) + [
            ("edit", t(f"review.{texts}edit", lang)), ("cancel", t(f"review.{texts}cancel", lang))]
        try:
            action = choose(t(f"review.{texts}question", lang), actions, lang)
            if action == "export":
                return answers
            if action == "cancel":
                raise ReviewCancelled(answers)
            ids = _pick_edit(questions, answers, lang, by)
        except (KeyboardInterrupt, EOFError):
            raise WizardInterrupted(answers) from None
        answers = ask(questions, lang, answers, only=ids, on_change=on_change)
