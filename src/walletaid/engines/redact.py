"""Privacy redaction engine: masks phones and e-mails, removes secrets, in every free-text field.

Every output of walletaid (screen, exported files, the case store, error messages) passes user text
through :func:`redact_text` / :func:`redact_tree` (free text), :func:`redact_file_name` (evidence
file names) or :func:`redact_echo` (a value quoted back in an error).  The text is normalized first
(:mod:`walletaid.engines.redact_view`: full-width and split digits, zero-width characters, Chinese
numerals …), the detectors search that canonical form, and what they find is replaced in the user's
own text.  Phone numbers and e-mails are masked in place (``138****5678``, ``z***@example.com``);
resident ID numbers, bank card numbers, verification codes, passwords / PINs, seed phrases and
private keys are replaced by ``[REDACTED:<kind>]``; overlapping finds are merged, so nothing of
either is left.  The :class:`Redaction` records say which field held what kind of value, never the
value, and :func:`explain` turns them into one line per field and kind for the user, in zh or en.

The engine is pure and never raises on any ``str``; redacting twice changes nothing more.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from walletaid.engines.redact_view import Hit, RedactionKind, marker
from walletaid.i18n import Lang, t

__all__ = [
    "Redaction",
    "RedactionKind",
    "explain",
    "mask_email",
    "mask_phone",
    "redact_echo",
    "redact_file_name",
    "redact_text",
    "redact_tree",
]

_MASKED_KINDS = {"phone", "email"}


class Redaction(BaseModel):
    """One kind of value masked or removed from one field. It never holds the value itself."""

    model_config = ConfigDict(frozen=True)

    field: str
    kind: RedactionKind
    action: Literal["masked", "removed"]


def _national_digits(number: str) -> str:
    """The national number of a phone number (``+86 138-1234-5678`` -> ``13812345678``)."""
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith(("+", "00")):
        try:
            import phonenumbers

            parsed = phonenumbers.parse(number if number.strip().startswith("+") else "+" + digits[2:], None)
            return str(parsed.national_number)
        except Exception:  # noqa: BLE001 - any unparsable input falls back to the plain digits
            pass
    if len(digits) == 13 and digits.startswith("86"):
        return digits[2:]
    return digits


def mask_phone(number: str) -> str:
    """Keep the first 3 and last 4 digits of the national number: ``+86 138-1234-5678`` -> ``138****5678``.

    Numbers of 7 digits or fewer keep only their first 3 digits (``95588`` -> ``955**``).
    """
    digits = _national_digits(number)
    if len(digits) >= 8:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return digits[:3] + "*" * max(0, len(digits) - 3) if len(digits) > 3 else "*" * len(digits)


def mask_email(email: str) -> str:
    """Keep the first character of the local part and the domain: ``zhang.san@example.com`` -> ``z***@example.com``."""
    local, at, domain = email.strip().rpartition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


_ORDER: tuple[RedactionKind, ...] = (
    "private_key", "seed_phrase", "id_number", "bank_card", "verification_code", "password", "email", "phone",
)
_PRIORITY = {kind: i for i, kind in enumerate(_ORDER)}


def _detect(text: str, field: str) -> list[Hit]:
    """Every hit in ``text``, found on its canonical view and placed on ``text`` itself."""
    from walletaid.engines.redact_context import find_codes, find_query_codes
    from walletaid.engines.redact_detect import (
        find_emails,
        find_phones,
        find_private_keys,
    )
    from walletaid.engines.redact_numbers import find_ids_and_cards
    from walletaid.engines.redact_password import find_passwords
    from walletaid.engines.redact_seed import find_seed_phrases
    from walletaid.engines.redact_view import numbers, view_of

    view = view_of(text)
    return [
        *find_private_keys(view, field),
        *find_seed_phrases(view),
        *find_emails(view, mask_email),
        *find_ids_and_cards(view, numbers(view), field),
        *find_phones(view, mask_phone),
        *find_query_codes(view),
        *find_codes(view),
        *find_passwords(view),
    ]


class _Span:
    """Overlapping hits merged into one span: a removal swallows a mask, nothing of either is left."""

    def __init__(self, hit: Hit) -> None:
        self.start, self.end, self.hits = hit.start, hit.end, [hit]

    def add(self, hit: Hit) -> None:
        self.end = max(self.end, hit.end)
        self.hits.append(hit)

    def removed(self) -> list[Hit]:
        return [h for h in self.hits if h.kind not in _MASKED_KINDS]

    def kinds(self) -> list[RedactionKind]:
        """The kinds this span stands for: the removed ones, or the masked ones when nothing is removed."""
        chosen = self.removed() or self.hits
        return sorted({h.kind for h in chosen}, key=_PRIORITY.__getitem__)

    def replacement(self, start: int, end: int) -> str:
        """What replaces ``[start, end)`` of this span (all of it, or the part inside one list item)."""
        whole = (start, end) == (self.start, self.end)
        if not self.removed() and whole:
            for hit in self.hits:
                if (hit.start, hit.end) == (self.start, self.end):
                    return hit.replacement
        return marker(self.kinds()[0])


def _spans(hits: list[Hit]) -> list[_Span]:
    spans: list[_Span] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.end <= hit.start:
            continue
        if spans and hit.start < spans[-1].end:
            spans[-1].add(hit)
        else:
            spans.append(_Span(hit))
    return spans


def _apply(text: str, spans: list[_Span], offset: int = 0) -> str:
    """``text`` (which starts at ``offset`` of the searched text) with its part of each span replaced."""
    parts: list[str] = []
    pos = 0
    for span in spans:
        start, end = max(span.start - offset, 0), min(span.end - offset, len(text))
        if start >= end:
            continue
        parts.append(text[pos:start])
        parts.append(span.replacement(start + offset, end + offset))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _records(spans: list[_Span], field: str, out: list[Redaction]) -> None:
    for span in spans:
        action = "removed" if span.removed() else "masked"
        for kind in span.kinds():
            item = Redaction(field=field, kind=kind, action=action)
            if item not in out:
                out.append(item)


def redact_text(text: str, field: str) -> tuple[str, list[Redaction]]:
    """Mask phones and e-mails and remove secrets from ``text``; say what was done, per kind, for ``field``."""
    if not isinstance(text, str) or not text:
        return text, []
    spans = _spans(_detect(text, field))
    redactions: list[Redaction] = []
    _records(spans, field, redactions)
    return _apply(text, spans), redactions


def _redact_strings(items: list[str], field: str) -> tuple[list[str], list[Redaction]]:
    """Redact a list of texts as one (a phrase one word per step, a key in two steps), item by item."""
    joined = "\n".join(items)
    spans = _spans(_detect(joined, field))
    out: list[str] = []
    touched: dict[int, list[int]] = {}  # span → the items it covers
    offset = 0
    for index, item in enumerate(items):
        mine = [s for s in spans if s.start < offset + len(item) and s.end > offset]
        out.append(_apply(item, mine, offset))
        for span in mine:
            touched.setdefault(id(span), []).append(index)
        offset += len(item) + 1
    redactions: list[Redaction] = []
    for span in spans:
        covered = touched.get(id(span), [])
        if covered:  # one line for a phrase written across items: "steps[0-11]"
            where = f"{covered[0]}-{covered[-1]}" if len(covered) > 1 else str(covered[0])
            _records([span], f"{field}[{where}]", redactions)
    return out, redactions


_EXTENSION = re.compile(r"\.[0-9A-Za-z]{1,5}$")
_NAME_SPACES = str.maketrans("_", " ")


def redact_file_name(name: str, field: str = "evidence") -> tuple[str, list[Redaction]]:
    """A file's name with secrets removed and phones and e-mails masked, its extension kept
    (``验证码483920.png`` → ``验证码[REDACTED:verification_code].png``).  ``_`` reads as a space."""
    from walletaid.textsafe import clean

    name = clean(name, keep_newlines=False)
    ext = _EXTENSION.search(name)
    stem, suffix = (name[: ext.start()], ext.group()) if ext and ext.start() > 0 else (name, "")
    searched = stem if "@" in stem else stem.translate(_NAME_SPACES)  # "_" may belong to an e-mail address
    spans = _spans(_detect(searched, field))
    redactions: list[Redaction] = []
    _records(spans, field, redactions)
    return _apply(stem, spans) + suffix, redactions


def redact_echo(value: object, limit: int = 80) -> str:
    """A value to quote back in an error message (an unknown key, a wrong choice): one line, redacted, shortened."""
    from walletaid.textsafe import clean

    text, _ = redact_text(clean(str(value), keep_newlines=False), "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _child(field: str, key: object) -> str:
    if isinstance(key, int):
        return f"{field}[{key}]"
    return f"{field}.{key}" if field else str(key)


def redact_tree(value: Any, field: str = "") -> tuple[Any, list[Redaction]]:
    """Redact every string inside dicts / lists / tuples; field paths look like ``issue.steps[1]``.

    A list of strings is searched as one text (a phrase written one word per step is still a phrase).
    Keys and non-string leaves (numbers, booleans, None) are returned unchanged.
    """
    if isinstance(value, str):
        return redact_text(value, field)
    redactions: list[Redaction] = []
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            out[key], found = redact_tree(item, _child(field, key))
            redactions.extend(found)
        return out, redactions
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(item, str) for item in value):
            items, redactions = _redact_strings(list(value), field)
            return (tuple(items) if isinstance(value, tuple) else items), redactions
        items = []
        for index, item in enumerate(value):
            new, found = redact_tree(item, _child(field, index))
            items.append(new)
            redactions.extend(found)
        return (tuple(items) if isinstance(value, tuple) else items), redactions
    return value, redactions


def explain(redactions: list[Redaction], lang: Lang) -> list[str]:
    """One line per distinct (field, kind): what was masked or removed and why, in ``lang``."""
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    for item in redactions:
        if (item.field, item.kind) in seen:
            continue
        seen.add((item.field, item.kind))
        reason = t(f"redact.{item.kind}", lang)
        if item.field:
            lines.append(t("redact.line", lang, field=item.field, reason=reason))
        else:
            lines.append(reason[:1].upper() + reason[1:])
    return lines
