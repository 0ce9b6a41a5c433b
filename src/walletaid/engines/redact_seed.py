"""Seed / recovery phrase detector for the redaction engine (BIP39 word lists).

The word lists come from the ``mnemonic`` package (the official BIP39 lists), never typed here.
Many list words are everyday English ("account", "phone", "help"), so a phrase is a long run of list
words (at least 8 in a row), or a shorter one (at least 3) within reach of a keyword such as 助记词 /
seed phrase / recovery phrase / mnemonic.  Words may be separated by spaces, commas, dots, new lines
(one word per line or per step: lists are joined before they are searched) or numbering
(``1. abandon 2. ability``), and one misspelt word (``abandn``) does not break a run.  English words
are read on the canonical view (full-width letters, zero-width characters, upper case all folded).

Every Chinese list word is one character, and everyday Chinese is written with the same characters,
so Chinese needs more care.  Characters standing apart (``的 一 是 在``) count like words; they are
found in the user's own text, because the normalizer joins Chinese characters split by spaces.  A
list written without spaces counts within reach of a keyword, or, with no keyword, when it stands
alone at a phrase's exact length (12, 15 … 24), passes the BIP39 checksum and is not made of the
common characters prose is made of.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from functools import lru_cache
from typing import NamedTuple

from walletaid.engines.redact_view import Hit, View, marker

LONG_RUN = 8
SHORT_RUN = 3
TYPO_RUN = 11  # with a misspelt word in it, a run must come close to a whole phrase
_NEVER_TYPOS = frozenset("a i an and the to of in on at is it be me my we us he or if so as by no do up am".split())
PHRASE_LENGTHS = (12, 15, 18, 21, 24)
_KEYWORD_REACH = 40
_RANDOM_MEAN_RANK = 750  # a window inside a longer run must average this rank (see ``_chinese_phrase``)
_COMMON = 100  # the lists are ordered by frequency: the first words are what Chinese prose is made of

_TOKEN = re.compile(r"[a-z]+|[^\W\d_a-z]+")
_GAP = r" \t\r\n\u3000\u200b-\u200f\u2060\ufeff,，、;；:：()（）\[\]\-|/#*\"'“”.·_+>~"
_GAP_CHARS = set(" \t\r\n,，、;；:：()（）[]-|/#*\"'“”.·_+>~")
_SENTENCE_END = re.compile(r"[.!?]\s")  # "nice day. Can you" is two sentences, "abandon.ability" one phrase
_NUMBERING = re.compile(r"(?<!\d)\d{1,2}(?!\d)[.)、:：]?")
_KEYWORD = re.compile(
    r"助记词|助记码|助记|恢复短语|恢复词|种子短语|种子词|备份词|钱包备份"
    r"|(?<![a-z])(?:secret\s{1,3}(?:recovery\s{1,3})?phrase|seed\s{1,3}(?:phrase|words?)|recovery\s{1,3}(?:phrase|words?|seed)"
    r"|backup\s{1,3}(?:phrase|words?)|mnemonic|wallet\s{1,3}words|(?:12|24)\s{0,3}words)(?![a-z])"
)
_CONNECTOR = re.compile(r"(?:分别|依次)?(?:是|为|如下)+")


class _Word(NamedTuple):
    start: int
    end: int
    misspelt: bool


@lru_cache(maxsize=1)
def _wordlists() -> tuple[frozenset[str], dict[str, int]]:
    """The English BIP39 words, and each character of the Chinese lists with its place (0 = most common)."""
    from mnemonic import Mnemonic

    english = frozenset(Mnemonic("english").wordlist)
    ranks: dict[str, int] = {}
    for name in ("chinese_simplified", "chinese_traditional"):
        for i, word in enumerate(Mnemonic(name).wordlist):
            ranks.setdefault(word, i)
    return english, ranks


@lru_cache(maxsize=1)
def _near_misses() -> tuple[frozenset[str], frozenset[str]]:
    """The English words with one letter taken out, and their first four letters (unique in BIP39)."""
    english, _ = _wordlists()
    deletes = frozenset(w[:i] + w[i + 1 :] for w in english for i in range(len(w)))
    return deletes, frozenset(w[:4] for w in english)


@lru_cache(maxsize=4096)
def misspelt(word: str) -> bool:
    """A word one typo away from a BIP39 word (a letter missing, extra, wrong or swapped), or with its first four letters."""
    english, _ = _wordlists()
    if not 2 <= len(word) <= 10 or not word.isascii() or not word.isalpha() or word in _NEVER_TYPOS:
        return False
    deletes, prefixes = _near_misses()
    if word in deletes:  # a letter left out ("bed" typed "ed")
        return True
    if len(word) < 3:
        return False
    if word[:4] in prefixes:
        return True
    return any((word[:i] + word[i + 1 :]) in english or (word[:i] + word[i + 1 :]) in deletes for i in range(len(word)))


def checksum_ok(indexes: list[int]) -> bool:
    """The BIP39 checksum of a phrase given as word indexes."""
    bits = "".join(format(i, "011b") for i in indexes)
    entropy_bits = len(bits) * 32 // 33
    entropy = int(bits[:entropy_bits], 2).to_bytes(entropy_bits // 8, "big")
    digest = format(int.from_bytes(hashlib.sha256(entropy).digest(), "big"), "0256b")
    return digest[: len(bits) - entropy_bits] == bits[entropy_bits:]


def _gap_ok(gap: str) -> bool:
    """Words of one phrase are separated by punctuation, spaces and numbering only."""
    if len(gap) == 1:
        return gap in _GAP_CHARS
    if not gap or len(gap) > 12:
        return False
    gap = _NUMBERING.sub(" ", gap)
    return all(ch in _GAP_CHARS for ch in gap) and not _SENTENCE_END.search(gap)


class _Keywords:
    """Where the seed keywords end, to tell whether a run starts within their reach."""

    def __init__(self, ends: list[int], view: View | None) -> None:
        self.ends = ends
        self.view = view

    def near(self, start: int) -> bool:
        i = bisect.bisect_right(self.ends, start) - 1
        if i < 0 or start - self.ends[i] > _KEYWORD_REACH:
            return False
        return self.view is None or self.view.next_marker(self.ends[i], start) == start


# --- English words and Chinese lists written without spaces, on the canonical view -------------------


_MAY_HOLD_LIST_WORDS = re.compile(r"[a-z]{3}|[^\x00-\x7f]{12}")


def _words(view: View, blocked: list[tuple[int, int]]) -> tuple[list[_Word | None], list[tuple[int, int]]]:
    """English list words (None for any other word) and runs of Chinese list characters with no spaces."""
    if not _MAY_HOLD_LIST_WORDS.search(view.text):
        return [], []  # no Latin word and no run of 12 Chinese characters: no list word (spares loading the lists)
    english, ranks = _wordlists()
    words: list[_Word | None] = []
    cjk_runs: list[tuple[int, int]] = []
    pos = 0
    for seg_start, seg_end in [*blocked, (len(view.text), len(view.text))]:
        for m in _TOKEN.finditer(view.text, pos, max(pos, seg_start)):
            token = m.group()
            if token in english:
                words.append(_Word(m.start(), m.end(), False))
            elif token.isascii() and misspelt(token):
                words.append(_Word(m.start(), m.end(), True))
            else:
                words.append(None)
                if len(token) >= PHRASE_LENGTHS[0] and not token.isascii():
                    cjk_runs.extend(_list_runs(token, m.start(), ranks))
        words.append(None)
        pos = max(pos, seg_end)
    return words, cjk_runs


def _list_runs(token: str, offset: int, ranks: dict[str, int]) -> list[tuple[int, int]]:
    """The runs of at least 12 list characters inside a Chinese token."""
    runs, start = [], None
    for i, ch in enumerate(token + "\0"):
        if ch in ranks:
            start = i if start is None else start
            continue
        if start is not None and i - start >= PHRASE_LENGTHS[0]:
            runs.append((offset + start, offset + i))
        start = None
    return runs


_ONE_WORD_GAP = re.compile(r"[^a-z]{1,6}[a-z]{1,10}[^a-z]{1,6}")


def _with_neighbours(text: str, runs: list[tuple[int, int, int, bool]], i: int) -> tuple[int, int]:
    """A phrase's run widened over the list words beside it that one other word cuts off: a typo may make a real
    word ("arm" typed "am"), which breaks the run, but the words on its far side belong to the phrase too."""
    start, end = runs[i][0], runs[i][1]
    if i > 0 and _ONE_WORD_GAP.fullmatch(text, runs[i - 1][1], start):
        start = runs[i - 1][0]
    if i + 1 < len(runs) and _ONE_WORD_GAP.fullmatch(text, end, runs[i + 1][0]):
        end = runs[i + 1][1]
    return start, end


def _runs(view: View, words: list[_Word | None]) -> list[tuple[int, int, int, bool]]:
    """Runs of English list words, one misspelt word allowed: (start, end, number of words, with a typo)."""
    runs: list[tuple[int, int, int, bool]] = []
    current: list[_Word] = []

    def close() -> None:
        real = sum(not w.misspelt for w in current)
        if real < 2:
            return
        words = current
        if (words[0].misspelt or words[-1].misspelt) and real + 1 not in PHRASE_LENGTHS:
            words = [w for w in words if not w.misspelt]  # at an end it counts only when it completes a phrase
        runs.append((words[0].start, words[-1].end, len(words), real < len(words)))

    for word in words:
        if word is None or not current or not _gap_ok(view.text[current[-1].end : word.start]):
            close()
            current = [word] if word is not None else []
        elif word.misspelt and any(w.misspelt for w in current):
            close()  # a second typo: a new run starts after the first one ("img abandon aandon …")
            first = next(i for i, w in enumerate(current) if w.misspelt)
            current = [*current[first + 1 :], word]
        else:
            current.append(word)
    close()
    return runs


def _chinese_phrase(text: str, start: int, end: int, near: bool) -> tuple[int, int] | None:
    """The span of a Chinese list written without spaces, or None when it reads as prose."""
    _, ranks = _wordlists()
    if near:
        lead = _CONNECTOR.match(text, start, end)
        start = lead.end() if lead and end - lead.end() >= PHRASE_LENGTHS[0] else start
        if end - start in PHRASE_LENGTHS or _rare_window(text[start:end], ranks, 3):
            return start, end
        return None
    if end - start in PHRASE_LENGTHS and _is_phrase(text, start, end, ranks):
        return start, end  # a list standing alone
    # inside a longer run ("钱包里写着" before it, "给他" after it: list characters too) every window at a phrase's
    # length is tried, held to a stricter test since there are many: a random list's characters average rank
    # ~1,000 of 2,048, prose's far less (on real SMS, 1 % of 12-character windows reach 750); the windows that
    # pass are joined (one shifted into the words around costs a word of context, never a word of the phrase)
    span = _list_windows([ranks[ch] for ch in text[start:end]])
    return (start + span[0], start + span[1]) if span else None


def _list_windows(run: list[int]) -> tuple[int, int] | None:
    """From the first to the last window of a run of list ranks that passes as a phrase (a high mean rank, at most
    one common character per 12, the checksum), or None.  Sums run on prefix totals and the search stops at the
    first window from each side, so a long run costs a few steps per character."""
    total, common = [0], [0]
    for rank in run:
        total.append(total[-1] + rank)
        common.append(common[-1] + (rank < _COMMON))

    def passes(i: int, n: int) -> bool:
        return (total[i + n] - total[i] >= _RANDOM_MEAN_RANK * n and common[i + n] - common[i] <= n // 12
                and checksum_ok(run[i : i + n]))

    size = len(run)
    first = next((i for i in range(size) for n in PHRASE_LENGTHS if i + n <= size and passes(i, n)), None)
    if first is None:
        return None
    last = next(e for e in range(size, first, -1) for n in PHRASE_LENGTHS if e - n >= 0 and passes(e - n, n))
    return first, last


def _is_phrase(text: str, start: int, end: int, ranks: dict[str, int]) -> bool:
    """Whether ``text[start:end]`` reads as a list, not prose: at most one common character per 12 (prose is made
    of them), then the BIP39 checksum (one window of prose in 16 passes it by chance)."""
    if sum(ranks[ch] < _COMMON for ch in text[start:end]) > (end - start) // 12:
        return False
    return checksum_ok([ranks[ch] for ch in text[start:end]])


def _rare_window(run: str, ranks: dict[str, int], most: int) -> bool:
    """Whether some 12 characters in a row hold at most ``most`` of the common ones."""
    common = [ranks[ch] < _COMMON for ch in run]
    window = PHRASE_LENGTHS[0]
    count = sum(common[:window])
    for i in range(window, len(common) + 1):
        if count <= most:
            return True
        if i < len(common):
            count += common[i] - common[i - window]
    return False


# --- Chinese words standing apart, in the user's own text --------------------------------------------


@lru_cache(maxsize=1)
def _spaced_chinese() -> re.Pattern[str]:
    """Three or more single list characters in a row, each standing apart (spaces, punctuation, numbering)."""
    _, ranks = _wordlists()
    chars = "".join(sorted(ranks))
    alone = rf"(?<![^\W\d_])[{chars}](?![^\W\d_])"
    gap = rf"(?:[{_GAP}]|\d{{1,2}}[.)、:：]?){{1,12}}"
    return re.compile(rf"{alone}(?:{gap}{alone}){{2,}}")


_ALONE_CJK = re.compile(r"(?<![^\W\d_])[\u3400-\u9fff](?![^\W\d_])")
"""A Chinese character standing apart: the cheap test before the 2,048-character pattern is built."""


def _spaced_hits(original: str, keywords: _Keywords) -> list[Hit]:
    if len(_ALONE_CJK.findall(original, 0, len(original))) < 3:
        return []  # no three characters standing apart: no spaced list (most texts; skips building the pattern)
    _, ranks = _wordlists()
    hits = []
    for m in _spaced_chinese().finditer(original):
        count = sum(ch in ranks for ch in m.group())
        if count >= LONG_RUN or keywords.near(m.start()):
            hits.append(Hit(m.start(), m.end(), "seed_phrase", marker("seed_phrase")))
    return hits


def find_seed_phrases(view: View) -> list[Hit]:
    """Runs of BIP39 words: 8 or more anywhere, 3 or more within reach of a seed-phrase keyword;
    Chinese lists written without spaces (see the module docstring)."""
    text = view.text
    found = [(m.start(), m.end()) for m in _KEYWORD.finditer(text) if not view.in_marker(m.start())]
    keywords = _Keywords([end for _, end in found], view)
    words, cjk_runs = _words(view, sorted(found + view.markers))
    hits = []
    runs = _runs(view, words)
    for i, (start, end, count, typo) in enumerate(runs):
        if count >= (TYPO_RUN if typo else LONG_RUN) or (count >= SHORT_RUN and keywords.near(start)):
            start, end = _with_neighbours(view.text, runs, i)
            hits.append(view.hit(start, end, "seed_phrase"))
    for start, end in cjk_runs:
        span = _chinese_phrase(text, start, end, keywords.near(start))
        if span:
            hits.append(view.hit(span[0], span[1], "seed_phrase"))
    if not view.ascii:
        original_ends = sorted(view.span(start, end)[1] for start, end in found)
        hits.extend(_spaced_hits(view.original, _Keywords(original_ends, None)))
    return hits
