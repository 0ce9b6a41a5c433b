"""The message check: find scam signals in a received message (zh and en) and give a verdict.

Pure and linear in the message length.  The text is normalized once
(``matching.normalize``: full-width, traditional, disguised spellings), the links,
numbers, brand names and amounts in it are found (``engines.features``), and one
pass of the signal rule set (``knowledge/signals``) finds the word shapes.  The
shapes of genuine messages (a code SMS that says "tell no one", an anti-fraud
warning) keep those quiet unless the message also sends the reader to a foreign
link or number.  Every evidence span points into the user's own text.
"""

from __future__ import annotations

from functools import lru_cache

from walletaid.engines.features import Features, LinkInfo, find_features
from walletaid.i18n import Lang, t
from walletaid.matching import knowledge
from walletaid.matching.normalize import Normalized, normalize
from walletaid.models.scam import LinkFinding, MessageCheck, PhoneFinding, Signal
from walletaid.textsafe import clean

MAX_CHARS = 2_000_000
RANK = {"low": 0, "medium": 1, "high": 2}
_DISGUISES = frozenset({"brand_in_host", "gov_in_host"})  # an address dressed as a brand or a government site
# A notice quotes scam words; a request in it is kept (its own negation cues already keep "不要转入安全账户" quiet).
_QUIET_IN_NOTICES = frozenset({"lure", "claim", "pressure"})
_QUIET_IN_CODE_SMS = frozenset({"claim", "pressure"})
# a code SMS names the code it warns about, and the payee of the transfer it confirms
_QUIET_IDS_IN_CODE_SMS = frozenset({"asks_verification_code", "asks_money_transfer"})


def check_message(text: str, lang: Lang) -> MessageCheck:
    """Check a received message for scam signals: verdict, evidence spans, links, numbers and advice."""
    shown = clean(text[:MAX_CHARS])
    norm = normalize(shown)
    found = find_features(norm, lang)
    kb = knowledge.signals()
    markers: set[str] = set()
    best: dict[str, tuple[str, int, int]] = {}  # signal id -> (severity, start, end) in the normalized text
    for rule, (start, end) in kb.rules.match(norm.text, found.spans()):
        if rule.owner in kb.markers:
            markers.add(rule.owner)
        else:
            _keep(best, rule.owner, rule.severity or "low", start, end)
    for sig_id, severity, start, end in _channel_signals(found):
        _keep(best, sig_id, severity, start, end)
    signals = [_signal(sig_id, severity, norm, start, end, lang) for sig_id, (severity, start, end) in best.items()]
    kept = _quiet_genuine(signals, markers, found)
    kept.sort(key=lambda s: (-RANK[s.severity], s.start))
    verdict = _verdict(kept)
    return MessageCheck(
        lang=lang, verdict=verdict, signals=kept, links=[_link_finding(l, norm) for l in found.links],
        phones=[_phone_finding(p, norm) for p in found.phones],
        advice=list(_advice(verdict, frozenset(s.id for s in kept), lang, "warning_12381" in markers)), text=shown,
    )


def _keep(best: dict[str, tuple[str, int, int]], sig_id: str, severity: str, start: int, end: int) -> None:
    """One signal per id: the strongest evidence, then the earliest (its quote is made only for the one kept)."""
    old = best.get(sig_id)
    if old is None or RANK[severity] > RANK[old[0]]:
        best[sig_id] = (severity, start, end)


def _without_secrets(evidence: str) -> str:
    """The quoted evidence with any code, card or ID number in it redacted (a message may hold the user's own code)."""
    if not any(map(str.isdigit, evidence)):
        return evidence  # nothing a code, card or ID number could be (the common case, kept cheap)
    return _redacted(evidence)


@lru_cache(maxsize=4096)
def _redacted(evidence: str) -> str:
    """``redact_text`` of a quote (pure; a batch quotes the same link, number or phrase again and again)."""
    from walletaid.engines.redact import redact_text

    return redact_text(evidence, "message")[0]


def _signal(sig_id: str, severity: str, norm: Normalized, start: int, end: int, lang: Lang) -> Signal:
    info = knowledge.signals().signals[sig_id]
    a, b = norm.original_span(start, end)
    evidence = _without_secrets(clean(norm.original[a:b], keep_newlines=False)[:200])
    return Signal(id=sig_id, severity=severity, evidence=evidence, start=a, end=b, explanation=info.explanation.get(lang))  # type: ignore[arg-type]


def _link_severity(link: LinkInfo) -> str | None:
    """high: an installer or a disguised address; medium: a lookalike or raw IP; low: a risky TLD; none otherwise.

    A shortener is low: brands send shortened links too, so alone it does not make a message suspicious.
    """
    if link.verdict == "official" and not link.flags:
        return None
    if {"apk", "punycode", "userinfo"} & set(link.flags):
        return "high"  # an installer, a disguised alphabet, or "bank.com@evil.top"
    if link.verdict == "lookalike" or _DISGUISES & set(link.signs) or "raw_ip" in link.flags:
        return "medium"  # an address dressed as a brand: with any request or lure it makes the message dangerous
    if {"risky_tld", "embedded_domain"} & set(link.signs) or "shortener" in link.flags:
        return "low"  # a ".top" site, a domain worn as a subdomain, a shortener hiding the address: cues, not proof
    return None


def _channel_signals(found: Features) -> list[tuple[str, str, int, int]]:
    """Signals from the links and numbers themselves (id, severity, span): disguised addresses, known fake or
    imitated numbers."""
    out = []
    for link in found.links:
        severity = _link_severity(link)
        if severity:
            out.append(("suspicious_link", severity, link.start, link.end))
    for phone in found.phones:
        if phone.known_fake or phone.verdict == "lookalike":
            out.append(("unofficial_phone_number", "high", phone.start, phone.end))
    return out


def _quiet_genuine(signals: list[Signal], markers: set[str], found: Features) -> list[Signal]:
    """Drop word signals that a genuine shape explains, unless the message sends the reader somewhere foreign."""
    if not signals:
        return signals  # most messages: nothing to quiet
    foreign = any(l.verdict != "official" for l in found.links) or any(
        s.id in ("unofficial_phone_number", "brand_number_mismatch") for s in signals)
    if foreign:
        return signals
    kinds = knowledge.signals().signals
    if markers & {"antifraud_notice", "warning_12381"}:
        return [s for s in signals if kinds[s.id].kind not in _QUIET_IN_NOTICES]
    if "official_channel" in markers:  # "your card is locked: come to a branch or call 95566" is a real notice
        signals = [s for s in signals if kinds[s.id].kind != "pressure"]
    if "code_sms" in markers:
        return [s for s in signals if kinds[s.id].kind not in _QUIET_IN_CODE_SMS and s.id not in _QUIET_IDS_IN_CODE_SMS]
    return signals


def _verdict(signals: list[Signal]) -> str:
    scoring = knowledge.signals().scoring
    if not signals:  # most messages; no combination fires on none (each names two signals or more)
        return "suspicious" if 0 >= scoring.low_only_suspicious_points else "no_known_signals"
    ids = {s.id for s in signals}
    points = sum(scoring.points[s.severity] for s in signals)  # type: ignore[index]
    firm = [s for s in signals if s.severity != "low"]  # weak cues make a message suspicious, never dangerous by number
    strong = {s.id for s in firm}
    combo = any(need <= ids and (not strong_only or strong & need) for need, strong_only in _combos())
    if any(s.severity == "high" for s in signals) or combo or (
            sum(scoring.points[s.severity] for s in firm) >= scoring.danger_points and len(firm) >= 2):  # type: ignore[index]
        return "danger"
    needed = scoring.suspicious_points if firm else scoring.low_only_suspicious_points
    return "suspicious" if points >= needed else "no_known_signals"


@lru_cache(maxsize=1)
def _combos() -> tuple[tuple[frozenset[str], bool], ...]:
    """The scoring's combinations as (signal ids, counts only with a medium or high one), built once, not per message."""
    return tuple((frozenset(c.all), c.strong) for c in knowledge.signals().scoring.combos)


def _link_finding(link: LinkInfo, norm: Normalized) -> LinkFinding:
    start, end = norm.original_span(link.start, link.end)
    return LinkFinding(url=clean(norm.original[start:end])[:300], start=start, end=end, host=link.host,
                       registered_domain=link.registered_domain, verdict=link.verdict, flags=list(link.flags),  # type: ignore[arg-type]
                       signs=list(link.signs), matches=list(link.matches))


def _phone_finding(phone: object, norm: Normalized) -> PhoneFinding:
    start, end = norm.original_span(phone.start, phone.end)  # type: ignore[attr-defined]
    return PhoneFinding(value=clean(norm.original[start:end], keep_newlines=False), start=start, end=end,
                        verdict=phone.verdict, known_fake=phone.known_fake, matches=list(phone.matches))  # type: ignore[attr-defined]


def advice(verdict: str, ids: set[str], lang: Lang, markers: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """What to do now, for a verdict, the signals found and the genuine shapes seen."""
    return list(_advice(verdict, frozenset(ids), lang, "warning_12381" in markers))


@lru_cache(maxsize=512)
def _advice(verdict: str, ids: frozenset[str], lang: Lang, warning_12381: bool) -> tuple[str, ...]:
    if warning_12381:
        return t("scam.advice_12381", lang), t("scam.advice_ask_96110", lang)
    keys = {
        "danger": ["stop", "no_transfer", "call_yourself", "ask_96110", "if_paid", "report"],
        "suspicious": ["no_click", "call_yourself", "ask_96110"],
        "no_known_signals": ["none_found", "habits"],
    }[verdict]
    extra = [k for sig, k in (("asks_seed_phrase", "seed_exposed"), ("screen_sharing_or_remote_app", "remote_app"),
                              ("asks_verification_code", "code_given"), ("asks_card_details", "card_given"),
                              ("ecny_investment_scheme", "ecny_interest"), ("recovery_scam", "recovery")) if sig in ids]
    if verdict == "no_known_signals":
        extra = []
    return tuple(t(f"scam.advice_{k}", lang) for k in extra + keys)
