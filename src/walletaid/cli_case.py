"""The ``walletaid case …`` sub-commands: the local case store, contact log, follow-up and escalation."""

from __future__ import annotations

from typing import Optional

import typer

from walletaid.cli_common import FORMAT, LANG, Format, LangOpt, run_flow

case_app = typer.Typer(
    help="The local case store: contact log, follow-up, escalation.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

CASE_ID = typer.Argument(..., help="The case id, e.g. WA-20261125-7KQ3 (see: walletaid case list).")
YES = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation.")


@case_app.command("list")
def list_(
    open_only: bool = typer.Option(False, "--open", help="Only cases that are still open."),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
) -> None:
    """Every case: status, age, next promised date; overdue promises highlighted.

    \b
    Example:
      walletaid case list --open
    """
    from walletaid.flows.case import run_list

    run_flow(lang, run_list, fmt=fmt.value, open_only=open_only)


@case_app.command()
def show(case_id: str = CASE_ID, fmt: Format = FORMAT, lang: Optional[LangOpt] = LANG) -> None:
    """The case, its contact timeline and what to do next.

    \b
    Example:
      walletaid case show WA-20261125-7KQ3 --format json
    """
    from walletaid.flows.case import run_show

    run_flow(lang, run_show, fmt=fmt.value, case_id=case_id)


@case_app.command()
def log(
    case_id: str = CASE_ID,
    channel: Optional[str] = typer.Option(None, "--channel", help="hotline, app_chat, email, branch, social or other."),
    agent: Optional[str] = typer.Option(None, "--agent", help="The agent's name or staff number."),
    reference: Optional[str] = typer.Option(None, "--reference", help="The ticket or complaint reference number."),
    promised_by: Optional[str] = typer.Option(None, "--promised-by", help="When they promised an answer (YYYY-MM-DD [HH:MM])."),
    outcome: Optional[str] = typer.Option(None, "--outcome", help="resolved, pending or unresolved."),
    note: Optional[str] = typer.Option(None, "--note", help="What was said or promised (no passwords or codes)."),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
) -> None:
    """Record one contact with support (asks the questions when no option is given).

    \b
    Examples:
      walletaid case log WA-20261125-7KQ3
      walletaid case log WA-20261125-7KQ3 --channel hotline --agent 0421 \\
          --reference TS123 --promised-by 2026-11-28 --outcome pending
    """
    from walletaid.flows.case import run_log

    run_flow(lang, run_log, fmt=fmt.value, case_id=case_id, channel=channel, agent=agent, reference=reference,
             promised_by=promised_by, outcome=outcome, note=note)


@case_app.command()
def close(case_id: str = CASE_ID, lang: Optional[LangOpt] = LANG) -> None:
    """Mark a case as closed (it stays in the store)."""
    from walletaid.flows.case import run_close

    run_flow(lang, run_close, case_id=case_id)


@case_app.command()
def export(
    case_id: str = CASE_ID,
    out: str = typer.Option(".", "--out", "-o", help="Folder to write the case files to."),
    force: bool = typer.Option(False, "--force", help="Overwrite files that already exist."),
    lang: Optional[LangOpt] = LANG,
) -> None:
    """Write the case files again (JSON and Markdown), now with the contact timeline."""
    from walletaid.flows.case import run_export

    run_flow(lang, run_export, case_id=case_id, out=out, force=force)


@case_app.command()
def escalate(
    case_id: str = CASE_ID,
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Also write the complaint draft (Markdown) to this folder."),
    force: bool = typer.Option(False, "--force", help="Overwrite a draft that already exists."),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
) -> None:
    """The escalation ladder that fits the case, and a complaint draft with the full timeline.

    \b
    Example:
      walletaid case escalate WA-20261125-7KQ3 --out .
    """
    from walletaid.flows.case import run_escalate

    run_flow(lang, run_escalate, fmt=fmt.value, case_id=case_id, out=out, force=force)


@case_app.command()
def delete(case_id: str = CASE_ID, yes: bool = YES, lang: Optional[LangOpt] = LANG) -> None:
    """Delete one case and its timeline for good (asks first)."""
    from walletaid.flows.case import run_delete

    run_flow(lang, run_delete, case_id=case_id, yes=yes)


@case_app.command()
def purge(yes: bool = YES, lang: Optional[LangOpt] = LANG) -> None:
    """Delete every case in the store for good (asks first)."""
    from walletaid.flows.case import run_purge

    run_flow(lang, run_purge, yes=yes)
