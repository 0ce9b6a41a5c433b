"""Seed / recovery phrase detector for the redaction engine (BIP39 word lists).

The word lists come from the ``mnemonic`` package (the official BIP39 lists), never typed
here.  Many list words are everyday English ("account", "phone", "help"), so a phrase is a
long run of list words (at least 8 in a row), or a shorter one (at least 3) right after a
keyword such as 助记词 / seed phrase / recovery phrase / mnemonic.  In the Chinese lists every
word is one character, so only single characters standing apart (``的 一 是 在``) count.
Words may be separated by spaces, commas, new lines or numbering (``1. abandon 2. ability``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from walletaid.engines.redact_detect import MARKER_PREFIX, Hit, marker
from walletaid.lazyre import compile_lazily

LONG_RUN = 8
SHORT_RUN = 3
_KEYWORD_REACH = 40

_TOKEN = compile_lazily(r"[^\W\d_]+")
_GAP_CHARS = set(" \t\r\n,，、;；()（）[]-|/#*\"'“”")
_NUMBERING = compile_lazily(r"(?<!\d)\d{1,2}(?!\d)[.)、:：]?")
_KEYWORD = compile_lazily(
    r"助记词|助记码|恢复短语|恢复词|种子短语|(?<![A-Za-z])(?:secret\s{1,3}recovery\s{1,3}phrase"
    r"|seed\s{1,3}(?:phrase|words?)|recovery\s{1,3}(?:phrase|words?|seed)|backup\s{1,3}phrase|mnemonic)(?![A-Za-z])",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _wordlists() -> tuple[frozenset[str], frozenset[str]]:
    """The English BIP39 words, and the characters of the Chinese (simplified + traditional) lists."""
    from mnemonic import Mnemonic

    english = frozenset(Mnemonic("english").wordlist)
    chinese = frozenset(Mnemonic("chinese_simplified").wordlist) | frozenset(
        Mnemonic("chinese_traditional").wordlist
    )
    return english, chinese


def _gap_ok(gap: str) -> bool:
    """Words of one phrase are separated by punctuation, spaces and numbering only."""
    if not gap or len(gap) > 12:
        return False
    return all(ch in _GAP_CHARS for ch in _NUMBERING.sub(" ", gap))


def _language(word: str, english: frozenset[str], chinese: frozenset[str]) -> str | None:
    if len(word) == 1:
        return "zh" if word in chinese else None
    return "en" if word.lower() in english else None


def _runs(text: str, blocked: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Runs of list words of one language: (start, end, number of words)."""
    english, chinese = _wordlists()
    runs: list[tuple[int, int, int]] = []
    current: list[int] | None = None  # [start, end, number of words]
    lang = None
    blocked_iter = iter(blocked)
    block = next(blocked_iter, None)
    for m in _TOKEN.finditer(text):
        while block and block[1] <= m.start():
            block = next(blocked_iter, None)
        in_block = block is not None and block[0] < m.end() and m.start() < block[1]
        word_lang = None if in_block else _language(m.group(), english, chinese)
        if word_lang and current and word_lang == lang and _gap_ok(text[current[1] : m.start()]):
            current[1], current[2] = m.end(), current[2] + 1
            continue
        if current:
            runs.append((current[0], current[1], current[2]))
        current = [m.start(), m.end(), 1] if word_lang else None
        lang = word_lang
    if current:
        runs.append((current[0], current[1], current[2]))
    return runs


def find_seed_phrases(text: str) -> list[Hit]:
    """Runs of BIP39 words: 8 or more anywhere, 3 or more right after a seed-phrase keyword."""
    keywords = [(m.start(), m.end()) for m in _KEYWORD.finditer(text)]
    markers = [(m.start(), m.end()) for m in re.finditer(r"\[REDACTED:[a-z_]+\]", text)]
    blocked = sorted(keywords + markers)
    hits = []
    kw_index = 0
    for start, end, count in _runs(text, blocked):
        while kw_index + 1 < len(keywords) and keywords[kw_index + 1][1] <= start:
            kw_index += 1
        near = False
        if keywords and keywords[kw_index][1] <= start:
            between = text[keywords[kw_index][1] : start]
            near = len(between) <= _KEYWORD_REACH and MARKER_PREFIX not in between
        if count >= LONG_RUN or (near and count >= SHORT_RUN):
            hits.append(Hit(start, end, "seed_phrase", marker("seed_phrase")))
    return hits
