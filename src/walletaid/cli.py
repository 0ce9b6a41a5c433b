"""The command line: options in, the command's flow called, an exit code out.

Kept thin and light on purpose: every flow is imported inside its command, so
``walletaid --help`` loads Typer and nothing else.
"""

from __future__ import annotations

from typing import Optional

import typer

from walletaid import __version__
from walletaid.cli_case import case_app
from walletaid.cli_common import ANSWERS, FORMAT, LANG, RESUME, Format, LangOpt, run_flow as _run

app = typer.Typer(
    name="walletaid",
    help="Calm, step-by-step help when a digital wallet payment fails, money does not arrive, an account is "
    "locked, or somebody 'from customer service' calls. Never asks for passwords, codes or recovery phrases.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(case_app, name="case")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"walletaid {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """walletaid: calm, step-by-step help when a digital wallet goes wrong."""


@app.command()
def diagnose(
    answers: Optional[str] = ANSWERS,
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
    save: bool = typer.Option(False, "--save", help="Also keep the result as a case in the local case store."),
    resume: Optional[bool] = RESUME,
) -> None:
    """Ask what happened, then show the likely causes, safe self-help steps and the official channel.

    \b
    Examples:
      walletaid diagnose
      walletaid diagnose --lang zh
      walletaid diagnose --answers problem.yaml --format json
    """
    from walletaid.flows.diagnose import run

    _run(lang, run, fmt=fmt.value, answers_file=answers, save=save, resume=resume)


@app.command("prepare-ticket")
def prepare_ticket(
    answers: Optional[str] = ANSWERS,
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
    out: str = typer.Option(".", "--out", "-o", help="Folder for the case files (<case id>.json and .md)."),
    force: bool = typer.Option(False, "--force", help="Overwrite case files that already exist."),
    bundle: bool = typer.Option(False, "--bundle", help="Also write a zip with the case files and copies of the evidence."),
    save: bool = typer.Option(True, "--save/--no-save", help="Keep the case in the local case store (default: yes)."),
    resume: Optional[bool] = RESUME,
) -> None:
    """Gather everything support will ask for and export a privacy-safe case file.

    \b
    Examples:
      walletaid prepare-ticket
      walletaid prepare-ticket --out ~/cases --bundle
      walletaid prepare-ticket --answers case.yaml --format json
    """
    from walletaid.flows.ticket import run

    _run(lang, run, fmt=fmt.value, answers_file=answers, out=out, force=force, bundle=bundle, save=save, resume=resume)


@app.command("security-check")
def security_check(
    answers: Optional[str] = ANSWERS,
    message: Optional[str] = typer.Option(None, "--message", "-m", help="Check this received message for scam signals."),
    message_file: Optional[str] = typer.Option(None, "--message-file", help="Check the message in this file ('-' = stdin)."),
    batch: Optional[str] = typer.Option(None, "--batch", help="Check many messages: JSON Lines with \"text\" (and \"id\"); '-' = stdin."),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
    resume: Optional[bool] = RESUME,
) -> None:
    """A habits check-up with a score and fixes, or a scam check of a message, number or link.

    \b
    Examples:
      walletaid security-check
      walletaid security-check --message "您的账户涉嫌洗钱,请转入安全账户"
      pbpaste | walletaid security-check --message-file -
      walletaid security-check --batch chats.jsonl --format json
    """
    from walletaid.flows.security import run

    _run(lang, run, fmt=fmt.value, answers_file=answers, message=message, message_file=message_file,
         batch=batch, resume=resume)


@app.command()
def contacts(
    provider: Optional[str] = typer.Argument(None, help="Provider id, e.g. icbc, ecny, 12363 (see the table)."),
    verify: Optional[str] = typer.Option(None, "--verify", help="Is this phone number, domain or link an official one?"),
    fmt: Format = FORMAT,
    lang: Optional[LangOpt] = LANG,
) -> None:
    """Official support channels, and a check whether a number or link is official.

    \b
    Examples:
      walletaid contacts
      walletaid contacts icbc
      walletaid contacts --verify 95588
      walletaid contacts --verify https://icbc-refund.top/login
    """
    from walletaid.flows.contacts import run

    _run(lang, run, fmt=fmt.value, provider=provider, verify=verify)


@app.command()
def schema(
    name: str = typer.Argument(..., help="answers-diagnose, answers-ticket, answers-security or case."),
    lang: Optional[LangOpt] = LANG,
) -> None:
    """Print the JSON Schema of an answers file or of the case file.

    \b
    Examples:
      walletaid schema answers-diagnose
      walletaid schema case > case.schema.json
    """
    from walletaid.flows.schema import run

    _run(lang, run, name=name)


def main() -> None:
    """Console entry point: run the app; Ctrl-C anywhere ends with exit 130."""
    try:
        app(prog_name="walletaid")
    except KeyboardInterrupt:
        import sys

        sys.stderr.write("Stopped.\n")
        raise SystemExit(130) from None
