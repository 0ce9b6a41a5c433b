"""Privacy redaction engine: masks phones and e-mails, removes secrets, in every free-text field.

Every output of walletaid (screen, exported files, the case store) passes user text through
:func:`redact_text` / :func:`redact_tree`.  Phone numbers and e-mails are masked in place
(``138****5678``, ``z***@example.com``); resident ID numbers, bank card numbers, verification
codes, passwords / PINs, seed phrases and private keys are replaced by ``[REDACTED:<kind>]``.
The :class:`Redaction` records say which field held what kind of value, never the value, and
:func:`explain` turns them into one line per field and kind for the user, in zh or en.

The engine is pure and never raises on any ``str``; redacting twice changes nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from walletaid.engines.redact_context import find_codes, find_passwords
from walletaid.engines.redact_detect import (
    Hit,
    RedactionKind,
    apply_hits,
    find_bank_cards,
    find_emails,
    find_id_numbers,
    find_phones,
    find_private_keys,
)
from walletaid.engines.redact_seed import find_seed_phrases
from walletaid.i18n import Lang, t

__all__ = [
    "Redaction",
    "RedactionKind",
    "explain",
    "mask_email",
    "mask_phone",
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


def _detectors(field: str) -> list[Callable[[str], list[Hit]]]:
    """Detectors in the order they run: long secrets first, so shorter patterns can't split them."""
    return [
        lambda text: find_private_keys(text, field),
        find_seed_phrases,
        lambda text: find_emails(text, mask_email),
        find_id_numbers,
        lambda text: find_bank_cards(text, field),
        lambda text: find_phones(text, mask_phone),
        find_codes,
        find_passwords,
    ]


def redact_text(text: str, field: str) -> tuple[str, list[Redaction]]:
    """Mask phones and e-mails and remove secrets from ``text``; say what was done, per kind, for ``field``."""
    if not isinstance(text, str) or not text:
        return text, []
    found: list[Hit] = []
    for detect in _detectors(field):
        hits = detect(text)
        if hits:
            text, used = apply_hits(text, hits)
            found.extend(used)
    redactions: list[Redaction] = []
    for hit in found:
        action = "masked" if hit.kind in _MASKED_KINDS else "removed"
        item = Redaction(field=field, kind=hit.kind, action=action)
        if item not in redactions:
            redactions.append(item)
    return text, redactions


def _child(field: str, key: object) -> str:
    if isinstance(key, int):
        return f"{field}[{key}]"
    return f"{field}.{key}" if field else str(key)


def redact_tree(value: Any, field: str = "") -> tuple[Any, list[Redaction]]:
    """Redact every string inside dicts / lists / tuples; field paths look like ``issue.steps[1]``.

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
