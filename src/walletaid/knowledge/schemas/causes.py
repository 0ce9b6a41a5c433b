"""Pydantic models of ``causes.json``: what each diagnose cause is and what to do about it.

Which answers make a cause likely is in ``knowledge/diagnose/`` (rule files, see
``knowledge/schemas/rules.py``).
"""


from pydantic import Field

from walletaid.knowledge.schemas.common import Source, Strict, Text
from walletaid.models.diagnose import CauseId, Wallet


class CauseInfo(Strict):
    """One cause: what it means and concrete, ordered self-help steps."""

    title: Text
    explanation: Text
    steps: list[Text] = Field(min_length=3)
    steps_by_wallet: dict[Wallet, list[Text]] = Field(
        default={}, description="replaces `steps` for that wallet kind (e.g. crypto)"
    )
    when_to_contact: Text
    sources: list[Source] = Field(default=[])


class CauseCatalog(Strict):
    """``causes.json``: every cause id with its texts."""

    causes: dict[CauseId, CauseInfo]
