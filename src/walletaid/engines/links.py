"""The message check's view of the directory: brand names, phone numbers and addresses, in one import.

The API for ``engines/scam.py`` (pure, cached, safe to call on every message):

- :func:`brand_aliases`: (alias as written, lower-cased; provider id) for every brand, longest alias first;
- :func:`classify_number` → :class:`NumberInfo` (from ``engines/numbers.py``);
- :func:`classify_host` → :class:`HostInfo` (from ``engines/domains.py``);
- :func:`find_links`, :func:`find_ip_links` and :func:`find_phones`: spans in a text (from ``engines/textscan.py``).

The legacy helpers at the end (``match_phone``, ``match_host``, ``host_signs``, ``link_flags``) put the classifiers in
the old message check's terms until it is replaced; ``contacts --verify`` uses the classifiers directly.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from walletaid.engines.domains import HostInfo, HostParts, classify_host, imitations, link_data, official_owners, parse_host, skeleton
from walletaid.engines.domains import dressed_as as _dressed_as
from walletaid.engines.domains import link_flags as _link_flags
from walletaid.engines.numbers import NumberInfo, classify_number, looks_like_phone
from walletaid.engines.textscan import find_ip_links, find_links, find_phones
from walletaid.knowledge.schemas.contacts import Directory
from walletaid.models.contacts import VerifyMatch

__all__ = [
    "HostInfo", "HostParts", "NumberInfo", "brand_aliases", "classify_host", "classify_number", "find_ip_links",
    "find_links", "find_phones", "link_data", "looks_like_phone", "parse_host", "skeleton",
]


def _directory() -> Directory:
    from walletaid.engines.contacts import directory

    return directory()


@lru_cache(maxsize=1)
def brand_aliases() -> tuple[tuple[str, str], ...]:
    """(alias, provider id) for every brand a message may name (every group but ``public``), lower-cased, longest
    first.  Aliases are names people and messages use ('工行', '支付宝', 'icbc'); match ASCII ones as whole words
    ('ems' is not in 'items')."""
    rows = {(alias.lower(), p.id) for p in _directory().providers if p.group != "public" for alias in p.aliases}
    return tuple(sorted(rows, key=lambda row: (-len(row[0]), row)))


# ---------------------------------------------------------------- legacy helpers of the old message check


class PhoneMatch(NamedTuple):
    """Legacy: a number's verdict for the old message check (``unlisted`` reads as ``not_official`` there)."""

    verdict: str
    matches: list[VerifyMatch]
    known_fake: str | None  # the number, when it is a published fake


def _name(provider_id: str, lang: str) -> str:
    for p in _directory().providers:
        if p.id == provider_id:
            return p.name.get(lang)  # type: ignore[arg-type]
    return provider_id


def match_phone(raw: str, lang: str) -> PhoneMatch:
    """Legacy: :func:`classify_number` in the old message check's terms (a number spelled with letters is a disguise)."""
    info = classify_number(raw)
    how = "exact" if info.verdict == "official" else "homoglyph"
    matches = [VerifyMatch(provider=pid, name=_name(pid, lang), value=info.national, how=how) for pid in info.providers or info.imitates]
    verdict = "lookalike" if info.disguised else "not_official" if info.verdict == "unlisted" else info.verdict
    return PhoneMatch(verdict, matches, raw if info.known_fake else None)


def match_host(parts: HostParts, lang: str, phish_words: frozenset[str] = frozenset()) -> tuple[str, list[VerifyMatch]]:
    """Legacy: official (registered domain is official), lookalike (imitates a listed brand), or not official."""
    owners = official_owners(parts)
    if owners:
        return "official", [VerifyMatch(provider=pid, name=_name(pid, lang), value=parts.registered_domain, how="exact") for pid in owners]
    found = [VerifyMatch(provider=i.provider, name=_name(i.provider, lang), value=i.official or _name(i.provider, lang), how=i.how)  # type: ignore[arg-type]
             for i in imitations(parts)]
    return ("lookalike" if found else "not_official"), found


def link_flags(value: str, parts: HostParts, shorteners: frozenset[str] = frozenset()) -> list[str]:
    """Legacy: warnings about a link itself (raw IP, shortener, APK, punycode, user@host); ``shorteners`` is unused."""
    return [f for f in _link_flags(value, parts) if f != "risky_tld"]


def host_signs(parts: HostParts, brands: frozenset[str], risky_tlds: frozenset[str], phish_words: frozenset[str] = frozenset()) -> list[str]:
    """Legacy: how an address is built (brand_in_host, gov_in_host, embedded_domain, risky_tld), or brand_own_domain."""
    if parts.is_ip or "." not in parts.host:
        return []
    own = parts.label.replace("-", "") in brands
    signs = _dressed_as(parts, frozenset() if own else brands, phish_words)
    if parts.registered_domain.partition(".")[2].rsplit(".", 1)[-1] in risky_tlds:
        signs.append("risky_tld")
    if own and not signs:
        signs.append("brand_own_domain")
    return signs
