"""Models of ``knowledge/posture.json``: the habits check-up's questions, options, points and findings.

Each question is a single choice.  Every option carries points; the best
option (the question's weight) says what was done well, every other option
carries a finding with its severity and a concrete fix.  The validators make
the scoring rules hold for any edit of the data file: the weight is the same
on every path, a critical option scores the least, ids are unique.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from walletaid.knowledge.schemas.common import Source, Strict, Text

Severity = Literal["critical", "high", "medium", "low"]
SEVERITY_ORDER: tuple[Severity, ...] = ("critical", "high", "medium", "low")
SectionId = Literal["passwords", "payments", "phone", "scams"]
_ID = r"^[a-z][a-z0-9_]*$"


class PostureFinding(Strict):
    """What a weak answer means: a stable id, how serious it is, and what to do about it."""

    id: str = Field(pattern=_ID)
    severity: Severity
    title: Text
    fix: Text = Field(description="concrete: where the setting usually is and what to do")


class PostureOption(Strict):
    """One answer to a question, with the points it earns."""

    value: str = Field(pattern=_ID)
    label: Text
    points: int = Field(ge=0)
    finding: PostureFinding | None = None
    good: Text | None = Field(default=None, description="what was done well; only on the best option")


class PostureQuestion(Strict):
    """One habits question (asked about properties, never for a secret)."""

    id: str = Field(pattern=_ID)
    section: SectionId
    prompt: Text
    help: Text | None = None
    options: tuple[PostureOption, ...] = Field(min_length=2)

    @property
    def weight(self) -> int:
        """The most points this question can give (its best option)."""
        return max(o.points for o in self.options)

    def option_values(self) -> list[str]:
        """The allowed answers, in the order they are offered."""
        return [o.value for o in self.options]

    def option(self, value: str) -> PostureOption:
        """The option with this value (``KeyError`` when there is none)."""
        for opt in self.options:
            if opt.value == value:
                return opt
        raise KeyError(value)

    @model_validator(mode="after")
    def _check_options(self) -> PostureQuestion:
        values = [o.value for o in self.options]
        if len(set(values)) != len(values):
            raise ValueError(f"{self.id}: option values repeat")
        lowest = min(o.points for o in self.options)
        for opt in self.options:
            best = opt.points == self.weight
            if best and (opt.finding is not None or opt.good is None):
                raise ValueError(f"{self.id}.{opt.value}: the best option needs `good` and no finding")
            if not best and (opt.finding is None or opt.good is not None):
                raise ValueError(f"{self.id}.{opt.value}: a weaker option needs a finding and no `good`")
            if opt.finding and opt.finding.severity == "critical" and opt.points != lowest:
                raise ValueError(f"{self.id}.{opt.value}: a critical option must score the least")
        return self


class PostureKnowledge(Strict):
    """The whole check-up: 12 to 18 questions (about 3 minutes) and the sources behind the advice."""

    sources: tuple[Source, ...] = Field(min_length=1)
    questions: tuple[PostureQuestion, ...] = Field(min_length=12, max_length=18)

    @model_validator(mode="after")
    def _unique_ids(self) -> PostureKnowledge:
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("question ids repeat")
        seen: dict[str, str] = {}
        for q in self.questions:
            for opt in q.options:
                if opt.finding is None:
                    continue
                owner = seen.setdefault(opt.finding.id, q.id)
                if owner != q.id:
                    raise ValueError(f"finding id {opt.finding.id} is used by {owner} and {q.id}")
        return self

    def question(self, qid: str) -> PostureQuestion:
        """The question with this id (``KeyError`` when there is none)."""
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)

    @property
    def max_points(self) -> int:
        """Points of a perfect check-up."""
        return sum(q.weight for q in self.questions)


def posture_knowledge() -> PostureKnowledge:
    """The validated check-up data, loaded once per process."""
    from walletaid.knowledge import load

    return load("posture", PostureKnowledge)
