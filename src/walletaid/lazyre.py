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


# What a compiled pattern offers; copied onto the stand-in at first use, so later calls cost
# no more than on a real pattern (hot loops call .search hundreds of thousands of times).
_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
              "pattern", "flags", "groups", "groupindex")


class _LazyPattern:
    """Stands for ``re.compile(pattern, flags)``; every attribute comes from the compiled pattern."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attr in _FORWARDED:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"compile_lazily({self._source!r}, {self._flags!r})"


def compile_lazily(pattern: str, flags: int | re.RegexFlag = 0) -> "re.Pattern[str]":
    """A pattern that compiles on first use; to its callers it is a ``re.Pattern``."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))
