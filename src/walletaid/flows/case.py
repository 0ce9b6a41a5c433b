"""``walletaid case …``: list, show, log, close, export, escalate, delete and purge cases in the local store."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from walletaid.errors import InputError, Interrupted, Problem
from walletaid.flows.common import Format, check_out_dir, emit, stdin_is_terminal, tell_written, writing
from walletaid.i18n import Lang, t
from walletaid.render.console import say
from walletaid.textsafe import for_rich


def _now() -> datetime:
    from walletaid.env import current

    return current().now()


def _store(outcome: str = "nothing", *, readonly: bool = False) -> AbstractContextManager[sqlite3.Connection]:
    """The case store; a fault of it (busy, damaged, full disk …) says ``outcome`` of what was not written."""
    from walletaid.faults import opened

    return opened(outcome, readonly=readonly)


def _show_document(conn: sqlite3.Connection, case_id: str, lang: Lang) -> Any:
    from walletaid.store import cases
    from walletaid.engines.followup import follow_up
    from walletaid.engines.labels import display_title
    from walletaid.models.case import CaseShowDocument

    record = cases.get_case(conn, case_id)
    record = record.model_copy(update={"title": display_title(record, lang)})  # in the reader's language
    return CaseShowDocument(lang=lang, case=record, follow_up=follow_up(record, now=_now()))


def run_list(*, lang: Lang, fmt: Format, open_only: bool) -> int:
    """Every case (or only open ones), overdue promises flagged."""
    from walletaid.store import cases
    from walletaid.engines.labels import display_title
    from walletaid.models.case import CaseListDocument, DamagedCase

    with _store(readonly=True) as conn:
        summaries, damaged = cases.list_cases_checked(conn, now=_now(), include_closed=not open_only)
    summaries = [c.model_copy(update={"title": display_title(c, lang)}) for c in summaries]  # in the reader's language
    bad = [DamagedCase(id=d.case_id, reason=d.reason) for d in damaged]
    emit(CaseListDocument(lang=lang, cases=summaries, damaged=bad), fmt, lang, "case")
    if bad and fmt == "json":  # text and Markdown say it in the list itself
        say(t("case.list_damaged", lang, count=len(bad), ids=", ".join(for_rich(d.id) for d in bad)))
    return 0


def run_show(*, lang: Lang, fmt: Format, case_id: str) -> int:
    """One case with its timeline and follow-up advice."""

    with _store(readonly=True) as conn:
        document = _show_document(conn, case_id, lang)
    emit(document, fmt, lang, "case")
    return 0


def _done(document: Any, fmt: Format) -> None:
    """What a case action did, as one JSON document on stdout with ``--format json`` (the messages say it otherwise)."""
    if fmt == "json":
        from walletaid.render.console import print_json

        print_json(document.model_dump(mode="json", exclude_none=True))


class NothingLogged(Interrupted):
    """Interrupted while answering ``case log``: the contact was not recorded."""

    message_key = "case_flow.log_interrupted"


class NothingDeleted(Interrupted):
    """Interrupted at a delete confirmation: nothing was deleted."""

    message_key = "case_flow.delete_interrupted"


def _ask_contact(lang: Lang) -> dict[str, Any]:
    from walletaid.flows.common import require_terminal
    from walletaid.forms.case import log_questions
    from walletaid.wizard.prompt import WizardInterrupted, ask

    require_terminal("case log ID", "", lang)
    try:
        return ask(log_questions(), lang)
    except WizardInterrupted:
        raise NothingLogged() from None


def run_log(*, lang: Lang, fmt: Format, case_id: str, **flags: str | None) -> int:
    """Record one contact: from the flags, or by asking when none is given."""
    from walletaid.store import cases
    from walletaid.models.case import (
        CaseLogDocument,
        LogWarning,
        parse_contact_entry,
        promise_is_past,
    )
    from walletaid.engines.followup import advice
    from walletaid.engines.labels import shown_date
    from walletaid.forms.validators import time_reading

    given = {key: value for key, value in flags.items() if value is not None}
    warnings = []
    with _store("not_logged") as conn:
        cases.get_case(conn, case_id)  # an unknown id fails before any question is asked
        raw = given if given else _ask_contact(lang)
        entry_in = parse_contact_entry(raw, lang)
        now = _now()
        read = time_reading(given.get("promised_by"), entry_in.promised_by, lang) if given else None
        if read is not None:  # words such as "明天" were read as a date: say which
            say(t("case_flow.read_as", lang, option="--promised-by", text=for_rich(str(given["promised_by"])),
                  value=read))
        if given and promise_is_past(entry_in.promised_by, now):  # asked, the wizard confirmed it already
            shown = shown_date(entry_in.promised_by)
            warnings.append(LogWarning(field="promised_by", id="promise_in_past",
                                       message=t("case_flow.promise_in_past", lang, date=shown)))
        safe, removed = cases.redact_entry(entry_in)
        _tell_removed(removed, lang)
        entry = cases.add_contact(conn, case_id, safe, now=now)
        shown_doc = _show_document(conn, case_id, lang)
    document = CaseLogDocument(lang=lang, case=shown_doc.case, follow_up=shown_doc.follow_up, logged=entry.id,
                               warnings=warnings)
    for warning in warnings:
        say(f"[yellow]![/] --promised-by: {for_rich(warning.message)}")
    say(t("case_flow.logged", lang, n=entry.id, case_id=document.case.case_id))
    if fmt != "text":
        emit(document, fmt, lang, "case")
    else:
        for line in advice(document.case.case_id, document.follow_up, document.case.status, lang):
            say(line)
    return 0


def _tell_removed(removed: list[Any], lang: Lang) -> None:
    """Say what was masked or removed from the options (field and kind, never the value)."""
    from walletaid.engines.redact import explain
    from walletaid.fieldnames import labelled

    for line in explain(labelled(removed, lang), lang):
        say(f"[yellow]![/] {for_rich(line)}")


def _ask_feedback(lang: Lang) -> dict[str, Any]:
    """The closing questions (rating, what helped); Ctrl-C closes nothing."""
    from walletaid.forms.case import close_questions
    from walletaid.wizard.prompt import WizardInterrupted, ask

    try:
        return ask(close_questions(), lang)
    except WizardInterrupted:
        raise Interrupted() from None


def _feedback(answers: dict[str, Any], lang: Lang) -> Any:
    """The feedback to keep: the rating, and what helped with any secret in it redacted (and said so)."""
    from walletaid.engines.redact import redact_text
    from walletaid.models.case import CaseFeedback

    helped, removed = redact_text(answers["helped"], "helped") if answers.get("helped") else (None, [])
    _tell_removed(removed, lang)
    rating = answers.get("rating")
    return CaseFeedback(rating=int(rating) if rating else None, helped=helped)


def run_close(*, lang: Lang, fmt: Format, case_id: str, rating: int | None = None, helped: str | None = None) -> int:
    """Mark a case closed; in a terminal, first ask how support handled it (unless ``--rating`` / ``--helped`` say)."""
    from walletaid.store import cases
    from walletaid.models.case import CaseActionDocument

    if rating is not None and not 1 <= rating <= 5:
        raise InputError([Problem("--rating", t("case_flow.rating_range", lang))])
    given = {"rating": rating, "helped": helped}
    with _store("not_closed") as conn:
        cases.get_case(conn, case_id)  # an unknown id fails before any question is asked
        if rating is None and helped is None and fmt == "text" and stdin_is_terminal():
            given = _ask_feedback(lang)
        feedback = _feedback(given, lang)
        cases.close_case(conn, case_id, now=_now(), feedback=feedback)
    say(t("case_flow.closed", lang, case_id=case_id.upper()))
    kept = feedback if feedback.rating or feedback.helped else None
    _done(CaseActionDocument(action="close", lang=lang, case_id=case_id.strip().upper(), status="closed",
                             feedback=kept), fmt)
    return 0


def _confirm(question: str, yes: bool, lang: Lang) -> bool:
    """``--yes``, or ask; without a terminal and without ``--yes`` refuse (exit 2)."""
    if yes:
        return True
    if not stdin_is_terminal():
        raise InputError([Problem("--yes", t("case_flow.need_yes", lang))])
    from walletaid.wizard.prompt import yes_no

    try:
        return yes_no(question, lang, default=False)
    except (KeyboardInterrupt, EOFError):
        raise NothingDeleted() from None


def run_delete(*, lang: Lang, fmt: Format, case_id: str, yes: bool) -> int:
    """Delete one case after confirmation (a damaged case too: that is how it is removed)."""
    from walletaid.store import cases
    from walletaid.engines.labels import display_title
    from walletaid.models.case import CaseActionDocument

    with _store("not_deleted") as conn:
        try:
            record = cases.get_case(conn, case_id)
            shown, title = record.case_id, display_title(record, lang)
        except cases.CaseDamaged as damaged:
            shown, title = damaged.case_id, t("case.damaged_title", lang)
        deleted = _confirm(t("case_flow.confirm_delete", lang, case_id=shown, title=title), yes, lang)
        if deleted:
            cases.delete_case(conn, case_id)
    say(t("case_flow.deleted", lang, case_id=for_rich(shown)) if deleted else t("case_flow.kept", lang))
    _done(CaseActionDocument(action="delete", lang=lang, case_id=shown, deleted=int(deleted)), fmt)
    return 0


def run_purge(*, lang: Lang, fmt: Format, yes: bool) -> int:
    """Delete every case after confirmation."""
    from walletaid.store import cases
    from walletaid.models.case import CaseActionDocument

    removed = 0
    with _store("not_deleted") as conn:
        count = cases.count_cases(conn)
        if count == 0:
            say(t("case_flow.none", lang))
        elif not _confirm(t("case_flow.confirm_purge", lang, count=count), yes, lang):
            say(t("case_flow.kept", lang))
        else:
            removed = cases.purge(conn)
            say(t("case_flow.purged", lang, count=removed))
    _done(CaseActionDocument(action="purge", lang=lang, deleted=removed), fmt)
    return 0


def run_export(*, lang: Lang, fmt: Format, case_id: str, out: str, force: bool) -> int:
    """Write the case files again, with the timeline."""
    from walletaid.files.export import export_case
    from walletaid.models.case import CaseActionDocument

    folder = check_out_dir(out, lang)
    with _store(readonly=True) as conn:
        document = _show_document(conn, case_id, lang)
    with writing(folder, lang):
        written = export_case(document, folder, force=force)
    tell_written(written, lang)
    _done(CaseActionDocument(action="export", lang=lang, case_id=document.case.case_id,
                             files=[str(p) for p in written]), fmt)
    return 0


def run_escalate(*, lang: Lang, fmt: Format, case_id: str, out: str | None, force: bool) -> int:
    """The escalation ladder for the case; with ``--out`` also the complaint draft."""
    from walletaid.engines.complaint import complaint_draft
    from walletaid.engines.escalate import plan_escalation
    from walletaid.files.write import write_new_files
    from walletaid.render.case import render_complaint
    from walletaid.store import cases

    folder = check_out_dir(out, lang) if out is not None else None
    with _store(readonly=True) as conn:
        record = cases.get_case(conn, case_id)
    now = _now()
    plan = plan_escalation(record, lang, now=now)
    if folder is not None:
        draft = complaint_draft(record, plan, lang, now=now)
        with writing(folder, lang):
            written = write_new_files({folder / draft.file_name: render_complaint(draft).encode("utf-8")}, force=force)
    emit(plan, fmt, lang, "case")
    if folder is not None:
        tell_written(written, lang)
    return 0
