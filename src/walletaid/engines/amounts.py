"""Amounts of money in a normalized text: the message check's ``$amount`` and what diagnose masks.

A module of its own so that diagnose, which needs only this, does not import the rest of the
message check's features (their expressions and records cost start-up time).
"""

from __future__ import annotations

import re

Span = tuple[int, int]
_AMOUNT = re.compile(
    r"(?:[¥￥$£€]|rmb|cny|usd)\s?\d[\d,]*(?:\.\d+)?"
    r"|(?<![\d,.])\d[\d,]*(?:\.\d+)?\s?(?:元|块钱|块|万元|万|千元|yuan|rmb|cny|usdt|usd|dollars?|pounds?|btc|eth)(?![a-z])"
)


def find_amounts(text: str) -> list[Span]:
    """Spans of amounts of money in normalized text ("502元", "¥500", "500 yuan", "rmb 20")."""
    return [m.span() for m in _AMOUNT.finditer(text)]
