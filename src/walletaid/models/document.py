"""The envelope every JSON document walletaid prints starts with: ``schema_version``, ``command``, ``lang``.

Each printed document inherits :class:`Document` and narrows ``command`` to its own value
(``command: Literal["diagnose"] = "diagnose"``).  The ``case`` documents also say which ``action`` they
report; they inherit :class:`ActionDocument`, which puts ``action`` between ``command`` and ``lang``, the
order their JSON has always had (Pydantic orders fields by the base class that first declares them).
"""

from typing import Literal

from pydantic import BaseModel

from walletaid.i18n import Lang


class _Head(BaseModel):
    schema_version: Literal[1] = 1
    command: str


class Document(_Head):
    """A JSON document walletaid prints: ``{"schema_version": 1, "command": …, "lang": …, …}``."""

    lang: Lang


class _Action(_Head):
    action: str


class ActionDocument(Document, _Action):
    """A document of a command with sub-commands: ``{"schema_version": 1, "command": …, "action": …, "lang": …}``."""
