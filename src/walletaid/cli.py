"""The command line: options in, the command's flow called, an exit code out.

Kept thin and light on purpose: every flow is imported inside its command, so
``walletaid --help`` loads Typer and one small catalogue of help texts (in the
user's language) and nothing else.
"""

from typing import Optional

import typer

from walletaid import __version__
from walletaid.cli_case import case_app
from walletaid.cli_common import ANSWERS, FORMAT, HELP_LANG, LANG, RESUME, Format, LangOpt, h, run_flow
from walletaid.cli_i18n import LocalizedCommand, LocalizedGroup

app = typer.Typer(
    name="walletaid",
    cls=LocalizedGroup,
    help=h("app"),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(case_app, name="case", help=h("case_app"))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"walletaid {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help=h("version")),
    lang: Optional[LangOpt] = LANG,
) -> None:
    """walletaid: calm, step-by-step help when a digital wallet goes wrong."""


@app.command(cls=LocalizedCommand, short_help=h("diagnose_short"), help=h("diagnose_help"))
def diagnose(
    answers: Optional[str] = ANSWERS,
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
    save: bool = typer.Option(False, "--save", help=h("diagnose_save")),
    resume: Optional[bool] = RESUME,
) -> None:
    """Likely causes, safe steps and the official channel for a wallet problem."""
    from walletaid.flows.diagnose import run

    run_flow(lang, run, fmt=fmt.value, answers_file=answers, save=save, resume=resume)


@app.command("prepare-ticket", cls=LocalizedCommand, short_help=h("ticket_short"), help=h("ticket_help"))
def prepare_ticket(
    answers: Optional[str] = ANSWERS,
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
    out: str = typer.Option(".", "--out", "-o", help=h("ticket_out")),
    force: bool = typer.Option(False, "--force", help=h("ticket_force")),
    bundle: bool = typer.Option(False, "--bundle", help=h("ticket_bundle")),
    save: bool = typer.Option(True, "--save/--no-save", help=h("ticket_save")),
    resume: Optional[bool] = RESUME,
) -> None:
    """A validated, privacy-safe case file for support."""
    from walletaid.flows.ticket import run

    run_flow(lang, run, fmt=fmt.value, answers_file=answers, out=out, force=force, bundle=bundle, save=save,
             resume=resume)


@app.command("security-check", cls=LocalizedCommand, short_help=h("security_short"), help=h("security_help"))
def security_check(
    answers: Optional[str] = ANSWERS,
    message: Optional[str] = typer.Option(None, "--message", "-m", help=h("security_message")),
    message_file: Optional[str] = typer.Option(None, "--message-file", help=h("security_message_file")),
    batch: Optional[str] = typer.Option(None, "--batch", help=h("security_batch")),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
    resume: Optional[bool] = RESUME,
) -> None:
    """The habits check-up, or the scam check of one message or many."""
    from walletaid.flows.security import run

    run_flow(lang, run, fmt=fmt.value, answers_file=answers, message=message, message_file=message_file,
             batch=batch, resume=resume)


def _provider_ids(incomplete: str) -> list[str]:
    """Shell completion of provider ids (loads the directory only when completing)."""
    from walletaid.engines.contacts import provider_ids

    return [pid for pid in provider_ids() if pid.startswith(incomplete)]


@app.command(cls=LocalizedCommand, short_help=h("contacts_short"), help=h("contacts_help"))
def contacts(
    provider: Optional[str] = typer.Argument(None, metavar="PROVIDER", help=h("contacts_provider"),
                                             autocompletion=_provider_ids),
    verify: Optional[str] = typer.Option(None, "--verify", help=h("contacts_verify")),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
) -> None:
    """The official directory, one provider, or a verification."""
    from walletaid.flows.contacts import run

    run_flow(lang, run, fmt=fmt.value, provider=provider, verify=verify)


@app.command(cls=LocalizedCommand, short_help=h("schema_short"), help=h("schema_help"))
def schema(
    name: str = typer.Argument(..., metavar="NAME", help=h("schema_name")),
    fmt: Format = typer.Option(Format.json, "--format", "-f", help=h("schema_format")),
    lang: Optional[LangOpt] = LANG,
) -> None:
    """The JSON Schema of an answers file or of the case document."""
    from walletaid.flows.schema import run

    run_flow(lang, run, fmt=fmt.value, name=name)


def main() -> None:
    """Console entry point: run the app; Ctrl-C anywhere ends with exit 130, SIGTERM/SIGHUP after clean-up."""
    from walletaid import signals

    signals.install()
    try:
        app(prog_name="walletaid")
    except KeyboardInterrupt:  # outside a command's own handling (e.g. while Typer parses options)
        import sys

        from walletaid.i18n import t

        sys.stderr.write(t("common.interrupted", HELP_LANG) + "\n")
        raise SystemExit(130) from None
    except signals.Terminated as stop:  # temporary files were removed while the stack unwound
        signals.end(stop)
