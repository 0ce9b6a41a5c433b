"""Schema of ``knowledge/escalation.json``: the ladder of places to turn to for a stuck case, and the
complaint-handling rule the complaint draft quotes."""

from pydantic import Field

from walletaid.knowledge.schemas.common import Source, Strict, Text
from walletaid.models.escalation import StepId


class LadderEntry(Strict):
    """One rung of the escalation ladder as stored in ``knowledge/escalation.json``."""

    id: StepId
    who: Text
    provider: str | None = Field(default=None, description="the contacts directory's provider whose first hotline is "
                                                           "this rung's number (numbers live only in the directory)")
    place: Text | None = None
    when: Text
    ask: Text
    bring: Text
    caveat: Text | None = None
    source: Source


class EscalationKnowledge(Strict):
    """``knowledge/escalation.json``."""

    ladder: list[LadderEntry]
    complaint_rule: Text
    complaint_rule_source: Source
