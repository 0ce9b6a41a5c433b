"""Domains and links: take them apart and say whose they are (pure, cached, no network).

``classify_host`` answers for one address: ``official`` (its registrable domain,
or for a shared domain its exact host, is in the directory), ``lookalike`` (it
imitates a listed brand: a homoglyph or punycode spelling, the brand with extra
words, the brand's domain placed inside another site's address, the brand's name
under another suffix, or a one-letter slip), ``not_official`` (a raw IP address,
or an address dressed up as a site it is not: 'gov', a whole domain or a brand
beyond the directory inside someone else's address) or ``unlisted`` (walletaid
does not know it).  Domains are split with tldextract's bundled public-suffix
list and no network fetch.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

from walletaid.knowledge import load
from walletaid.knowledge.schemas.contacts import Directory
from walletaid.knowledge.schemas.links import LinkData

_CONFUSABLES = str.maketrans(
    "аеорсухіјԁѕһԛԝɡοαικνρτυ0135|",
    "aeopcyxijdshqwgoaikvptuolesl",
)
_TLD_WORDS = frozenset({"com", "cn", "net", "org", "gov", "edu", "uk", "hk"})
_CACHE = 65536


class HostParts(NamedTuple):
    """An address taken apart: host, registrable domain, its main label, word tokens and how it is written."""

    host: str
    registered_domain: str
    label: str
    tokens: list[str]
    is_ip: bool
    punycode: bool
    userinfo: str


class HostInfo(NamedTuple):
    """What walletaid knows about an address (see :func:`classify_host`)."""

    verdict: str  # official | not_official | lookalike | unlisted
    host: str
    registered_domain: str
    providers: tuple[str, ...]  # owners, when official
    imitates: tuple[str, ...]  # imitated providers, when lookalike
    flags: tuple[str, ...]  # raw_ip, shortener, apk, punycode, userinfo, risky_tld, brand_in_host, embedded_domain, gov_in_host


class Imitation(NamedTuple):
    """One listed brand an address imitates, how, and the official value it imitates."""

    provider: str
    how: str
    official: str


@lru_cache(maxsize=1)
def link_data() -> LinkData:
    """The validated ``knowledge/links.json`` (shorteners, risky TLDs, common TLDs, phishing words, brand words)."""
    return load("links", LinkData)


def _directory() -> Directory:
    from walletaid.engines.contacts import directory

    return directory()


@lru_cache(maxsize=1)
def _extractor() -> Any:
    import tldextract

    # Bundled public-suffix snapshot only: no suffix_list_urls, no cache dir, so never a network fetch.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=False)


def split_url(value: str) -> tuple[str, str, str]:
    """(userinfo, host, rest) of a URL or bare domain."""
    text = unicodedata.normalize("NFKC", value).strip()
    text = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.\-]{0,15}://", "", text)
    cut = min((i for i in (text.find("/"), text.find("?"), text.find("#")) if i >= 0), default=len(text))
    authority, rest = text[:cut], text[cut:]
    userinfo, _, host = authority.rpartition("@")
    if host.startswith("[") and "]" in host:
        host = host[1 : host.index("]")]
    elif host.count(":") == 1:
        host = host.split(":")[0]
    return userinfo, host.strip(".").lower(), rest


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return bool(re.fullmatch(r"\d{1,10}", host)) or bool(re.fullmatch(r"0x[0-9a-f]{1,8}", host))
    return True


def _idna(host: str) -> tuple[str, str]:
    """(ASCII form, Unicode form) of a host; both the host itself when it cannot be converted."""
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
        return ascii_host, ascii_host.encode("ascii").decode("idna") if "xn--" in ascii_host else host
    except UnicodeError:
        return host, host


@lru_cache(maxsize=_CACHE)
def parse_host(value: str) -> HostParts:
    """Host, registered domain, main label and word tokens of a URL or domain (no network)."""
    userinfo, host, _ = split_url(value)
    if _is_ip(host):
        return HostParts(host, "", "", [], True, False, userinfo)
    ascii_host, unicode_host = _idna(host)
    ext = _extractor()(ascii_host)
    registered = ext.top_domain_under_public_suffix if hasattr(ext, "top_domain_under_public_suffix") else ext.registered_domain
    sub_and_label = unicode_host[: len(unicode_host) - len(ext.suffix) - 1] if ext.suffix else unicode_host
    tokens = [t for t in re.split(r"[.\-_]", sub_and_label + "." + userinfo.lower()) if t]
    tokens += [lab.replace("-", "") for lab in sub_and_label.split(".") if "-" in lab]  # e-cny-pay → ecnypay
    label = _idna(ext.domain)[1] if "xn--" in ext.domain else ext.domain
    return HostParts(host, registered or host, label, tokens, False, "xn--" in host or not host.isascii(), userinfo)


def skeleton(text: str) -> str:
    """A comparison form where confusable characters collapse: і→i→l, 0→o, rn→m, vv→w."""
    s = unicodedata.normalize("NFKC", text).lower().translate(_CONFUSABLES)
    return s.replace("rn", "m").replace("vv", "w").replace("i", "l")


# ---------------------------------------------------------------- the directory's addresses


class _Index(NamedTuple):
    by_domain: dict[str, tuple[str, ...]]  # registrable domain → owners
    by_host: dict[str, tuple[str, ...]]  # exact host (scope "host") → owners
    shown: dict[str, str]  # provider → the official address shown in matches
    brands: dict[str, tuple[str, ...]]  # brand word → providers
    skeletons: dict[str, tuple[str, ...]]  # skeleton of a brand word → providers
    labels: dict[str, tuple[str, ...]]  # main label of an official domain (no hyphens) → providers
    labels_by_length: dict[int, list[tuple[str, tuple[str, ...]]]]  # the same, grouped by length (slips are ±1)


def _add(table: dict[str, tuple[str, ...]], key: str, pid: str) -> None:
    if pid not in table.get(key, ()):
        table[key] = table.get(key, ()) + (pid,)


@lru_cache(maxsize=1)
def _index() -> _Index:
    idx = _Index({}, {}, {}, {}, {}, {}, {})
    for p in _directory().providers:
        for ch in p.channels:
            if ch.channel != "website" or not ch.value:
                continue
            parts = parse_host(ch.value)
            if ch.scope == "host":
                _add(idx.by_host, parts.host.removeprefix("www."), p.id)
            else:
                _add(idx.by_domain, parts.registered_domain, p.id)
                label = parts.label.replace("-", "")
                _add(idx.labels, label, p.id)
                if not label.isdigit() or len(label) >= 5:  # '189' is too short to be a brand word
                    _add(idx.brands, label, p.id)
            idx.shown.setdefault(p.id, parts.registered_domain if ch.scope == "domain" else parts.host)
        for word in p.brands:
            _add(idx.brands, word, p.id)
    for word, pids in idx.brands.items():
        for pid in pids:
            _add(idx.skeletons, skeleton(word), pid)
    for label, pids in idx.labels.items():
        idx.labels_by_length.setdefault(len(label), []).append((label, pids))
    return idx


def official_owners(parts: HostParts) -> tuple[str, ...]:
    """The providers that own this host (its registrable domain, or the exact host for a shared domain)."""
    if parts.is_ip or not parts.host:
        return ()
    idx = _index()
    return idx.by_domain.get(parts.registered_domain, ()) or idx.by_host.get(parts.host.removeprefix("www."), ())


def official_address(pid: str) -> str:
    """The official address of a provider, as shown next to a lookalike ("" when it has none)."""
    return _index().shown.get(pid, "")


# ---------------------------------------------------------------- imitations


def _filler(rest: str, words: frozenset[str], shortest: int) -> bool:
    """True when ``rest`` is empty, digits, or a run of phishing words ('login', 'refund', 'loginverify')."""
    if not rest or rest.isdigit():
        return True
    return any(len(w) >= shortest and rest.startswith(w) and _filler(rest[len(w):], words, shortest) for w in words)


def _glued(token: str, brand: str, words: frozenset[str]) -> bool:
    """The brand glued to phishing words or digits ('icbcrefund', 'ecnypay', '95516app'); short brands need longer words."""
    shortest = 1 if len(brand) >= 4 else 3
    start = token.find(brand)
    while start >= 0:
        if _filler(token[:start], words, shortest) and _filler(token[start + len(brand):], words, shortest):
            return True
        start = token.find(brand, start + 1)
    return False


def _token_hits(token: str, parts: HostParts, words: frozenset[str], named: bool = True) -> list[tuple[str, str]]:
    """(provider, how) for a host token that names or spells a listed brand (``named``: some brand word is in the
    address at all; when not, only lookalike spellings are looked for)."""
    idx = _index()
    hits = []
    for brand, pids in idx.brands.items() if named else ():
        if brand not in token:  # a cheap test first: most tokens hold no brand at all
            continue
        if token == brand and (len(brand) > 3 or _dressed_up(parts, words)):  # 'ems.gov', 'jd.hk' alone prove nothing
            how = "wrong_suffix" if token == parts.label.replace("-", "") and brand in idx.labels else "brand_in_domain"
        elif len(token) > len(brand) and _glued(token, brand, words):
            how = "brand_in_domain"
        else:
            continue
        hits += [(pid, how) for pid in pids]
    if not hits and token not in idx.brands:
        how = "punycode" if parts.punycode else "homoglyph"
        hits = [(pid, how) for pid in idx.skeletons.get(skeleton(token), ())]
    return hits


def _dressed_up(parts: HostParts, words: frozenset[str]) -> bool:
    """The address also carries a phishing word or a risky ending: a short brand name in it is then a disguise."""
    return any(t in words for t in parts.tokens) or _suffix(parts).rsplit(".", 1)[-1] in link_data().risky_tlds


def _suffix(parts: HostParts) -> str:
    """The public suffix of a parsed host ('com.cn' of 'www.icbc.com.cn')."""
    return parts.registered_domain.partition(".")[2]


@lru_cache(maxsize=1)
def _osa() -> Any:
    from rapidfuzz.distance import OSA

    return OSA.distance


def _one_slip(label: str, official: str) -> bool:
    """A typing slip that makes a lookalike: a letter added or two swapped (long names: also one dropped or changed)."""
    if abs(len(label) - len(official)) > 1 or label == official or len(official) < 4 or label.isdigit() or official.isdigit():
        return False
    if _osa()(label, official) != 1:
        return False
    if len(label) == len(official) + 1 or (len(label) == len(official) and sorted(label) == sorted(official)):
        return True
    return len(official) >= 7


def _embedded(parts: HostParts) -> list[tuple[str, str]]:
    """(provider, 'embedded_domain') for an official domain placed inside another address ('icbc.com.cn.example.top')."""
    suffix = _suffix(parts)
    inner = parts.host[: len(parts.host) - len(suffix) - 1] if suffix else parts.host  # 'taobao.com.tw' is not inside
    haystacks = [f".{text}." for text in (inner, parts.userinfo.lower()) if "." in text]
    hits: list[tuple[str, str]] = []
    if not haystacks:
        return hits
    for domain, pids in _index().by_domain.items():
        if any(f".{domain}." in h or f".{domain}-" in h for h in haystacks):
            hits += [(pid, "embedded_domain") for pid in pids]
    return hits


def imitations(parts: HostParts) -> tuple[Imitation, ...]:
    """The listed brands an address (not their own) imitates, one entry per provider, strongest reason first."""
    if parts.is_ip or not parts.host or official_owners(parts):
        return ()
    words = frozenset(link_data().phish_words)
    idx = _index()
    hits = _embedded(parts)
    named = _finder(frozenset(idx.brands)).search(" ".join(parts.tokens)) is not None  # type: ignore[union-attr]
    for token in dict.fromkeys(parts.tokens):
        hits += _token_hits(token, parts, words, named)
    label = parts.label.replace("-", "")
    near = [(o, pids) for n in (len(label) - 1, len(label), len(label) + 1) for o, pids in idx.labels_by_length.get(n, ())]
    hits += [(pid, "edit_distance") for official, pids in near if _one_slip(label, official) for pid in pids]
    found: dict[str, Imitation] = {}
    for pid, how in hits:
        found.setdefault(pid, Imitation(pid, how, official_address(pid)))
    return tuple(found.values())


# ---------------------------------------------------------------- flags and the verdict


def link_flags(value: str, parts: HostParts) -> list[str]:
    """Warnings about a link itself: raw IP host, URL shortener, APK download, punycode, user@host trick, risky ending."""
    _, _, rest = split_url(value)
    shorteners = link_data().shorteners
    flags = []
    if parts.is_ip:
        flags.append("raw_ip")
    if parts.registered_domain in shorteners or parts.host in shorteners:
        flags.append("shortener")
    if re.search(r"\.apk(?:$|[?#&])", rest.lower()):
        flags.append("apk")
    if parts.punycode:
        flags.append("punycode")
    if parts.userinfo:
        flags.append("userinfo")
    if not parts.is_ip and _suffix(parts).rsplit(".", 1)[-1] in link_data().risky_tlds:
        flags.append("risky_tld")
    return flags


@lru_cache(maxsize=16)
def _finder(words: frozenset[str]) -> re.Pattern[str] | None:
    """One regex finding any of ``words`` (longest first): most addresses hold none, and one search says so."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))) if words else None


def dressed_as(parts: HostParts, brands: frozenset[str], phish_words: frozenset[str], *, named: bool = False,
               embedded: bool = False) -> list[str]:
    """How an address dresses up as somebody else's: ``brand_in_host`` (one of ``brands`` inside it, or ``named``),
    ``gov_in_host`` ('gov' outside a government suffix), ``embedded_domain`` (a whole domain inside it, or ``embedded``)."""
    if parts.is_ip or "." not in parts.host:
        return []
    suffix = _suffix(parts)
    inner = parts.host[: len(parts.host) - len(suffix) - 1] if suffix else parts.host
    labels = inner.split(".")
    tokens = [t for lab in labels for t in re.split(r"[\-_]", lab) if t] + [lab.replace("-", "") for lab in labels]
    flags = []
    finder = _finder(brands)
    if named or (finder is not None and finder.search(" ".join(tokens)) and any(
            t in brands or any(_glued(t, b, phish_words) for b in set(finder.findall(t)) if len(b) >= 4) for t in tokens)):
        flags.append("brand_in_host")
    if "gov" in tokens and "gov" not in suffix.split("."):
        flags.append("gov_in_host")
    if embedded or parts.label in _TLD_WORDS or (len(labels) > 1 and labels[-2] in _TLD_WORDS and labels[-2] != "www"):
        flags.append("embedded_domain")
    return flags


def disguise_flags(parts: HostParts, imitated: tuple[Imitation, ...] = ()) -> list[str]:
    """:func:`dressed_as` with the brand words of ``links.json`` (the address's own name aside) and its imitations."""
    data = link_data()
    own = parts.label.replace("-", "")
    brands = frozenset() if own in data.brands or own in _index().brands else frozenset(data.brands)  # appleid.apple.com
    return dressed_as(parts, brands, frozenset(data.phish_words),
                      named=any(i.how in ("brand_in_domain", "wrong_suffix") for i in imitated),
                      embedded=any(i.how == "embedded_domain" for i in imitated))


@lru_cache(maxsize=_CACHE)
def examine_host(url_or_host: str) -> tuple[HostInfo, tuple[Imitation, ...]]:
    """:func:`classify_host` and the imitations behind a ``lookalike`` verdict (how, and the official address)."""
    parts = parse_host(url_or_host)
    flags = link_flags(url_or_host, parts)
    if not parts.host:
        return HostInfo("unlisted", "", "", (), (), tuple(flags)), ()
    if parts.is_ip:
        return HostInfo("not_official", parts.host, "", (), (), tuple(flags)), ()
    owners = official_owners(parts)
    if owners:
        return HostInfo("official", parts.host, parts.registered_domain, owners, (), tuple(flags)), ()
    imitated = imitations(parts)
    disguises = disguise_flags(parts, imitated)
    flags += [f for f in disguises if f not in flags]
    verdict = "lookalike" if imitated else "not_official" if disguises else "unlisted"
    info = HostInfo(verdict, parts.host, parts.registered_domain, (), tuple(i.provider for i in imitated), tuple(flags))
    return info, imitated


def classify_host(url_or_host: str) -> HostInfo:
    """Whose address is this?  ``official`` / ``lookalike`` / ``not_official`` / ``unlisted``, with owners, imitated
    providers and warning flags.  Pure and cached: call it as often as you like."""
    return examine_host(url_or_host)[0]
