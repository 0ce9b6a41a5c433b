"""Running the Typer app in this process (no start-up cost): the exit code, stdout and stderr of one command."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Result:
    """What a run produced."""

    code: int
    out: str
    err: str


def run_app(*args: str, stdin: str | bytes | None = None) -> Result:
    """``walletaid ARGS`` in-process, without a terminal; never raises (a crash shows as exit 1 and a message)."""
    from typer.testing import CliRunner

    from walletaid.cli import app

    done = CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)
    return Result(done.exit_code, done.stdout, done.stderr)
