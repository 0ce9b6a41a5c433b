"""Shared fixtures: a private data folder per test, and running the real CLI as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
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
def cli(home: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run ``python -m walletaid ARGS`` in a subprocess without a terminal; returns a :class:`Result`."""

    def run(*args: str, stdin: str | None = None, lang: str = "en", cwd: Path | None = None,
            env: dict[str, str] | None = None) -> Result:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "WALLETAID_"))}
        full_env.update({"WALLETAID_HOME": str(home), "WALLETAID_LANG": lang, "PYTHONIOENCODING": "utf-8",
                         "LANG": "C.UTF-8", "COLUMNS": "100"})
        full_env.update(env or {})
        done = subprocess.run(
            [sys.executable, "-m", "walletaid", *args], input=stdin if stdin is not None else "",
            capture_output=True, text=True, encoding="utf-8", env=full_env, cwd=cwd or tmp_path, timeout=60,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run
