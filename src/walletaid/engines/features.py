"""What a message holds besides words: links, phone numbers, brand names and amounts, with their verdicts.

The message check hands these to the rules as ``$features`` (``$foreign_link``,
``$brand``, ``$mobile_number`` … see ``knowledge.schemas.rules.FEATURES``), so a rule
can say "a brand named with a link to a domain that is not the brand's" in one line.
Everything is found on the normalized text (lower case, half-width, digits joined),
and every span is a span of that text.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any, NamedTuple

from walletaid.engines.amounts import find_amounts
from walletaid.matching.normalize import Normalized, normalize

Span = tuple[int, int]
MAX_LINKS = 200
_MOBILE_TAIL = re.compile(r"(?:^|\s)((?:\+?86)?1[3-9]\d{9})$")
_ANY_DIGIT = re.compile(r"\d")
_DOT_WORD = re.compile(r"\.[a-z0-9]", re.IGNORECASE | re.ASCII)
"""Every link has a dot before a letter (the ending) or a digit (an IP address): texts without one have no link."""
_CHAT_ID = re.compile(r"(?:qq|微信|wx|vx|telegram|tg|whatsapp|line)(?:号码|号|账号|id)?(?:是|为)?\s?[:：]?\s?([a-z0-9][a-z0-9_\-]{4,19})(?![a-z0-9_])")
_CARD = re.compile(r"(?<!\d)(?:62|4\d|5[1-5])\d{14,17}(?!\d)")


class LinkInfo(NamedTuple):
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


class PhoneInfo(NamedTuple):
    """A phone number found in the text: span, digits as written, verdict, and whether it is a mobile."""

    start: int
    end: int
    raw: str
    verdict: str
    mobile: bool
    known_fake: bool = False
    matches: tuple[Any, ...] = ()


class Features(NamedTuple):
    """Everything found, plus the spans the rules see as ``$name``.

    Named tuples here (and for links and phones): a dataclass costs ~1 ms to create when the module is imported.
    """

    links: list[LinkInfo]
    phones: list[PhoneInfo]
    brands: list[tuple[int, int, str]]
    amounts: list[Span]
    cards: list[Span]
    chat_ids: list[Span]
    text: str

    @property
    def senders(self) -> list[tuple[int, int, str]]:
        """The brands the message speaks as (see ``_as_sender``)."""
        tags = _tags(self.text)
        return [b for b in self.brands if _as_sender(self.text, b[0], b[1], tags)]

    def spans(self) -> dict[str, list[Span]]:
        """Feature name → spans, as the rule set takes them (only the features that occur)."""
        out: dict[str, list[Span]] = {}
        if self.links:
            _put(out, "link", [(l.start, l.end) for l in self.links])
            _put(out, "foreign_link", [(l.start, l.end) for l in self.links if l.verdict != "official"])
            _put(out, "official_link", [(l.start, l.end) for l in self.links if l.verdict == "official"])
            _put(out, "shortener_link", [(l.start, l.end) for l in self.links if "shortener" in l.flags])
        if self.brands:
            senders = self.senders
            _put(out, "brand", [(s, e) for s, e, _ in self.brands])
            _put(out, "brand_with_site", [(s, e) for s, e, pid in senders if pid in _brands_with("website")])
            _put(out, "brand_with_number", [(s, e) for s, e, pid in senders if pid in _brands_with("hotline")])
            _put(out, "bank_with_number", [(s, e) for s, e, pid in senders if pid in _brands_with("hotline", _MONEY_GROUPS)])
        if self.phones:
            _put(out, "phone", [(p.start, p.end) for p in self.phones])
            _put(out, "official_number", [(p.start, p.end) for p in self.phones if p.verdict == "official"])
            _put(out, "foreign_number", [(p.start, p.end) for p in self.phones if p.verdict != "official"])
            _put(out, "mobile_number", [(p.start, p.end) for p in self.phones if p.mobile and p.verdict != "official"])
        _put(out, "amount", self.amounts)
        _put(out, "card_number", self.cards)
        _put(out, "chat_id", self.chat_ids)
        return out


def _put(out: dict[str, list[Span]], name: str, spans: list[Span]) -> None:
    if spans:
        out[name] = spans


def find_features(norm: Normalized, lang: str) -> Features:
    """Links, phone numbers, brands, amounts and card numbers in a normalized text (spans in ``norm.text``)."""
    text = norm.text
    digits = _ANY_DIGIT.search(text) is not None  # most chat lines have none: skip what needs them
    links = _links(text, lang) if _DOT_WORD.search(text) else []
    amounts = find_amounts(text) if digits else []
    cards = [m.span() for m in _CARD.finditer(text)] if digits else []
    chat_ids = [m.span(1) for m in _CHAT_ID.finditer(text)]
    phones = []
    if digits:
        taken = [(l.start, l.end) for l in links] + amounts + cards + chat_ids
        phones = _phones(norm, taken, lang)
    return Features(links=links, phones=phones, brands=_brands(text), amounts=amounts, cards=cards,
                    chat_ids=chat_ids, text=text)


def _links(text: str, lang: str) -> list[LinkInfo]:
    from walletaid.engines import links

    spans = links.find_ip_links(text)
    taken = [(s, e) for s, e, _ in spans]
    spans += [x for x in links.find_links(text) if not any(s <= x[0] < e for s, e in taken)]
    return [LinkInfo(start, end, *_link_fields(url, lang)) for start, end, url in sorted(spans)[:MAX_LINKS]]


_DISGUISE_FLAGS = frozenset({"brand_in_host", "gov_in_host", "embedded_domain", "risky_tld"})


@lru_cache(maxsize=4096)
def _link_fields(url: str, lang: str) -> tuple[Any, ...]:
    """(url, verdict, flags, signs, host, registered domain, matches) of one address (see ``links.classify_host``)."""
    from walletaid.engines import links

    info = links.classify_host(url)
    flags = tuple(f for f in info.flags if f not in _DISGUISE_FLAGS)
    signs = tuple(f for f in info.flags if f in _DISGUISE_FLAGS)
    how = "exact" if info.verdict == "official" else "brand_in_domain"
    matches = tuple(_match(pid, lang, info.registered_domain, how) for pid in info.providers or info.imitates)
    return url, info.verdict, flags, signs, info.host, info.registered_domain, matches


def _match(pid: str, lang: str, value: str, how: str) -> Any:
    from walletaid.engines.contacts import find_provider
    from walletaid.models.contacts import VerifyMatch

    provider = find_provider(pid)
    return VerifyMatch(provider=pid, name=provider.name.get(lang) if provider else pid, value=value, how=how)  # type: ignore[arg-type]


_LETTER_IN_NUMBER = re.compile(r"\d[oOlIi]|[oOlIi]\d")


def _phones(norm: Normalized, taken: list[Span], lang: str) -> list[PhoneInfo]:
    from walletaid.engines import links

    out = []
    for start, end, raw in links.find_phones(norm.text)[:MAX_LINKS]:
        if any(s <= start < e or s < end <= e for s, e in taken):
            continue
        tail = _MOBILE_TAIL.search(raw)
        if tail and tail.start(1) > 0:  # "客服 8 13812345678": a mobile after another number
            start, raw = start + tail.start(1), tail.group(1)
        info = links.classify_number(raw)
        if _LETTER_IN_NUMBER.search(norm.original_text(start, end)):  # the normalizer read "8O6" as 806
            info = info._replace(disguised=True)
        if info.verdict != "unlisted" or info.known_fake or info.disguised or _phone_shaped(raw, info.national, info.kind):
            matches = tuple(_match(pid, lang, info.national, "exact" if info.verdict == "official" else "homoglyph")
                            for pid in info.providers or info.imitates)
            verdict = "lookalike" if info.disguised and info.verdict != "official" else info.verdict
            out.append(PhoneInfo(start, end, raw, verdict, info.kind == "mobile", info.known_fake, matches))
    return out


# Short service numbers people are told to call (95xxx, 96xxx, 100xx, 123xx); a 6-digit code or an order number
# is not one, though it has digits enough.
_SERVICE = re.compile(r"9[56]\d{3,4}|1[0-2]\d{3,6}")


def _phone_shaped(raw: str, national: str, kind: str) -> bool:
    """True when a digit run has the shape of a number one can call (not a code, a date or an order number)."""
    if kind in ("mobile", "toll_free", "international", "sms_code"):
        return True
    if kind == "landline":  # an area code, a country code, or digits grouped the way numbers are written
        return raw.lstrip().startswith(("0", "+", "00")) or len(national) >= 10 or "-" in raw
    return kind == "service" and bool(_SERVICE.fullmatch(national))


_MONEY_GROUPS = frozenset({"ecny", "operator", "bank", "payment"})


@lru_cache(maxsize=4)
def _brands_with(channel: str, groups: frozenset[str] | None = None) -> frozenset[str]:
    """Ids of the providers (of ``groups``, if given) with at least one listed channel of this kind (website, hotline)."""
    from walletaid.engines.contacts import directory

    return frozenset(p.id for p in directory().providers if (groups is None or p.group in groups)
                     and any(ch.channel == channel and ch.value for ch in p.channels))


@lru_cache(maxsize=1)
def _brand_automaton() -> Any:
    import ahocorasick

    from walletaid.engines import links

    automaton = ahocorasick.Automaton()
    for alias, pid in links.brand_aliases():
        text = normalize(alias).text
        if len(text) >= 2 and not text.isdigit():
            automaton.add_word(text, (len(text), pid))
    for word in links.link_data().not_brand_words:  # a longer word that holds an alias hides it (海南航空 ⊃ 南航)
        text = normalize(word).text
        if text not in automaton:
            automaton.add_word(text, (len(text), ""))
    automaton.make_automaton()
    return automaton


def _brands(text: str) -> list[tuple[int, int, str]]:
    """(start, end, provider id) of each brand named in ``text`` (whole words for Latin names; within a longer
    name only the longest counts: 中国农业银行, not also 农业银行)."""
    automaton = _brand_automaton()
    found = []
    for last, (size, pid) in automaton.iter(text):
        start = last - size + 1
        if text[start].isascii() and ((start > 0 and text[start - 1].isalnum()) or (last + 1 < len(text) and text[last + 1].isalnum())):
            continue
        found.append((start, last + 1, pid))
        if len(found) >= 4 * MAX_LINKS:
            break  # a long text names brands again and again: the first ones tell what it is
    found.sort()
    if len(found) < 2:  # nothing to be inside of
        return [b for b in found if b[2]]
    longest = []
    for k, b in enumerate(found):  # a name inside a longer one at the same place is part of it
        near = found[max(0, k - 16) : k + 16]
        if not any(o[0] <= b[0] and b[1] <= o[1] and o[1] - o[0] > b[1] - b[0] for o in near):
            longest.append(b)
    return [b for b in longest if b[2]]


# A brand the message speaks as (the sender), not one it merely mentions: in a 【】 or [] tag, at the very
# start or end (the signature), or as "尊敬的X用户", "X通知", "X客服".
_SENDER_AFTER = ("用户", "客户", "会员", "通知", "提醒", "提示", "温馨提示", "信用卡中心", "客服", "官方", "持卡人")
_EDGE = 12


def _as_sender(text: str, start: int, end: int, tags: list[tuple[int, int]]) -> bool:
    if start <= _EDGE or len(text) - end <= _EDGE:
        return True
    before, after = text[max(0, start - 4) : start], text[end : end + 5]
    if "尊敬的" in before or after.startswith(_SENDER_AFTER):
        return True
    k = bisect.bisect_right(tags, (start, len(text))) - 1
    return k >= 0 and tags[k][0] < start and end <= tags[k][1]


_TAG = re.compile(r"【[^【】\n]{1,30}】|\[[^\[\]\n]{1,30}\]")


def _tags(text: str) -> list[tuple[int, int]]:
    """Spans of the 【…】 and […] tags a message puts its sender in."""
    return [m.span() for m in _TAG.finditer(text)] if ("【" in text or "[" in text) else []
