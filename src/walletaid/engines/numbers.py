"""Phone numbers: read them in any spelling and say whose they are (pure, cached).

``classify_number`` reads a number the way a phone would dial it (``phonenumbers``
for country codes and the trunk 0), so ``956196``, ``010-956196``,
``+86 10 956196``, ``8610956196`` and ``0086 10 956196`` are one number: an area
code before a short service number only routes the call (95xxx, 96xxx, 100xx,
12xxx are national).  Verdicts: ``official`` (in the directory), ``lookalike``
(an official number spelled with letters or Chinese numerals for digits),
``not_official`` (a published fake, a personal mobile number, or any other
number spelled with letters) and ``unlisted`` (everything else: real service
numbers differ from each other by one digit, so closeness proves nothing).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from walletaid.knowledge.schemas.contacts import Directory

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖", "0012345678912345678" + "9")
_LETTER_DIGITS = str.maketrans("oOlIiSB", "0011158")
_SEPARATORS = re.compile(r"[\s\-().·]")
_CACHE = 65536


class NumberInfo(NamedTuple):
    """What walletaid knows about a phone number (see :func:`classify_number`)."""

    verdict: str  # official | not_official | lookalike | unlisted
    kind: str  # mobile | landline | toll_free | service | sms_code | international | unknown
    providers: tuple[str, ...]  # owners, when official
    known_fake: bool
    national: str  # digits as dialled inside mainland China (an area code before a service number dropped)
    imitates: tuple[str, ...] = ()  # owners of the official number a lookalike spells
    disguised: bool = False  # letters or Chinese numerals stood in for digits
    country_code: int = 86


class Spelled(NamedTuple):
    """A number reduced to its digits: a leading '+', and whether letters or Chinese numerals stood in for digits."""

    digits: str
    plus: bool
    disguised: bool


def _directory() -> Directory:
    from walletaid.engines.contacts import directory

    return directory()


def spell(raw: str) -> Spelled | None:
    """The digits of a number written with spaces, dashes, brackets, full-width digits, Chinese numerals or the
    letters O/o, l/I/i, S, B for digits; None when it is not a number."""
    text = unicodedata.normalize("NFKC", raw).strip()
    plus = text.startswith("+")
    body = _SEPARATORS.sub("", text.removeprefix("+"))
    real = sum(c.isdigit() for c in body)
    converted = body.translate(_CN_DIGITS)
    if not converted.isdigit() and real >= 3:
        converted = converted.translate(_LETTER_DIGITS)
    if not converted.isdigit() or not converted.isascii():
        return None
    return Spelled(converted, plus, converted != body)


def looks_like_phone(raw: str) -> bool:
    """True when ``raw`` is a number (possibly spelled with letters or Chinese numerals), not a domain or URL."""
    found = spell(raw)
    return found is not None and len(found.digits) >= 3


def is_service(digits: str) -> bool:
    """A short national service number: 95xxx / 96xxx, 100xx / 11xxx / 12xxx, 110 …"""
    return 3 <= len(digits) <= 7 and digits[0] in "19"


def _area_code_length(national: str) -> int:
    """China's area codes: 10 and 2x have two digits, the others three."""
    return 2 if national.startswith(("10", "2")) else 3


def _cn_kind(national: str, digits: str) -> tuple[str, str]:
    """(kind, national) of a mainland number; an area code before a service number is dropped."""
    dialled_whole = national == digits  # no trunk 0, no country code: the number as written
    if dialled_whole and national.startswith("106"):
        return "sms_code", national
    if len(national) == 11 and national[0] == "1" and national[1] in "3456789":
        return "mobile", national
    if len(national) == 10 and national.startswith(("400", "800")):
        return "toll_free", national
    rest = national[_area_code_length(national):]
    if not dialled_whole and len(rest) >= 5 and is_service(rest):  # 010-956196, +86 571 95017
        return "service", rest
    if is_service(national):
        return "service", national
    landline = 7 <= len(national) <= 12 and (not dialled_whole or national[0] in "2345678")
    return ("landline" if landline else "unknown"), national


@lru_cache(maxsize=_CACHE)
def read_number(digits: str, plus: bool) -> tuple[int, str, str]:
    """(country code, kind, national digits) of a number already reduced to digits."""
    if not plus and not digits.startswith(("0", "86")) and len(digits) <= 12:
        return (86, *_cn_kind(digits, digits))  # the common case, without the parser
    import phonenumbers

    try:
        parsed = phonenumbers.parse(("+" if plus else "") + digits, None if plus else "CN")
    except phonenumbers.NumberParseException:
        return 86, "unknown", digits
    national = str(parsed.national_number)
    if parsed.country_code != 86:
        return parsed.country_code, "international", national
    return (86, *_cn_kind(national, digits))


@lru_cache(maxsize=1)
def _official() -> dict[str, tuple[str, ...]]:
    """National digits → the providers whose hotline or SMS sender it is."""
    table: dict[str, tuple[str, ...]] = {}
    for p in _directory().providers:
        for ch in p.channels:
            found = spell(ch.value) if ch.channel in ("hotline", "sms") and ch.value else None
            if found:
                national = read_number(found.digits, found.plus)[2]
                if p.id not in table.get(national, ()):
                    table[national] = table.get(national, ()) + (p.id,)
    return table


@lru_cache(maxsize=1)
def _fakes() -> frozenset[str]:
    """National digits of the published fake "official" numbers."""
    out = set()
    for fake in _directory().known_fakes:
        found = spell(fake.value)
        if found:
            out.add(read_number(found.digits, found.plus)[2])
    return frozenset(out)


def official_numbers(pid: str) -> tuple[str, ...]:
    """The national digits of a provider's official numbers."""
    return tuple(national for national, pids in _official().items() if pid in pids)


@lru_cache(maxsize=_CACHE)
def classify_number(raw: str) -> NumberInfo:
    """Whose number is this?  ``official`` / ``lookalike`` / ``not_official`` / ``unlisted``, with its kind, owners
    and national digits.  Equivalent spellings give one answer.  Pure and cached: call it as often as you like."""
    found = spell(raw)
    if found is None:
        return NumberInfo("unlisted", "unknown", (), False, "")
    cc, kind, national = read_number(found.digits, found.plus)
    if cc != 86:
        verdict = "not_official" if found.disguised else "unlisted"
        return NumberInfo(verdict, kind, (), False, national, disguised=found.disguised, country_code=cc)
    if national in _fakes():
        return NumberInfo("not_official", kind, (), True, national, disguised=found.disguised)
    owners = _official().get(national, ())
    if owners and found.disguised:
        return NumberInfo("lookalike", kind, (), False, national, imitates=owners, disguised=True)
    if owners:
        return NumberInfo("official", kind, owners, False, national)
    verdict = "not_official" if found.disguised or kind == "mobile" else "unlisted"
    return NumberInfo(verdict, kind, (), False, national, disguised=found.disguised)


def sms_range(national: str) -> str | None:
    """The longest 106… range of the SMS-code rules that a sender belongs to, or None."""
    prefixes = [r.prefix for r in _directory().sms_codes.ranges if national.startswith(r.prefix)]
    return max(prefixes, key=len) if prefixes else None
