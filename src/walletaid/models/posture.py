"""The ``security-check`` habits answers file (``PostureAnswers``) and its result document (``PostureResult``).

``PostureAnswers`` is built from ``knowledge/posture.json``, so the answers
file, the prompts and the scoring can never disagree: one field per question,
each a ``Literal`` of the option values, all required, unknown keys refused.
Its JSON Schema (``walletaid schema answers-security``) lists every key with
its allowed values and what each value means.  ``--answers`` files go through
the wizard's replay first (it names a typo key or a wrong value, and maps
YAML's ``yes``/``no`` booleans back), then through this model.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from walletaid.knowledge.schemas.posture import PostureQuestion, Severity, posture_knowledge
from walletaid.models.document import Document

Grade = Literal["A", "B", "C", "D", "F"]


def _field_description(q: PostureQuestion) -> str:
    meanings = "; ".join(f"{o.value} = {o.label.en}" for o in q.options)
    return f"{q.prompt.en} / {q.prompt.zh} Values: {meanings}."


def _build_answers_model() -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for q in posture_knowledge().questions:
        values = tuple(o.value for o in q.options)
        fields[q.id] = (Literal[values], Field(title=q.id, description=_field_description(q)))  # type: ignore[valid-type]
    return create_model(  # type: ignore[call-overload, no-any-return]
        "PostureAnswers",
        __config__=ConfigDict(extra="forbid", frozen=True, title="walletaid security-check answers"),
        __doc__=(
            "Answers to the security-check habits questions. Every key is required; unknown keys are an "
            "error. Answer about properties only: no password, PIN or code is ever asked for."
        ),
        __module__=__name__,
        **fields,
    )


PostureAnswers = _build_answers_model()
"""Pydantic model of a complete habits answers file (one required ``Literal`` field per question)."""


class PostureFindingResult(BaseModel):
    """One thing to fix, with the answer that caused it."""

    id: str
    severity: Severity
    title: str
    fix: str = Field(description="where the setting usually is and what to do")
    question: str = Field(description="id of the question whose answer caused this finding")
    answer: str = Field(description="the answer given")
    weight: int = Field(description="the question's weight (most points it can give)")


class PostureStrength(BaseModel):
    """Something the user already does well."""

    question: str
    text: str


class GradeBand(BaseModel):
    """One grade band: its score range and what it means in words."""

    grade: Grade
    min_score: int
    max_score: int
    label: str


class PostureResult(Document):
    """The ``security-check --format json`` habits document (``schema_version`` 1)."""

    command: Literal["security-check"] = "security-check"
    mode: Literal["posture"] = "posture"
    score: int = Field(ge=0, le=100, description="points / max points of the questions answered, × 100, rounded")
    grade: Grade
    grade_label: str = Field(description="what the grade means, in words")
    grade_before_cap: Grade = Field(description="the grade the score alone gives")
    grade_capped_by: list[str] = Field(
        default=[],
        description="ids of the critical findings that lowered the grade (empty when the cap changed nothing)",
    )
    points: int
    max_points: int
    questions_answered: int
    bands: list[GradeBand] = Field(description="every grade band, best first, with its score range and words")
    findings: list[PostureFindingResult] = Field(description="most severe first, then by question weight")
    strengths: list[PostureStrength] = Field(description="what is already done well")
