"""The diagnose engine: validated answers in, a ranked ``Diagnosis`` out.

Pure and deterministic: no prompts, no files, no network (only the packaged
knowledge base).  A cause's score is its symptom prior (``diagnose_rules.json``),
plus the text patterns that matched the error message (full weight) or the
description (lighter), unless a negation cue comes right before the hit, plus
context answers (network, app version, waiting time,
what a caller asked for).  Fraud and account-takeover evidence marks the
diagnosis ``urgent`` and lifts those causes above every other one.  ``unknown``
comes first when nothing else clears the threshold, or when the text names a
problem only the provider's support can solve (``support_patterns``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from walletaid.engines.redact_detect import without_markers
from walletaid.engines.textmatch import find, normalize, quote
from walletaid.i18n import Lang, t
from walletaid.knowledge import load
from walletaid.knowledge.kb_models import CauseCatalog, DiagnoseRules, TextField
from walletaid.models.contact import ContactChannel
from walletaid.models.diagnose import Cause, CauseId, DiagnoseAnswers, Diagnosis, Likelihood

CAUSE_ORDER: tuple[str, ...] = CauseId.__args__  # type: ignore[attr-defined]
TEXT_FIELDS: tuple[TextField, ...] = ("error_message", "description")
PATTERN_DECAY = 0.5  # 2nd pattern hit of a cause counts half, the 3rd a quarter, ...


@dataclass
class Evidence:
    """What speaks for one cause: points, the reasons in the user's language, urgency."""

    base: float = 0.0
    pattern_points: list[float] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    urgent: bool = False

    def score(self) -> float:
        hits = sorted(self.pattern_points, reverse=True)
        return self.base + sum(p * PATTERN_DECAY**i for i, p in enumerate(hits))

    def add_reason(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)


def rules() -> DiagnoseRules:
    """The scoring rules (loaded once)."""
    return load("diagnose_rules", DiagnoseRules)


def catalog() -> CauseCatalog:
    """The cause texts (loaded once)."""
    return load("causes", CauseCatalog)


def diagnose(answers: DiagnoseAnswers, lang: Lang) -> Diagnosis:
    """Rank the likely causes of the problem described by ``answers``; texts in ``lang``."""
    evidence = collect_evidence(answers, lang)
    urgent = any(ev.urgent for ev in evidence.values())
    causes = rank(evidence, answers, lang)
    return Diagnosis(
        lang=lang,
        wallet=answers.wallet,
        operator=answers.operator,
        symptom=answers.symptom,
        urgent=urgent,
        urgent_actions=urgent_actions(answers, evidence, lang) if urgent else [],
        causes=causes,
        contact=contacts(answers, lang, urgent),
        next_steps=next_steps(answers, causes, urgent, lang),
    )


def collect_evidence(answers: DiagnoseAnswers, lang: Lang) -> dict[str, Evidence]:
    """Score every cause from the symptom, the free texts and the context answers."""
    kb = rules()
    evidence: dict[str, Evidence] = {cid: Evidence() for cid in CAUSE_ORDER}
    _add_patterns(answers, lang, kb, evidence)
    _add_context(answers, lang, kb, evidence)
    symptom_label = t(f"diagnose.symptom_{answers.symptom}", lang)
    urgent_cause = kb.urgent_symptoms.get(answers.symptom)
    for cause_id, prior in kb.symptom_priors.get(answers.symptom, {}).items():
        evidence[cause_id].base += prior
        if cause_id != urgent_cause:
            evidence[cause_id].add_reason(t("diagnose.reason_symptom", lang, symptom=symptom_label))
    if urgent_cause:
        evidence[urgent_cause].urgent = True
        evidence[urgent_cause].add_reason(t("diagnose.reason_urgent_symptom", lang, symptom=symptom_label))
    return evidence


def _add_patterns(answers: DiagnoseAnswers, lang: Lang, kb: DiagnoseRules, evidence: dict[str, Evidence]) -> None:
    texts = {f: normalize(without_markers(getattr(answers, f) or "")) for f in TEXT_FIELDS}
    for pattern in [*kb.patterns, *kb.support_patterns]:
        best: tuple[float, str, str] | None = None
        negation = kb.negation if pattern.negatable else None
        for name in pattern.fields:
            if not texts[name]:
                continue
            hit = find(pattern.regex, texts[name], pattern.unless, negation, pattern.requires, pattern.hint)
            points = pattern.weight * kb.field_weights[name]
            if hit is not None and (best is None or points > best[0]):
                best = (points, name, hit)
        if best is None:
            continue
        ev = evidence[pattern.cause]
        ev.pattern_points.append(best[0])
        ev.urgent = ev.urgent or pattern.urgent
        if any(best[2] in q for q in ev.quotes):
            continue  # an overlapping pattern already quoted this text
        ev.quotes.append(best[2])
        field_name = t(f"diagnose.field_{best[1]}", lang)
        ev.add_reason(t("diagnose.reason_pattern", lang, quote=quote(best[2]), field=field_name))


def _add_context(answers: DiagnoseAnswers, lang: Lang, kb: DiagnoseRules, evidence: dict[str, Evidence]) -> None:
    for rule in kb.context:
        value = getattr(answers, rule.key)
        values = value if isinstance(value, list) else [value]
        if not any(v in rule.values for v in values if v is not None):
            continue
        ev = evidence[rule.cause]
        ev.base += rule.weight
        ev.urgent = ev.urgent or rule.urgent
        if rule.weight > 0:
            ev.add_reason(rule.reason.get(lang))


def _likelihood(score: float, kb: DiagnoseRules) -> Likelihood:
    if score >= kb.thresholds.high:
        return "high"
    return "medium" if score >= kb.thresholds.medium else "low"


def rank(evidence: dict[str, Evidence], answers: DiagnoseAnswers, lang: Lang) -> list[Cause]:
    """The causes that clear the threshold, most likely first (``unknown`` when none does)."""
    kb = rules()
    limits = kb.thresholds
    scored = []
    for cause_id, ev in evidence.items():
        score = ev.score() + (limits.urgent_boost if ev.urgent else 0.0)
        # `unknown` is listed on its own evidence only (a problem only support can solve)
        if score >= limits.min_score and (cause_id != "unknown" or ev.pattern_points):
            scored.append((-round(score, 6), CAUSE_ORDER.index(cause_id), cause_id, score))
    scored.sort()
    chosen = [(cid, score) for _, _, cid, score in scored[: limits.max_causes]]
    if not chosen:
        return [build_cause("unknown", 0.0, "low", [], answers, lang)]
    return [
        build_cause(cid, round(score, 2), _likelihood(score, kb), evidence[cid].reasons, answers, lang)
        for cid, score in chosen
    ]


def build_cause(
    cause_id: str, score: float, likelihood: Likelihood, reasons: list[str], answers: DiagnoseAnswers, lang: Lang
) -> Cause:
    """One ``Cause`` with its texts from ``causes.json`` in ``lang``."""
    info = catalog().causes[cause_id]  # type: ignore[index]
    return Cause(
        id=cause_id,  # type: ignore[arg-type]
        likelihood=likelihood,
        score=score,
        title=info.title.get(lang),
        explanation=info.explanation.get(lang),
        steps=[s.get(lang) for s in info.steps_for(answers.wallet)],
        reasons=list(reasons),
        when_to_contact=info.when_to_contact.get(lang),
    )


def contacts(answers: DiagnoseAnswers, lang: Lang, urgent: bool) -> list[ContactChannel]:
    """Official channels for this wallet / operator; police and anti-fraud lines too when urgent."""
    try:
        from walletaid.engines.contacts import official_channels, public_channel
    except ImportError:
        return fallback_channels(answers, lang, urgent)
    channels = list(official_channels(answers.wallet, answers.operator, lang))
    if urgent:
        channels += [public_channel("110", lang), public_channel("96110", lang)]
    seen: set[tuple[str, str]] = set()
    unique = []
    for channel in channels:
        if (channel.channel, channel.value) not in seen:
            seen.add((channel.channel, channel.value))
            unique.append(channel)
    return unique


def fallback_channels(answers: DiagnoseAnswers, lang: Lang, urgent: bool) -> list[ContactChannel]:
    """Contacts from this engine's own small table (numbers from domain-facts only), if the contacts engine is absent."""
    table = rules().fallback_contacts
    out: list[ContactChannel] = []
    if answers.wallet == "ecny":
        out.append(ContactChannel(channel="hotline", name=table.ecny_app.get(lang), value=table.ecny_hotline, provider="ecny"))
        operator = table.operators.get(answers.operator) if answers.operator else None
        if operator is not None:
            kind, value = ("hotline", operator.hotline) if operator.hotline else ("website", operator.website)
            out.append(ContactChannel(channel=kind, name=operator.name.get(lang), value=value, provider=answers.operator))
    elif answers.wallet == "crypto":
        out.append(ContactChannel(channel="in_app_chat", name=table.crypto.get(lang), value=table.crypto.get(lang)))
    else:
        out.append(ContactChannel(channel="other", name=table.other.get(lang), value=table.other.get(lang)))
    if urgent:
        out += [ContactChannel(channel="hotline", name=table.public[k].get(lang), value=k, provider=k) for k in ("110", "96110")]
    return out


def urgent_actions(answers: DiagnoseAnswers, evidence: dict[str, Evidence], lang: Lang) -> list[str]:
    """What to do right now, most pressing first."""
    actions = []
    if evidence["fraud_contact"].urgent:
        actions.append(t("diagnose.urgent_stop", lang))
    police = t("diagnose.urgent_money_sent" if answers.money_sent == "yes" else "diagnose.urgent_110", lang)
    freeze = _freeze_action(answers, lang)
    if evidence["unauthorized_access"].urgent and answers.money_sent != "yes":
        actions += [freeze, police]
    else:
        actions += [police, freeze]
    actions += [t("diagnose.urgent_96110", lang), t("diagnose.urgent_keep_evidence", lang)]
    return actions


def _freeze_action(answers: DiagnoseAnswers, lang: Lang) -> str:
    if answers.wallet == "crypto":
        return t("diagnose.urgent_freeze_crypto", lang)
    if answers.wallet == "other":
        return t("diagnose.urgent_freeze_other", lang)
    operator = rules().fallback_contacts.operators.get(answers.operator) if answers.operator else None
    if operator is not None and operator.hotline:
        return t("diagnose.urgent_freeze_operator", lang, name=operator.name.get(lang), number=operator.hotline)
    return t("diagnose.urgent_freeze_ecny", lang)


def next_steps(answers: DiagnoseAnswers, causes: list[Cause], urgent: bool, lang: Lang) -> list[str]:
    """A short plan: the first thing to do, evidence, the official channel, preparing the call."""
    steps = [t("diagnose.next_first", lang, step=causes[0].steps[0]), t("diagnose.next_evidence", lang)]
    steps.append(t(f"diagnose.next_contact_{answers.wallet}", lang))
    if answers.wallet == "ecny" and not urgent:
        steps.append(t("diagnose.next_escalate_ecny", lang))
    steps.append(t("diagnose.next_ticket", lang))
    return steps
