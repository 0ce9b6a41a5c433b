"""The characters every match of a regular expression must contain: a cheap test before a rule's regex runs.

A ``regex`` rule is tried on every text; most texts cannot match it because they lack a character
the expression cannot do without (the ``%`` of "5% a day", the ``我是`` of "我是王总").  This reads
the parsed expression once, when the rules are compiled, and keeps only what is certain: a literal
character outside any optional part, common to every branch of an alternation.  Anything it does
not understand (classes, case-insensitive parts, conditionals) contributes nothing, so the answer
may be too small, never wrong; if the parser's shape is not what it expects, the answer is empty.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser behind re.compile (re._parser from Python 3.11, sre_parse before)
    from re import _constants as _sre
    from re import _parser as _parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parse  # type: ignore[no-redef]


def required_chars(pattern: str) -> str:
    """The characters (sorted, each once) that every match of ``pattern`` contains; empty when none is certain."""
    try:
        parsed = _parse.parse(pattern, 0)
        if parsed.state.flags & re.IGNORECASE:
            return ""
        return "".join(sorted(_needs(parsed)))
    except Exception:  # noqa: BLE001 - a parser of another shape: no shortcut, never a wrong one
        return ""


def _needs(items: Any) -> set[str]:
    """What a sequence of parsed items needs: the union of what each item that must occur needs."""
    found: set[str] = set()
    for op, av in items:
        found |= _item(op, av)
    return found


def _item(op: Any, av: Any) -> set[str]:
    if op is _sre.LITERAL:
        return {chr(av)}
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return set() if add_flags & re.IGNORECASE else _needs(sub)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        return _needs(sub) if low >= 1 else set()
    if op is _sre.BRANCH:
        branches = [_needs(branch) for branch in av[1]]
        return set.intersection(*branches) if branches else set()
    return set()
