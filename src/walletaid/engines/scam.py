"""The message check: find scam signals in a received message (zh and en) and give a verdict.

Pure and linear in the message length: the text is normalised once (NFKC,
zero-width characters removed, common traditional characters mapped to
simplified ones so one pattern set serves both), then each signal's compiled
pattern (``knowledge/signals.json``) runs once over it.  Requests that sit in a
negated clause ("请勿泄露验证码", "never share your PIN") or in an anti-fraud
notice are not counted, so genuine notifications stay ``no_known_signals``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from walletaid.i18n import Lang, t
from walletaid.knowledge import load
from walletaid.models.scam import LinkFinding, MessageCheck, PhoneFinding, Signal, SignalsFile
from walletaid.textsafe import clean

MAX_CHARS = 2_000_000
POINTS = {"high": 4, "medium": 2, "low": 1}
RANK = {"low": 0, "medium": 1, "high": 2}
_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
_TRAD = str.maketrans(
    "驗證碼為給發說請帳號戶轉賬銀們個這裡會將凍結鎖關閉幫單賠償貸註銷額來電話聯繫碼務處辦錢網絡購買應該"
    "種從沒問題紅領獎勵幣鏈連接額戰財產警察檢院審調查護營運費稅條點擊載裝遠螢幕進開見頁輸填寫報電聽讀",
    "验证码为给发说请帐号户转账银们个这里会将冻结锁关闭帮单赔偿贷注销额来电话联系码务处办钱网络购买应该"
    "种从没问题红领奖励币链连接额战财产警察检院审调查护营运费税条点击载装远屏幕进开见页输填写报电听读",
)
_TRAD_RE = re.compile("[" + "".join(chr(k) for k, v in _TRAD.items() if chr(k) != v) + "]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_CLAUSE_END = re.compile(r"[。!?\n,;，；:：]")
_SENTENCE_END = re.compile(r"[。!?\n]")
_AMOUNT_AFTER = set("元块万千%年月日号时分秒")
_AMOUNT_BEFORE = set("¥￥$£€")


class Compiled(NamedTuple):
    """A signal's patterns, compiled one by one (separate patterns keep re's fast literal-prefix scan)."""

    id: str
    kind: str
    patterns: tuple[tuple[re.Pattern[str], str, bool, tuple[str, ...]], ...]  # (regex, severity, CJK only, required words)


@lru_cache(maxsize=1)
def signals_file() -> SignalsFile:
    """The validated ``knowledge/signals.json``."""
    return load("signals", SignalsFile)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[Compiled, ...], dict[str, re.Pattern[str]]]:
    data = signals_file()
    out = []
    for sig in data.signals:
        pats = sorted(
            ((re.compile(p.re), p.severity or sig.severity, _cjk_only(p.re), tuple(p.requires)) for p in sig.patterns),
            key=lambda x: -RANK[x[1]],
        )
        if pats:
            out.append(Compiled(sig.id, sig.kind, tuple(pats)))
    extra = {name: re.compile(getattr(data, name)) for name in ("negation_before", "negation_sentence", "scam_after", "notice_markers", "call_cues")}
    return tuple(out), extra


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


def _best_match(comp: Compiled, match_text: str, has_cjk: bool, extra: dict[str, re.Pattern[str]]) -> tuple[str, int, int] | None:
    """(severity, start, end) of the strongest counted match of one signal, or None."""
    for regex, sev, cjk, requires in comp.patterns:  # strongest patterns first
        if (cjk and not has_cjk) or (requires and not any(word in match_text for word in requires)):
            continue
        for m in regex.finditer(match_text):
            if m.end() == m.start() or not _word_edges(match_text, m.start(), m.end()):
                continue
            if comp.kind == "request" and _negated(match_text, m.start(), m.end(), extra):
                continue
            return sev, m.start(), m.end()
    return None


def _signal(sig_id: str, severity: str, shown: str, start: int, end: int, lang: Lang) -> Signal:
    sig = next(s for s in signals_file().signals if s.id == sig_id)
    evidence = clean(shown[start:end], keep_newlines=False)[:200]
    return Signal(id=sig_id, severity=severity, evidence=evidence, start=start, end=end, explanation=sig.explanation.get(lang))  # type: ignore[arg-type]


def _pattern_signals(shown: str, match_text: str, lang: Lang) -> list[tuple[str, Signal]]:
    comps, extra = _compiled()
    has_cjk = bool(_CJK.search(match_text))
    found = []
    for comp in comps:
        best = _best_match(comp, match_text, has_cjk, extra)
        if best:
            found.append((comp.kind, _signal(comp.id, best[0], shown, best[1], best[2], lang)))
    return found


def _link_severity(link: LinkFinding, risky_tlds: frozenset[str]) -> str | None:
    if link.verdict == "official" and not link.flags:
        return None
    if link.verdict == "lookalike" or {"apk", "punycode", "userinfo"} & set(link.flags):
        return "high"
    if {"raw_ip", "shortener"} & set(link.flags):
        return "medium"
    return "low"


def _links(shown: str, lang: Lang) -> list[LinkFinding]:
    from walletaid.engines import links

    data = signals_file().links
    shorteners, phish = frozenset(data.shorteners), frozenset(data.phish_words)
    spans = links.find_ip_links(shown)
    taken = [(s, e) for s, e, _ in spans]
    spans += [x for x in links.find_links(shown, frozenset(data.common_tlds)) if not any(s <= x[0] < e for s, e in taken)]
    out = []
    for start, end, url in sorted(spans)[:200]:
        parts = links.parse_host(url)
        verdict, matches = links.match_host(parts, lang, phish)
        flags = links.link_flags(url, parts, shorteners)
        out.append(LinkFinding(url=clean(url)[:300], start=start, end=end, host=parts.host, registered_domain=parts.registered_domain,
                               verdict=verdict, flags=flags, matches=matches))  # type: ignore[arg-type]
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
    risky = frozenset(signals_file().links.risky_tlds)
    out: list[Signal] = []
    best_link = max(((sev, l) for l in links_ if (sev := _link_severity(l, risky))), key=lambda x: RANK[x[0]], default=None)
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
