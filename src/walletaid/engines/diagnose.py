"""The diagnose engine: validated answers in, a ranked ``Diagnosis`` out.

Pure and deterministic: no prompts, no files, no network (only the packaged
knowledge).  Each free-text answer is normalized once (``matching.normalize``),
redaction markers are blanked and amounts of money masked (an amount is never an
error code: "paid 502 yuan" is no HTTP 502), and one pass of the compiled rule set
(``knowledge/diagnose``) finds the rules that fire.  A cause's score is its symptom
prior, plus its context answers, plus its rules (each once, in its best field,
later ones decayed: see ``knowledge/diagnose/scoring.yaml``).  Fraud, takeover and a
lost phone mark the diagnosis urgent and come first.  When the answers show fraud,
the causes a scam caller claims ("your wallet must be upgraded") are not offered
as causes unless the app's own message says so: the user's words for them are
returned as ``caller_claims``.  Reasons quote the user's own text, as typed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from walletaid.engines.diagnose_advice import contacts, next_steps, read_story, urgent_actions
from walletaid.engines.amounts import find_amounts
from walletaid.engines.redact_detect import MARKER_PREFIX
from walletaid.i18n import Lang, t
from walletaid.matching import knowledge
from walletaid.matching.normalize import Normalized, normalize
from walletaid.matching.ruleset import CompiledRule
from walletaid.models.diagnose import Cause, CauseId, DiagnoseAnswers, Diagnosis, Likelihood
from walletaid.textsafe import clean

if TYPE_CHECKING:  # the compiled scoring is a plain record of this shape (see ``matching.knowledge.plain``)
    from walletaid.knowledge.schemas.rules import DiagnoseScoring, TextField

CAUSE_ORDER: tuple[str, ...] = CauseId.__args__  # type: ignore[attr-defined]
TEXT_FIELDS: tuple[TextField, ...] = ("error_message", "description")
Span = tuple[int, int]
# A redaction marker ("[REDACTED:verification_code]"), as typed and as it reads once normalized: words the user never typed.
_MARKER = re.compile(re.escape(MARKER_PREFIX) + r"[a-z_]+\]")
_NORMALIZED_MARKER = re.compile(re.escape(MARKER_PREFIX.lower()) + r"[a-z_]+\]")
# A number right after paying or sending is an amount even without a unit ("tried to pay 502", "转了500").
_PAID_NUMBER = re.compile(
    r"(?:\b(?:pay|paid|paying|pays|send|sent|sending|transfer|transferred|transferring|wire|wired|top up|topped up)"
    r"|付款?|付了|转账?|转了|充了?|汇了?)\s?(?:of\s)?(\d[\d,.]*)"
    r"(?![\d,.]|\s?(?:次|个|小时|分钟|天|号|位|%)|\s?(?:times?|hours?|minutes?|days?|am|pm)\b)"
)
_LONG_DIGITS = re.compile(r"\d{6,}")


class Reading(NamedTuple):
    """One free-text answer as the rules read it: ``text`` is ``norm.text`` with markers blanked and amounts masked."""

    norm: Normalized
    text: str
    amounts: list[Span]

    def quote(self, start: int, end: int) -> str:
        """The user's own words behind ``text[start:end]``, as typed (a marker inside shows as …; codes never in full)."""
        a, b = self.norm.original_span(start, end)
        original = self.norm.original
        if original[a:b].isascii():  # a Latin phrase may end inside a word ("freez*"): quote the whole word
            while a > 0 and original[a - 1].isalnum() and original[a - 1].isascii():
                a -= 1
            while b < len(original) and original[b].isalnum() and original[b].isascii():
                b += 1
        snippet = _MARKER.sub("…", original[a:b])
        return _LONG_DIGITS.sub("****", clean(snippet, keep_newlines=False).strip())


def read(text: str) -> Reading:
    """``text`` as the diagnose rules see it (see :class:`Reading`)."""
    norm = normalize(text)
    chars = list(norm.text)
    for match in _NORMALIZED_MARKER.finditer(norm.text):
        chars[match.start() : match.end()] = " " * (match.end() - match.start())
    masked = "".join(chars)
    amounts = find_amounts(masked) + [m.span(1) for m in _PAID_NUMBER.finditer(masked)]
    for start, end in amounts:
        for i in range(start, end):
            if chars[i].isdigit():
                chars[i] = "0"  # still a number to the rules, never an error code
    return Reading(norm, "".join(chars), sorted(amounts))


class Hit(NamedTuple):
    """A rule that fired in one field, with the user's words it fired on."""

    rule: CompiledRule
    field: TextField
    quote: str
    reading: Reading | None = None
    span: tuple[int, int] = (0, 0)  # where the rule fired in ``reading.text``


def match(answers: DiagnoseAnswers) -> list[Hit]:
    """Every rule that fires on the free-text answers (a rule limited to some fields only there)."""
    rules = knowledge.diagnose().rules
    hits = []
    for name in TEXT_FIELDS:
        value = getattr(answers, name)
        if not value:
            continue
        reading = read(value)
        for rule, (start, end) in rules.match(reading.text, {"amount": reading.amounts}):
            if rule.fields is None or name in rule.fields:
                hits.append(Hit(rule, name, reading.quote(start, end), reading, (start, end)))
    return hits


class Quote(NamedTuple):
    """The user's words for a cause, where they stood, and how much the rule that found them weighs."""

    field: TextField
    text: str
    weight: float
    reading: Reading | None = None
    span: tuple[int, int] = (0, 0)

    def touches(self, other: Quote) -> bool:
        """Whether the two quotes overlap or meet in the same answer (then they are one passage)."""
        return (self.field == other.field and self.reading is not None and self.reading is other.reading
                and self.span[0] <= other.span[1] and other.span[0] <= self.span[1])

    def joined(self, other: Quote) -> Quote:
        """One quote over both passages, in the user's words, weighing as the heavier."""
        assert self.reading is not None
        span = (min(self.span[0], other.span[0]), max(self.span[1], other.span[1]))
        return Quote(self.field, self.reading.quote(*span), max(self.weight, other.weight), self.reading, span)


class Evidence:
    """What speaks for one cause: points, the reasons in the user's language, urgency, the user's words for it.

    A plain class (a dataclass costs ~1 ms to create when the module is imported, on every start-up).
    """

    __slots__ = ("base", "points", "reasons", "quotes", "urgent")

    def __init__(self) -> None:
        self.base = 0.0
        self.points: list[float] = []
        self.reasons: list[str] = []
        self.quotes: list[Quote] = []
        self.urgent = False

    @property
    def fields(self) -> set[str]:
        return {q.field for q in self.quotes}

    def score(self, decay: float) -> float:
        return self.base + sum(p * decay**i for i, p in enumerate(sorted(self.points, reverse=True)))

    def add_reason(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)

    def add_quote(self, quote: Quote, lang: Lang) -> None:
        """One reason per passage: a quote inside one already given adds nothing; overlapping or touching
        quotes of the same answer become one (「他让我下载」「下载一个会议」「会议软件」 → 「他让我下载一个会议软件」)."""
        if not quote.text or any(q.field == quote.field and quote.text in q.text for q in self.quotes):
            return
        for old in [q for q in self.quotes if q.field == quote.field and (q.text in quote.text or q.touches(quote))]:
            self.quotes.remove(old)
            self.reasons.remove(_quote_reason(old, lang))
            quote = old.joined(quote) if old.touches(quote) else quote._replace(weight=max(quote.weight, old.weight))
        self.quotes.append(quote)
        self.add_reason(_quote_reason(quote, lang))


def _quote_reason(quote: Quote, lang: Lang) -> str:
    return t("diagnose.reason_pattern", lang, quote=quote.text, field=t(f"diagnose.field_{quote.field}", lang))


def diagnose(answers: DiagnoseAnswers, lang: Lang) -> Diagnosis:
    """Rank the likely causes of the problem described by ``answers``; texts in ``lang``."""
    scoring = knowledge.diagnose().scoring
    hits = match(answers)
    evidence = collect_evidence(answers, hits, scoring, lang)
    story = read_story(answers, hits, evidence)
    claims = set_aside_pretexts(evidence, scoring) if evidence["fraud_contact"].urgent else []
    urgent = any(ev.urgent for ev in evidence.values())
    causes = rank(evidence, answers, scoring, lang)
    return Diagnosis(
        lang=lang, wallet=answers.wallet, operator=answers.operator, symptom=answers.symptom, urgent=urgent,
        urgent_actions=urgent_actions(answers, story, hits, lang) if urgent else [],
        causes=causes, caller_claims=claims,
        contact=contacts(answers, story, lang),
        next_steps=next_steps(answers, causes, urgent, lang),
    )


def collect_evidence(answers: DiagnoseAnswers, hits: list[Hit], scoring: DiagnoseScoring, lang: Lang) -> dict[str, Evidence]:
    """Score every cause from the symptom, the free texts and the context answers."""
    evidence: dict[str, Evidence] = {cid: Evidence() for cid in CAUSE_ORDER}
    _add_hits(hits, scoring, evidence, lang)
    _add_context(answers, scoring, evidence, lang)
    symptom_label = t(f"diagnose.symptom_{answers.symptom}", lang)
    urgent_cause = scoring.urgent_symptoms.get(answers.symptom)
    for cause_id, prior in scoring.symptom_priors.get(answers.symptom, {}).items():
        evidence[cause_id].base += prior
        if cause_id != urgent_cause:
            evidence[cause_id].add_reason(t("diagnose.reason_symptom", lang, symptom=symptom_label))
    if urgent_cause:
        evidence[urgent_cause].urgent = True
        evidence[urgent_cause].add_reason(t("diagnose.reason_urgent_symptom", lang, symptom=symptom_label))
    return evidence


def _add_hits(hits: list[Hit], scoring: DiagnoseScoring, evidence: dict[str, Evidence], lang: Lang) -> None:
    """Each rule counts once, in the field where it weighs most; its words become a reason."""
    best: dict[tuple[str, str], tuple[float, Hit]] = {}
    for hit in hits:
        if hit.rule.owner not in evidence:
            continue  # a story rule: it ranks nothing
        points = hit.rule.weight * scoring.field_weights[hit.field]
        key = (hit.rule.file, hit.rule.id)
        if key not in best or points > best[key][0]:
            best[key] = (points, hit)
    for points, hit in best.values():
        ev = evidence[hit.rule.owner]
        ev.points.append(points)
        ev.urgent = ev.urgent or hit.rule.urgent
        ev.add_quote(Quote(hit.field, hit.quote, hit.rule.weight, hit.reading, hit.span), lang)


def _add_context(answers: DiagnoseAnswers, scoring: DiagnoseScoring, evidence: dict[str, Evidence], lang: Lang) -> None:
    for rule in scoring.context:
        if rule.symptoms and answers.symptom not in rule.symptoms:
            continue
        value = getattr(answers, rule.key)
        values = value if isinstance(value, list) else [value]
        if not any(v in rule.values for v in values if v is not None):
            continue
        ev = evidence[rule.cause]
        ev.base += rule.weight
        ev.urgent = ev.urgent or rule.urgent
        if rule.weight > 0:
            ev.add_reason(rule.reason.get(lang))


def set_aside_pretexts(evidence: dict[str, Evidence], scoring: DiagnoseScoring) -> list[str]:
    """Take the causes a scam caller claims out of the ranking, unless the app's own message shows them.

    Returns the user's words for them ("what the caller claimed"), each once, in order.
    """
    claims: list[str] = []
    for cause_id in scoring.caller_pretexts:
        ev = evidence[cause_id]
        if "error_message" in ev.fields or ev.urgent:
            continue
        # a claim is what a rule of some weight found ("钱包要升级"), not a bare word ("验证码", "frozen")
        claims += [q.text for q in ev.quotes if q.weight >= scoring.thresholds.medium]
        evidence[cause_id] = Evidence()
    return [c for i, c in enumerate(claims) if c not in claims[:i] and not any(c in other for other in claims if other != c)]


def _put_explaining_causes_first(scores: dict[str, float], evidence: dict[str, Evidence], scoring: DiagnoseScoring) -> None:
    """A cause the user's words show clearly (or urgent) scores just above the causes it explains (``scoring.explains``)."""
    for cause_id, explained in scoring.explains.items():
        ev = evidence[cause_id]
        if not (ev.urgent or max(ev.points, default=0.0) >= scoring.thresholds.medium):
            continue
        rivals = [scores[other] for other in explained if scores[other] >= scores[cause_id]]
        if rivals:
            scores[cause_id] = max(rivals) + 0.01


def _likelihood(score: float, scoring: DiagnoseScoring) -> Likelihood:
    if score >= scoring.thresholds.high:
        return "high"
    return "medium" if score >= scoring.thresholds.medium else "low"


def rank(evidence: dict[str, Evidence], answers: DiagnoseAnswers, scoring: DiagnoseScoring, lang: Lang) -> list[Cause]:
    """The causes that clear the threshold, most likely first (``unknown`` when none does)."""
    limits = scoring.thresholds
    scores = {cid: ev.score(scoring.decay) + (limits.urgent_boost if ev.urgent else 0.0) for cid, ev in evidence.items()}
    _put_explaining_causes_first(scores, evidence, scoring)
    scored = []
    for cause_id, score in scores.items():
        # `unknown` is listed on its own evidence only (a problem only support can solve)
        if score >= limits.min_score and (cause_id != "unknown" or evidence[cause_id].points):
            scored.append((-round(score, 6), CAUSE_ORDER.index(cause_id), cause_id, score))
    scored.sort()
    chosen = [(cid, score) for _, _, cid, score in scored[: limits.max_causes]]
    if not chosen:
        return [build_cause("unknown", 0.0, "low", [], answers, lang)]
    return [build_cause(cid, round(score, 2), _likelihood(score, scoring), evidence[cid].reasons, answers, lang)
            for cid, score in chosen]


def build_cause(
    cause_id: str, score: float, likelihood: Likelihood, reasons: list[str], answers: DiagnoseAnswers, lang: Lang
) -> Cause:
    """One ``Cause`` with its texts from ``causes.json`` in ``lang``."""
    info = knowledge.causes()[cause_id]
    return Cause(
        id=cause_id,  # type: ignore[arg-type]
        likelihood=likelihood,
        score=score,
        title=info.title.get(lang),
        explanation=info.explanation.get(lang),
        steps=[s.get(lang) for s in knowledge.steps_for(info, answers.wallet)],
        reasons=list(reasons),
        when_to_contact=info.when_to_contact.get(lang),
    )

