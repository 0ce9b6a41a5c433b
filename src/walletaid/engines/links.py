"""Take phone numbers, domains and links apart and compare them with the official directory.

Pure functions used by ``contacts --verify`` and by the message check.  Domains
are split with tldextract's bundled public-suffix list and no network fetch.
Lookalikes are found by brand words inside other domains, small edit distances,
confusable characters (0/o, 1/l, rn/m, Cyrillic letters) and punycode.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

from walletaid.lazyre import compile_lazily
from walletaid.models.contacts_doc import Directory, VerifyMatch

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖", "0012345678912345678" + "9")
_LETTER_DIGITS = str.maketrans("oOlIiSB", "0011158")
_CONFUSABLES = str.maketrans(
    "аеорсухіјԁѕһԛԝɡοαικνρτυ0135|",
    "aeopcyxijdshqwgoaikvptuolesl",
)
_PHONE_SEPARATORS = compile_lazily(r"[\s\-().]")
_DIGITS_ONLY = compile_lazily(r"\d+")


class PhoneKey(NamedTuple):
    """A phone number reduced to national digits; ``disguised`` when letters or CJK numerals stood in for digits."""

    national: str
    had_cc: bool
    disguised: bool


class PhoneMatch(NamedTuple):
    verdict: str
    matches: list[VerifyMatch]
    known_fake: str | None  # provider-free note key: the fake's value


class HostParts(NamedTuple):
    host: str
    registered_domain: str
    label: str
    tokens: list[str]
    is_ip: bool
    punycode: bool
    userinfo: str


def _directory() -> Directory:
    from walletaid.engines.contacts import directory

    return directory()


def _name(provider_id: str, lang: str) -> str:
    for p in _directory().providers:
        if p.id == provider_id:
            return p.name.get(lang)  # type: ignore[arg-type]
    return provider_id


# ---------------------------------------------------------------- phones


def normalise_phone(raw: str) -> PhoneKey:
    """Digits of a number without +86 / 0086, spaces and dashes; flags CJK numerals or letters used as digits."""
    text = unicodedata.normalize("NFKC", raw).strip()
    plain = _PHONE_SEPARATORS.sub("", text)
    converted = plain.translate(_CN_DIGITS)
    if not converted.lstrip("+").isdigit():
        converted = converted.translate(_LETTER_DIGITS)
    disguised = converted != plain.translate(_LETTER_DIGITS).translate(_CN_DIGITS) or converted != plain
    had_cc = False
    for prefix in ("+86", "0086"):
        if converted.startswith(prefix):
            converted, had_cc = converted[len(prefix):], True
            break
    return PhoneKey(converted.lstrip("+"), had_cc, disguised)


def looks_like_phone(raw: str) -> bool:
    """True when ``raw`` is mostly digits (a number), not a domain or URL."""
    text = unicodedata.normalize("NFKC", raw).translate(_CN_DIGITS)
    digits = sum(c.isdigit() for c in text)
    return digits >= 3 and digits >= len(_PHONE_SEPARATORS.sub("", text).lstrip("+")) - 2


@lru_cache(maxsize=1)
def _official_numbers() -> tuple[tuple[str, bool, str, str], ...]:
    """(national digits, needs country code, provider id, display value) for every official number."""
    rows = []
    for p in _directory().providers:
        for ch in p.channels:
            if ch.channel in ("hotline", "sms") and ch.value:
                key = normalise_phone(ch.value)
                rows.append((key.national, key.had_cc, p.id, ch.value))
    return tuple(rows)


def _one_digit_off(a: str, b: str) -> bool:
    from rapidfuzz.distance import OSA

    return a != b and len(b) >= 5 and b.startswith("95") and OSA.distance(a, b) == 1


def match_phone(raw: str, lang: str) -> PhoneMatch:
    """Compare a number with the directory: official, lookalike (embeds / one digit off / disguised) or not."""
    key = normalise_phone(raw)
    if not key.national.isdigit():
        return PhoneMatch("not_official", [], None)
    fakes = {normalise_phone(f.value).national: f.value for f in _directory().known_fakes}
    if key.national in fakes:
        return PhoneMatch("not_official", [], fakes[key.national])
    exact, close, near = [], [], []
    for national, needs_cc, pid, shown in _official_numbers():
        match = VerifyMatch(provider=pid, name=_name(pid, lang), value=shown, how="exact")
        if key.national == national and (key.had_cc or not needs_cc):
            exact.append(match)
        elif len(national) >= 5 and national in key.national and not needs_cc:
            extra = len(key.national) - len(national)
            edge = key.national.startswith(national) or key.national.endswith(national)
            if extra <= 4 or (edge and extra <= 8):
                close.append(match.model_copy(update={"how": "digits"}))
        elif not needs_cc and _one_digit_off(key.national, national):
            near.append(match.model_copy(update={"how": "edit_distance"}))
    if exact and key.disguised:
        return PhoneMatch("lookalike", [m.model_copy(update={"how": "homoglyph"}) for m in exact], None)
    if exact:
        return PhoneMatch("official", exact, None)
    close = close or near
    return PhoneMatch("lookalike" if close else "not_official", close, None)


# ---------------------------------------------------------------- domains and links


@lru_cache(maxsize=1)
def _extractor() -> Any:
    import tldextract

    # Bundled public-suffix snapshot only: no suffix_list_urls, no cache dir, so never a network fetch.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=False)


def _split_url(value: str) -> tuple[str, str, str]:
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


def parse_host(value: str) -> HostParts:
    """Host, registered domain, main label and word tokens of a URL or domain (no network)."""
    userinfo, host, _ = _split_url(value)
    if _is_ip(host):
        return HostParts(host, "", "", [], True, False, userinfo)
    punycode = "xn--" in host or not host.isascii()
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
        unicode_host = ascii_host.encode("ascii").decode("idna") if "xn--" in ascii_host else host
    except UnicodeError:
        ascii_host = unicode_host = host
    ext = _extractor()(ascii_host)
    registered = ext.top_domain_under_public_suffix if hasattr(ext, "top_domain_under_public_suffix") else ext.registered_domain
    sub_and_label = unicode_host[: len(unicode_host) - len(ext.suffix) - 1] if ext.suffix else unicode_host
    tokens = [t for t in re.split(r"[.\-_]", sub_and_label + "." + userinfo.lower()) if t]
    tokens += [lab.replace("-", "") for lab in sub_and_label.split(".") if "-" in lab]  # e-cny-pay → ecnypay
    label = ext.domain
    if "xn--" in label:
        try:
            label = label.encode("ascii").decode("idna")
        except UnicodeError:
            pass
    return HostParts(host, registered or host, label, tokens, False, punycode, userinfo)


def skeleton(text: str) -> str:
    """A comparison form where confusable characters collapse: і→i→l, 0→o, rn→m, vv→w."""
    s = unicodedata.normalize("NFKC", text).lower().translate(_CONFUSABLES)
    return s.replace("rn", "m").replace("vv", "w").replace("i", "l")


@lru_cache(maxsize=1)
def _official_domains() -> tuple[tuple[str, str, str], ...]:
    """(registered domain, label, provider id) of every official website."""
    rows = []
    for p in _directory().providers:
        for ch in p.channels:
            if ch.channel == "website" and ch.value:
                parts = parse_host(ch.value)
                rows.append((parts.registered_domain, parts.label, p.id))
    return tuple(rows)


@lru_cache(maxsize=1)
def _brands() -> tuple[tuple[str, str, str], ...]:
    """(brand word, provider id, official value shown) used for brand-in-domain checks."""
    rows: dict[str, tuple[str, str, str]] = {}
    domains = {pid: reg for reg, _, pid in _official_domains()}
    for p in _directory().providers:
        for word in p.brands:
            rows.setdefault(word, (word, p.id, domains.get(p.id, p.name.en)))
    for reg, label, pid in _official_domains():
        rows.setdefault(label, (label, pid, reg))
    return tuple(rows.values())


def _brand_hit(brand: str, token: str, phish_words: frozenset[str]) -> str | None:
    if token == brand:
        return "brand_in_domain"
    if skeleton(token) == skeleton(brand):
        return "homoglyph"
    if len(brand) >= 4 and brand in token:
        return "brand_in_domain"
    if len(brand) >= 4 and skeleton(brand) in skeleton(token):
        return "homoglyph"
    if len(brand) == 3 and (token.startswith(brand) or token.endswith(brand)):
        rest = token[3:] if token.startswith(brand) else token[:-3]
        if rest.isdigit() or rest in phish_words:
            return "brand_in_domain"
    return None


def match_host(parts: HostParts, lang: str, phish_words: frozenset[str] = frozenset()) -> tuple[str, list[VerifyMatch]]:
    """Verdict for a host: official (registered domain is official), lookalike, or not official."""
    from rapidfuzz.distance import OSA

    if parts.is_ip or not parts.host:
        return "not_official", []
    for reg, _, pid in _official_domains():
        if parts.registered_domain == reg:
            return "official", [VerifyMatch(provider=pid, name=_name(pid, lang), value=reg, how="exact")]
    found: dict[str, VerifyMatch] = {}
    for brand, pid, shown in _brands():
        for token in parts.tokens:
            how = _brand_hit(brand, token, phish_words)
            if how:
                how = "punycode" if parts.punycode and how == "homoglyph" else how
                found.setdefault(pid, VerifyMatch(provider=pid, name=_name(pid, lang), value=shown, how=how))  # type: ignore[arg-type]
    label = parts.label.replace("-", "")
    for reg, official_label, pid in _official_domains():
        limit = 1 if len(official_label) <= 6 else 2
        if pid not in found and len(official_label) >= 4 and 0 < OSA.distance(label, official_label) <= limit:
            found[pid] = VerifyMatch(provider=pid, name=_name(pid, lang), value=reg, how="edit_distance")
    return ("lookalike" if found else "not_official"), list(found.values())


def link_flags(value: str, parts: HostParts, shorteners: frozenset[str]) -> list[str]:
    """Warnings about a link itself: raw IP host, URL shortener, APK download, punycode, user@host trick."""
    _, _, rest = _split_url(value)
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
    return flags


_TLD_WORDS = frozenset({"com", "cn", "net", "org", "gov", "edu", "uk", "hk"})


def _brand_token(token: str, brands: frozenset[str], phish_words: frozenset[str]) -> bool:
    """A host token that names a brand: the brand itself, or the brand glued to a phishing word or digits."""
    if token in brands:
        return True
    return any(len(b) >= 4 and token.startswith(b) and (token[len(b):] in phish_words or token[len(b):].isdigit()) for b in brands)


def host_signs(parts: HostParts, brands: frozenset[str], risky_tlds: frozenset[str], phish_words: frozenset[str] = frozenset()) -> list[str]:
    """How an address is built: a brand, 'gov' or a whole domain placed inside someone else's site, a risky TLD,
    or a brand's own domain (its registered name is the brand)."""
    if parts.is_ip or "." not in parts.host:
        return []
    suffix = parts.registered_domain[len(parts.label) + 1 :]
    inner = parts.host[: len(parts.host) - len(suffix) - 1] if suffix else parts.host
    labels = inner.split(".")
    own = parts.label.replace("-", "") in brands
    signs = []
    tokens = [t for lab in labels for t in re.split(r"[\-_]", lab) if t]
    if not own and (any(_brand_token(t, brands, phish_words) for t in tokens) or any(lab.replace("-", "") in brands for lab in labels)):
        signs.append("brand_in_host")
    if "gov" in tokens and "gov" not in suffix.split("."):
        signs.append("gov_in_host")
    if parts.label in _TLD_WORDS or (len(labels) > 1 and labels[-2] in _TLD_WORDS and labels[-2] != "www"):
        signs.append("embedded_domain")
    if suffix.rsplit(".", 1)[-1] in risky_tlds:
        signs.append("risky_tld")
    if own and not signs:
        signs.append("brand_own_domain")
    return signs


def find_links(text: str, common_tlds: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, url) of links: with a scheme, ``www.``, or a bare domain with a path or a common TLD."""
    out = []
    for m in _LINK_RE.finditer(text):
        url = m.group(0).rstrip(".,;:!?)]}'\"")
        if not m.group(1):  # bare domain: accept only plausible ones
            host = url.split("/")[0].lower()
            tld = host.rsplit(".", 1)[-1]
            if not ("/" in url or tld in common_tlds) or not tld.isalpha():
                continue
        out.append((m.start(), m.start() + len(url), url))
    return out


_LINK_RE = compile_lazily(
    r"(?<![\w@.])((?:https?|hxxps?)://|www\.)?"
    r"(?:[a-z0-9\u00c0-\u024f\u0370-\u04ff](?:[a-z0-9\u00c0-\u024f\u0370-\u04ff\-]{0,62})\.){1,8}"
    r"(?:xn--[a-z0-9\-]{1,59}|[a-z]{2,24})(?::\d{1,5})?"
    r"(?:[/?#][\x21-\x7e]{0,2000})?",
    re.IGNORECASE | re.ASCII,
)
_IP_LINK_RE = compile_lazily(r"(?<![\w.])(?:https?://)?\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?:/[\x21-\x7e]{0,2000})?")
# ASCII-only edges: a number written straight after Chinese text ("加QQ3091552871进行登记") is still a number.
_PHONE_RE = compile_lazily(r"(?<![0-9A-Za-z_.+])(?:\+|00)?\d[\d \-()]{1,18}\d(?![0-9A-Za-z_])")


def find_ip_links(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url) of links whose host is a raw IPv4 address."""
    return [(m.start(), m.end(), m.group(0).rstrip(".,;:!?")) for m in _IP_LINK_RE.finditer(text)]


def find_phones(text: str) -> list[tuple[int, int, str]]:
    """(start, end, raw) of number-like runs with 3 to 16 digits."""
    out = []
    for m in _PHONE_RE.finditer(text):
        raw = m.group(0).strip(" -")
        digits = sum(c.isdigit() for c in raw)
        if 3 <= digits <= 16:
            out.append((m.start(), m.start() + len(raw), raw))
    return out
