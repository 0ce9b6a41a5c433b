"""A support channel as shown to the user and in JSON outputs."""


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
