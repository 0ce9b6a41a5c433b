"""Score the habits check-up: answers in, score, grade, findings and strengths out (pure).

Score = points earned / max points of the questions answered × 100, rounded
(lynis' hardening index; the max is the same on every path because every
question is always asked).  Grade bands: A ≥ 90, B ≥ 80, C ≥ 65, D ≥ 50,
F below.  A critical finding caps the grade at D, and the result says which
findings did it.  Findings are deduplicated and sorted critical → low, then by
the question's weight, then in question order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from walletaid.i18n import Lang, t
from walletaid.knowledge.schemas.posture import SEVERITY_ORDER, PostureKnowledge, posture_knowledge
from walletaid.models.posture import Grade, GradeBand, PostureFindingResult, PostureResult, PostureStrength

BANDS: tuple[tuple[Grade, int], ...] = (("A", 90), ("B", 80), ("C", 65), ("D", 50), ("F", 0))
"""Grade and the lowest score that earns it, best first."""
CRITICAL_CAP: Grade = "D"
"""The best grade possible while a critical finding is open."""
GRADE_ORDER: tuple[Grade, ...] = tuple(g for g, _ in BANDS)


def grade_for(score: int) -> Grade:
    """The band a score falls in."""
    for grade, low in BANDS:
        if score >= low:
            return grade
    return "F"


def grade_bands(lang: Lang) -> list[GradeBand]:
    """Every band with its score range and words, best first."""
    bands: list[GradeBand] = []
    high = 100
    for grade, low in BANDS:
        bands.append(GradeBand(grade=grade, min_score=low, max_score=high, label=t(f"posture.band_{grade}", lang)))
        high = low - 1
    return bands


def percent(points: int, max_points: int) -> int:
    """``points / max_points × 100`` rounded half up, as an integer 0-100."""
    if max_points <= 0:
        raise ValueError("no question was answered")
    return (points * 200 + max_points) // (2 * max_points)


def sort_findings(findings: list[PostureFindingResult], order: Mapping[str, int]) -> list[PostureFindingResult]:
    """Most severe first, then heavier questions, then question order; one finding per id."""
    ranked = sorted(
        findings,
        key=lambda f: (SEVERITY_ORDER.index(f.severity), -f.weight, order.get(f.question, len(order)), f.id),
    )
    seen: set[str] = set()
    unique: list[PostureFindingResult] = []
    for finding in ranked:
        if finding.id not in seen:
            seen.add(finding.id)
            unique.append(finding)
    return unique


def _tally(kb: PostureKnowledge, values: Mapping[str, Any], lang: Lang) -> tuple[int, int, int, list[PostureFindingResult], list[PostureStrength]]:
    points = max_points = answered = 0
    findings: list[PostureFindingResult] = []
    strengths: list[PostureStrength] = []
    for q in kb.questions:
        value = values.get(q.id)
        if value is None:
            continue
        opt = q.option(value)
        answered += 1
        points += opt.points
        max_points += q.weight
        if opt.finding is not None:
            f = opt.finding
            findings.append(PostureFindingResult(
                id=f.id, severity=f.severity, title=f.title.get(lang), fix=f.fix.get(lang),
                question=q.id, answer=value, weight=q.weight,
            ))
        elif opt.good is not None:
            strengths.append(PostureStrength(question=q.id, text=opt.good.get(lang)))
    return points, max_points, answered, findings, strengths


def score_posture(answers: BaseModel, lang: Lang) -> PostureResult:
    """Score a ``PostureAnswers``: the score, the (possibly capped) grade, findings with fixes, strengths."""
    kb = posture_knowledge()
    points, max_points, answered, findings, strengths = _tally(kb, answers.model_dump(), lang)
    order = {q.id: i for i, q in enumerate(kb.questions)}
    findings = sort_findings(findings, order)
    score = percent(points, max_points)
    before = grade_for(score)
    critical = [f.id for f in findings if f.severity == "critical"]
    capped = bool(critical) and GRADE_ORDER.index(before) < GRADE_ORDER.index(CRITICAL_CAP)
    grade = CRITICAL_CAP if capped else before
    return PostureResult(
        lang=lang, score=score, grade=grade, grade_label=t(f"posture.band_{grade}", lang),
        grade_before_cap=before, grade_capped_by=critical if capped else [],
        points=points, max_points=max_points, questions_answered=answered,
        bands=grade_bands(lang), findings=findings, strengths=strengths,
    )
