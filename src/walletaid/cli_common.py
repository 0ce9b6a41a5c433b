"""Options and the flow runner shared by every command of the CLI (``cli.py``, ``cli_case.py``)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Any, Callable, NoReturn, Optional

import typer

from walletaid.cli_i18n import lang_of
from walletaid.i18n import t

HELP_LANG = lang_of(sys.argv)
"""The language of the help texts as defined (each run says them again in its own: ``cli_i18n``)."""

def h(key: str) -> str:
    """A help text of the CLI in the user's language (``messages/cli.json``)."""
    return t(f"cli.{key}", HELP_LANG)


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class LangOpt(str, Enum):
    zh = "zh"
    en = "en"


FORMAT = typer.Option(Format.text, "--format", "-f", help=h("opt_format"))
LANG = typer.Option(None, "--lang", help=h("opt_lang"))
ANSWERS = typer.Option(None, "--answers", "-a", help=h("opt_answers"))
RESUME = typer.Option(None, "--resume/--fresh", help=h("opt_resume"))


def run_flow(lang_opt: Optional[LangOpt], flow: Callable[..., int], **kwargs: Any) -> None:
    """Call a flow and turn its outcome into an exit code and, on failure, one calm message."""
    from walletaid.cli_i18n import run_lang
    from walletaid.errors import InputError, Interrupted

    lang = lang_opt.value if lang_opt else run_lang()  # ``--lang`` before the command (walletaid --lang zh …) too
    try:
        code = flow(lang=lang, **kwargs)
        from walletaid.render.console import flush_out

        flush_out()
    except BrokenPipeError:  # the reader of stdout went away (| head): end quietly, as a finished command
        from walletaid.render.console import stdout_closed

        stdout_closed()
        raise typer.Exit(0) from None
    except InputError as error:
        from walletaid.render.console import print_input_error

        print_input_error(error, lang)
        raise typer.Exit(error.exit_code) from None
    except (Interrupted, KeyboardInterrupt) as stop:
        from walletaid.render.console import say

        say(t(getattr(stop, "message_key", Interrupted.message_key), lang))
        raise typer.Exit(130) from None
    except Exception as error:
        _unexpected_or_stopped(error, lang)
    raise typer.Exit(code)


def _unexpected_or_stopped(error: Exception, lang: str) -> NoReturn:
    """An error that ends a flow: the signal it hid, or one calm message and its exit code."""
    from walletaid import signals
    from walletaid.errors import WalletaidError

    stop = signals.behind(error)
    if stop is not None:  # raised while cleaning up after SIGTERM/SIGHUP: end by that signal (cli.main)
        raise stop from None
    if isinstance(error, WalletaidError):
        from walletaid.render.console import say
        from walletaid.textsafe import for_rich

        text = error.message(lang) if hasattr(error, "message") else str(error)
        say(f"[bold red]{t('common.error_prefix', lang)}:[/] {for_rich(text)}")
        raise typer.Exit(error.exit_code) from None
    if os.environ.get("WALLETAID_DEBUG"):  # a bug: one calm line, the details only on request
        raise error
    from walletaid.render.console import say

    say(t("common.internal_error", lang, kind=type(error).__name__))
    raise typer.Exit(1) from None
