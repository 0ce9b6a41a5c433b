"""Options and the flow runner shared by every command of the CLI (``cli.py``, ``cli_case.py``)."""

from __future__ import annotations

import os
from enum import Enum
from typing import Any, Callable, Optional

import typer


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class LangOpt(str, Enum):
    zh = "zh"
    en = "en"


FORMAT = typer.Option(Format.text, "--format", "-f", help="Output: text (terminal), json or markdown.")
LANG = typer.Option(None, "--lang", help="Language: zh or en (default: WALLETAID_LANG, then LANG/LC_ALL).")
ANSWERS = typer.Option(None, "--answers", "-a", help="Replay answers from a YAML/JSON file ('-' = stdin) instead of asking.")
RESUME = typer.Option(None, "--resume/--fresh", help="Continue an interrupted run's answers, or start afresh (default: ask).")


def run_flow(lang_opt: Optional[LangOpt], flow: Callable[..., int], **kwargs: Any) -> None:
    """Call a flow and turn its outcome into an exit code and, on failure, one calm message."""
    from walletaid.errors import InputError, Interrupted, WalletaidError
    from walletaid.i18n import resolve_lang, t

    lang = resolve_lang(lang_opt.value if lang_opt else None)
    try:
        code = flow(lang=lang, **kwargs)
    except InputError as error:
        from walletaid.console import print_input_error

        print_input_error(error, lang)
        raise typer.Exit(error.exit_code) from None
    except (Interrupted, KeyboardInterrupt) as stop:
        from walletaid.console import say
        from walletaid.flows.common import DraftKept

        say(t("common.interrupted_draft" if isinstance(stop, DraftKept) else "common.interrupted", lang))
        raise typer.Exit(130) from None
    except WalletaidError as error:
        from walletaid.console import say
        from walletaid.textsafe import for_rich

        text = error.message(lang) if hasattr(error, "message") else str(error)
        say(f"[bold red]{t('common.error_prefix', lang)}:[/] {for_rich(text)}")
        raise typer.Exit(error.exit_code) from None
    except Exception as error:  # a bug: one calm line, the details only on request
        if os.environ.get("WALLETAID_DEBUG"):
            raise
        from walletaid.console import say

        say(t("common.internal_error", lang, kind=type(error).__name__))
        raise typer.Exit(1) from None
    raise typer.Exit(code)
