"""The command line: options in, the command's flow called, an exit code out.

Kept thin and light on purpose: every flow is imported inside its command, so
``walletaid --help`` loads Typer and one small catalogue of help texts (in the
user's language) and nothing else.  The commands form one table (``commands``,
plus the ``case`` sub-app of ``cli_case.py``): Typer reads a command's options
(it inspects the function's signature) only for the command that runs or whose
help is shown, and the command list of ``walletaid --help`` needs only their
names and short help.
"""

import inspect
from typing import Any, Optional

import typer
import typer.main

from walletaid import __version__
from walletaid.cli_common import ANSWERS, FORMAT, HELP_LANG, LANG, RESUME, Format, LangOpt, h, run_flow
from walletaid.cli_i18n import LocalizedCommand, LocalizedGroup

commands = typer.Typer()
"""The table of commands (their Typer definitions, in the order help lists them); ``app`` builds them one by one."""
SUB_APPS = {"case": ("walletaid.cli_case", "case_app", "case_app")}
"""Sub-apps listed after the commands: name → (module, attribute, help key)."""


class TableGroup(LocalizedGroup):
    """The top group over the table of commands: a command is built into a Click command when it is first asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [_name(info) for info in commands.registered_commands] + list(SUB_APPS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            built = _build(cmd_name)
            if built is None:
                return None
            self.commands[cmd_name] = built
        return self.commands[cmd_name]

    def listed_command(self, ctx: Any, name: str) -> Any:
        """What the command list of ``--help`` shows for ``name``: the command, or a stand-in holding its help texts."""
        return self.commands.get(name) or _listing(name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.list_commands(ctx):  # a typo: Typer's "did you mean" reads every command
            for name in self.list_commands(ctx):
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)


def _name(info: Any) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__)


def _info(name: str) -> Any:
    return next((info for info in commands.registered_commands if _name(info) == name), None)


def _build(name: str) -> Any:
    """The Click command (or group) of ``name`` in the table, as Typer builds it; None when there is no such command."""
    options = {"pretty_exceptions_short": app.pretty_exceptions_short, "rich_markup_mode": app.rich_markup_mode}
    if name in SUB_APPS:
        import importlib

        module, attribute, help_key = SUB_APPS[name]
        sub_app = getattr(importlib.import_module(module), attribute)
        group_info = typer.models.TyperInfo(sub_app, name=name, help=h(help_key))
        return typer.main.get_group_from_info(group_info, suggest_commands=app.suggest_commands, **options)
    info = _info(name)
    return typer.main.get_command_from_info(info, **options) if info is not None else None


def _listing(name: str) -> Any:
    """A command without options, holding the help texts the command list shows (built without inspecting anything)."""
    if name in SUB_APPS:
        return LocalizedGroup(name=name, help=inspect.cleandoc(h(SUB_APPS[name][2])))
    info = _info(name)
    text = inspect.cleandoc(info.help) if info.help is not None else inspect.getdoc(info.callback)
    return (info.cls or LocalizedCommand)(name=name, short_help=info.short_help, help=text, hidden=info.hidden)


app = typer.Typer(
    name="walletaid",
    cls=TableGroup,
    help=h("app"),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


@commands.command(cls=LocalizedCommand, short_help=h("diagnose_short"), help=h("diagnose_help"))
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


@commands.command("prepare-ticket", cls=LocalizedCommand, short_help=h("ticket_short"), help=h("ticket_help"))
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


@commands.command("security-check", cls=LocalizedCommand, short_help=h("security_short"), help=h("security_help"))
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


@commands.command(cls=LocalizedCommand, short_help=h("contacts_short"), help=h("contacts_help"))
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


@commands.command(cls=LocalizedCommand, short_help=h("schema_short"), help=h("schema_help"))
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
