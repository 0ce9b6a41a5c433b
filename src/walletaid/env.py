"""The world a command runs in: its streams, whether they are terminals, the terminal's width, and the clock.

Everything that talks to the user or reads the time asks :func:`current` instead of
``sys`` or ``datetime`` directly, so a test swaps the whole world at once with
:func:`using` and runs a command in-process (httpie's ``Environment`` and
``MockEnvironment``, gh's ``IOStreams``).  Unset fields mean "the real thing, read
when used", so Click's test runner, which swaps ``sys.stdout``, works too.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from types import MappingProxyType
from typing import IO, Any, NamedTuple


def _local_now() -> datetime:
    return datetime.now().astimezone()


class Environment(NamedTuple):
    """Streams, terminal facts and the clock of one run (``None``: taken from ``sys`` when used).

    A named tuple (immutable, ``_replace`` for a changed copy): every command's start-up creates this class,
    and a dataclass costs a millisecond more to create.
    """

    stdin: IO[str] | None = None
    stdout: IO[str] | None = None
    stderr: IO[str] | None = None
    stdin_is_terminal: bool | None = None
    width: int | None = None
    clock: Callable[[], datetime] = _local_now
    prompt_io: Mapping[str, Any] = MappingProxyType({})
    """``input`` / ``output`` for prompt_toolkit, so a test can type into the real prompts in-process."""
    before_prompt: Callable[[], None] | None = None
    """Called as each prompt starts (a test types the keys meant for that prompt)."""

    def out(self) -> IO[str]:
        """Where data goes."""
        return self.stdout or sys.stdout

    def err(self) -> IO[str]:
        """Where messages go."""
        return self.stderr or sys.stderr

    def interactive(self) -> bool:
        """Whether questions can be asked (stdin is a terminal)."""
        if self.stdin_is_terminal is not None:
            return self.stdin_is_terminal
        try:
            return (self.stdin or sys.stdin).isatty()
        except (AttributeError, ValueError):
            return False

    def columns(self) -> int:
        """The terminal's width in cells."""
        return self.width or shutil.get_terminal_size().columns

    def now(self) -> datetime:
        """The current local time, with its offset."""
        return self.clock()


_CURRENT = [Environment()]


def current() -> Environment:
    """The environment commands run in now."""
    return _CURRENT[-1]


@contextmanager
def using(env: Environment | None = None, **changes: Any) -> Iterator[Environment]:
    """Run the block in ``env`` (or the current one with ``changes``), then restore the previous one."""
    chosen = (env or current())._replace(**changes)
    _CURRENT.append(chosen)
    try:
        yield chosen
    finally:
        _CURRENT.pop()
