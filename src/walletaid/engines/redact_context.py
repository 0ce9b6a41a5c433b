"""Keyword detectors for the redaction engine: verification codes, codes in links, passwords and PINs.

A code or password is recognised next to its keyword (验证码, code, OTP, 密码, password, PIN …) or as
a parameter of a link (``?vcode=…``, ``&smsCode=…``), and only the value is replaced, so the sentence
still reads: "我的验证码是 [REDACTED:verification_code]".  The detectors read the canonical view, so
``４８３９２０``, ``4 8 3 9 2 0`` and ``四八三九二零`` are one code.  Prose is told apart from values:
"验证码错误", "wrong password" and "password reset" carry no value and are left alone.  A password
after "密码是" / "password:" / "my password is" is redacted to the end of its clause (several words,
trailing symbols and all).  Every search is bounded, so the work stays linear.
"""

from __future__ import annotations

import re

from walletaid.engines.redact_view import Hit, View

# --- verification codes ----------------------------------------------------------------------

_CODE_WORD = re.compile(
    r"验证码|校验码|动态码|短信码|动态密码|动态口令|确认码|安全码|授权码|激活码"
    r"|(?<![a-z])(?:(?:verification|verify|security|auth(?:entication)?|confirmation|login|sms|2fa|one[\s-]time|check)"
    r"[\s-]{0,3}(?:codes?|otp|pass(?:word|code))|codes?|otp|tac|vcode|yzm|captcha)(?![a-z])"
)
# "error code 1001", "zip code 100000": numbers that are not secrets.  Only a bare "code" right after the word, on
# the same line ("app\nverification code: 300000" is a code; so is "app verification code").
_NOT_SECRET_CODE = re.compile(
    r"(?:error|err|zip|postal|post|area|country|promo|promotion|coupon|discount|invite|invitation"
    r"|referral|claim|prize|bonus|qr|status|reason|response|return|exit|swift|sort|branch|product|source|colou?r"
    r"|dial(?:l)?ing|bar|short|program|voucher|gift|tracking|reference|ref|fault|result|http|app)"
    r"[ \t_-]*$"
)
# "Payment failed (code E1002)", "declined, code AB1234": right after a failure word (only a bracket, a comma,
# a colon or "with" between), a bare "code" followed by letters then digits is the app's error code, which support
# needs.  Any other word between breaks it ("login failed, your new code is AB1234" is a one-time code), and digits
# alone stay redacted even there ("failed with code 483920"): leaking a code costs more than hiding an error number.
_FAILURE_BEFORE = re.compile(
    r"(?:fail(?:ed|s|ure)?|error|declined|rejected|denied|unsuccessful|失败|错误|异常|出错|报错)"
    r"(?:[\s,，:：(（\-]|(?<![a-z])with(?![a-z]))*$"
)
_ERROR_CODE_SHAPE = re.compile(r"[a-z]{1,3}[0-9]{2,6}")
# A code: 4-8 digits (a single space, dash or dot may stand between them), or 4-8 letters and digits.
_CODE_TOKEN = re.compile(r"(?<![0-9a-z*])(?:[0-9](?:[ .\-·][0-9]|[0-9]){3,7}|[0-9a-z]{4,8})(?![0-9a-z*])")
_DATE_OR_TIME = re.compile(r"(?:19|20)[0-9]{2}[-./][0-9]{1,2}(?:[-./][0-9]{1,2})?|[0-9]{1,2}[.:][0-9]{2}")
_DIGIT = re.compile(r"[0-9]")
_ALNUM_STAR = re.compile(r"[0-9a-z*]")
_CLAUSE_BREAK = re.compile(r"[。！？!?；;\n，,]|\.(?:\s|$)")
_LEAD = re.compile(r"[\s:=\-—,，]*")
_CALL_WORDS = re.compile(r"拨打|打给|打了|致电|电话|热线|客服|(?<![a-z])(?:call(?:ed)?|dial(?:ed)?|phone|hotline)")
_UNIT_AFTER = set("元块分秒次年月日号个位笔天小时万千百%")
_UNIT_BEFORE = set("¥$")
_BEFORE_JOIN = re.compile(r"[\s:=]*|.*(?:是|为|(?<![a-z])(?:is|are|was)(?![a-z])).*", re.S)
_AFTER_WINDOW = 24
_BEFORE_WINDOW = 24


def _is_code(token: str, text: str, start: int, end: int) -> bool:
    """A token that looks like a one-time code, not a year, an amount, a date or a time."""
    if not _DIGIT.search(token) or _DATE_OR_TIME.fullmatch(token):
        return False
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if _ALNUM_STAR.fullmatch(before) or _ALNUM_STAR.fullmatch(after):
        return False  # the window cut a longer token: not a code on its own
    if after in _UNIT_AFTER or before in _UNIT_BEFORE:
        return False
    if before in "-/.:" and start >= 2 and text[start - 2].isdigit():
        return False
    if before == "-" and (start < 2 or not text[start - 2].isalnum()):
        return False  # "code:-1009" is a negative error number
    return not (after in "-/.:" and end + 1 < len(text) and text[end + 1].isdigit())


def _code_after(view: View, pos: int, limit: int, after_failure: bool = False) -> Hit | None:
    """The first code in the clause after a keyword (never past a marker: that one is done); after a failure
    word, an error-code shape (``E1002``) is not one."""
    text = view.text
    pos = _LEAD.match(text, pos, limit).end()
    window_end = min(limit, pos + _AFTER_WINDOW)
    brk = _CLAUSE_BREAK.search(text, pos, window_end)
    window_end = view.next_marker(pos, brk.start() if brk else window_end)
    if not _DIGIT.search(text, pos, window_end):
        return None
    for m in _CODE_TOKEN.finditer(text, pos, window_end):
        if _CALL_WORDS.search(text, pos, m.start()):
            return None
        if after_failure and _ERROR_CODE_SHAPE.fullmatch(m.group()):
            return None
        if _is_code(m.group(), text, m.start(), m.end()):
            return view.hit(m.start(), m.end(), "verification_code")
    return None


def _code_before(view: View, pos: int, limit: int) -> Hit | None:
    """The code closest before a keyword ("482913 is your code", "482913是您的验证码")."""
    text = view.text
    start = max(limit, pos - _BEFORE_WINDOW)
    if not _DIGIT.search(text, start, pos):
        return None
    brk = None
    for brk in _CLAUSE_BREAK.finditer(text, start, pos):
        pass
    start = brk.end() if brk else start
    found = None
    for m in _CODE_TOKEN.finditer(text, start, pos):
        if view.in_marker(m.start()) or view.next_marker(m.end(), pos) < pos:
            continue
        if _is_code(m.group(), text, m.start(), m.end()) and _BEFORE_JOIN.fullmatch(text, m.end(), pos):
            found = view.hit(m.start(), m.end(), "verification_code")
    return found


def find_codes(view: View) -> list[Hit]:
    """Verification codes right after (or just before) 验证码 / code / OTP and similar words."""
    text = view.text
    if not _DIGIT.search(text):
        return []
    found = [m for m in _CODE_WORD.finditer(text) if not view.in_marker(m.start())]
    hits = []
    for i, m in enumerate(found):
        if m.group() in ("code", "codes") and _NOT_SECRET_CODE.search(text, max(0, m.start() - 20), m.start()):
            continue
        # each keyword looks no further than its neighbours
        after = found[i + 1].start() if i + 1 < len(found) else len(text)
        before = found[i - 1].end() if i else 0
        failure = m.group() in ("code", "codes") and _FAILURE_BEFORE.search(text, max(0, m.start() - 30), m.start()) is not None
        hit = _code_after(view, m.end(), after, failure) or _code_before(view, m.start(), before)
        if hit:
            hits.append(hit)
    return hits


# --- codes and passwords in a link's query ---------------------------------------------------

_QUERY = re.compile(
    r"[?&;#](?P<name>[a-z0-9_\-]{0,24}?(?P<secret>code|otp|captcha|token|pin|yzm|sms|pwd|passwd|password|pass|secret))"
    r"=(?P<value>[^&#\s]{1,200})"
)
_QUERY_NOT_SECRET = re.compile(
    r"(?:err|error|status|zip|post|postal|country|area|lang|region|promo|invite|ref|referral|product|qr"
    r"|res|return|response|state|currency|bank|branch|swift|sort)[_\-]?code$"
)


def find_query_codes(view: View) -> list[Hit]:
    """Values of code, OTP, token and password parameters in links (``?vcode=…``, ``&smsCode=…``, ``pwd=``)."""
    hits = []
    for m in _QUERY.finditer(view.text):
        if view.in_marker(m.start("value")) or _QUERY_NOT_SECRET.search(m.group("name")):
            continue
        kind = "password" if m.group("secret") in ("pwd", "passwd", "password", "pass", "secret") else "verification_code"
        hits.append(view.hit(m.start("value"), m.end("value"), kind))  # type: ignore[arg-type]
    return hits
