"""Where output goes: data on stdout, messages on stderr, JSON as exactly one document.

Rich already honours ``NO_COLOR`` and drops colour and cursor codes when the
stream is not a terminal; the consoles here add a readable minimum width and
never emit hyperlinks or markup from user text (renderers escape it).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from walletaid.errors import InputError
    from walletaid.i18n import Lang


def make_console(*, stderr: bool = False) -> Console:
    """A Rich console on stdout (or stderr) that adapts to the terminal and to pipes."""
    from rich.console import Console

    from walletaid.env import current

    env = current()
    stream = env.err() if stderr else env.out()
    console = Console(file=stream, stderr=stderr, highlight=False, emoji=False, soft_wrap=False, width=env.width)
    if not console.is_terminal:
        if env.width is None and not os.environ.get("COLUMNS", "").isdigit():
            console.width = 100  # piped: wide enough to keep tables whole, unless COLUMNS says otherwise
        console.file = Unpadded(stream)  # Rich pads tables and panels to the width: a file gets no trailing blanks
    console.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]  # Rich would exit 1; run_flow decides
    return console


_TRAILING_BLANKS = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$")


class Unpadded:
    """A stream that drops the blanks at the end of every line written through it (for output that is
    not a terminal: a file or a pipe gets ``text``, never ``text`` followed by spaces up to the width).

    Lines are passed on as they end; a line not ended yet waits for its end or for :meth:`flush`.
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        data = self._pending + text
        head, newline, self._pending = data.rpartition("\n")
        if newline:
            self.stream.write("\n".join(_TRAILING_BLANKS.sub(r"\1", line) for line in head.split("\n")) + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.stream.write(self._pending)
            self._pending = ""
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding … of the stream itself
        return getattr(self.stream, name)


def _out() -> Any:
    from walletaid.env import current

    return current().out()


def _broken_pipe() -> None:
    raise BrokenPipeError()


@contextmanager
def _writing_out() -> Iterator[None]:
    """Writes to stdout: a closed pipe stays a ``BrokenPipeError`` (a quiet end); any other failure
    (``> /dev/full``) becomes :class:`walletaid.faults.OutputFailed`, one clear message."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        _output_failed(exc)


def _output_failed(exc: OSError) -> NoReturn:
    from walletaid.faults import OutputFailed

    raise OutputFailed(exc) from None


def print_renderable(renderable: RenderableType) -> None:
    """Show a rendered result on stdout."""
    with _writing_out():
        make_console().print(renderable)
        _out().flush()


def print_markdown(text: str) -> None:
    """Write Markdown text to stdout as it is (it is meant to be saved or pasted)."""
    with _writing_out():
        _out().write(text if text.endswith("\n") else text + "\n")
        _out().flush()


_streamed = [0]
FLUSH_EVERY = 256
"""Streamed lines are flushed in groups: a reader sees them soon, and a closed pipe is noticed within a group."""


class LineWriter:
    """Writes the lines of a stream (``--batch --format json``) to the stdout of the run, found once.

    A batch writes one line a message, so the stream is not looked up again for each; :func:`flush_out` ends
    the stream.  Failures are told apart with a plain ``try`` (``BrokenPipeError`` stays
    itself, any other ``OSError`` becomes :class:`walletaid.faults.OutputFailed`).
    """

    def __init__(self) -> None:
        self.out = _out()

    def __call__(self, line: str) -> None:
        try:
            self.out.write(line + "\n")
            _streamed[0] += 1
            if _streamed[0] % FLUSH_EVERY == 0:
                self.out.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:  # a plain ``try``: entering ``_writing_out`` for each line cost more
            _output_failed(exc)


def print_json(document: Any) -> None:
    """Write exactly one JSON document to stdout (a Pydantic model or plain data)."""
    if hasattr(document, "model_dump"):
        document = document.model_dump(mode="json")
    with _writing_out():
        _out().write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        _out().flush()


def flush_out() -> None:
    """Flush stdout at the end of a command, so a failure shows here and not as noise at exit."""
    with _writing_out():
        _out().flush()


def stdout_closed() -> None:
    """The reader of stdout went away (``| head``): what is left goes to /dev/null, so the exit is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, _out().fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (tests capture stdout)
        pass


def say(message: str, *, style: str | None = None) -> None:
    """A message for the person (stderr), already escaped by the caller if it holds user text."""
    console = make_console(stderr=True)
    # In a terminal Rich wraps at word boundaries; piped, a message stays one line (commands stay copyable).
    console.print(message, style=style, soft_wrap=not console.is_terminal)


def print_input_error(error: InputError, lang: Lang) -> None:
    """List every problem of an invalid input on stderr, the field first (no traceback)."""
    from rich.padding import Padding
    from rich.text import Text

    from walletaid.i18n import t
    from walletaid.render.layout import listing, prose
    from walletaid.textsafe import clean, for_rich

    console = make_console(stderr=True)
    if error.problems:
        header = "common.invalid_input" if error.nothing_written else "common.invalid_usage"
        console.print(f"[bold red]{t(header, lang, count=len(error.problems))}[/]")
        # the field stays whole and its message folds under itself (a hanging indent) on narrow screens;
        # a field can be a key typed in an answers file, so it is cleaned like the message
        for problem in error.problems:
            field = Text(clean(f"{problem.field}:", keep_newlines=False), style="bold")
            if field.cell_len <= console.width // 3:
                console.print(listing([(field, prose(problem.message))], indent=2))
                continue
            # a long field (``--answers /a/long/path``) would leave no room: it folds on its own line, the
            # message below it, so neither is cut
            field.overflow = "fold"
            console.print(Padding(field, (0, 0, 0, 2)))
            console.print(Padding(prose(problem.message), (0, 0, 0, 4)))
    if error.hint:
        console.print(for_rich(error.hint))
