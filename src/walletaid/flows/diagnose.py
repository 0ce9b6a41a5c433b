"""``walletaid diagnose``: answers → redaction → diagnose engine → text / Markdown / JSON (and ``--save``).

In the wizard the alarm does not wait for the last question: once the answers show
fraud under way or a lost phone, it is shown at once, and the remaining questions are
offered after it (:class:`EarlyAlarm`).  The answers end on an edit screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from walletaid.env import current
from walletaid.errors import InputError
from walletaid.flows.common import Format, emit, finish_draft, validate_model
from walletaid.i18n import Lang, t

if TYPE_CHECKING:
    from walletaid.models.diagnose import DiagnoseAnswers, Diagnosis
    from walletaid.wizard.questions import Question

COMMAND = "diagnose"

FREE_TEXT = ("error_message", "description")


def redact_answers(answers: dict[str, Any], lang: Lang, fields: tuple[str, ...]) -> dict[str, Any]:
    """Remove secrets from free-text answers before anything else sees them; warn on stderr."""
    from walletaid.engines.redact import explain, redact_text

    cleaned = dict(answers)
    found = []
    for key in fields:
        if isinstance(cleaned.get(key), str):
            cleaned[key], redactions = redact_text(cleaned[key], key)
            found.extend(redactions)
    if found:
        from walletaid.render.console import say
        from walletaid.textsafe import for_rich

        from walletaid.fieldnames import labelled

        for line in explain(labelled(found, lang), lang):
            say(f"[yellow]![/] {for_rich(line)}")
    return cleaned


def read_answers(data: Mapping[str, Any], lang: Lang) -> DiagnoseAnswers:
    """An answers mapping read as ``diagnose --answers`` reads its file: replayed through the questions, free text
    redacted (said on stderr), validated.  The scenario benchmark and its tests read their scenarios this way."""
    from walletaid.forms.diagnose import diagnose_questions
    from walletaid.models.diagnose import DiagnoseAnswers
    from walletaid.wizard.replay import replay

    raw = replay(diagnose_questions(), data, lang)
    return validate_model(DiagnoseAnswers, redact_answers(raw, lang, FREE_TEXT), lang)


class SkipRest(Exception):
    """After the early alarm the person chose the advice now; ``answers`` are theirs so far."""

    def __init__(self, answers: dict[str, Any]) -> None:
        super().__init__("advice now")
        self.answers = answers


def diagnosis_so_far(answers: dict[str, Any], lang: Lang) -> Diagnosis | None:
    """The diagnosis of the answers given so far (secrets removed, nothing said), or None while they are too few."""
    from walletaid.engines.diagnose import diagnose
    from walletaid.engines.redact import redact_text
    from walletaid.models.diagnose import DiagnoseAnswers

    cleaned = {k: redact_text(v, k)[0] if k in FREE_TEXT and isinstance(v, str) else v for k, v in answers.items()}
    try:
        return diagnose(validate_model(DiagnoseAnswers, cleaned, lang), lang)
    except InputError:
        return None


class EarlyAlarm:
    """Before each question: once the answers show fraud under way (or a lost phone), the alarm comes first.

    The follow-ups of the symptom (what the caller asked for, whether money left) are
    asked before it, as they decide what the alarm says; every later question waits
    until the person has seen the alarm and chosen to answer more.
    """

    def __init__(self, questions: Sequence[Question], lang: Lang) -> None:
        self.questions = questions
        self.lang = lang
        self.shown = False

    def __call__(self, question: Question, answers: dict[str, Any]) -> None:
        if self.shown or "symptom" not in answers or "symptom" in (question.when or {}):
            return
        found = diagnosis_so_far(answers, self.lang)
        if found is None or not found.urgent:
            return
        self.shown = True
        from walletaid.render.console import make_console
        from walletaid.render.diagnose import render_alarm
        from walletaid.wizard.prompt import choose

        make_console(stderr=True).print(render_alarm(found, self.lang))
        start = self.questions.index(question)
        left = sum(1 for q in self.questions[start:] if q.applies(answers))
        options = [("now", t("flows.alarm_now", self.lang)), ("more", t("flows.alarm_more", self.lang, n=left))]
        if choose(t("flows.alarm_next", self.lang), options, self.lang) == "now":
            raise SkipRest(answers)


def _show_answers(questions: Sequence[Question], answers: dict[str, Any], lang: Lang) -> None:
    """The review screen's preview: each answer next to its question (on stderr; the diagnosis is the data)."""
    from rich.text import Text

    from walletaid.render.console import make_console
    from walletaid.render.layout import indented, prose, section
    from walletaid.textsafe import clean
    from walletaid.wizard.review import answer_rows

    rows = []
    for question, answer in answer_rows(questions, answers, lang):  # the question as asked, the answer below it
        rows += [indented(prose(Text(clean(question), style="dim")), 2), indented(prose(Text(clean(answer))), 4)]
    make_console(stderr=True).print(section(t("review.diagnose_answers", lang), *rows))


def ask_in_wizard(lang: Lang, resume: bool | None) -> dict[str, Any]:
    """The wizard: questions (the alarm as soon as it is due), then the edit screen unless the person chose the advice now."""
    from walletaid.flows.common import Autosave, ask_interactively
    from walletaid.forms.diagnose import diagnose_questions
    from walletaid.wizard.prompt import WizardInterrupted
    from walletaid.wizard.review import ReviewCancelled, review

    questions = diagnose_questions()
    try:
        raw = ask_interactively(COMMAND, questions, lang, resume, "answers-diagnose", before=EarlyAlarm(questions, lang))
    except SkipRest as now:
        return now.answers
    raw = redact_answers(raw, lang, FREE_TEXT)  # the edit screen shows the answers as they will be used
    autosave = Autosave(COMMAND, lang)
    try:
        return review(questions, raw, lang, lambda a: _show_answers(questions, a, lang), on_change=autosave,
                      by="question", texts="diagnose_")
    except (WizardInterrupted, ReviewCancelled) as stop:
        if isinstance(stop, ReviewCancelled):
            from walletaid.render.console import say

            say(t("review.diagnose_cancelled", lang))
        raise autosave.stopped(stop.answers) from None


def run(*, lang: Lang, fmt: Format, answers_file: str | None, save: bool, resume: bool | None) -> int:
    """Diagnose the problem described by the answers and print the result."""
    from walletaid.models.diagnose import DiagnoseAnswers

    if answers_file is not None:
        from walletaid.wizard.replay import load_answers_file

        answers = read_answers(load_answers_file(answers_file, lang), lang)
    else:
        answers = validate_model(DiagnoseAnswers, redact_answers(ask_in_wizard(lang, resume), lang, FREE_TEXT), lang)

    from walletaid.engines.diagnose import diagnose

    result = diagnose(answers, lang)
    if save:
        _save(result.model_dump(mode="json"), lang)
    emit(result, fmt, lang, "diagnose")
    finish_draft(COMMAND, answers_file)
    return 0


def _save(document: dict[str, Any], lang: Lang) -> None:
    from walletaid.render.console import say
    from walletaid.faults import opened
    from walletaid.i18n import t
    from walletaid.store import cases

    with opened("not_saved") as conn:
        case_id = cases.save_case(conn, document, now=current().now())
    say(t("flows.saved_case", lang, case_id=case_id))
