"""Passwords and PINs for the redaction engine: the value after 密码 / password / PIN, to the end of its clause.

After a connecting word ("密码是", "密码:", "password is", "改成了", "changed to") the value runs to the end
of the clause: several words, trailing symbols and all (``密码:Abc12345!`` loses the ``!``), because a
password may hold spaces and punctuation.  The clause ends at a new line, at Chinese punctuation, or
after ASCII punctuation followed by a space.  Prose is told apart from values: "password: incorrect",
"my password is the same", "密码是我的生日", "password reset" carry no password.  Without a connecting
word ("密码 Zx9#kLm2", "passcode 739201") only one token counts, and only one that has a digit, or a
letter and a symbol.  Chinese text after the keyword is prose; only tokens with digits in it go.
"""

from __future__ import annotations

import bisect
import re

from walletaid.engines.redact_view import Hit, View

_PASSWORD = re.compile(
    r"(?:支付密码|登录密码|交易密码|取款密码|银行卡密码|开机密码|锁屏密码|密码|口令|pin码"
    r"|(?<![a-z])(?:password|passcode|passwd|pass\s?word|pwd|pin(?:\s?code)?)(?![a-z]))"
    r"(?P<conn>[ \t]*(?:(?:(?:is|was|(?:changed|set|reset)[ \t]to|=>|->)(?=[ \t])"
    r"|改成了?|改为|设为|设置为|设置成|设成了?|换成了?|:|=|是|为)[ \t]*){0,2})"
)
_QUOTED = re.compile(r"[\"'“‘「『](?P<quoted>[^\"'”’」』\n]{1,64})[\"'”’」』]")
_WORD = re.compile(r"[a-z]+")
_COUNT = re.compile(r"[0-9]{1,2}\s?(?:digits?|characters?|chars|letters?|numbers?|long|位|个)")
_TOKEN = re.compile(r"[!-~]+")
_WORDS = re.compile(r"[!-~]+(?:[ \t]+[!-~]+)*")
_SENTENCE_STOP = re.compile(r"[.,;!?](?=\s)")
_PUNCT = re.compile(r"[^0-9a-z\s]")
_PROSE = {
    "wrong", "incorrect", "invalid", "error", "expired", "required", "reset", "changed", "forgotten", "forgot",
    "locked", "none", "empty", "unknown", "null", "hidden", "blank", "same", "correct", "protected", "manager",
    "strength", "weak", "strong", "not", "never", "still", "also", "too", "very", "really", "just", "only",
    "always", "now", "the", "a", "an", "my", "your", "his", "her", "their", "our", "its", "it", "this", "that",
    "these", "those", "been", "be", "right", "ok", "okay", "fine", "in", "on", "at", "for", "of", "from", "to",
    "by", "with", "and", "or", "but", "because", "so", "no", "yes", "different", "new", "old", "mine", "set",
    "sent", "stolen", "leaked", "hacked", "known", "saved", "stored", "shared", "given", "asked", "used", "long",
    "short", "simple", "easy", "hard", "case", "default", "original", "initial", "something", "nothing", "what",
    "when", "where", "why", "how", "which", "who", "there", "here", "all", "some", "any", "one", "too",
}  # fmt: skip
_CLAUSE_MARKS = set("。、\n")
_CLAUSE_OR_PUNCT = re.compile(r"[。、\n]|[!-/:-@\[-`{-~]")
_MAX_VALUE = 128


def _full_width(view: View, i: int) -> bool:
    """Whether canonical ``text[i]`` is Chinese punctuation the user typed (``，`` became ``,``)."""
    if view.ascii:
        return False
    a, b = view.span(i, i + 1)
    typed = view.original[a:b]
    return not typed.isascii() and not view.text[i].isalnum()


def _value_end(view: View, pos: int, words: bool, limit: int) -> int:
    """Where a value starting at ``pos`` ends: the clause end (``words``) or the token end.  A trailing
    ASCII punctuation mark belongs to the value; Chinese punctuation (``，`` → ``,``) ends it."""
    text = view.text
    stop = view.next_marker(pos, min(limit, pos + _MAX_VALUE))
    run = (_WORDS if words else _TOKEN).match(text, pos, stop)
    if run is None:
        return pos
    end = run.end()
    sentence = _SENTENCE_STOP.search(text, pos, end)
    if sentence:
        end = sentence.end()
    if not view.ascii:
        for mark in _PUNCT.finditer(text, pos, end):
            if _full_width(view, mark.start()):
                return mark.start()
    return end


def _prose(value: str) -> bool:
    """Whether a value reads as words about the password rather than the password itself."""
    if _COUNT.match(value):
        return True
    if value.endswith(("...", "…")) or not any(ch.isalnum() for ch in value):
        return True
    words = [w.rstrip(".,;:!?") for w in value.split(None, 2)[:2]]
    # "password is correct" is prose, "password is correct horse battery" a passphrase
    return all(_prose_word(w) for w in words)


def _prose_word(word: str) -> bool:
    if not _WORD.fullmatch(word):
        return False
    return word in _PROSE or (len(word) >= 5 and word.endswith(("ed", "ing", "ly")))


def _strong_value(view: View, pos: int, limit: int) -> list[Hit]:
    """The value after a connecting word: the rest of the clause, or the tokens with digits of Chinese prose."""
    text = view.text
    if _COUNT.match(text, pos):
        return []  # "密码为6位", "password is 6 digits"
    if pos < len(text) and text[pos].isascii() and not text[pos].isspace():
        end = _value_end(view, pos, True, limit)
        if end > pos and not _prose(text[pos:end]):
            return [view.hit(pos, end, "password")]
        return []
    end = limit = min(limit, pos + _MAX_VALUE)
    for mark in _CLAUSE_OR_PUNCT.finditer(text, pos, limit):
        if mark.group() in _CLAUSE_MARKS or _full_width(view, mark.start()):
            end = mark.start()
            break
    end = view.next_marker(pos, end)
    return [
        view.hit(m.start(), _value_end(view, m.start(), False, end), "password")
        for m in _TOKEN.finditer(text, pos, end)
        if len(m.group()) >= 4 and any(ch.isdigit() for ch in m.group())
    ]


def _weak_value(view: View, pos: int, limit: int) -> list[Hit]:
    """One token right after the keyword, when it has a digit, or a letter and a symbol."""
    text = view.text
    end = _value_end(view, pos, False, limit)
    token = text[pos:end]
    if len(token) < 4 or _prose(token):
        return []
    core = token.strip("()[]{}<>\"'.,;:!?")  # "(attempts" is a word in brackets
    has_digit = any(ch.isdigit() for ch in core)
    has_alpha = any(ch.isalpha() for ch in core)
    has_symbol = any(not ch.isalnum() for ch in core)
    if has_digit or (has_alpha and has_symbol):
        return [view.hit(pos, end, "password")]
    return []


def find_passwords(view: View) -> list[Hit]:
    """The value after 密码 / password / PIN: quoted, to the end of the clause after a connecting word,
    or one token with digits or symbols."""
    text = view.text
    hits: list[Hit] = []
    found = [m for m in _PASSWORD.finditer(text) if not view.in_marker(m.start())]
    starts = [m.start() for m in found]
    for m in found:
        pos = m.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text) or view.in_marker(pos):
            continue
        # a value never runs into the next keyword (one at the value's very start is the value: "密码:密码123")
        nxt = bisect.bisect_right(starts, pos)
        limit = starts[nxt] if nxt < len(starts) else len(text)
        quoted = _QUOTED.match(text, pos)
        if quoted:
            if not view.in_marker(quoted.start("quoted")):
                hits.append(view.hit(quoted.start("quoted"), quoted.end("quoted"), "password"))
        elif m.group("conn").strip():
            hits.extend(_strong_value(view, pos, limit))
        else:
            hits.extend(_weak_value(view, pos, limit))
    return hits
