"""The ``walletaid case …`` sub-commands: the local case store, contact log, follow-up and escalation."""

from typing import Optional

import typer

from walletaid.cli_common import FORMAT, LANG, Format, LangOpt, h, run_flow
from walletaid.cli_i18n import LocalizedCommand, LocalizedGroup

case_app = typer.Typer(
    cls=LocalizedGroup,
    help=h("case_app"),
    no_args_is_help=True,
    rich_markup_mode=None,
)

@case_app.callback()
def _case(lang: Optional[LangOpt] = LANG) -> None:
    """The local case store: contact log, follow-up, escalation."""


CASE_ID = typer.Argument(..., metavar="CASE_ID", help=h("case_id"))
YES = typer.Option(False, "--yes", "-y", help=h("case_yes"))


@case_app.command("list", cls=LocalizedCommand, short_help=h("list_short"), help=h("list_help"))
def list_(
    open_only: bool = typer.Option(False, "--open", help=h("list_open")),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
) -> None:
    """Every case: status, age, next promised date; overdue promises highlighted."""
    from walletaid.flows.case import run_list

    run_flow(lang, run_list, fmt=fmt.value, open_only=open_only)


@case_app.command(cls=LocalizedCommand, short_help=h("show_short"), help=h("show_help"))
def show(case_id: str = CASE_ID, fmt: Format = FORMAT, lang: Optional[LangOpt] = LANG) -> None:
    """The case, its contact timeline and what to do next."""
    from walletaid.flows.case import run_show

    run_flow(lang, run_show, fmt=fmt.value, case_id=case_id)


@case_app.command(cls=LocalizedCommand, short_help=h("log_short"), help=h("log_help"))
def log(
    case_id: str = CASE_ID,
    channel: Optional[str] = typer.Option(None, "--channel", help=h("log_channel")),
    agent: Optional[str] = typer.Option(None, "--agent", help=h("log_agent")),
    reference: Optional[str] = typer.Option(None, "--reference", help=h("log_reference")),
    promised_by: Optional[str] = typer.Option(None, "--promised-by", help=h("log_promised_by")),
    outcome: Optional[str] = typer.Option(None, "--outcome", help=h("log_outcome")),
    note: Optional[str] = typer.Option(None, "--note", help=h("log_note")),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
) -> None:
    """Record one contact with support (asks the questions when no option is given)."""
    from walletaid.flows.case import run_log

    run_flow(lang, run_log, fmt=fmt.value, case_id=case_id, channel=channel, agent=agent, reference=reference,
             promised_by=promised_by, outcome=outcome, note=note)


@case_app.command(cls=LocalizedCommand, help=h("close_help"))
def close(
    case_id: str = CASE_ID,
    rating: Optional[int] = typer.Option(None, "--rating", metavar="1-5", help=h("close_rating")),
    helped: Optional[str] = typer.Option(None, "--helped", help=h("close_helped")),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
) -> None:
    """Mark a case as closed (it stays in the store), with feedback on how support handled it."""
    from walletaid.flows.case import run_close

    run_flow(lang, run_close, fmt=fmt.value, case_id=case_id, rating=rating, helped=helped)


@case_app.command(cls=LocalizedCommand, short_help=h("export_short"), help=h("export_help"))
def export(
    case_id: str = CASE_ID,
    out: str = typer.Option(".", "--out", "-o", help=h("export_out")),
    force: bool = typer.Option(False, "--force", help=h("export_force")),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
) -> None:
    """Write the case files again (JSON and Markdown), now with the contact timeline."""
    from walletaid.flows.case import run_export

    run_flow(lang, run_export, fmt=fmt.value, case_id=case_id, out=out, force=force)


@case_app.command(cls=LocalizedCommand, short_help=h("escalate_short"), help=h("escalate_help"))
def escalate(
    case_id: str = CASE_ID,
    out: Optional[str] = typer.Option(None, "--out", "-o", help=h("escalate_out")),
    force: bool = typer.Option(False, "--force", help=h("escalate_force")),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
) -> None:
    """The escalation ladder that fits the case, and a complaint draft with the full timeline."""
    from walletaid.flows.case import run_escalate

    run_flow(lang, run_escalate, fmt=fmt.value, case_id=case_id, out=out, force=force)


@case_app.command(cls=LocalizedCommand, help=h("delete_help"))
def delete(case_id: str = CASE_ID, yes: bool = YES, fmt: Format = FORMAT, lang: Optional[LangOpt] = LANG) -> None:
    """Delete one case and its timeline for good (asks first)."""
    from walletaid.flows.case import run_delete

    run_flow(lang, run_delete, fmt=fmt.value, case_id=case_id, yes=yes)


@case_app.command(cls=LocalizedCommand, help=h("purge_help"))
def purge(yes: bool = YES, fmt: Format = FORMAT, lang: Optional[LangOpt] = LANG) -> None:
    """Delete every case in the store for good (asks first)."""
    from walletaid.flows.case import run_purge

    run_flow(lang, run_purge, fmt=fmt.value, yes=yes)
