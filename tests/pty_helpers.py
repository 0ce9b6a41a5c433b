"""Driving walletaid in a real pseudo-terminal (pexpect), the way a person types into it.

Modelled on copier's ``tests/helpers.py``: key sequences as constants, a
spawn helper with a private data folder, and ``expect`` on visible text.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"
CTRL_D = "\x04"
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>]")


def spawn(args: list[str], home: Path, lang: str = "en", columns: int = 120, rows: int = 40,
          timeout: float = 20, extra_env: dict[str, str] | None = None) -> pexpect.spawn:
    """Start ``python -m walletaid ARGS`` in a pty with its own data folder and language."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "WALLETAID_"))}
    env.update({"WALLETAID_HOME": str(home), "WALLETAID_LANG": lang, "TERM": "xterm-256color",
                "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8", "COLUMNS": str(columns), "LINES": str(rows),
                "PROMPT_TOOLKIT_NO_CPR": "1"})  # pexpect does not answer cursor-position requests
    env.update(extra_env or {})
    child = pexpect.spawn(sys.executable, ["-m", "walletaid", *args], env=env, encoding="utf-8",
                          timeout=timeout, dimensions=(rows, columns), codec_errors="replace")
    return child


def select(child: pexpect.spawn, prompt: str, downs: int) -> None:
    """Wait for a select prompt, move down ``downs`` times and press Enter."""
    child.expect_exact(prompt)
    for _ in range(downs):
        child.send(DOWN)
    child.send(ENTER)


def answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    """Wait for a text prompt and type ``text`` then Enter."""
    child.expect_exact(prompt)
    child.send(text + ENTER)


def finish(child: pexpect.spawn) -> tuple[int, str]:
    """Wait for the end; returns (exit status, everything printed after the last expect, without colours)."""
    child.expect(pexpect.EOF)
    child.close()
    status = child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)
    return status, ANSI.sub("", child.before or "")
