"""The one text normalizer: diagnose, the message check, ``--verify`` and redaction all read text through it.

People and scammers write the same word many ways: full-width letters (``ＶＩＰ``),
traditional characters and Taiwan / Hong Kong words (``網路``, ``簡訊``), symbols
and spaces inside a word to slip past filters (``微❤信``, ``银 行``), homophones
and look-alikes (``V信``, ``扣扣``, ``银彳亍``), letters for digits inside a number
(``400-8O6-…``), Chinese numerals (``五千元``, ``幺三八…``) and digits split by
spaces or dashes (``4 8 3 9 2 0``).  :func:`normalize` folds all of that into one
canonical form; the spellings themselves are knowledge (``knowledge/spellings.yaml``).

Every step records its edits, so a span of the canonical text can be traced
back to the span of the original it came from (:meth:`Normalized.original_span`)
and evidence quoted, highlighted or redacted in the user's own text; the maps are
worked out only for the spans asked about.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, NamedTuple

# Characters that carry no meaning but split words: zero-width and format characters, soft hyphen,
# and control characters other than tab and newline (they are removed, not replaced by a space).
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Filler a sender puts between the characters of one Chinese word: spaces, stars, dots in the middle,
# hearts and other symbols.  Chinese punctuation (，。！？、) is left alone: it ends clauses.
_FILLER = r"[\s*_~|·•●○◆◇■□★☆♥♡❤❥❣✿❀♪♫#^`'\"\\/=+\-丨]"
_FILLER_RUN = re.compile(_FILLER + "+")
_ODD_BLANKS = re.compile("[\t\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S\n ]")  # runs of blanks, and tabs or odd blanks: one space
# A number in which o / l / i stand for 0 / 1 (after lower-casing), no letters around: groups joined by single
# spaces or dashes ("400-8O6-1234"); a letter sits between digits, an o may end a group ("17O 8459 2361"), and
# a letter may lead the first group only before two digits or more ("l38 1234 5678", not "i7 8700").  "3510i" (a
# model name), "12l" and "10 oil 20" are not numbers.  Every repetition is bounded, so a long text stays linear.
_LETTER_DIGITS = re.compile(
    r"(?<![a-z0-9])(?:[oli]?\d[\doli]{0,30}\d|\d)o{0,3}(?:[ -](?:\d[\doli]{0,30}\d|\d)o{0,3}){0,7}(?![a-z0-9])"
)
_LETTER_FOR_DIGIT = str.maketrans("oli", "011")
# Digits split by one kind of separator: "4 8 3 9 2 0", "6222-0212-3456", "6222.0212.3456.7894".
_SPLIT_DIGITS = re.compile(r"(?<![\d.,/:@a-z])\d+(?:(?P<sep>[ .-])\d+)(?:(?P=sep)\d+)+(?![\d])")
# Chinese numerals: a run before a money unit ("五千元", "两万块"), or a long run read digit by digit ("幺三八…").
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿幺壹贰叁肆伍陆柒捌玖拾佰仟"
_CN_AMOUNT = re.compile(rf"[{_CN_NUMERAL}]+(?=[元块圆])")
_CN_DIGIT_RUN = re.compile("[零〇一二三四五六七八九幺两]{5,}")
_CN_DIGIT = str.maketrans("零〇一二三四五六七八九幺两", "0012345678912")
_ARABIC_THOUSANDS = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)([千万])(?=[元块])")
MIN_SPLIT_DIGITS = 5


class Spellings(NamedTuple):
    """The spelling knowledge the normalizer applies: variant → canonical word, longest variant first."""

    words: tuple[tuple[str, str], ...] = ()

    def replace_in(self, out: _Builder) -> None:
        """Rewrite every variant in ``out`` (longest first; a Latin variant only as a whole word)."""
        automaton = _automaton_of(self.words)
        if automaton is None:
            return
        text = out.text
        edits = []
        for last, (variant, canonical) in automaton.iter_long(text):
            start = last - len(variant) + 1
            if variant[0].isascii() and variant[0].isalpha() and start > 0 and "a" <= text[start - 1] <= "z":
                continue  # "vx" inside "devx"
            if variant[-1].isascii() and variant[-1].isalpha() and last + 1 < len(text) and "a" <= text[last + 1] <= "z":
                continue
            edits.append((start, last + 1, canonical))
        out.apply(edits)


_AUTOMATA: dict[int, tuple[tuple[tuple[str, str], ...], Any]] = {}


def _automaton_of(words: tuple[tuple[str, str], ...]) -> Any:
    """The automaton of a spellings table, made once per table.  Found by the table's identity (the table is kept,
    so its id stays its own): hashing all its pairs on every call to ``normalize`` cost ~1 us a text."""
    entry = _AUTOMATA.get(id(words))
    if entry is None or entry[0] is not words:
        if len(_AUTOMATA) >= 8:  # a handful of tables per process; tests may make more
            _AUTOMATA.clear()
        entry = _AUTOMATA[id(words)] = (words, _variants_automaton(words))
    return entry[1]


@lru_cache(maxsize=4)
def _variants_automaton(words: tuple[tuple[str, str], ...]) -> Any:
    if not words:
        return None
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for variant, canonical in words:
        automaton.add_word(variant, (variant, canonical))
    automaton.make_automaton()
    return automaton


class _Pass(NamedTuple):
    """The edits one rewriting step made: where each changed span is now, and where it was before."""

    new_starts: list[int]
    new_ends: list[int]
    old_starts: list[int]
    old_ends: list[int]

    def back(self, start: int, end: int) -> tuple[int, int]:
        """The span before this step behind ``[start, end)`` after it (a rewritten span maps to all it came from)."""
        return self._back(start, True), self._back(end - 1, False) if end > start else self._back(start, True)

    def _back(self, pos: int, left: bool) -> int:
        k = bisect.bisect_right(self.new_starts, pos) - 1
        if k >= 0 and pos < self.new_ends[k]:
            return self.old_starts[k] if left else self.old_ends[k]
        shifted = pos + (self.old_ends[k] - self.new_ends[k] if k >= 0 else 0)
        return shifted if left else shifted + 1


class Normalized(NamedTuple):
    """Canonical text, and the steps that made it, so any span can be traced back to the original."""

    original: str
    text: str
    passes: tuple[_Pass, ...] = ()  # empty: the text is aligned one to one with the original

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text behind ``text[start:end]``."""
        for step in reversed(self.passes):
            start, end = step.back(start, end)
        return start, end

    def original_text(self, start: int, end: int) -> str:
        """The user's own words behind ``text[start:end]``."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


class _Builder:
    """Applies one rewriting step at a time and records its edits (maps are composed only when asked)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.passes: list[_Pass] = []

    def replace(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> None:
        """Rewrite every match of ``pattern``; a rewritten span maps to the whole original span."""
        self.apply([(m.start(), m.end(), repl(m)) for m in pattern.finditer(self.text)])

    def replace_aligned(self, pattern: re.Pattern[str], convert: Callable[[str], list[tuple[str, int, int]]]) -> None:
        """Rewrite each match as pieces (new text, start, end relative to the match), each mapped to its own span."""
        edits = []
        for match in pattern.finditer(self.text):
            edits += [(match.start() + a, match.start() + b, new) for new, a, b in convert(match.group(0))]
        self.apply(edits)

    def apply(self, edits: list[tuple[int, int, str]]) -> None:
        """Replace each ``(start, end)`` (sorted, not overlapping) by its new text; unchanged ones are skipped."""
        text = self.text
        pieces: list[str] = []
        step = _Pass([], [], [], [])
        pos = shift = 0
        for start, end, new in edits:
            if new == text[start:end]:
                continue
            pieces += [text[pos:start], new]
            step.new_starts.append(start + shift)
            step.new_ends.append(start + shift + len(new))
            step.old_starts.append(start)
            step.old_ends.append(end)
            shift += len(new) - (end - start)
            pos = end
        if step.new_starts:
            pieces.append(text[pos:])
            self.text = "".join(pieces)
            self.passes.append(step)

    def same_length(self, new: str) -> bool:
        """Take ``new`` when it is aligned one to one with the current text."""
        if len(new) != len(self.text):
            return False
        self.text = new
        return True

    def per_character(self, convert: Callable[[str], str]) -> None:
        """Apply ``convert`` character by character (used when a whole-text conversion changed the length)."""
        self.replace(_ANY_CHAR, lambda m: convert(m.group(0)))

    def result(self, original: str) -> Normalized:
        return Normalized(original, self.text, tuple(self.passes))


_ANY_CHAR = re.compile(r"(?s).")


def normalize(text: str, spellings: Spellings | None = None) -> Normalized:
    """The canonical form of ``text``: see the module docstring for the steps, in order."""
    if spellings is None:
        spellings = default_spellings()
    out = _Builder(text)
    if not text.isascii():
        _unicode_forms(out)
    _lower(out)
    if _INVISIBLE.search(out.text):
        out.replace(_INVISIBLE, lambda m: "")
    if not out.text.isascii():
        _to_simplified(out)
        _drop_filler_inside_words(out)
        _numerals(out)
    spellings.replace_in(out)
    _digits(out)
    if "  " in out.text or _ODD_BLANKS.search(out.text):
        out.replace(_SPACES, lambda m: " ")
    return out.result(text)


def _drop_filler_inside_words(out: _Builder) -> None:
    """Remove filler that stands between two Chinese characters (微❤信 → 微信, 银 行 → 银行)."""
    out.apply([(start, end, "") for start, end in _filler_inside_words(out.text)])


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _filler_inside_words(text: str) -> list[tuple[int, int]]:
    """The spans ``(?<=[CJK])FILLER+(?=[CJK])`` finds, without compiling a class of the CJK ranges (~2 ms a run).

    Within one run of filler the expression matches once at most: from the first position that follows a
    Chinese character to the last Chinese character of the run or just after it (丨 is both filler and
    Chinese), as its greedy ``+`` backs off.
    """
    spans = []
    size = len(text)
    for run in _FILLER_RUN.finditer(text):
        start, end = run.span()
        if "丨" not in run.group():  # no Chinese inside the run: only its two neighbours decide
            if start and end < size and _is_cjk(text[start - 1]) and _is_cjk(text[end]):
                spans.append((start, end))
            continue
        last = end if end < size and _is_cjk(text[end]) else next(
            (i for i in range(end - 1, start, -1) if _is_cjk(text[i])), -1)
        for pos in range(start, last):
            if pos > 0 and _is_cjk(text[pos - 1]):
                spans.append((pos, last))
                break
    return spans


def _unicode_forms(out: _Builder) -> None:
    """NFKC: full-width letters and digits, compatibility forms (``①`` stays a digit, ``ｆｉ`` two letters)."""
    converted = unicodedata.normalize("NFKC", out.text)
    if not out.same_length(converted):
        out.per_character(lambda ch: unicodedata.normalize("NFKC", ch))


def _lower(out: _Builder) -> None:
    lowered = out.text.lower()
    if not out.same_length(lowered):  # a few characters lower-case to two ("İ"): keep the map exact
        out.per_character(str.lower)


def _to_simplified(out: _Builder) -> None:
    """Traditional characters and Taiwan phrases → simplified mainland words (OpenCC ``tw2sp``)."""
    if _is_simplified(out.text):
        return
    converter = _converter()
    converted = converter(out.text)
    if converted == out.text or out.same_length(converted):
        return
    # a phrase changed length (伺服器 → 服务器 is fine, 記憶體 → 内存 is not): align run by run
    out.replace_aligned(re.compile(_CJK_RUN), lambda run: _aligned_run(run, converter))


def _is_simplified(text: str) -> bool:
    """Whether ``text`` holds no traditional character: GB 2312 has the simplified set only (and ASCII).

    A cheap test that spares loading OpenCC for most texts; anything GB 2312 lacks goes to OpenCC.
    """
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _aligned_run(run: str, converter: Callable[[str], str]) -> list[tuple[str, int, int]]:
    """``run`` converted, as pieces (new text, start, end in ``run``): the unchanged-length head and tail
    map character by character, only the middle that changed length maps as one block."""
    new = converter(run)
    if len(new) == len(run):
        return [(ch, i, i + 1) for i, ch in enumerate(new)]
    singles = [converter(ch) for ch in run]
    head = 0
    while head < min(len(run), len(new)) and singles[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(run), len(new)) - head and singles[len(run) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    pieces = [(new[i], i, i + 1) for i in range(head)]
    pieces.append((new[head : len(new) - tail], head, len(run) - tail))
    pieces += [(new[len(new) - tail + k], len(run) - tail + k, len(run) - tail + k + 1) for k in range(tail)]
    return pieces


_CJK_RUN = rf"[{_CJK}]+"
"""Compiled only where a conversion changed length (rare): a class of the CJK ranges costs ~1 ms to compile."""


@lru_cache(maxsize=1)
def _converter() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("tw2sp").convert  # type: ignore[no-any-return]


_ANY_NUMERAL_FORM = re.compile(rf"[{_CN_NUMERAL}][元块圆]|[零〇一二三四五六七八九幺两]{{5}}|\d[千万][元块]")


def _numerals(out: _Builder) -> None:
    if not _ANY_NUMERAL_FORM.search(out.text):
        return
    if _CN_AMOUNT.search(out.text):
        out.replace(_CN_AMOUNT, lambda m: _chinese_number(m.group(0)))
    if _CN_DIGIT_RUN.search(out.text):
        out.replace(_CN_DIGIT_RUN, lambda m: m.group(0).translate(_CN_DIGIT))
    if _ARABIC_THOUSANDS.search(out.text):
        out.replace(_ARABIC_THOUSANDS, _arabic_thousands)


@lru_cache(maxsize=512)
def _chinese_number(numeral: str) -> str:
    """``五千`` → ``5000`` with cn2an; a run it cannot read ("万一") stays as written."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import cn2an

        try:
            value = cn2an.cn2an(numeral, "smart")
        except (ValueError, KeyError, TypeError):
            return numeral
    return str(int(value)) if float(value).is_integer() else str(value)


def _arabic_thousands(match: re.Match[str]) -> str:
    number = float(match.group(1)) * (1000 if match.group(2) == "千" else 10000)
    return str(int(number)) if number.is_integer() else str(number)


_DIGIT_WORK = re.compile(r"\d[oli]|[oli]\d|\d[ .-]\d")


_DIGIT = re.compile(r"\d")


def _digits(out: _Builder) -> None:
    if not _DIGIT.search(out.text) or not _DIGIT_WORK.search(out.text):  # every case needs a digit: most texts have none
        return
    out.replace(_LETTER_DIGITS, _letters_as_digits)
    out.replace(_SPLIT_DIGITS, _joined_digits)


def _letters_as_digits(match: re.Match[str]) -> str:
    run = match.group(0)
    if sum(ch.isdigit() for ch in run) < 4 or run.isdigit():
        return run
    return run.translate(_LETTER_FOR_DIGIT)


_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_DATE = re.compile(r"(?:19|20)\d\d([-./])\d{1,2}\1\d{1,2}")


def _joined_digits(match: re.Match[str]) -> str:
    run = match.group(0)
    if _DATE.fullmatch(run) or _IPV4.fullmatch(run):
        return run  # 2026-11-26 is a date and 45.76.123.9 an address, not numbers split to hide them
    digits = re.sub(r"\D", "", run)
    return digits if len(digits) >= MIN_SPLIT_DIGITS else run


_DEFAULT: list[Spellings] = []


def default_spellings() -> Spellings:
    """The spellings of ``knowledge/spellings.yaml`` (set by the knowledge loader; none until it runs)."""
    if not _DEFAULT:
        from walletaid.matching.knowledge import spellings

        _DEFAULT.append(spellings())
    return _DEFAULT[0]


def normalize_all(texts: Iterable[str], spellings: Spellings | None = None) -> list[str]:
    """The canonical text of each of ``texts`` (for phrase lists)."""
    return [normalize(t, spellings).text for t in texts]
