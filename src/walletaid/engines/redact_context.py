"""Keyword detectors for the redaction engine: verification codes and passwords / PINs.

A code or password is only recognised next to its keyword (验证码, code, OTP, 密码, password,
PIN …), and only the value is replaced, so the sentence still reads: "我的验证码是
[REDACTED:verification_code]".  Prose is told apart from values: "验证码错误", "wrong
password" and "password reset" carry no value and are left alone.  Every search is bounded
(a fixed window after each keyword, values of limited length), so the work stays linear.
"""

from __future__ import annotations

import re

from walletaid.engines.redact_detect import MARKER_PREFIX, Hit, marker
from walletaid.lazyre import compile_lazily

# --- verification codes ----------------------------------------------------------------------

_CODE_WORD = compile_lazily(
    r"验证码|校验码|动态码|短信码|动态密码|确认码|安全码|授权码"
    r"|(?<![A-Za-z])(?:(?:verification|security|auth(?:entication)?|confirmation|login|sms|2fa|one[\s-]time)"
    r"[\s-]{1,3}(?:codes?|otp|pass(?:word|code))|codes?|otp|tac)(?![A-Za-z])",
    re.IGNORECASE,
)
# "error code 1001", "zip code 100000": numbers that are not secrets.
_NOT_SECRET_CODE = compile_lazily(
    r"(?:error|err|zip|postal|post|area|country|promo|promotion|coupon|discount|invite|invitation"
    r"|referral|claim|prize|bonus|qr|status|reason|response|return|exit|swift|sort|branch|product|source|colou?r"
    r"|dial(?:l)?ing|bar|short|program|voucher|gift|tracking|reference|ref|fault|result|http|app)"
    r"[\s_-]*$",
    re.IGNORECASE,
)
_CODE_TOKEN = compile_lazily(r"(?<![0-9A-Za-z*])(?:[0-9]{3}[ -][0-9]{3}|[0-9A-Za-z]{4,8})(?![0-9A-Za-z*])")
_DIGIT = compile_lazily(r"[0-9]")
_ALNUM_STAR = compile_lazily(r"[0-9A-Za-z*]")
_CLAUSE_BREAK = compile_lazily(r"[。！？!?；;\n，,]|\.(?:\s|$)")
_LEAD = compile_lazily(r"[\s:：=\-—,，]*")
_CALL_WORDS = compile_lazily(r"拨打|打给|打了|致电|电话|热线|客服|(?<![A-Za-z])(?:call(?:ed)?|dial(?:ed)?|phone|hotline)", re.I)
_UNIT_AFTER = set("元块分秒次年月日号个位笔天小时万千百%")
_UNIT_BEFORE = set("¥￥$")
_BEFORE_JOIN = compile_lazily(r"[\s:：=]*|.*(?:是|为|為|(?<![A-Za-z])(?:is|are|was)(?![A-Za-z])).*", re.I | re.S)
_AFTER_WINDOW = 24
_BEFORE_WINDOW = 24


def _is_code(token: str, text: str, start: int, end: int) -> bool:
    """A token that looks like a one-time code, not a year, an amount or part of a date."""
    if not any(ch.isdigit() for ch in token):
        return False
    if not (token.isdigit() or token == token.upper() or token == token.lower()):
        return False
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if _ALNUM_STAR.fullmatch(before) or _ALNUM_STAR.fullmatch(after):
        return False  # the window cut a longer token: not a code on its own
    if after in _UNIT_AFTER or before in _UNIT_BEFORE:
        return False
    if before in "-/.:" and start >= 2 and text[start - 2].isdigit():
        return False
    return not (after in "-/.:" and end + 1 < len(text) and text[end + 1].isdigit())


def _code_after(text: str, pos: int) -> Hit | None | bool:
    """The first code in the clause after a keyword; ``False`` when a marker comes first (already done)."""
    pos = _LEAD.match(text, pos).end()
    window_end = min(len(text), pos + _AFTER_WINDOW)
    brk = _CLAUSE_BREAK.search(text, pos, window_end)
    window_end = brk.start() if brk else window_end
    done = text.find(MARKER_PREFIX, pos, window_end)
    if done >= 0:
        window_end = done
    if _DIGIT.search(text, pos, window_end):
        for m in _CODE_TOKEN.finditer(text, pos, window_end):
            if _CALL_WORDS.search(text, pos, m.start()):
                return None
            if _is_code(m.group(), text, m.start(), m.end()):
                return Hit(m.start(), m.end(), "verification_code", marker("verification_code"))
    return False if done >= 0 else None


def _code_before(text: str, pos: int) -> Hit | None:
    """The code closest before a keyword ("482913 is your code", "482913是您的验证码")."""
    start = max(0, pos - _BEFORE_WINDOW)
    if not _DIGIT.search(text, start, pos):
        return None
    brk = None
    for brk in _CLAUSE_BREAK.finditer(text, start, pos):
        pass
    start = brk.end() if brk else start
    found = None
    for m in _CODE_TOKEN.finditer(text, start, pos):
        if _is_code(m.group(), text, m.start(), m.end()) and _BEFORE_JOIN.fullmatch(text, m.end(), pos):
            found = Hit(m.start(), m.end(), "verification_code", marker("verification_code"))
    return found


def find_codes(text: str) -> list[Hit]:
    """Verification codes right after (or just before) 验证码 / code / OTP and similar words."""
    hits = []
    for m in _CODE_WORD.finditer(text):
        if m.group()[0] in "cC" and _NOT_SECRET_CODE.search(text, max(0, m.start() - 20), m.start()):
            continue
        hit = _code_after(text, m.end())
        if hit is None:
            hit = _code_before(text, m.start())
        if hit:
            hits.append(hit)
    return hits


# --- passwords and PINs ----------------------------------------------------------------------

_PASSWORD = compile_lazily(
    r"(?:支付密码|登录密码|交易密码|取款密码|密码|口令|PIN码"
    r"|(?<![A-Za-z])(?:password|passcode|passwd|pwd|pin(?:\s?code)?)(?![A-Za-z]))"
    r"(?P<conn>[ \t]*(?:(?:(?:is|was|(?:changed|set)[ \t]to)(?=[ \t])|改成了?|改为|设为|设置为|设成了?|换成了?|:|：|=|是|为|為)[ \t]*){0,2})"
    r"(?:(?P<q>[\"'“‘「『])(?P<quoted>[^\"'”’」』\n]{1,64})[\"'”’」』]|(?P<token>[!-~]+))?",
    re.IGNORECASE,
)
_PROSE = {
    "wrong", "incorrect", "invalid", "error", "expired", "required", "reset", "changed", "forgotten",
    "forgot", "locked", "none", "empty", "unknown", "null", "hidden", "blank", "same", "correct",
    "protected", "manager", "strength", "weak", "strong",
}  # fmt: skip
_TRAILING = ".,;:!?)]}>"


def _password_value(token: str, strong: bool) -> str:
    """The part of ``token`` that is a password, or ``""`` when it reads as prose."""
    token = token.split(MARKER_PREFIX, 1)[0]
    value = token.rstrip(_TRAILING) or token
    if token.endswith(("...", "…")) or not any(ch.isalnum() for ch in value) or value.lower() in _PROSE:
        return ""
    if strong:
        return value
    has_digit = any(ch.isdigit() for ch in token)
    has_alpha = any(ch.isalpha() for ch in token)
    has_symbol = any(not ch.isalnum() for ch in value)
    if len(token) >= 4 and (has_digit or (has_alpha and has_symbol)):
        return value
    return ""


def find_passwords(text: str) -> list[Hit]:
    """The value after 密码 / password / PIN: quoted, after ':' or '=', or a token with digits or symbols."""
    hits = []
    for m in _PASSWORD.finditer(text):
        if m.group("quoted") is not None:
            value = m.group("quoted").strip()
            if value and not value.startswith(MARKER_PREFIX):
                hits.append(Hit(m.start("quoted"), m.end("quoted"), "password", marker("password")))
            continue
        token = m.group("token")
        if not token:
            continue
        strong = any(ch in m.group("conn") for ch in ":：=")
        value = _password_value(token, strong)
        if value:
            start = m.start("token")
            hits.append(Hit(start, start + len(value), "password", marker("password")))
    return hits
