"""The ``security-check`` habits questions, built from ``knowledge/posture.json``.

One select question per check-up item, in the data file's order.  This one
definition drives the interactive wizard, ``--answers`` replay and (through
``models/posture.py``) ``walletaid schema answers-security``.  ``section`` is
an id (``passwords``, ``payments``, ``phone``, ``scams``); its words are
``posture.section_<id>`` in the message catalogue.
"""

from __future__ import annotations

from functools import lru_cache

from walletaid.knowledge.schemas.posture import posture_knowledge
from walletaid.wizard.questions import Choice, Question


@lru_cache(maxsize=1)
def posture_questions() -> tuple[Question, ...]:
    """The habits questions: every one a required single choice, never asking for a secret."""
    return tuple(
        Question(
            id=q.id,
            kind="select",
            prompt=q.prompt,
            help=q.help,
            choices=tuple(Choice(value=o.value, label=o.label) for o in q.options),
            required=True,
            section=q.section,
        )
        for q in posture_knowledge().questions
    )
