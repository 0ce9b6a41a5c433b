"""The message check: find scam signals in a received message (zh and en) and give a verdict.

Pure and linear in the message length: the text is normalised once (NFKC,
zero-width characters removed, common traditional characters mapped to
simplified ones so one pattern set serves both), then each signal's compiled
pattern (``knowledge/signals.json``) runs once over it.  A literal prefilter
(the words every match of a pattern must contain, read from the regex itself
by ``literals.required_literals``) skips the patterns that cannot match, so a
typical message runs only a handful of regexes.  Requests and lures that sit in
a negated or narrative clause ("请勿泄露验证码", "never share your PIN",
"诱导群众输入验证码") or in an anti-fraud notice are not counted, so genuine
notifications stay ``no_known_signals``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from walletaid.i18n import Lang, t
from walletaid.knowledge import load
from walletaid.lazyre import compile_lazily
from walletaid.models.scam import LinkFinding, MessageCheck, PhoneFinding, Signal, SignalsFile
from walletaid.textsafe import clean

MAX_CHARS = 2_000_000
POINTS = {"high": 4, "medium": 2, "low": 1}
RANK = {"low": 0, "medium": 1, "high": 2}
_ZERO_WIDTH = compile_lazily("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
_TRAD = str.maketrans(
    "驗證碼為給發說請帳號戶轉賬銀們個這裡會將凍結鎖關閉幫單賠償貸註銷額來電話聯繫碼務處辦錢網絡購買應該"
    "種從沒問題紅領獎勵幣鏈連接額戰財產警察檢院審調查護營運費稅條點擊載裝遠螢幕進開見頁輸填寫報電聽讀",
    "验证码为给发说请帐号户转账银们个这里会将冻结锁关闭帮单赔偿贷注销额来电话联系码务处办钱网络购买应该"
    "种从没问题红领奖励币链连接额战财产警察检院审调查护营运费税条点击载装远屏幕进开见页输填写报电听读",
)
_TRAD_RE = compile_lazily("[" + "".join(chr(k) for k, v in _TRAD.items() if chr(k) != v) + "]")
_CJK = compile_lazily(r"[\u3400-\u9fff]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_CLAUSE_END = compile_lazily(r"[。!?\n,;，；:：]")
_SENTENCE_END = compile_lazily(r"[。!?\n]")
_AMOUNT_AFTER = set("元块万千%年月日号时分秒")
_AMOUNT_BEFORE = set("¥￥$£€")
_LONG_TEXT = 4096
_DECIMAL_POINT = compile_lazily(r"(?<=\d)\.(?=\d)")
_DISGUISES = frozenset({"brand_in_host", "gov_in_host", "embedded_domain"})


class Pattern(NamedTuple):
    """One compiled pattern: the regex, its severity, and what must be in the text for it to run."""

    regex: re.Pattern[str]
    severity: str
    cjk_only: bool
    requires: tuple[str, ...]  # hand-written in signals.json: one of these words must be present
    hint: tuple[str, ...] | None  # read from the regex: every match contains one of these (None: no filter)


class Compiled(NamedTuple):
    """A signal's patterns, compiled one by one (separate patterns keep re's fast literal-prefix scan)."""

    id: str
    kind: str
    patterns: tuple[Pattern, ...]


@lru_cache(maxsize=1)
def signals_file() -> SignalsFile:
    """The validated ``knowledge/signals.json``."""
    return load("signals", SignalsFile)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[Compiled, ...], dict[str, re.Pattern[str]]]:
    from walletaid.engines.literals import required_literals

    data = signals_file()
    out = []
    for sig in data.signals:
        pats = sorted(
            (Pattern(re.compile(p.re), p.severity or sig.severity, _cjk_only(p.re), tuple(p.requires), _hint(required_literals(p.re)))
             for p in sig.patterns),
            key=lambda x: -RANK[x.severity],
        )
        if pats:
            out.append(Compiled(sig.id, sig.kind, tuple(pats)))
    extra = {name: re.compile(getattr(data, name)) for name in ("negation_before", "negation_sentence", "scam_after", "notice_markers", "call_cues")}
    return tuple(out), extra


def _hint(found: list[str] | None) -> tuple[str, ...] | None:
    """A prefilter worth having: no empty string (it would always pass) and not too many words to test."""
    return tuple(found) if found and all(found) and len(found) <= 40 else None


@lru_cache(maxsize=1)
def _literal_index() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every prefilter word, split into those with Chinese characters and the rest (checked only when relevant)."""
    words = {w for comp in _compiled()[0] for p in comp.patterns for w in p.hint or ()}
    return tuple(sorted(w for w in words if _CJK.search(w))), tuple(sorted(w for w in words if not _CJK.search(w)))


def _present_words(match_text: str, has_cjk: bool) -> frozenset[str]:
    """The prefilter words that occur in the text (plain substring tests, no regex)."""
    cjk_words, other = _literal_index()
    words = other + cjk_words if has_cjk else other
    if len(match_text) > _LONG_TEXT:  # a long text: skip words with a character the text does not have at all
        chars = set(match_text)
        words = tuple(w for w in words if chars.issuperset(w))
    return frozenset(w for w in words if w in match_text)


def _cjk_only(pattern: str) -> bool:
    """True when a pattern can only match Chinese text (it has CJK and no ASCII words)."""
    return bool(_CJK.search(pattern)) and not re.search(r"[a-z]{2,}", re.sub(r"\\[a-zA-Z]", "", pattern))


def _word_edges(text: str, start: int, end: int) -> bool:
    """A match must not start or end inside an ASCII word ('pin' is not in 'happiness')."""
    first, last = text[start], text[end - 1]
    if first.isascii() and first.isalpha() and start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        return False
    return not (last.isascii() and last.isalpha() and end < len(text) and text[end].isascii() and text[end].isalpha())


def normalise(text: str) -> tuple[str, str]:
    """(display text, match text) of the same length: NFKC, no zero-width characters; the match text
    has ASCII lower-cased and common traditional characters simplified."""
    shown = _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", clean(text[:MAX_CHARS])))
    lowered = shown.lower()
    if len(lowered) != len(shown):  # a few characters lower-case to two; keep offsets aligned
        lowered = shown.translate(_ASCII_LOWER)
    if "." in lowered:  # "$399.99" is not the end of a sentence: clause windows must not stop there
        lowered = _DECIMAL_POINT.sub(",", lowered)
    return shown, lowered.translate(_TRAD) if _TRAD_RE.search(lowered) else lowered


def _negated(text: str, start: int, end: int, extra: dict[str, re.Pattern[str]]) -> bool:
    """True when the clause holding a request is negated or calls it a scam."""
    window_start = max(0, start - 30)
    before = text[window_start:start]
    cuts = [m.end() for m in _CLAUSE_END.finditer(before)]
    clause = text[(window_start + cuts[-1]) if cuts else window_start : end]
    if extra["negation_before"].search(clause):
        return True
    sentence = text[max(0, start - 120) : start]
    stops = [m.end() for m in _SENTENCE_END.finditer(sentence)]
    if extra["negation_sentence"].search(sentence[stops[-1] if stops else 0 :]):
        return True
    after = text[end : end + 40]
    stop = _SENTENCE_END.search(after)
    return bool(extra["scam_after"].search(after[: stop.end() if stop else len(after)]))


def _best_match(comp: Compiled, match_text: str, has_cjk: bool, present: frozenset[str], extra: dict[str, re.Pattern[str]]) -> tuple[str, int, int] | None:
    """(severity, start, end) of the strongest counted match of one signal, or None."""
    for pat in comp.patterns:  # strongest patterns first
        if (pat.cjk_only and not has_cjk) or (pat.hint and present.isdisjoint(pat.hint)):
            continue
        if pat.requires and not any(word in match_text for word in pat.requires):
            continue
        found = _counted_match(pat.regex, match_text, comp.kind, extra)
        if found:
            return pat.severity, found[0], found[1]
    return None


_MAX_TRIES = 200  # matches looked at per pattern: a 1 MB message must not make this quadratic


def _counted_match(regex: re.Pattern[str], text: str, kind: str, extra: dict[str, re.Pattern[str]]) -> tuple[int, int] | None:
    """(start, end) of the first match that starts and ends on word edges and is not negated.

    After a refused match the search goes on from its second character, not its end: "resync by
    importing your private key" first matches at "sync" (inside a word), and the counted match
    "importing your private key" lies inside that refused one.
    """
    pos = 0
    for _ in range(_MAX_TRIES):
        m = regex.search(text, pos)
        if m is None:
            return None
        if m.end() > m.start() and _word_edges(text, m.start(), m.end()) and not (
            kind in ("request", "lure") and _negated(text, m.start(), m.end(), extra)
        ):
            return m.start(), m.end()
        pos = m.start() + 1
    return None


def _signal(sig_id: str, severity: str, shown: str, start: int, end: int, lang: Lang) -> Signal:
    sig = next(s for s in signals_file().signals if s.id == sig_id)
    evidence = clean(shown[start:end], keep_newlines=False)[:200]
    return Signal(id=sig_id, severity=severity, evidence=evidence, start=start, end=end, explanation=sig.explanation.get(lang))  # type: ignore[arg-type]


def _pattern_signals(shown: str, match_text: str, lang: Lang) -> list[tuple[str, Signal]]:
    comps, extra = _compiled()
    has_cjk = bool(_CJK.search(match_text))
    present = _present_words(match_text, has_cjk)
    found = []
    for comp in comps:
        best = _best_match(comp, match_text, has_cjk, present, extra)
        if best:
            found.append((comp.kind, _signal(comp.id, best[0], shown, best[1], best[2], lang)))
    return found


def _link_severity(link: LinkFinding) -> str | None:
    """high: a disguised address or a dangerous link; medium: IP, shortener, risky TLD; none: official or a brand's own site."""
    if link.verdict == "official" and not link.flags:
        return None
    if link.verdict == "lookalike" or {"apk", "punycode", "userinfo"} & set(link.flags) or _DISGUISES & set(link.signs):
        return "high"
    if {"raw_ip", "shortener"} & set(link.flags) or "risky_tld" in link.signs:
        return "medium"
    return None if "brand_own_domain" in link.signs else "low"


def _links(shown: str, lang: Lang) -> list[LinkFinding]:
    from walletaid.engines import links

    data = links.link_data()
    shorteners, phish = frozenset(data.shorteners), frozenset(data.phish_words)
    brands, risky = frozenset(data.brands), frozenset(data.risky_tlds)
    spans = links.find_ip_links(shown)
    taken = [(s, e) for s, e, _ in spans]
    spans += [x for x in links.find_links(shown, frozenset(data.common_tlds)) if not any(s <= x[0] < e for s, e in taken)]
    out: list[LinkFinding] = []
    seen: dict[str, LinkFinding] = {}  # a long message repeats the same link: analyse each address once
    for start, end, url in sorted(spans)[:200]:
        if url not in seen:
            parts = links.parse_host(url)
            verdict, matches = links.match_host(parts, lang, phish)
            signs = links.host_signs(parts, brands, risky, phish)
            if verdict == "not_official" and _DISGUISES & set(signs):
                verdict = "lookalike"  # a brand, 'gov' or a whole domain dressed up inside someone else's site
            seen[url] = LinkFinding(url=clean(url)[:300], start=start, end=end, host=parts.host, registered_domain=parts.registered_domain,
                                    verdict=verdict, flags=links.link_flags(url, parts, shorteners), signs=signs, matches=matches)  # type: ignore[arg-type]
        out.append(seen[url].model_copy(update={"start": start, "end": end}))
    return out


def _phones(shown: str, match_text: str, link_spans: list[tuple[int, int]], lang: Lang) -> list[PhoneFinding]:
    from walletaid.engines import links

    cues = _compiled()[1]["call_cues"]
    out = []
    for start, end, raw in links.find_phones(shown)[:200]:
        if any(s <= start < e for s, e in link_spans):
            continue
        if (end < len(shown) and shown[end] in _AMOUNT_AFTER) or (start > 0 and shown[start - 1] in _AMOUNT_BEFORE):
            continue
        result = links.match_phone(raw, lang)
        cue = bool(cues.search(match_text[max(0, start - 20) : start]))
        digits = sum(c.isdigit() for c in raw)
        if result.verdict == "not_official" and not result.known_fake and not (cue and digits >= 5):
            continue
        out.append(PhoneFinding(value=raw, start=start, end=end, verdict=result.verdict, known_fake=result.known_fake is not None,  # type: ignore[arg-type]
                                call_instruction=cue, matches=result.matches))
    return out


def _channel_signals(shown: str, links_: list[LinkFinding], phones: list[PhoneFinding], lang: Lang) -> list[Signal]:
    out: list[Signal] = []
    best_link = max(((sev, l) for l in links_ if (sev := _link_severity(l))), key=lambda x: RANK[x[0]], default=None)
    if best_link:
        out.append(_signal("suspicious_link", best_link[0], shown, best_link[1].start, best_link[1].end, lang))
    ranked = [("high" if p.verdict == "lookalike" or p.known_fake else "low", p) for p in phones if p.verdict != "official"]
    if ranked:
        sev, phone = max(ranked, key=lambda x: RANK[x[0]])
        out.append(_signal("unofficial_phone_number", sev, shown, phone.start, phone.end, lang))
    return out


def _verdict(signals: list[Signal]) -> str:
    ids = {s.id for s in signals}
    points = sum(POINTS[s.severity] for s in signals)
    combo = any(set(c.all) <= ids for c in signals_file().combos)
    if any(s.severity == "high" for s in signals) or combo or (points >= 4 and len(ids) >= 2):
        return "danger"
    return "suspicious" if points >= 2 else "no_known_signals"


def check_message(text: str, lang: Lang) -> MessageCheck:
    """Check a received message for scam signals: verdict, evidence spans, links, numbers and advice."""
    shown, match_text = normalise(text)
    found = _pattern_signals(shown, match_text, lang)
    links_ = _links(shown, lang)
    phones = _phones(shown, match_text, [(l.start, l.end) for l in links_], lang)
    channel = _channel_signals(shown, links_, phones, lang)
    unofficial_contact = any(s.id == "suspicious_link" for s in channel) or any(p.call_instruction and p.verdict != "official" for p in phones)
    requests = [s for kind, s in found if kind == "request"]
    if not requests and not unofficial_contact and _compiled()[1]["notice_markers"].search(match_text):
        found = []  # an anti-fraud notice quoting scam words, with no request and nowhere to contact but official channels
    if links_ and not any(s.id == "suspicious_link" for s in channel):
        found = [(k, s) for k, s in found if s.id != "suspicious_link"]  # "log in via the link" where every link is official
    strongest: dict[str, Signal] = {}
    for sig in [s for _, s in found] + channel:  # one signal per id: the strongest evidence
        if sig.id not in strongest or RANK[sig.severity] > RANK[strongest[sig.id].severity]:
            strongest[sig.id] = sig
    signals = sorted(strongest.values(), key=lambda s: (-RANK[s.severity], s.start))
    verdict = _verdict(signals)
    return MessageCheck(lang=lang, verdict=verdict, signals=signals, links=links_, phones=phones,  # type: ignore[arg-type]
                        advice=advice(verdict, {s.id for s in signals}, lang), text=shown)


def advice(verdict: str, ids: set[str], lang: Lang) -> list[str]:
    """What to do now, for a verdict and the signals found."""
    keys = {
        "danger": ["stop", "no_transfer", "call_yourself", "ask_96110", "if_paid", "report"],
        "suspicious": ["no_click", "call_yourself", "ask_96110"],
        "no_known_signals": ["none_found", "habits"],
    }[verdict]
    extra = [k for sig, k in (("asks_seed_phrase", "seed_exposed"), ("screen_sharing_or_remote_app", "remote_app"),
                              ("asks_verification_code", "code_given"), ("asks_card_details", "card_given")) if sig in ids]
    if verdict == "no_known_signals":
        extra = []
    return [t(f"scam.advice_{k}", lang) for k in extra + keys]
