"""What a message holds besides words: links, phone numbers, brand names and amounts, with their verdicts.

The message check hands these to the rules as ``$features`` (``$foreign_link``,
``$brand``, ``$mobile_number`` … see ``knowledge.rule_models.FEATURES``), so a rule
can say "a brand named with a link to a domain that is not the brand's" in one line.
Everything is found on the normalised text (lower case, half-width, digits joined),
and every span is a span of that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from walletaid.matching.normalize import normalize

Span = tuple[int, int]
MAX_LINKS = 200
_AMOUNT = re.compile(
    r"(?:[¥￥$£€]|rmb|cny|usd)\s?\d[\d,]*(?:\.\d+)?"
    r"|(?<![\d,.])\d[\d,]*(?:\.\d+)?\s?(?:元|块钱|块|万元|万|千元|yuan|rmb|cny|usdt|usd|dollars?|pounds?|btc|eth)(?![a-z])"
)
_MOBILE = re.compile(r"^(?:\+?86|0086)?1[3-9]\d{9}$")
_MOBILE_TAIL = re.compile(r"(?:^|\s)((?:\+?86)?1[3-9]\d{9})$")
_CARD = re.compile(r"(?<!\d)(?:62|4\d|5[1-5])\d{14,17}(?!\d)")


@dataclass(frozen=True)
class LinkInfo:
    """A link found in the text: its span, the address as written, and its verdict against the directory."""

    start: int
    end: int
    url: str
    verdict: str
    flags: tuple[str, ...] = ()
    signs: tuple[str, ...] = ()
    host: str = ""
    registered_domain: str = ""
    matches: tuple[Any, ...] = ()


@dataclass(frozen=True)
class PhoneInfo:
    """A phone number found in the text: span, digits as written, verdict, and whether it is a mobile."""

    start: int
    end: int
    raw: str
    verdict: str
    mobile: bool
    known_fake: bool = False
    matches: tuple[Any, ...] = ()


@dataclass
class Features:
    """Everything found, plus the spans the rules see as ``$name``."""

    links: list[LinkInfo] = field(default_factory=list)
    phones: list[PhoneInfo] = field(default_factory=list)
    brands: list[tuple[int, int, str]] = field(default_factory=list)
    amounts: list[Span] = field(default_factory=list)
    cards: list[Span] = field(default_factory=list)

    def spans(self) -> dict[str, list[Span]]:
        """Feature name → spans, as the rule set takes them."""
        out: dict[str, list[Span]] = {
            "link": [(l.start, l.end) for l in self.links],
            "foreign_link": [(l.start, l.end) for l in self.links if l.verdict != "official"],
            "official_link": [(l.start, l.end) for l in self.links if l.verdict == "official"],
            "shortener_link": [(l.start, l.end) for l in self.links if "shortener" in l.flags],
            "brand": [(s, e) for s, e, _ in self.brands],
            "brand_with_site": [(s, e) for s, e, pid in self.brands if pid in _brands_with("website")],
            "brand_with_number": [(s, e) for s, e, pid in self.brands if pid in _brands_with("hotline")],
            "phone": [(p.start, p.end) for p in self.phones],
            "official_number": [(p.start, p.end) for p in self.phones if p.verdict == "official"],
            "foreign_number": [(p.start, p.end) for p in self.phones if p.verdict != "official"],
            "mobile_number": [(p.start, p.end) for p in self.phones if p.mobile and p.verdict != "official"],
            "amount": list(self.amounts),
            "card_number": list(self.cards),
        }
        return {k: v for k, v in out.items() if v}


def find_features(text: str, lang: str) -> Features:
    """Links, phone numbers, brands and amounts in normalised ``text``."""
    found = Features(links=_links(text, lang), brands=_brands(text), amounts=find_amounts(text),
                     cards=[m.span() for m in _CARD.finditer(text)])
    taken = [(l.start, l.end) for l in found.links] + found.amounts + found.cards
    found.phones = _phones(text, taken, lang)
    return found


def find_amounts(text: str) -> list[Span]:
    """Spans of amounts of money in normalised text ("502元", "¥500", "500 yuan", "rmb 20")."""
    return [m.span() for m in _AMOUNT.finditer(text)]


def _links(text: str, lang: str) -> list[LinkInfo]:
    from walletaid.engines import links

    spans = links.find_ip_links(text)
    taken = [(s, e) for s, e, _ in spans]
    spans += [x for x in links.find_links(text, link_data().common_tlds) if not any(s <= x[0] < e for s, e in taken)]
    return [LinkInfo(start, end, *_link_fields(url, lang)) for start, end, url in sorted(spans)[:MAX_LINKS]]


@lru_cache(maxsize=1)
def link_data() -> Any:
    """Shorteners, risky TLDs, phishing and brand words for links (``knowledge/signals.json`` ``links``)."""
    import json
    from types import SimpleNamespace

    from walletaid.knowledge import FOLDER

    raw = json.loads((FOLDER / "signals.json").read_text(encoding="utf-8"))["links"]
    return SimpleNamespace(**{k: frozenset(v) for k, v in raw.items()})


@lru_cache(maxsize=4096)
def _link_fields(url: str, lang: str) -> tuple[Any, ...]:
    from walletaid.engines import links

    data = link_data()
    parts = links.parse_host(url)
    verdict, matches = links.match_host(parts, lang, data.phish_words)
    signs = tuple(links.host_signs(parts, data.brands, data.risky_tlds, data.phish_words))
    if verdict == "not_official" and {"brand_in_host", "gov_in_host", "embedded_domain"} & set(signs):
        verdict = "lookalike"
    flags = tuple(links.link_flags(url, parts, data.shorteners))
    return url, verdict, flags, signs, parts.host, parts.registered_domain, tuple(matches)


def _phones(text: str, taken: list[Span], lang: str) -> list[PhoneInfo]:
    from walletaid.engines import links

    out = []
    for start, end, raw in links.find_phones(text)[:MAX_LINKS]:
        if any(s <= start < e or s < end <= e for s, e in taken):
            continue
        tail = _MOBILE_TAIL.search(raw)
        if tail and tail.start(1) > 0:  # "客服 8 13812345678": a mobile after another number
            start, raw = start + tail.start(1), tail.group(1)
        verdict, known_fake, matches = _phone_fields(raw, lang)
        digits = re.sub(r"\D", "", raw)
        if verdict != "official" and not known_fake and not _phone_shaped(raw, digits):
            continue  # a code, an order number, a year: not a number to call
        out.append(PhoneInfo(start, end, raw, verdict, bool(_MOBILE.match(digits)), known_fake, matches))
    return out


_PHONE_SHAPES = re.compile(
    r"1[3-9]\d{9}"                 # a mainland mobile
    r"|0\d{9,11}"                  # a landline with its area code
    r"|[48]00\d{7}"                # a 400 / 800 service number
    r"|9[56]\d{3,4}|1[0-2]\d{3,6}"  # short service numbers (95xxx, 96xxx, 100xx, 123xx)
)


def _phone_shaped(raw: str, digits: str) -> bool:
    """True when a digit run has the shape of a number one can call (not a 6-digit code or an order number)."""
    if raw.lstrip().startswith(("+", "00")):
        return len(digits) >= 8
    national = digits[2:] if digits.startswith("86") and len(digits) == 13 else digits
    return bool(_PHONE_SHAPES.fullmatch(national))


@lru_cache(maxsize=4096)
def _phone_fields(raw: str, lang: str) -> tuple[str, bool, tuple[Any, ...]]:
    from walletaid.engines import links

    result = links.match_phone(raw, lang)
    return result.verdict, result.known_fake is not None, tuple(result.matches)


@lru_cache(maxsize=2)
def _brands_with(channel: str) -> frozenset[str]:
    """Ids of the providers that have at least one listed channel of this kind (website, hotline)."""
    from walletaid.engines.contacts import directory

    return frozenset(p.id for p in directory().providers if any(ch.channel == channel and ch.value for ch in p.channels))


@lru_cache(maxsize=1)
def _brand_automaton() -> Any:
    import ahocorasick

    from walletaid.engines.contacts import directory

    automaton = ahocorasick.Automaton()
    for provider in directory().providers:
        if provider.group == "public":
            continue
        for alias in {provider.name.zh, *provider.aliases}:
            text = normalize(alias).text
            if len(text) >= 2 and not text.isdigit():
                automaton.add_word(text, (len(text), provider.id))
    automaton.make_automaton()
    return automaton


def _brands(text: str) -> list[tuple[int, int, str]]:
    """(start, end, provider id) of each brand named in ``text`` (whole words for Latin names)."""
    automaton = _brand_automaton()
    out = []
    for last, (size, pid) in automaton.iter(text):
        start = last - size + 1
        if text[start].isascii() and ((start > 0 and text[start - 1].isalnum()) or (last + 1 < len(text) and text[last + 1].isalnum())):
            continue
        out.append((start, last + 1, pid))
    return out
