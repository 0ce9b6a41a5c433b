"""``walletaid diagnose``: answers → redaction → diagnose engine → text / Markdown / JSON (and ``--save``)."""

from __future__ import annotations

from typing import Any

from walletaid.env import current
from walletaid.flows.common import Format, collect_answers, emit, finish_draft, validate_model
from walletaid.i18n import Lang

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
        from walletaid.console import say
        from walletaid.textsafe import for_rich

        from walletaid.fieldnames import labelled

        for line in explain(labelled(found, lang), lang):
            say(f"[yellow]![/] {for_rich(line)}")
    return cleaned


def run(*, lang: Lang, fmt: Format, answers_file: str | None, save: bool, resume: bool | None) -> int:
    """Diagnose the problem described by the answers and print the result."""
    from walletaid.forms.diagnose import diagnose_questions
    from walletaid.models.diagnose import DiagnoseAnswers

    raw = collect_answers("diagnose", diagnose_questions(), lang, answers_file=answers_file, resume=resume,
                          schema="answers-diagnose")
    answers = validate_model(DiagnoseAnswers, redact_answers(raw, lang, FREE_TEXT), lang)

    from walletaid.engines.diagnose import diagnose

    result = diagnose(answers, lang)
    if save:
        _save(result.model_dump(mode="json"), lang)
    emit(result, fmt, lang, "diagnose")
    finish_draft("diagnose", answers_file)
    return 0


def _save(document: dict[str, Any], lang: Lang) -> None:
    from walletaid import store
    from walletaid.console import say
    from walletaid.faults import opened
    from walletaid.i18n import t

    with opened("not_saved") as conn:
        case_id = store.save_case(conn, document, now=current().now())
    say(t("flows.saved_case", lang, case_id=case_id))
