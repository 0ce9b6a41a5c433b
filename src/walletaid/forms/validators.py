"""Parse-and-check functions for the ``prepare-ticket`` answers, usable as ``Question.parse``.

Each takes ``(raw, lang)`` and returns the normalized value, or raises
``ValueError`` whose message (in ``lang``) names the field and says what is
allowed.  They are idempotent: a parsed value parses again to itself, so the
wizard, ``--answers`` replay and the ``TicketAnswers`` model can all call them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from walletaid.i18n import Lang, t
from walletaid.textsafe import clean

MAX_AMOUNT = Decimal("1000000000000")
CLOCK_SKEW = timedelta(minutes=1)
EARLIEST = date(2000, 1, 1)
TWO_DECIMAL_CURRENCIES = frozenset({"CNY", "HKD", "MOP", "TWD", "USD", "EUR", "GBP"})
CURRENCY_ALIASES = {"RMB": "CNY", "ECNY": "CNY", "E-CNY": "CNY", "¥": "CNY", "￥": "CNY", "元": "CNY", "人民币": "CNY", "数字人民币": "CNY"}

_CURRENCY_RE = re.compile(r"^[A-Z0-9]{2,10}$")
_AMOUNT_RE = re.compile(r"^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$")
_DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_NUMERIC_TIME_RE = re.compile(r"^[\d\s/.:T+-]+$")
_DATE_TIME_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


def _fail(key: str, lang: Lang, **fields: object) -> ValueError:
    return ValueError(t(f"ticket.{key}", lang, **fields))


def _label(field: str, lang: Lang) -> str:
    """The field's name in ``lang`` (falls back to the answers key)."""
    from walletaid.i18n import catalogue

    return catalogue("ticket")[lang].get(f"label_{field}", field)


def _text(raw: Any, field: str, lang: Lang) -> str:
    if not isinstance(raw, (str, int)) or isinstance(raw, bool):
        raise _fail("err_not_text", lang, field=_label(field, lang))
    return clean(str(raw), keep_newlines=False).strip()


def parse_phone(raw: Any, lang: Lang) -> str:
    """A mobile number (China by default; ``+86``, spaces and dashes accepted) → E.164, e.g. ``+8613812345678``.

    Landlines are refused: wallets are registered with a mobile number.
    Numbers of other regions are accepted when written with their ``+`` code.
    """
    import phonenumbers

    text = _text(raw, "phone", lang)
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        raise _fail("err_phone", lang) from None
    if not phonenumbers.is_valid_number(number):
        raise _fail("err_phone", lang)
    kind = phonenumbers.number_type(number)
    if kind not in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        raise _fail("err_phone_landline", lang)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_email(raw: Any, lang: Lang) -> str:
    """An e-mail address, syntax only (no DNS or deliverability check), normalized."""
    from email_validator import EmailNotValidError, validate_email

    text = _text(raw, "email", lang)
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        raise _fail("err_email", lang) from None


def _local(naive: datetime, tz: tzinfo | None) -> datetime:
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


def _parse_time_text(text: str, lang: Lang) -> datetime | date:
    match = _DATE_RE.match(text)
    if match:
        return date(*(int(g) for g in match.groups()))
    match = _DATE_TIME_RE.match(text)
    if match:
        parts = [int(g) for g in match.groups() if g is not None]
        return datetime(*parts)
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    return datetime.fromisoformat(iso)


def _now() -> datetime:
    from walletaid.env import current

    return current().now()


def read_time_text(text: str, now: datetime, prefer: Literal["past", "future"] = "past") -> datetime | date | None:
    """A date or date and time in the plain forms (ISO 8601, ``YYYY-MM-DD HH:MM``) or as people type them
    (``昨天晚上8点``, ``2026年11月26日 20:00``, ``today 08:30``); ``None`` when it cannot be read."""
    try:
        return _parse_time_text(text, "en")
    except ValueError:
        if _NUMERIC_TIME_RE.match(text):  # 2026-13-01, 20/11/2026: a typo or a day-month order, never guessed
            return None
    from walletaid.forms.natural import read_time

    return read_time(text, now, prefer)


def parse_time(raw: Any, lang: Lang, *, now: datetime | None = None, tz: tzinfo | None = None) -> datetime | date:
    """When it happened: ISO 8601, ``YYYY-MM-DD HH:MM`` (``/`` also accepted) or as people say it
    (``昨天晚上8点``, ``today 08:30``) → aware datetime, or a date.

    A time without an offset is taken in ``tz`` (default: this computer's
    local zone), and the zone is recorded.  A date alone stays a date (the
    case then notes that the time of day is missing).  Anything later than
    ``now`` plus a minute of clock skew, or before 2000, is refused.
    """
    if now is None:
        now = _now()
    if isinstance(raw, datetime):
        value: datetime | date = raw
    elif isinstance(raw, date):
        value = raw
    else:
        text = _text(raw, "occurred_at", lang)
        wall = now.astimezone(tz) if tz else (now.astimezone() if now.tzinfo else now)  # the clock on the wall
        read = read_time_text(text, wall)
        if read is None:
            raise _fail("err_time_format", lang)
        value = read
    if isinstance(value, datetime) and value.tzinfo is None:
        value = _local(value, tz)
    now = now.astimezone() if not now.tzinfo else now
    if isinstance(value, datetime):
        future = value > now + CLOCK_SKEW
        day = value.date()
    else:
        future = value > now.astimezone(tz).date() if tz is not None else value > now.date()
        day = value
    if future:
        raise _fail("err_time_future", lang)
    if day < EARLIEST:
        raise _fail("err_time_old", lang)
    return value


def parse_currency(raw: Any, lang: Lang) -> str:
    """``CNY`` or a crypto ticker (2-10 letters or digits), upper-cased; RMB, 元, ¥ … mean CNY."""
    text = _text(raw, "currency", lang).upper()
    text = CURRENCY_ALIASES.get(text, text)
    if not _CURRENCY_RE.match(text):
        raise _fail("err_currency", lang)
    return text


def parse_amount(raw: Any, lang: Lang) -> Decimal:
    """A positive amount as digits (``128.5``, ``1,280.50``; not ``1e3``), at most 8 decimals, below a sane maximum."""
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = Decimal(str(raw))
    else:
        text = _text(raw, "amount", lang).replace(" ", "")
        if text.startswith(("-", "－")):
            raise _fail("err_amount_positive", lang)
        if _AMOUNT_RE.match(text):
            try:
                value = Decimal(text.replace(",", ""))
            except InvalidOperation:  # pragma: no cover - the pattern already excludes it
                raise _fail("err_amount_format", lang) from None
        else:
            from walletaid.forms.natural import read_amount

            read = read_amount(text)  # 500元, ¥500, 5千, 两万 …
            if read is None:
                raise _fail("err_amount_format", lang)
            value = read
    if not value.is_finite():
        raise _fail("err_amount_format", lang)
    if value <= 0:
        raise _fail("err_amount_positive", lang)
    if value >= MAX_AMOUNT:
        raise _fail("err_amount_max", lang, max=f"{MAX_AMOUNT:,}")
    if _decimals(value) > 8:
        raise _fail("err_amount_too_precise", lang, places=8)
    return value


def shown_time(value: datetime | date) -> str:
    """A time as the person is asked to confirm it: ``2026-11-26 20:00`` (local), or ``2026-11-26``."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def shown_amount(value: Decimal) -> str:
    """An amount in its plain form: ``20000``, ``1200.50``."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize() if _decimals(value) > 2 else value, "f")


def time_reading(raw: Any, value: Any, lang: Lang) -> str | None:
    """The time to confirm when it was read from words (``昨天晚上8点`` → ``2026-11-26 20:00``), else ``None``."""
    if not isinstance(value, (date, datetime)) or not isinstance(raw, str) or _NUMERIC_TIME_RE.match(raw.strip()):
        return None  # digits are read one way only (ISO 8601, YYYY-MM-DD HH:MM): nothing to confirm
    return shown_time(value)


def amount_reading(raw: Any, value: Any, lang: Lang) -> str | None:
    """The amount to confirm when it is not what was typed (``5千`` → ``5000``), else ``None``."""
    if not isinstance(value, Decimal) or not isinstance(raw, str):
        return None
    normal = shown_amount(value)
    return None if str(raw).strip() == normal else normal


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def decimals_allowed(currency: str | None) -> int:
    """How many decimals an amount in ``currency`` may have (CNY when none given)."""
    return 2 if (currency or "CNY") in TWO_DECIMAL_CURRENCIES else 8


def check_amount_precision(amount: Decimal, currency: str | None, lang: Lang) -> None:
    """Refuse more decimals than ``currency`` has (2 for CNY, 8 for crypto tickers)."""
    places = decimals_allowed(currency)
    if _decimals(amount) > places:
        raise _fail("err_amount_decimals", lang, currency=currency or "CNY", places=places)


def parse_short_text(raw: Any, lang: Lang, *, field: str = "text", max_length: int = 100) -> str:
    """A one-line answer (device, app version, transaction number): cleaned, trimmed, length-checked."""
    text = _text(raw, field, lang)
    if len(text) > max_length:
        raise _fail("err_too_long", lang, field=_label(field, lang), max=max_length)
    return text


_OS_NAMES = {"android": "Android", "安卓": "Android", "harmonyos": "HarmonyOS", "harmony": "HarmonyOS",
             "鸿蒙": "HarmonyOS", "ios": "iOS", "iphone": "iOS", "ipados": "iPadOS"}


def parse_os(raw: Any, lang: Lang) -> str:
    """The phone's system; common spellings are normalized (``android`` → ``Android``, ``鸿蒙`` → ``HarmonyOS``)."""
    text = parse_short_text(raw, lang, field="os")
    return _OS_NAMES.get(text.lower().replace(" ", ""), text)


def _step(item: Any, lang: Lang) -> str:
    if not isinstance(item, (str, int)) or isinstance(item, bool):
        raise _fail("err_steps", lang)
    text = clean(str(item), keep_newlines=False).strip()
    if len(text) > 1000:
        raise _fail("err_too_long", lang, field=_label("steps", lang), max=1000)
    return text


def parse_steps(raw: Any, lang: Lang) -> list[str] | str:
    """What the user did, in order: a list of strings → the non-empty cleaned steps (a multi-line item is split).

    Shape-preserving, because the wizard asks a list one item at a time: a
    single string is checked and returned as one step.
    """
    if isinstance(raw, str):
        return _step(raw, lang)
    if not isinstance(raw, (list, tuple)):
        raise _fail("err_steps", lang)
    lines = [line for item in raw for line in (item.splitlines() if isinstance(item, str) else [item])]
    steps = [text for text in (_step(line, lang) for line in lines) if text]
    if len(steps) > 30:
        raise _fail("err_too_many", lang, field=_label("steps", lang), max=30)
    return steps


def unquote_path(text: str) -> str:
    """A path as a terminal pastes a dragged file: in quotes (``'/tmp/my file.png'``), with escaped blanks
    (``/tmp/my\\ file.png``) or as a ``file://`` address; the path itself when it names a file as typed."""
    import os
    import shlex

    text = text.strip()
    if not text or os.path.lexists(os.path.expanduser(text)):
        return text
    if text.startswith("file://"):
        from urllib.parse import unquote, urlsplit

        return unquote(urlsplit(text).path)
    try:
        parts = shlex.split(text)
    except ValueError:  # an unmatched quote
        return text
    return parts[0] if len(parts) == 1 else text


def parse_evidence(raw: Any, lang: Lang) -> list[str] | str:
    """Evidence file paths: each must exist, be a readable regular file and be at most 50 MB.

    Returns absolute paths, duplicates dropped; only base names ever reach the
    case.  Shape-preserving like :func:`parse_steps` (one path → one path).
    """
    from walletaid.files.evidence import MAX_FILES, check_evidence_file

    if isinstance(raw, str):
        return str(check_evidence_file(unquote_path(raw), lang))
    if not isinstance(raw, (list, tuple)):
        raise _fail("err_evidence_list", lang)
    paths: list[str] = []
    for item in raw:
        if isinstance(item, str) and not item.strip():
            continue
        path = str(check_evidence_file(unquote_path(item) if isinstance(item, str) else item, lang))
        if path not in paths:
            paths.append(path)
    if len(paths) > MAX_FILES:
        raise _fail("err_too_many", lang, field=_label("evidence", lang), max=MAX_FILES)
    return paths
