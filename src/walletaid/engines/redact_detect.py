"""Pattern detectors for the redaction engine: keys, e-mails, ID numbers, bank cards, phones.

Each detector takes the text and returns :class:`Hit` spans; :mod:`walletaid.engines.redact`
runs them in order and replaces the spans.  A detector only reports values that pass a
check (GB 11643 check digit and birth date, Luhn), so transaction numbers are left alone.
Every pattern either starts with a look-behind that rejects positions inside a run of the
same characters, or is made of bounded pieces, so scanning stays linear in the text length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Literal, NamedTuple

from walletaid.lazyre import compile_lazily

RedactionKind = Literal[
    "phone",
    "email",
    "id_number",
    "bank_card",
    "verification_code",
    "password",
    "seed_phrase",
    "private_key",
]

MARKER_PREFIX = "[REDACTED:"
MaskFn = Callable[[str], str]


def marker(kind: RedactionKind) -> str:
    """The text that replaces a removed value, e.g. ``[REDACTED:bank_card]``."""
    return f"{MARKER_PREFIX}{kind}]"


_MARKER = compile_lazily(r"\[REDACTED:[a-z_]+\]")


def without_markers(text: str) -> str:
    """``text`` with each redaction marker replaced by a space: words the user never typed must not count."""
    return _MARKER.sub(" ", text) if MARKER_PREFIX in text else text


class Hit(NamedTuple):
    """A span of the text to replace, what it is and what to put instead."""

    start: int
    end: int
    kind: RedactionKind
    replacement: str


def apply_hits(text: str, hits: list[Hit]) -> tuple[str, list[Hit]]:
    """Replace the hits (the earliest wins when two overlap); return the new text and the hits used."""
    used: list[Hit] = []
    parts: list[str] = []
    pos = 0
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.start < pos:
            continue
        parts.append(text[pos : hit.start])
        parts.append(hit.replacement)
        pos = hit.end
        used.append(hit)
    parts.append(text[pos:])
    return "".join(parts), used


# --- labels: a number right after "订单号" / "txid" is a reference, not a card or a key ------

_LABEL = compile_lazily(
    r"(?:交易单号|交易号|订单号|订单编号|商户单号|流水号|单号|交易哈希|哈希"
    r"|(?<![A-Za-z])(?:txid|tx\s?hash|tx\s?id|transaction\s(?:id|no|number|hash)|order\s(?:id|no|number)"
    r"|reference|ref|hash|txn))(?:\s{0,2}(?:is|was|是|为)(?![A-Za-z]))?[\s:：#=.]{0,3}$",
    re.IGNORECASE,
)
_REFERENCE_FIELDS = {"transaction_id", "tx_id", "txid", "tx_hash", "order_id"}


def is_reference(text: str, start: int, field: str) -> bool:
    """True when the value at ``start`` is labelled as a transaction / order number or hash."""
    leaf = re.sub(r"\[\d+\]$", "", field).rsplit(".", 1)[-1]
    if leaf in _REFERENCE_FIELDS:
        return True
    return _LABEL.search(text[max(0, start - 24) : start]) is not None


# --- private keys ----------------------------------------------------------------------------

_B58 = "1-9A-HJ-NP-Za-km-z"
_KEY = compile_lazily(
    rf"(?<![0-9A-Za-z])(?:"
    rf"(?P<hex>(?:0[xX])?[0-9a-fA-F]{{64}})"
    rf"|(?P<wif>5[{_B58}]{{50}}|[KL][{_B58}]{{51}})"
    rf"|(?P<ext>[xtyzuv]prv[{_B58}]{{100,112}})"
    rf")(?![0-9A-Za-z])"
)
_KEY_WORD = compile_lazily(
    r"(?:私钥|密钥|(?<![A-Za-z])(?:private|secret)[\s_-]?key(?![A-Za-z]))[\s:：=是为]{0,4}"
    r"(?P<value>[0-9A-Za-z+/=]{32,})",
    re.IGNORECASE,
)


def find_private_keys(text: str, field: str) -> list[Hit]:
    """64-hex keys (not when labelled as a tx hash), WIF and xprv/tprv keys, and long tokens after 私钥 / private key."""
    hits = []
    for m in _KEY.finditer(text):
        if m.group("hex") and is_reference(text, m.start(), field):
            continue
        hits.append(Hit(m.start(), m.end(), "private_key", marker("private_key")))
    for m in _KEY_WORD.finditer(text):
        hits.append(Hit(m.start("value"), m.end("value"), "private_key", marker("private_key")))
    return hits


# --- e-mail ----------------------------------------------------------------------------------

_EMAIL = compile_lazily(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,63}(?![A-Za-z0-9\-])"
)


def find_emails(text: str, mask: MaskFn) -> list[Hit]:
    """E-mail addresses, masked in place."""
    return [Hit(m.start(), m.end(), "email", mask(m.group())) for m in _EMAIL.finditer(text)]


# --- resident ID numbers (GB 11643) ----------------------------------------------------------

_ID = compile_lazily(r"(?<![0-9])[1-8]\d{5}[ -]?\d{8}[ -]?\d{3}(?:\d(?![0-9])|[Xx](?![0-9A-Za-z]))")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return "10X98765432"[total % 11]


def is_resident_id(value: str) -> bool:
    """True for an 18-character ID with a valid check character and a plausible birth date."""
    value = value.replace(" ", "").replace("-", "").upper()
    if len(value) != 18 or not value[:17].isdigit():
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2099 and id_check_char(value[:17]) == value[17]


def find_id_numbers(text: str) -> list[Hit]:
    """18-character resident ID numbers whose check character and birth date are valid."""
    return [
        Hit(m.start(), m.end(), "id_number", marker("id_number"))
        for m in _ID.finditer(text)
        if is_resident_id(m.group())
    ]


# --- bank cards (Luhn) -----------------------------------------------------------------------

_DIGIT_GROUPS = compile_lazily(r"(?<![0-9])[0-9]+(?:[ -][0-9]+)*")
_DIGITS = compile_lazily(r"[0-9]+")
_LUHN_DOUBLE = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)
_CARD_WORD = compile_lazily(r"(?:卡号|银行卡|(?<![A-Za-z])card)", re.IGNORECASE)


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by bank card numbers."""
    total = sum(map(int, digits[-1::-2])) + sum(_LUHN_DOUBLE[int(ch)] for ch in digits[-2::-2])
    return total % 10 == 0


_MAX_CARD_GROUPS = 8


def _card_span(groups: list[tuple[int, int, str]], first: int) -> tuple[int, int] | None:
    """The longest run of whole digit groups from ``first`` with 16-19 digits that passes Luhn."""
    best = None
    digits = ""
    for last in range(first, min(len(groups), first + _MAX_CARD_GROUPS)):
        digits += groups[last][2]
        if len(digits) > 19:
            break
        if len(digits) >= 16 and luhn_ok(digits):
            best = (groups[first][0], groups[last][1])
    return best


def find_bank_cards(text: str, field: str) -> list[Hit]:
    """16-19 digit card numbers (spaces or dashes between groups allowed) that pass Luhn.

    In a longer run of digit groups (a card number followed by a date, say), a card is looked
    for as whole groups starting at a group of 3+ digits; a single long digit run (a
    transaction number) is never split.
    """
    hits = []
    for m in _DIGIT_GROUPS.finditer(text):
        if sum(ch.isdigit() for ch in m.group()) < 16:
            continue
        groups = [(g.start(), g.end(), g.group()) for g in _DIGITS.finditer(text, m.start(), m.end())]
        i = 0
        while i < len(groups):
            span = _card_span(groups, i) if i == 0 or len(groups[i][2]) >= 3 else None
            if span is None:
                i += 1
                continue
            if not _labelled_not_card(text, span[0], field):
                hits.append(Hit(span[0], span[1], "bank_card", marker("bank_card")))
            while i < len(groups) and groups[i][0] < span[1]:
                i += 1
    return hits


def _labelled_not_card(text: str, start: int, field: str) -> bool:
    before = text[max(0, start - 24) : start]
    return is_reference(text, start, field) and _CARD_WORD.search(before) is None


# --- Chinese mobile numbers ------------------------------------------------------------------

_PHONE = compile_lazily(r"(?<![0-9+])(?:(?:\+|00)\s?86[ -]?|\(\+?86\)\s?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])")


def find_phones(text: str, mask: MaskFn) -> list[Hit]:
    """Chinese mobile numbers (optional +86 / 0086, spaces or dashes between groups), masked in place."""
    return [Hit(m.start(), m.end(), "phone", mask(m.group())) for m in _PHONE.finditer(text)]

