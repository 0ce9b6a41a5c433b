"""Case identifiers: short, readable over the phone, sortable by day, e.g. ``WA-20261125-7KQ3``."""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from walletaid.models.case import CASE_ID_PATTERN

# No 0/O, 1/I/L: the id is read aloud to support agents.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CASE_ID_RE = re.compile(CASE_ID_PATTERN)


def new_case_id(now: datetime) -> str:
    """A fresh case id for the day of ``now``."""
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(4))
    return f"WA-{now:%Y%m%d}-{suffix}"


def is_case_id(value: str) -> bool:
    """Whether ``value`` has the shape of a case id (case-insensitive input is upper-cased first)."""
    return bool(CASE_ID_RE.match(value.strip().upper()))
