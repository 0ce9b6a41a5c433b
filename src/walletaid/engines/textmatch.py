"""Text normalisation and pattern matching for the diagnose engine.

Free text from apps and people comes in full-width forms, mixed case, with stray
spaces between Chinese characters (``余 额 不 足``).  :func:`normalize` folds all
of that into one canonical form, so the patterns in ``diagnose_rules.json`` can
stay short; :func:`find` returns the first hit of a compiled pattern, quoted for
a reason line.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from walletaid.textsafe import clean

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# whitespace with a CJK character on at least one side
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u3001": ","})
_LONG_DIGITS = re.compile(r"\d{6,}")
MAX_QUOTE = 40


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), lower case, curly quotes folded, spaces around CJK removed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = _SPACES.sub(" ", text)
    return _SPACE_NEAR_CJK.sub("", text).strip()


@lru_cache(maxsize=None)
def compiled(regex: str) -> re.Pattern[str]:
    """The regex compiled once (patterns are data, compiled on first use)."""
    return re.compile(regex)


def find(regex: str, text: str, unless: str | None = None) -> str | None:
    """The matched text of ``regex`` in normalised ``text``, or None (also None when ``unless`` matches)."""
    match = compiled(regex).search(text)
    if match is None or (unless and compiled(unless).search(text)):
        return None
    return match.group(0)


def quote(snippet: str) -> str:
    """A matched snippet made fit to quote: control characters removed, long digit runs hidden (codes, card numbers), length capped."""
    snippet = _LONG_DIGITS.sub("****", clean(snippet, keep_newlines=False).strip())
    return snippet if len(snippet) <= MAX_QUOTE else snippet[: MAX_QUOTE - 1] + "…"
