"""Typing into walletaid's real prompts in this process: keys in through a pipe, the screen out as text.

The prompts are the real questionary / prompt_toolkit ones; only their input and output are swapped
(``walletaid.env``): keys go in through prompt_toolkit's pipe input (key presses left over by one prompt
reach the next, as typed-ahead keys do in a terminal), and what they draw goes to a VT100 stream of a
chosen width, turned into plain text.  A handful of pexpect tests (``test_pty_*``) still drive the real
terminal end to end.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

DOWN = "\x1b[B"
UP = "\x1b[A"
LEFT = "\x1b[D"
ENTER = "\r"
SPACE = " "
CTRL_B = "\x02"
CTRL_C = "\x03"
CTRL_D = "\x04"
OUT_OF_KEYS = CTRL_C
"""What a prompt gets once the test's keys are used up: Ctrl-C, so a test that types too few keys fails, never hangs."""
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>]|\x1b\[\?[0-9;]*[hl]")


@dataclass
class Screen:
    """What a run showed: exit code, the prompts' drawing (plain text), stdout and stderr."""

    code: int
    prompts: str
    out: str
    err: str

    @property
    def all(self) -> str:
        return self.prompts + self.out + self.err


def type_into(args: list[str], keys: str | list[str], home: Path, *, lang: str = "en", columns: int = 120,
              stdin: str = "") -> Screen:
    """Run ``walletaid ARGS`` as if in a terminal of ``columns`` cells, typing ``keys`` into its prompts.

    ``keys`` as one string are typed ahead at once (the prompts show only their answers); as a list, each
    item is typed when the next prompt has started, so every prompt is drawn before it is answered.
    ``stdin`` is what is read line by line outside the prompts (a message pasted into ``security-check``).
    """
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output
    from typer.testing import CliRunner

    from walletaid.cli import app
    from walletaid.env import using

    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=40, columns=columns), term="xterm", enable_cpr=False)
    settings = {"WALLETAID_HOME": str(home), "WALLETAID_LANG": lang, "LANG": "C.UTF-8", "COLUMNS": str(columns)}
    cleared = {k: None for k in os.environ if k.startswith(("LC_", "WALLETAID_"))}
    chunks = [keys] if isinstance(keys, str) else list(keys)
    with create_pipe_input() as pipe, using(stdin_is_terminal=True, width=columns,
                                            prompt_io={"input": pipe, "output": output},
                                            before_prompt=lambda: pipe.send_text(chunks.pop(0) if chunks else OUT_OF_KEYS)):
        if isinstance(keys, str):
            pipe.send_text(chunks.pop())
        done = CliRunner(env={**cleared, **settings}).invoke(app, args, input=stdin, catch_exceptions=False,
                                                             prog_name="walletaid")
    return Screen(done.exit_code, _ANSI.sub("", drawn.getvalue()), done.stdout, done.stderr)
