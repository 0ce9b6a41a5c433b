"""Support channels as shown to the user, and the ``contacts`` JSON documents.

``ContactChannel`` (``models.channel``) is one way to reach somebody, as every command
shows it.  ``ContactsDoc`` is what ``walletaid contacts [PROVIDER]`` prints with
``--format json``; ``VerifyResult`` is what ``contacts --verify`` prints.  The directory these come from is
knowledge (``knowledge/contacts.json``, schema in ``knowledge/schemas/contacts.py``).
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from walletaid.models.channel import ContactChannel
from walletaid.models.document import Document

ProviderGroup = Literal[
    "ecny", "operator", "bank", "payment", "carrier", "shop", "courier", "transport", "public_service", "crypto", "public",
]
MatchHow = Literal["exact", "edit_distance", "brand_in_domain", "homoglyph", "punycode", "digits", "embedded_domain", "wrong_suffix",
                   "spelled"]
Verdict = Literal["official", "not_official", "lookalike", "unlisted"]
InputKind = Literal["phone", "domain", "url"]
NumberKind = Literal["mobile", "landline", "toll_free", "service", "sms_code", "international", "unknown"]

# The documents below are built only by the ``contacts`` command (and ``VerifyMatch`` by the message check):
# their schemas are built on first use.
_ON_FIRST_USE = ConfigDict(defer_build=True)


class ProviderDoc(BaseModel):
    """One provider as shown by ``walletaid contacts``."""

    model_config = _ON_FIRST_USE

    id: str
    group: ProviderGroup
    name: str
    channels: list[ContactChannel]
    note: str | None = None


class ContactsDoc(Document):
    """``walletaid contacts [PROVIDER] --format json``."""

    model_config = _ON_FIRST_USE

    command: Literal["contacts"] = "contacts"
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


class VerifyResult(Document):
    """``walletaid contacts --verify X --format json``."""

    model_config = _ON_FIRST_USE

    command: Literal["contacts"] = "contacts"
    input: str
    kind: InputKind
    number_kind: NumberKind | None = Field(default=None, description="for a phone number: mobile, landline, toll_free, service, sms_code, international, unknown")
    verdict: Verdict
    matches: list[VerifyMatch] = Field(default=[])
    known_fake: bool = Field(default=False, description="the value is a published fake 'official' number")
    flags: list[str] = Field(default=[], description="link warnings: raw_ip, shortener, apk, punycode, userinfo, brand_in_host, gov_in_host, embedded_domain, risky_tld")
    note: str | None = None
    advice: list[str] = Field(default=[])
