"""Find links and phone numbers in a text: (start, end, raw) spans for the message check to classify.

Run on the normalized text (lower case, full-width folded); the spans point into it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from walletaid.engines.domains import link_data

# ASCII-only edges: a number written straight after Chinese text ("加QQ3091552871进行登记") is still a number.
_PHONE_RE = re.compile(r"(?<![0-9A-Za-z_.+])(?:\+|00)?\d[\d \-()]{1,18}\d(?![0-9A-Za-z_])")


def find_links(text: str, common_tlds: frozenset[str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, url) of links: with a scheme, ``www.``, or a bare domain with a path or a common TLD."""
    tlds = _common_tlds() if common_tlds is None else common_tlds
    out = []
    for m in _LINK_RE.finditer(text):
        url = m.group(0).rstrip(".,;:!?)]}'\"")
        if not m.group(1):  # bare domain: accept only plausible ones
            host = url.split("/")[0].lower()
            tld = host.rsplit(".", 1)[-1]
            if not ("/" in url or tld in tlds) or not tld.isalpha():
                continue
        out.append((m.start(), m.start() + len(url), url))
    return out


@lru_cache(maxsize=1)
def _common_tlds() -> frozenset[str]:
    """Endings that make a bare "name.tld" a link: the common ones, and the ones phishing sites favour."""
    data = link_data()
    return frozenset(data.common_tlds) | frozenset(data.risky_tlds)


_LINK_RE = re.compile(
    r"(?<![\w@.])((?:https?|hxxps?)://|www\.)?"
    r"(?:[a-z0-9\u00c0-\u024f\u0370-\u04ff](?:[a-z0-9\u00c0-\u024f\u0370-\u04ff\-]{0,62})\.){1,8}"
    r"(?:xn--[a-z0-9\-]{1,59}|[a-z]{2,24})(?::\d{1,5})?"
    r"(?:[/?#][\x21-\x7e]{0,2000})?",
    re.IGNORECASE | re.ASCII,
)
_IP_LINK_RE = re.compile(r"(?<![\w.])(?:https?://)?\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?:/[\x21-\x7e]{0,2000})?")


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
