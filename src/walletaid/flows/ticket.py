"""``walletaid prepare-ticket``: questions → review → validated, redacted case → files, store, screen."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from walletaid.errors import InputError, Problem
from walletaid.flows.common import (
    Autosave, Format, check_out_dir, check_store, emit, finish_draft, tell_written, validate_model, writing,
)
from walletaid.i18n import Lang, t

COMMAND = "prepare-ticket"


def _build(raw: dict[str, Any], lang: Lang, now: datetime, case_id: str) -> Any:
    """Validate the answers, record the evidence (with a progress bar) and build the case document."""
    from walletaid.render.console import make_console
    from walletaid.engines.ticket import build_case
    from walletaid.files.evidence import record_evidence_with_bar
    from walletaid.models.ticket import TicketAnswers

    answers = validate_model(TicketAnswers, raw, lang)
    evidence = record_evidence_with_bar(list(answers.evidence or []), make_console(stderr=True), lang)
    return build_case(answers, evidence, lang, now=now, case_id=case_id), answers


def _interactive(lang: Lang, resume: bool | None, now: datetime, case_id: str) -> dict[str, Any]:
    from walletaid.render.console import print_renderable
    from walletaid.flows.common import ask_interactively
    from walletaid.forms.ticket import ticket_questions
    from walletaid.render import ticket as renderer
    from walletaid.wizard.prompt import WizardInterrupted
    from walletaid.wizard.review import ReviewCancelled, review

    questions = ticket_questions()
    raw = ask_interactively(COMMAND, questions, lang, resume, "answers-ticket")

    def preview(answers: dict[str, Any]) -> None:
        print_renderable(renderer.render_text(_build(answers, lang, now, case_id)[0], lang))

    autosave = Autosave(COMMAND, lang)
    try:
        return review(questions, raw, lang, preview, on_change=autosave)
    except (WizardInterrupted, ReviewCancelled) as stop:
        if isinstance(stop, ReviewCancelled):
            from walletaid.render.console import say

            say(t("review.cancelled", lang))
        raise autosave.stopped(stop.answers) from None


def run(*, lang: Lang, fmt: Format, answers_file: str | None, out: str, force: bool, bundle: bool,
        save: bool, resume: bool | None) -> int:
    """Prepare the case, export its files (never overwriting without ``--force``) and show the summary."""
    from walletaid.store.caseid import new_case_id

    out_dir = check_out_dir(out, lang)
    from walletaid.env import current

    now = current().now()
    case_id = new_case_id(now)
    if answers_file is not None:
        from walletaid.forms.ticket import ticket_questions
        from walletaid.wizard.replay import load_answers_file, replay

        raw = replay(ticket_questions(), load_answers_file(answers_file, lang), lang)
    else:
        raw = _interactive(lang, resume, now, case_id)
    doc, answers = _build(raw, lang, now, case_id)
    if save:
        check_store()  # a store fault stops the run here, before any file is written
    written = _export(doc, answers, out_dir, force=force, bundle=bundle, lang=lang)
    if save:
        from walletaid.store import cases
        from walletaid.faults import opened

        with opened("files_written", files=", ".join(str(p) for p in written)) as conn:
            cases.save_case(conn, doc.model_dump(mode="json"), now=now)
    try:
        emit(doc, fmt, lang, "ticket")
    finally:  # even when stdout fails, say which files were written
        _tell_written(written, doc.case_id, save, lang)
    finish_draft(COMMAND, answers_file)
    return 0


def _export(doc: Any, answers: Any, out_dir: Path, *, force: bool, bundle: bool, lang: Lang) -> list[Path]:
    from walletaid.files.export import EvidenceChanged, export_case

    try:
        with writing(out_dir, lang):
            return export_case(doc, out_dir, force=force, bundle=bundle,
                               evidence_paths=[Path(p) for p in (answers.evidence or [])])
    except EvidenceChanged as changed:
        raise InputError([Problem("evidence", t("ticket_flow.evidence_changed", lang, name=str(changed)))]) from None


def _tell_written(written: list[Path], case_id: str, saved: bool, lang: Lang) -> None:
    from walletaid.render.console import say

    tell_written(written, lang)
    if saved:
        say(t("flows.saved_case", lang, case_id=case_id))
