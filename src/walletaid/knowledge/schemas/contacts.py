"""Schema of ``knowledge/contacts.json``: the official-contacts directory.

Every institution or public service (``Provider``) with its official channels, each channel with the
source it comes from; the numbers published as "official" that are fake; what a 106… SMS sender shows.
The e-CNY operators are the providers of group ``operator``.
"""

from typing import Literal

from pydantic import Field

from walletaid.knowledge.schemas.common import Source, Strict, Text
from walletaid.models.channel import ChannelKind
from walletaid.models.contacts import ProviderGroup


class DirChannel(Strict):
    """One official channel of a provider: a number, a domain, or an app / in-app entry (empty value)."""

    channel: ChannelKind
    value: str
    label: Text
    note: Text | None = None
    scope: Literal["domain", "host"] = Field(
        default="domain",
        description="websites: 'domain' = everything under the registrable domain; 'host' = this host only "
                    "(for a shared domain such as qq.com, where other hosts carry other people's content)",
    )
    source: Source


class Provider(Strict):
    """An institution or public service and its official channels."""

    id: str = Field(min_length=1)
    group: ProviderGroup
    name: Text
    short_name: Text | None = Field(default=None, description="how a sentence or a case title names it, when "
                                                               "shorter than the name (Bank of Communications)")
    aliases: list[str] = Field(
        default=[],
        description="names people and messages use for it; used to find a brand named in a message, so no word "
                    "that is ordinary in another sense",
    )
    lookup_names: list[str] = Field(default=[], description="more names accepted by `contacts PROVIDER` only (too common to detect a brand)")
    brands: list[str] = Field(default=[], description="brand words (ASCII, no hyphens) whose use in other domains is a lookalike")
    channels: list[DirChannel] = Field(min_length=1)
    note: Text | None = None
    source: Source

class KnownFake(Strict):
    """A number published somewhere as "official" that is known to be fake."""

    value: str
    note: Text
    source: Source


class SmsCode(Strict):
    """A range of SMS service codes (106…) and who they are allocated to."""

    prefix: str = Field(pattern=r"^106\d*$")
    what: Text


class SmsCodes(Strict):
    """What a 106… SMS sender shows: a licensed gateway, never which brand sent the message."""

    note: Text
    ranges: list[SmsCode] = Field(min_length=1)
    source: Source


class Directory(Strict):
    """``knowledge/contacts.json``."""

    providers: list[Provider] = Field(min_length=1)
    known_fakes: list[KnownFake] = Field(default=[])
    sms_codes: SmsCodes
