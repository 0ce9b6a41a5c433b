"""Resident ID and bank card numbers for the redaction engine, by their label first and their check second.

A number right after (or just before) its label — 身份证号 / ID, 卡号 / 银行卡 / card / 账号 — is
the user's number whatever its check digit: a mistyped number is still theirs.  Without a label an
ID number needs a plausible region and birth date, and a card number the Luhn check (or the 62
prefix of UnionPay cards); a number labelled as a transaction or order number is left alone.
Numbers come from :func:`walletaid.engines.redact_view.numbers`, with the digit groups the user
typed, so a card is redacted as whole groups and the rest of a longer run (a date) stays.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import accumulate

from walletaid.engines.redact_detect import is_reference, reference_field
from walletaid.engines.redact_view import Group, Hit, Number, View, marker

_CONNECT = r"(?:\s{0,2}(?:is|was|是|为|:|=|#|no\.?|number|号码|号))?[\s:#=.]{0,3}"
_ID_LABEL = re.compile(
    r"(?:身份证件?(?:号码|号)?|证件号码?|身份号码?|公民身份号码"
    r"|(?<![a-z])(?:id|identity|national id|resident id)(?:\s?(?:card|no|number))?(?![a-z]))" + _CONNECT + "$"
)
_CARD_LABEL = re.compile(
    r"(?:(?:银行|储蓄|信用|借记|银联|社保|工资)?卡号?|账号|账户号?码?|收款账户|银行账户"
    r"|(?<![a-z])(?:(?:bank|debit|credit)\s)?(?:card|account|acct|a/c)(?:\s?(?:no|number|num))?(?![a-z]))"
    + _CONNECT + "$"
)
# A label just after the number: "6222… 是我的银行卡", "110101… (my ID)".
_LABEL_AFTER = re.compile(
    r"[\s,:()（）\[\]]{0,3}(?:是|为|is|was)?\s?(?:我的|我|my|the|his|her)?\s?"
    r"(?P<id>身份证|证件号|id\b|identity)?(?P<card>银行卡|卡号|储蓄卡|信用卡|借记卡|账号|card|account)?"
)
_BEFORE = 16
_LUHN_DOUBLE = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def plausible_id(value: str) -> bool:
    """An 18-character ID shape with a region code and a real birth date (the check character not checked)."""
    value = value.upper()
    if len(value) != 18 or value[0] not in "12345678" or value[6:8] not in ("19", "20") or not value[:17].isdigit():
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2099


def _label(view: View, number: Number) -> str | None:
    """``"id"`` or ``"card"`` when the number is labelled so (before it, or just after it), else None."""
    text = view.text
    window = max(0, number.start - _BEFORE)
    if view.next_marker(window, number.start) == number.start:
        # searched in place, not in a slice: a look-behind must see "sa" before "id" in "said"
        if _ID_LABEL.search(text, window, number.start) and not is_reference(text, number.start, ""):
            return "id"
        if _CARD_LABEL.search(text, window, number.start):
            return "card"
    after = _LABEL_AFTER.match(text, number.end, number.end + 16)
    if after and after.group("id"):
        return "id"
    if after and after.group("card"):
        return "card"
    return None


def _span(number: Number, first: int, last: int, with_x: bool = False) -> tuple[int, int]:
    end = number.x_end if with_x and number.x_end is not None else number.groups[last].end
    return number.groups[first].start, end


def _leading(groups: tuple[Group, ...], limit: int) -> int:
    """The index of the last group from the start whose digits together stay within ``limit``."""
    total, last = 0, 0
    for i, group in enumerate(groups):
        total += len(group.digits)
        if total > limit and i > 0:
            break
        last = i
    return last


def _labelled_hit(number: Number, label: str) -> Hit | None:
    """A labelled number of plausible length, as whole groups from its start (all of one long run)."""
    kind = "id_number" if label == "id" else "bank_card"
    limit, least = (18, 14) if label == "id" else (19, 12)
    last = _leading(number.groups, limit)
    digits = "".join(g.digits for g in number.groups[: last + 1])
    if len(digits) + (number.x_end is not None and last == len(number.groups) - 1) < least:
        return None
    start, end = _span(number, 0, last, with_x=last == len(number.groups) - 1)
    return Hit(start, end, kind, marker(kind))  # type: ignore[arg-type]


class _Digits:
    """The digits of a number with running sums, so any run of whole groups is checked in constant time."""

    def __init__(self, number: Number) -> None:
        self.groups = number.groups
        self.digits = number.digits
        # where each group starts in the digits, and the group that starts at a given digit
        self.offsets = [0, *accumulate(len(g.digits) for g in number.groups)]
        self.group_at = {offset: i for i, offset in enumerate(self.offsets)}
        values = [int(ch) for ch in self.digits]
        doubled = [_LUHN_DOUBLE[v] for v in values]
        # per parity of the position: running sums of the digits, and of the digits doubled (Luhn)
        self.plain = [self._sums(values, parity) for parity in (0, 1)]
        self.double = [self._sums(doubled, parity) for parity in (0, 1)]

    @staticmethod
    def _sums(values: list[int], parity: int) -> list[int]:
        kept = values[:]
        kept[1 - parity :: 2] = [0] * len(kept[1 - parity :: 2])
        return list(accumulate(kept, initial=0))

    def end_group(self, first: int, length: int) -> int | None:
        """The last group of the run of whole groups from ``first`` holding exactly ``length`` digits."""
        last = self.group_at.get(self.offsets[first] + length)
        return None if last is None else last - 1

    def luhn_ok(self, a: int, b: int) -> bool:
        """Luhn over ``digits[a:b]``: the last digit is not doubled, the one before it is, and so on."""
        kept = (b - 1) % 2
        total = self.plain[kept][b] - self.plain[kept][a] + self.double[1 - kept][b] - self.double[1 - kept][a]
        return total % 10 == 0


def _id_hits(number: Number, run: _Digits) -> list[Hit]:
    """Unlabelled ID numbers: whole groups making 17 digits + check character, with a region and birth date."""
    hits = []
    last_group = len(run.groups) - 1
    for first in range(len(run.groups)):
        a = run.offsets[first]
        last = run.end_group(first, 18)
        x_last = run.end_group(first, 17) if number.x_end is not None else None
        if last is not None and plausible_id(run.digits[a : a + 18]):
            hits.append(Hit(*_span(number, first, last), "id_number", marker("id_number")))
        elif x_last == last_group and plausible_id(run.digits[a : a + 17] + "X"):
            hits.append(Hit(*_span(number, first, x_last, with_x=True), "id_number", marker("id_number")))
    return hits


def _card_span(run: _Digits, first: int) -> tuple[int, int] | None:
    """The longest run of whole groups from ``first`` with 16-19 digits that passes Luhn."""
    a = run.offsets[first]
    for length in (19, 18, 17, 16):
        last = run.end_group(first, length)
        if last is not None and run.luhn_ok(a, a + length):
            return run.groups[first].start, run.groups[last].end
    return None


def _card_hits(number: Number, run: _Digits) -> list[Hit]:
    """Unlabelled card numbers: Luhn-valid whole groups (from a group of 3+ digits), or a 16-19 digit number
    starting with 62 (UnionPay), whatever its check digit."""
    groups = run.groups
    if 16 <= len(run.digits) <= 19 and run.digits.startswith("62"):
        return [Hit(groups[0].start, groups[-1].end, "bank_card", marker("bank_card"))]
    hits = []
    i = 0
    while i < len(groups):
        span = _card_span(run, i) if i == 0 or len(groups[i].digits) >= 3 else None
        if span is None:
            i += 1
            continue
        hits.append(Hit(span[0], span[1], "bank_card", marker("bank_card")))
        while i < len(groups) and groups[i].start < span[1]:
            i += 1
    return hits


def find_ids_and_cards(view: View, numbers: list[Number], field: str) -> list[Hit]:
    """ID and card numbers among ``numbers``: labelled ones whatever their check, the rest by their check."""
    hits: list[Hit] = []
    for number in numbers:
        if len(number.digits) < 12:
            continue
        label = _label(view, number)
        if label is not None:
            hit = _labelled_hit(number, label)
            if hit is not None:
                hits.append(hit)
                continue
        if reference_field(field) or is_reference(view.text, number.start, field):
            continue
        if len(number.groups) == 1 and not 16 <= len(number.groups[0].digits) <= 19:
            continue  # one run of digits: only a whole card or ID could be in it
        run = _Digits(number)
        hits.extend(_id_hits(number, run))
        if len(run.digits) >= 16:
            hits.extend(_card_hits(number, run))
    return hits
