"""Pattern detectors for the redaction engine: private keys (whole or split), e-mails, phones.

Each detector reads a :class:`~walletaid.engines.redact_view.View` (the canonical text: lower case,
NFKC, digits joined) and returns :class:`Hit` spans on the user's own text.  Every pattern either
starts with a look-behind that rejects positions inside a run of the same characters, or is made of
bounded pieces, so scanning stays linear in the text length.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from walletaid.engines.redact_view import (
    MARKER_PREFIX,
    Hit,
    RedactionKind,
    View,
    marker,
    without_markers,
)

__all__ = [
    "MARKER_PREFIX", "Hit", "RedactionKind", "find_emails", "find_phones", "find_private_keys", "is_reference",
    "marker", "without_markers",
]

MaskFn = Callable[[str], str]

# --- labels: a number right after "订单号" / "txid" is a reference, not a card or a key ------

_LABEL = re.compile(
    r"(?:交易单号|交易号|订单号|订单编号|商户单号|流水号|流水|单号|交易哈希|哈希|工单号|投诉编号"
    r"|(?<![a-z])(?:txid|tx\s?hash|tx\s?id|transaction\s(?:id|no|number|hash)|order\s(?:id|no|number)"
    r"|reference|ref|hash|txn))(?:\s{0,2}(?:is|was|是|为)(?![a-z]))?[\s:#=.]{0,3}$"
)
_REFERENCE_FIELDS = {"transaction_id", "tx_id", "txid", "tx_hash", "order_id"}


def reference_field(field: str) -> bool:
    """Whether ``field`` holds a transaction or order number by its name (``transaction.transaction_id``)."""
    leaf = re.sub(r"\[\d+\]$", "", field).rsplit(".", 1)[-1]
    return leaf in _REFERENCE_FIELDS


def is_reference(text: str, start: int, field: str) -> bool:
    """True when the value at canonical ``start`` is labelled as a transaction / order number or hash."""
    if reference_field(field):
        return True
    return _LABEL.search(text, max(0, start - 24), start) is not None


# --- private keys ----------------------------------------------------------------------------

_KEY = re.compile(
    r"(?<![0-9a-z])(?:"
    r"(?P<hex>(?:0x)?[0-9a-f]{64})"
    r"|(?P<wif>5[1-9a-z]{50}|[kl][1-9a-z]{51})"
    r"|(?P<ext>[xtyzuv]prv[1-9a-z]{100,112})"
    r")(?![0-9a-z])"
)
_KEY_WORD = re.compile(r"私钥|密钥|(?<![a-z])(?:private|secret)[\s_-]?key(?![a-z])|(?<![a-z])wif(?![a-z])")
# A piece of a key: a long run of letters and digits that has both, or of 20 letters or more when the pieces add
# up to a key (a base58 key's half lacks a digit about once in seventy).  Digits alone are a number (a transaction id).
_FRAGMENT = re.compile(
    r"(?<![0-9a-z@./])(?=[0-9a-z]*[a-z])(?:(?=[0-9a-z]*[0-9])[0-9a-z]{12,}|[a-z]{12,})(?![0-9a-z@])"
)
_HEX = re.compile(r"[0-9a-f]+")
_ADDRESS = re.compile(r"0x[0-9a-f]{40}|(?:bc1|tb1)[0-9a-z]{8,87}")
_KEY_REACH = 40
_SPLIT_GAP = 16
_B58_KEY = re.compile(r"5[1-9a-z]{50}|[kl][1-9a-z]{51}|[xtyzuv]prv[1-9a-z]{107}")


def _key_hits(view: View, field: str) -> list[Hit]:
    """Whole keys, on the canonical text and on the text as typed (lower-cased): the normalizer reads
    ``L1111…`` as a number, which a key is not."""
    hits = [
        view.hit(m.start(), m.end(), "private_key")
        for m in _KEY.finditer(view.text)
        if not view.in_marker(m.start()) and not (m.group("hex") and is_reference(view.text, m.start(), field))
    ]
    typed = view.original.lower()
    if typed != view.text and len(typed) == len(view.original):
        hits.extend(
            Hit(m.start(), m.end(), "private_key", marker("private_key"))
            for m in _KEY.finditer(typed)
            if not (m.group("hex") and is_reference(typed, m.start(), field))
        )
    return hits


def _is_key(pieces: list[re.Match[str]]) -> bool:
    """Whether the pieces together make a whole key: 64 hex digits, or a WIF or xprv key."""
    joined = "".join(p.group() for p in pieces)
    hexa = joined.removeprefix("0x")
    return (len(hexa) == 64 and _HEX.fullmatch(hexa) is not None) or _B58_KEY.fullmatch(joined) is not None


def _split_key_hits(view: View, field: str) -> list[Hit]:
    """A key written in two or more pieces: pieces that add up to a key's length, or pieces within reach of
    私钥 / private key (and the pieces that follow those)."""
    text = view.text
    pieces = [m for m in _FRAGMENT.finditer(text) if not view.in_marker(m.start()) and not _ADDRESS.fullmatch(m.group())]
    keywords = [m.end() for m in _KEY_WORD.finditer(text) if not view.in_marker(m.start())]
    keyed: set[int] = set()
    for i, piece in enumerate(pieces):
        run = [i]
        for j in range(i + 1, min(len(pieces), i + 4)):
            if not _close(view, pieces[run[-1]], pieces[j]):
                break
            run.append(j)
            if _is_key([pieces[k] for k in run]):
                keyed.update(run)
                break
    last_key = None
    for i, piece in enumerate(pieces):
        if len(piece.group()) < 16 or piece.group().isalpha() or is_reference(text, piece.start(), field):
            continue  # a word of letters counts only where the pieces add up to a key (an error name stays)
        near = any(0 <= piece.start() - end <= _KEY_REACH for end in keywords)
        if near or (last_key is not None and _close(view, pieces[last_key], piece)):
            keyed.add(i)
        if i in keyed:
            last_key = i
    return [view.hit(pieces[i].start(), pieces[i].end(), "private_key") for i in sorted(keyed)]


def _close(view: View, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether two pieces stand close enough to be one key (and no marker stands between them)."""
    return second.start() - first.end() <= _SPLIT_GAP and view.next_marker(first.end(), second.start()) == second.start()


def find_private_keys(view: View, field: str) -> list[Hit]:
    """64-hex keys (not when labelled as a tx hash), WIF and xprv/tprv keys, keys split in pieces,
    and long tokens within reach of 私钥 / private key."""
    return _key_hits(view, field) + _split_key_hits(view, field)


# --- e-mail ----------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![a-z0-9._%+\-])[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,63}(?![a-z0-9\-])"
)


def find_emails(view: View, mask: MaskFn) -> list[Hit]:
    """E-mail addresses, masked in place (the mask keeps the user's own spelling of the first letter and domain)."""
    hits = []
    for m in _EMAIL.finditer(view.text):
        if not view.in_marker(m.start()):
            a, b = view.span(m.start(), m.end())
            hits.append(Hit(a, b, "email", mask(view.original[a:b])))
    return hits


# --- Chinese mobile numbers ------------------------------------------------------------------

_PHONE = re.compile(
    r"(?<![0-9+])(?:(?:\+|00)\s?86[ .-]?|\(\+?86\)\s?|86(?=1[3-9][0-9]{9}(?![0-9])))?"
    r"1[3-9][0-9](?:[ .-]?[0-9]{4}){2}(?![0-9])"
)


def find_phones(view: View, mask: MaskFn) -> list[Hit]:
    """Chinese mobile numbers (optional +86 / 0086, spaces, dashes or dots between groups), masked in place."""
    return [view.hit(m.start(), m.end(), "phone", mask(m.group())) for m in _PHONE.finditer(view.text)]
