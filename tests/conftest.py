"""Shared fixtures: a private data folder per test, and running the CLI in-process as a command line would."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Result:
    """What a CLI run produced."""

    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own WALLETAID_HOME, so no test touches the real data folder."""
    folder = tmp_path / "walletaid-home"
    monkeypatch.setenv("WALLETAID_HOME", str(folder))
    monkeypatch.delenv("WALLETAID_LANG", raising=False)
    return folder


@pytest.fixture
def cli(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run ``walletaid ARGS`` in this process, without a terminal; returns a :class:`Result`.

    The environment is a command line's: no LC_* or WALLETAID_* of the test runner, LANG=C.UTF-8,
    COLUMNS=100, the test's own data folder and working folder.  In-process, a run costs milliseconds
    instead of a Python start-up; the few tests about real processes (signals, pipes) start their own.
    """
    from typer.testing import CliRunner

    from walletaid.cli import app

    def run(*args: str, stdin: str | None = None, lang: str = "en", cwd: Path | None = None,
            env: dict[str, str] | None = None) -> Result:
        for key in list(os.environ):
            if key.startswith(("LC_", "WALLETAID_")):
                monkeypatch.delenv(key)
        settings = {"WALLETAID_HOME": str(home), "WALLETAID_LANG": lang, "LANG": "C.UTF-8", "COLUMNS": "100", **(env or {})}
        monkeypatch.chdir(cwd or tmp_path)
        done = CliRunner(env=settings).invoke(app, list(args), input=stdin if stdin is not None else "",
                                              catch_exceptions=False, prog_name="walletaid")
        return Result(done.exit_code, done.stdout, done.stderr)

    return run
