"""The official-contacts directory (knowledge model) and the ``contacts`` JSON documents.

``Directory`` validates ``knowledge/contacts.json``.  ``ContactsDoc`` is what
``walletaid contacts [PROVIDER]`` prints with ``--format json``; ``VerifyResult``
is what ``contacts --verify`` prints.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from walletaid.knowledge.models import Source, Strict, Text
from walletaid.models.contact import ChannelKind, ContactChannel

ProviderGroup = Literal["ecny", "operator", "crypto", "public"]
MatchHow = Literal["exact", "edit_distance", "brand_in_domain", "homoglyph", "punycode", "digits"]
Verdict = Literal["official", "not_official", "lookalike"]
InputKind = Literal["phone", "domain", "url"]

# The output documents below are built only by the ``contacts`` command; every other
# command imports this module for ``Directory``, so their schemas are built on first use.
_ON_FIRST_USE = ConfigDict(defer_build=True)


class DirChannel(Strict):
    """One official channel of a provider: a number, a domain, or an app / in-app entry (empty value)."""

    channel: ChannelKind
    value: str
    label: Text
    note: Text | None = None
    source: Source


class Provider(Strict):
    """An institution or public service and its official channels."""

    id: str = Field(min_length=1)
    group: ProviderGroup
    name: Text
    aliases: list[str] = Field(default=[], description="other names accepted by `contacts PROVIDER`")
    brands: list[str] = Field(default=[], description="brand words whose use in other domains is a lookalike")
    channels: list[DirChannel] = Field(min_length=1)
    note: Text | None = None
    source: Source


class KnownFake(Strict):
    """A number published somewhere as "official" that is known to be fake."""

    value: str
    note: Text
    source: Source


class Directory(Strict):
    """``knowledge/contacts.json``."""

    providers: list[Provider] = Field(min_length=1)
    known_fakes: list[KnownFake] = Field(default=[])


class ProviderDoc(BaseModel):
    """One provider as shown by ``walletaid contacts``."""

    model_config = _ON_FIRST_USE

    id: str
    group: ProviderGroup
    name: str
    channels: list[ContactChannel]
    note: str | None = None


class ContactsDoc(BaseModel):
    """``walletaid contacts [PROVIDER] --format json``."""

    model_config = _ON_FIRST_USE

    schema_version: Literal[1] = 1
    command: Literal["contacts"] = "contacts"
    lang: Literal["zh", "en"]
    providers: list[ProviderDoc]


class VerifyMatch(BaseModel):
    """An official entry that the checked value equals or resembles."""

    model_config = _ON_FIRST_USE

    provider: str
    name: str
    value: str
    how: MatchHow


class VerifyResult(BaseModel):
    """``walletaid contacts --verify X --format json``."""

    model_config = _ON_FIRST_USE

    schema_version: Literal[1] = 1
    command: Literal["contacts"] = "contacts"
    lang: Literal["zh", "en"]
    input: str
    kind: InputKind
    verdict: Verdict
    matches: list[VerifyMatch] = Field(default=[])
    known_fake: bool = Field(default=False, description="the value is a published fake 'official' number")
    flags: list[str] = Field(default=[], description="link warnings: raw_ip, shortener, apk, punycode, userinfo, brand_in_host, gov_in_host, embedded_domain, risky_tld")
    note: str | None = None
    advice: list[str] = Field(default=[])
