"""Dates, times and amounts as people type them, in Chinese or English: "昨天晚上8点", "today 08:30", "5千", "¥500".

The readings here run only when an answer is not already in its plain form (ISO dates, digits), so the
libraries they use are imported only then: ``dateparser`` (relative and written-out dates in both languages)
and ``cn2an`` (Chinese numerals in amounts).  What ``dateparser`` does not read is rewritten first into a form it
does: Chinese times of day (``晚上8点半`` → ``20:30``), Chinese numerals in dates and times, month and day
without a year, and weekdays (``上周五``).  Every reading is shown back to the person in a normal form
(:func:`walletaid.forms.validators.shown`) before it is used.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Literal

Prefer = Literal["past", "future"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = "[零〇一二两三四五六七八九十]+"
_SMALL_CN = re.compile(f"({_CN_NUMBER})(?=[年月日号点时分:：])")
_PERIODS = {"凌晨": "early", "半夜": "early", "早上": "am", "早晨": "am", "上午": "am", "清晨": "am", "中午": "noon",
            "下午": "pm", "傍晚": "pm", "晚上": "pm", "夜里": "pm", "夜间": "pm"}
_CLOCK = re.compile(r"(凌晨|半夜|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间)?\s*(\d{1,2})\s*(?:点钟?|时)"
                    r"\s*(?:(半)|(\d{1,2})\s*分?)?")
_PERIOD_ONLY = re.compile(r"(凌晨|半夜|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间)\s*(\d{1,2}):(\d{2})")
_SHORTHANDS = {"昨晚": "昨天晚上", "今晚": "今天晚上", "今早": "今天早上", "昨早": "昨天早上", "明早": "明天早上",
               "明晚": "明天晚上", "前晚": "前天晚上"}
_YEAR_MONTH_DAY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_WEEKDAY = re.compile(r"(上上|上|下下|下|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def _small_number(text: str) -> int:
    """A Chinese number below 10,000 as written in dates and times: 八, 十五, 二十, 二〇二六."""
    if "十" not in text:
        return int("".join(str(_DIGITS[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def _hour(period: str | None, hour: int) -> int:
    kind = _PERIODS.get(period or "")
    if kind == "pm" and hour < 12:
        return hour + 12
    if kind == "noon" and hour < 11:
        return hour + 12
    if kind == "early" and hour == 12:
        return 0
    return hour


def _clock(match: re.Match[str]) -> str:
    period, hour, half, minute = match.groups()
    minutes = 30 if half else int(minute or 0)
    return f" {_hour(period, int(hour)):02d}:{minutes:02d} "


def _with_year(month: int, day: int, now: datetime, prefer: Prefer) -> str:
    """``YYYY-MM-DD`` for a month and day given without a year: this year, or the one that keeps it past/future."""
    year = now.year
    try:
        if prefer == "past" and date(year, month, day) > now.date():
            year -= 1
        elif prefer == "future" and date(year, month, day) < now.date():
            year += 1
        return date(year, month, day).isoformat()
    except ValueError:
        return f"{year}-{month:02d}-{day:02d}"  # not a real day: the parser refuses it below


def _weekday(match: re.Match[str], now: datetime, prefer: Prefer) -> str:
    which, day = match.groups()
    target = int(day) - 1 if day.isdigit() else _WEEKDAYS[day]
    monday = now.date() - timedelta(days=now.weekday())
    weeks = {"上上": -2, "上": -1, "下": 1, "下下": 2, "这": 0, "本": 0}
    if which:
        found = monday + timedelta(weeks=weeks[which], days=target)
    else:  # "周五" alone: the nearest one on the side the question asks about
        found = monday + timedelta(days=target)
        if prefer == "past" and found > now.date():
            found -= timedelta(weeks=1)
        elif prefer == "future" and found < now.date():
            found += timedelta(weeks=1)
    return f" {found.isoformat()} "


def rewrite_time(text: str, now: datetime, prefer: Prefer) -> str:
    """``text`` with the Chinese forms ``dateparser`` does not read turned into ones it does."""
    text = unicodedata.normalize("NFKC", text).strip()
    for short, long in _SHORTHANDS.items():
        text = text.replace(short, long)
    text = _SMALL_CN.sub(lambda m: str(_small_number(m.group(1))), text)
    text = _YEAR_MONTH_DAY.sub(lambda m: f" {int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d} ", text)
    text = _MONTH_DAY.sub(lambda m: f" {_with_year(int(m[1]), int(m[2]), now, prefer)} ", text)
    text = _WEEKDAY.sub(lambda m: _weekday(m, now, prefer), text)
    text = _CLOCK.sub(_clock, text)
    text = _PERIOD_ONLY.sub(lambda m: f" {_hour(m[1], int(m[2])):02d}:{m[3]} ", text)
    text = re.sub(r"(?<=\d)\s*(?:左右|前后|许)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def read_time(text: str, now: datetime, prefer: Prefer = "past") -> datetime | date | None:
    """A date (``昨天``), or a date and time (``昨天晚上8点``, ``today 08:30``) read from ``text``, in the local
    time of ``now``; ``None`` when it cannot be read, or names only a month or a year (too vague)."""
    from dateparser.date import DateDataParser

    rewritten = rewrite_time(text, now, prefer)
    base = now.replace(tzinfo=None)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True,
                "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "YMD"}
    try:
        found = DateDataParser(languages=["zh", "en"], settings=settings).get_date_data(rewritten)
    except (ValueError, OverflowError, TypeError):
        return None
    moment = found.date_obj
    if moment is None:
        return None
    if found.period == "time":
        return moment.replace(tzinfo=None, second=0, microsecond=0)
    if found.period == "day":
        return moment.date()
    return None


_CNY_MARKS = re.compile(r"^(?:¥|RMB|CNY|人民币)\s*|\s*(?:元整|元|块钱|块|圆|RMB|CNY|人民币)$", re.IGNORECASE)
_UNIT = re.compile(r"^(\d+(?:\.\d+)?)\s*(千|k|K|万|w|W|亿)$")
_UNITS = {"千": 1000, "k": 1000, "K": 1000, "万": 10_000, "w": 10_000, "W": 10_000, "亿": 100_000_000}
_PLAIN = re.compile(r"^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$")
_CN_AMOUNT = re.compile(r"^[零〇一二两三四五六七八九十百千万亿点\d.]+$")
_YUAN_JIAO = re.compile(r"^(.+?)\s*[块元]\s*([零〇一二两三四五六七八九\d])\s*[角毛]?$")


def read_amount(text: str) -> Decimal | None:
    """An amount of money as typed: ``500元``, ``¥500``, ``1,200.50``, ``5千``, ``1.2万``, ``两万``, ``三千五``,
    ``五块五``; ``None`` when it is not one (a sign, letters, two numbers …)."""
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    previous = None
    while previous != text:  # "¥500元" has marks on both sides
        previous, text = text, _CNY_MARKS.sub("", text)
    if not text:
        return None
    yuan_jiao = _YUAN_JIAO.match(text)
    if yuan_jiao:
        whole, jiao = read_amount(yuan_jiao[1]), yuan_jiao[2]
        tenth = _DIGITS.get(jiao, None) if not jiao.isdigit() else int(jiao)
        return whole + Decimal(tenth) / 10 if whole is not None and tenth is not None else None
    if _PLAIN.match(text):
        return Decimal(text.replace(",", ""))
    unit = _UNIT.match(text)
    if unit:
        return Decimal(unit[1]) * _UNITS[unit[2]]
    if _CN_AMOUNT.match(text):
        import cn2an

        try:
            return Decimal(str(cn2an.cn2an(text, "smart")))
        except (ValueError, KeyError, InvalidOperation, IndexError):
            return None
    return None
