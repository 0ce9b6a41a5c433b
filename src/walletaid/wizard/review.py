"""The review screen at the end of a wizard: the whole result as it will be exported, then export / edit / cancel.

Editing re-asks one section's questions with the current answers as
defaults (copier's most wanted missing feature: going back to fix an answer).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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


def review(
    questions: Sequence[Question],
    answers: dict[str, Any],
    lang: Lang,
    preview: Preview,
    on_change: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Loop: show the preview, then export (return the answers), edit a section, or cancel."""
    from walletaid.console import print_input_error

    while True:
        valid = True
        try:
            preview(answers)
        except InputError as error:
            print_input_error(error, lang)
            valid = False
        actions = ([("export", t("review.export", lang))] if valid else []) + [
            ("edit", t("review.edit", lang)), ("cancel", t("review.cancel", lang))]
        try:
            action = choose(t("review.question", lang), actions, lang)
            if action == "export":
                return answers
            if action == "cancel":
                raise ReviewCancelled(answers)
            sections = sections_of(questions, answers)
            section = choose(t("review.which_section", lang),
                              [(s, t(f"sections.{s}", lang)) for s in sections], lang)
        except (KeyboardInterrupt, EOFError):
            raise WizardInterrupted(answers) from None
        ids = [q.id for q in questions if q.section == section]
        answers = ask(questions, lang, answers, only=ids, on_change=on_change)
