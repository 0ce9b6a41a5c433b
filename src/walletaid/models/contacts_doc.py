"""The official-contacts directory and link heuristics (knowledge models) and the ``contacts`` JSON documents.

``Directory`` validates ``knowledge/contacts.json``, ``LinkData`` validates
``knowledge/links.json``.  ``ContactsDoc`` is what ``walletaid contacts
[PROVIDER]`` prints with ``--format json``; ``VerifyResult`` is what
``contacts --verify`` prints.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from walletaid.knowledge.models import Source, Strict, Text
from walletaid.models.contact import ChannelKind, ContactChannel

ProviderGroup = Literal[
    "ecny", "operator", "bank", "payment", "carrier", "shop", "courier", "transport", "public_service", "crypto", "public",
]
MatchHow = Literal["exact", "edit_distance", "brand_in_domain", "homoglyph", "punycode", "digits", "embedded_domain", "wrong_suffix",
                   "spelled"]
Verdict = Literal["official", "not_official", "lookalike", "unlisted"]
InputKind = Literal["phone", "domain", "url"]
NumberKind = Literal["mobile", "landline", "toll_free", "service", "sms_code", "international", "unknown"]

# The output documents below are built only by the ``contacts`` command; every other
# command imports this module for ``Directory``, so their schemas are built on first use.
_ON_FIRST_USE = ConfigDict(defer_build=True)


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


class LinkData(Strict):
    """``knowledge/links.json``: URL shorteners, top-level domains often used for phishing, phishing words, brands."""

    shorteners: list[str]
    risky_tlds: list[str]
    common_tlds: list[str] = Field(description="endings that make a bare 'word.tld' in a text a link")
    phish_words: list[str]
    brands: list[str] = Field(default=[], description="well-known brand words beyond the directory (no hyphens): one inside another site's address is a disguise")
    not_brand_words: list[str] = Field(default=[], description="longer words that contain a brand's short name but are not that brand (海南航空 holds 南航)")


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
    caveat: str | None = Field(default=None, description="how sure walletaid is of this entry, when it is not confirmed by the institution itself")
    source: str | None = None


class VerifyResult(BaseModel):
    """``walletaid contacts --verify X --format json``."""

    model_config = _ON_FIRST_USE

    schema_version: Literal[1] = 1
    command: Literal["contacts"] = "contacts"
    lang: Literal["zh", "en"]
    input: str
    kind: InputKind
    number_kind: NumberKind | None = Field(default=None, description="for a phone number: mobile, landline, toll_free, service, sms_code, international, unknown")
    verdict: Verdict
    matches: list[VerifyMatch] = Field(default=[])
    known_fake: bool = Field(default=False, description="the value is a published fake 'official' number")
    flags: list[str] = Field(default=[], description="link warnings: raw_ip, shortener, apk, punycode, userinfo, brand_in_host, gov_in_host, embedded_domain, risky_tld")
    note: str | None = None
    advice: list[str] = Field(default=[])
