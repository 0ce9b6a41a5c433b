"""Literal prefilters for regex patterns kept as data: skip a pattern without compiling it.

Compiling a couple of hundred regexes costs more than everything else a
non-interactive run does, yet a short answer can only match the few patterns
whose fixed words it contains.  :func:`required_literals` reads a regex
(offline, with Python's own regex parser) and returns strings of which every
match must contain at least one; the knowledge base stores them as each
pattern's ``hint`` (``scripts/pattern_hints.py`` writes them, a test checks
they are current), and :func:`may_match` tests them with plain ``in``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

_MAX_CLASS = 8  # a character class with more members than this is not a useful filter


def may_match(hint: Sequence[str] | None, text: str) -> bool:
    """False only when ``text`` holds none of the hint's strings, so the regex cannot match."""
    return hint is None or any(h in text for h in hint)


def required_literals(regex: str) -> list[str] | None:
    """Strings of which any match of ``regex`` contains at least one; None when no such set is known."""
    from re import _parser  # type: ignore[attr-defined]

    import re

    parsed = _parser.parse(regex)
    if parsed.state.flags & re.IGNORECASE:
        return None  # case-insensitive: a literal test with ``in`` would be wrong
    found = _sequence(parsed.data)
    return sorted(found) if found else None


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two candidate sets: longer shortest string, then fewer strings."""
    if not a:
        return b
    if not b:
        return a
    key_a, key_b = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return b if key_b > key_a else a


def _sequence(items: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
    from re import _constants as c  # type: ignore[attr-defined]

    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best, run = _better(best, frozenset(["".join(run)])), []
        best = _better(best, _item(op, av))
    return _better(best, frozenset(["".join(run)])) if run else best


def _item(op: Any, av: Any) -> frozenset[str] | None:
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags else _sequence(sub.data)
    if op is c.ATOMIC_GROUP:
        return _sequence(av.data)
    if op is c.BRANCH:
        return _branch(av[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _sequence(sub.data) if low >= 1 else None
    if op is c.IN:
        chars = [chr(v) for kind, v in av if kind is c.LITERAL]
        return frozenset(chars) if len(chars) == len(av) and 0 < len(chars) <= _MAX_CLASS else None
    return None  # anchors, look-arounds, any-character, categories: no literal is guaranteed


def _branch(alternatives: Iterable[Any]) -> frozenset[str] | None:
    out: set[str] = set()
    for alternative in alternatives:
        found = _sequence(alternative.data)
        if not found:
            return None
        out |= found
    return frozenset(out)
