"""Module-level regular expressions that are compiled the first time they are used.

Python compiles a regex in Python code; a module full of them costs whole
milliseconds at import even when a run never needs them (a Chinese answer with no
digits never reaches the card-number or code patterns).  :func:`compile_lazily`
returns an object that behaves as the compiled pattern and compiles it on first
use, so every command pays only for the patterns its input needs.
"""

import re
from typing import Any, cast

__all__ = ["compile_lazily"]


class _LazyPattern:
    """Stands for ``re.compile(pattern, flags)``; every attribute comes from the compiled pattern."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return getattr(self._compiled, name)

    def __repr__(self) -> str:
        return f"compile_lazily({self._source!r}, {self._flags!r})"


def compile_lazily(pattern: str, flags: int | re.RegexFlag = 0) -> "re.Pattern[str]":
    """A pattern that compiles on first use; to its callers it is a ``re.Pattern``."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))
