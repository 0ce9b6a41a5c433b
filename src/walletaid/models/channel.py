"""``ContactChannel``: one way to reach somebody, as every command shows it (``diagnose``'s contacts, the
directory, the case file).

A module of its own: ``diagnose`` needs this one model, not the ``contacts`` documents beside it in
``models.contacts`` (each Pydantic class costs ~0.5 ms to create at import).
"""

from typing import Literal

from pydantic import BaseModel

ChannelKind = Literal["hotline", "app", "in_app_chat", "website", "branch", "sms", "email", "other"]


class ContactChannel(BaseModel):
    """One way to reach somebody: ``{"channel": "hotline", "name": "...", "value": "95588", "official": true}``."""

    channel: ChannelKind
    name: str
    value: str
    official: bool = True
    provider: str | None = None
    note: str | None = None
    source: str | None = None
