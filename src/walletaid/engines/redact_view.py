"""What the redaction detectors read: the user's text through the one normalizer, with a map back.

Detectors search the canonical text of :func:`walletaid.matching.normalize.normalize` (NFKC, lower
case, simplified characters, zero-width characters removed, digits split by spaces, dashes or dots
joined, letters for digits inside numbers, Chinese numerals as digits), so one pattern covers every
spelling of a value.  Each span found there is mapped back to the user's own text
(:meth:`View.hit`), and that is where the replacement goes: the rest of the text stays as typed.

The spellings table of the message check (``wx`` → 微信 …) is not applied: it rewrites words that
can sit inside a password or a key.  :func:`numbers` lists the numbers of a view with the digit
groups the user typed (``6222 0212 3456 7890 123`` is one number of five groups), because the
normalizer joins them and a card number is looked for as whole groups.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from walletaid.matching.normalize import Normalized

RedactionKind = Literal[
    "phone",
    "email",
    "id_number",
    "bank_card",
    "verification_code",
    "password",
    "seed_phrase",
    "private_key",
]

MARKER_PREFIX = "[REDACTED:"
_MARKER = re.compile(r"\[redacted:[a-z_]+\]", re.IGNORECASE)


def marker(kind: RedactionKind) -> str:
    """The text that replaces a removed value, e.g. ``[REDACTED:bank_card]``."""
    return f"{MARKER_PREFIX}{kind}]"


def without_markers(text: str) -> str:
    """``text`` with each redaction marker replaced by a space: words the user never typed must not count."""
    return _MARKER.sub(" ", text) if MARKER_PREFIX in text else text


class Hit(NamedTuple):
    """A span of the user's text to replace, what it is and what to put instead."""

    start: int
    end: int
    kind: RedactionKind
    replacement: str


class View(NamedTuple):
    """The canonical text of one user text, its map back, and where earlier redactions stand."""

    norm: Normalized
    ascii: bool = False  # the user's text is all ASCII (so no full-width punctuation hides in it)
    markers: list[tuple[int, int]] = []  # (never changed: view_of builds a new list)
    marker_starts: list[int] = []

    @property
    def text(self) -> str:
        """The canonical text the detectors search."""
        return self.norm.text

    @property
    def original(self) -> str:
        return self.norm.original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the user's text behind ``text[start:end]``."""
        return self.norm.original_span(start, end)

    def hit(self, start: int, end: int, kind: RedactionKind, replacement: str | None = None) -> Hit:
        """A hit on ``text[start:end]``, placed on the user's text."""
        a, b = self.span(start, end)
        return Hit(a, b, kind, marker(kind) if replacement is None else replacement)

    def in_marker(self, pos: int) -> bool:
        """Whether ``text[pos]`` belongs to a marker left by an earlier redaction."""
        i = bisect.bisect_right(self.marker_starts, pos) - 1
        return i >= 0 and pos < self.markers[i][1]

    def next_marker(self, start: int, end: int) -> int:
        """Where the first marker starting in ``[start, end)`` begins, or ``end``."""
        i = bisect.bisect_left(self.marker_starts, start)
        if i < len(self.markers) and self.markers[i][0] < end:
            return self.markers[i][0]
        return end


_NO_SPELLINGS: list[object] = []
_SURROGATE = re.compile("[\ud800-\udfff]")


def view_of(text: str) -> View:
    """The canonical view of ``text`` (no spellings table: see the module docstring)."""
    from walletaid.matching.normalize import Spellings, normalize

    if not _NO_SPELLINGS:
        _NO_SPELLINGS.append(Spellings())
    searched = _SURROGATE.sub("\ufffd", text) if not text.isascii() else text  # one for one: spans stay
    norm = normalize(searched, _NO_SPELLINGS[0])  # type: ignore[arg-type]
    if "[" not in norm.text:
        return View(norm, text.isascii())
    markers = [(m.start(), m.end()) for m in _MARKER.finditer(norm.text)]
    return View(norm, text.isascii(), markers, [start for start, _ in markers])


# --- numbers with the groups the user typed -----------------------------------------------------

_NUMBER = re.compile(r"(?<![0-9])[0-9]+(?:[ .\-·_][0-9]+)*(?:[ \-]?x(?![0-9a-z]))?")
_GROUP = re.compile(r"[0-9]+")
_TYPED_DIGITS = re.compile(r"\d+")
_MAX_GROUPS = 64  # nobody types a card or an ID in more groups than this: a longer run stays one group


class Group(NamedTuple):
    """A run of digits as the user typed it: its span in the user's text and its digits (ASCII)."""

    start: int
    end: int
    digits: str


class Number(NamedTuple):
    """Digit groups joined by single separators, with an optional trailing ``x`` (an ID's check character)."""

    start: int  # in the canonical text
    end: int
    groups: tuple[Group, ...]
    x_end: int | None  # where a trailing x ends in the user's text

    @property
    def digits(self) -> str:
        return "".join(g.digits for g in self.groups)


def _typed_groups(view: View, start: int, end: int) -> list[Group]:
    """The digit groups behind canonical digits ``text[start:end]`` (one group when they don't line up)."""
    digits = view.text[start:end]
    a, b = view.span(start, end)
    if b - a == end - start:
        return [Group(a, b, digits)]  # typed as one run
    typed = [(m.start(), m.end()) for m in _TYPED_DIGITS.finditer(view.original, a, b)]
    if len(typed) > _MAX_GROUPS or sum(e - s for s, e in typed) != len(digits):
        return [Group(a, b, digits)]
    groups, pos = [], 0
    for s, e in typed:
        groups.append(Group(s, e, digits[pos : pos + e - s]))
        pos += e - s
    return groups


def numbers(view: View, least: int = 12) -> list[Number]:
    """Every number of the view with at least ``least`` digits, outside earlier markers."""
    found = []
    text = view.text
    for m in _NUMBER.finditer(text):
        if m.end() - m.start() < least or view.in_marker(m.start()):
            continue
        runs = list(_GROUP.finditer(text, m.start(), m.end()))
        if sum(g.end() - g.start() for g in runs) < least:
            continue
        groups: list[Group] = []
        for g in runs:
            groups.extend(_typed_groups(view, g.start(), g.end()))
        x_end = view.span(m.end() - 1, m.end())[1] if m.group().endswith("x") else None
        found.append(Number(m.start(), m.end(), tuple(groups), x_end))
    return found
