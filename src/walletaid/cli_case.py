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
