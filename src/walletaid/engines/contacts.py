"""The official-contacts directory: lookup, the channels ``diagnose`` shows, and ``contacts --verify``.

Everything comes from ``knowledge/contacts.json`` (facts from domain-facts.md,
each with its source).  ``verify`` says whether a phone number, domain or link
is official, a lookalike of an official one, known not to be official, or
unlisted (walletaid does not know it); see ``engines/numbers.py`` and
``engines/domains.py`` for how.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from walletaid.i18n import Lang, t
from walletaid.models.channel import ContactChannel
from walletaid.textsafe import clean

if TYPE_CHECKING:
    from walletaid.engines.numbers import NumberInfo
    from walletaid.knowledge.schemas.contacts import DirChannel, Directory, Provider
    from walletaid.models.contacts import ContactsDoc, VerifyMatch, VerifyResult


@lru_cache(maxsize=1)
def directory() -> Directory:
    """The validated directory, loaded once per process, as plain records of the ``Directory`` model's shape.

    Plain data (``matching.plain``) reads back from the compiled-knowledge cache four times quicker than the
    model's objects, and a run that only reads the directory (diagnose) never creates its model classes.
    """
    from pathlib import Path

    from walletaid.matching.knowledge import validated_plain

    return validated_plain("contacts", _validated_directory, Path(__file__))  # type: ignore[no-any-return]


def _validated_directory() -> Directory:
    from walletaid.knowledge import read_json
    from walletaid.matching.plain import plain
    from walletaid.knowledge.schemas.contacts import Directory

    return plain(Directory.model_validate(read_json("contacts")))  # type: ignore[no-any-return]


def provider_ids() -> list[str]:
    """Every provider id, in directory order (e-CNY App, operators, other brands, ``crypto``, public channels)."""
    return [p.id for p in directory().providers]


def operators() -> list[Provider]:
    """The e-CNY operators (the banks that open e-CNY wallets), in directory order: the one list of them."""
    return [p for p in directory().providers if p.group == "operator"]


def find_provider(query: str) -> Provider | None:
    """The provider named by an id, a name or an alias (case-insensitive), or None."""
    wanted = query.strip().casefold()
    for p in directory().providers:
        names = [p.id, p.name.zh, p.name.en, *p.aliases, *p.lookup_names]
        if wanted in (n.casefold() for n in names):
            return p
    return None


def _provider(pid: str) -> Provider:
    found = find_provider(pid)
    if found is None:
        raise KeyError(pid)
    return found


def first_hotline(pid: str) -> str | None:
    """The first hotline number the directory lists for a provider (None when it lists none)."""
    return next((ch.value for ch in _provider(pid).channels if ch.channel == "hotline" and ch.value), None)


CARD_GROUPS = frozenset({"operator", "bank", "payment"})
"""Providers whose number is printed on the customer's card: the caveat sends people there too."""


def channel_note(provider: Provider, ch: DirChannel, lang: Lang) -> str | None:
    """The channel's own note, or for a [verify] fact without one the standard caveat: a hedge is never dropped."""
    if ch.note is not None:
        return ch.note.get(lang)
    if ch.source.confidence != "verify":
        return None
    return t("contacts.verify_in_app" if provider.group in CARD_GROUPS else "contacts.verify_in_app_brand", lang)


def source_line(ch: DirChannel) -> str:
    """``confidence: address`` of a channel, as shown in the source column and in JSON."""
    return f"{ch.source.confidence}: {ch.source.ref}"


def to_channel(provider: Provider, ch: DirChannel, lang: Lang) -> ContactChannel:
    """A directory channel as the shared ``ContactChannel`` shown to users."""
    return ContactChannel(
        channel=ch.channel,
        name=f"{provider.name.get(lang)} · {ch.label.get(lang)}",
        value=ch.value or ch.label.get(lang),
        official=True,
        provider=provider.id,
        note=channel_note(provider, ch, lang),
        source=source_line(ch),
    )


def provider_channels(pid: str, lang: Lang) -> list[ContactChannel]:
    """All channels of one provider."""
    provider = _provider(pid)
    return [to_channel(provider, ch, lang) for ch in provider.channels]


def official_channels(wallet: str, operator: str | None, lang: Lang, *, include_antifraud: bool = False) -> list[ContactChannel]:
    """What ``diagnose`` shows, in the one "who first" order: the operator that holds the wallet (money, limits,
    freezes, complaints; its number on the card or in its app when walletaid does not know it), then the e-CNY
    App (956196, for the App itself); crypto: in-app support only; other: the provider's official number."""
    out: list[ContactChannel] = []
    known = operator is not None and find_provider(operator) is not None and _provider(operator).group == "operator"
    if known:
        out += [c for c in provider_channels(operator, lang) if c.channel != "app"]  # type: ignore[arg-type]
    elif wallet in ("ecny", "other"):
        out.append(ContactChannel(channel="other", name=t("contacts.generic_name", lang), value=t("contacts.generic_value", lang), official=True))
    if wallet == "ecny":
        out += provider_channels("ecny", lang)
    elif wallet == "crypto":
        out += provider_channels("crypto", lang)
    if include_antifraud:
        out.append(public_channel("96110", lang))
    return out


def public_channel(key: str, lang: Lang) -> ContactChannel:
    """The first channel of a public provider (group ``public``: ``110``, ``96110``, ``12363`` …), named as the
    provider; ``KeyError`` for any other id."""
    provider = _provider(key)
    if provider.group != "public":
        raise KeyError(key)
    channel = to_channel(provider, provider.channels[0], lang)
    note = provider.note.get(lang) if provider.note else None
    return channel.model_copy(update={"name": provider.name.get(lang), "note": note})


def contacts_doc(lang: Lang, provider: str | None = None) -> ContactsDoc:
    """``walletaid contacts [PROVIDER]``: the whole directory or one provider (KeyError if unknown)."""
    from walletaid.models.contacts import ContactsDoc, ProviderDoc

    chosen = [_provider(provider)] if provider else directory().providers
    docs = [
        ProviderDoc(
            id=p.id,
            group=p.group,
            name=p.name.get(lang),
            channels=[to_channel(p, ch, lang) for ch in p.channels],
            note=p.note.get(lang) if p.note else None,
        )
        for p in chosen
    ]
    return ContactsDoc(lang=lang, providers=docs)




# ---------------------------------------------------------------- contacts --verify


def _reads_as(ch: DirChannel) -> str:
    """A channel's value as the classifiers see it: national digits, or the registrable domain (the host for a
    host-only website)."""
    from walletaid.engines import domains, numbers  # --verify and the message check only: diagnose needs neither

    if ch.channel == "website":
        parts = domains.parse_host(ch.value)
        return parts.registered_domain if ch.scope == "domain" else parts.host.removeprefix("www.")
    spelled = numbers.spell(ch.value)
    return numbers.read_number(spelled.digits, spelled.plus)[2] if spelled else ch.value


def _match(pid: str, lang: Lang, how: str, *wanted: str) -> VerifyMatch:
    """A directory entry shown beside a verdict, with its caveat and source: the channel that reads as one of
    ``wanted``, else the provider's first number or website."""
    from walletaid.models.contacts import VerifyMatch

    provider = _provider(pid)
    usable = [ch for ch in provider.channels if ch.value and ch.channel in ("hotline", "sms", "website")]
    chosen = next((ch for ch in usable if _reads_as(ch) in wanted), usable[0] if usable else None)
    if chosen is None:
        return VerifyMatch(provider=pid, name=provider.name.get(lang), value=provider.channels[0].label.get(lang), how=how)  # type: ignore[arg-type]
    return VerifyMatch(provider=pid, name=provider.name.get(lang), value=chosen.value, how=how,  # type: ignore[arg-type]
                       caveat=channel_note(provider, chosen, lang) if chosen.source.confidence == "verify" else None,
                       source=source_line(chosen))


def verify(value: str, lang: Lang) -> VerifyResult:
    """Is ``value`` (phone number, domain or URL) official, a lookalike of an official one, known not to be
    official, or unlisted?"""
    from walletaid.engines import numbers
    from walletaid.engines.redact import redact_text

    cleaned = clean(value, keep_newlines=False).strip()[:2000]
    result = _verify_phone(cleaned, lang) if numbers.looks_like_phone(cleaned) else _verify_host(cleaned, lang)
    # the value is echoed under the privacy rules of every output: a mobile number masked (139****5678), a card
    # or ID number and a code in a link removed; service numbers (95588, 400…) and domains stay whole
    shown, _ = redact_text(cleaned, "verify")
    return result if shown == cleaned else result.model_copy(update={"input": shown})


def _advice(verdict: str, lang: Lang, *extra: str) -> list[str]:
    return [t(f"contacts.advice_{verdict}", lang), *(t(f"contacts.{key}", lang) for key in extra)]


def _verify_host(cleaned: str, lang: Lang) -> VerifyResult:
    from walletaid.engines import domains
    from walletaid.models.contacts import VerifyResult

    info, imitated = domains.examine_host(cleaned)
    kind = "url" if ("://" in cleaned or "/" in cleaned.split("://")[-1] or "@" in cleaned) else "domain"
    if info.verdict == "official":
        matches = [_match(pid, lang, "exact", info.registered_domain, info.host.removeprefix("www.")) for pid in info.providers]
    else:
        matches = [_match(i.provider, lang, i.how, i.official) for i in imitated]
    note = None
    if info.verdict == "not_official":
        note = t("contacts.note_raw_ip" if "raw_ip" in info.flags else "contacts.note_disguised_host", lang)
    warn = ("advice_flags",) if info.flags and info.verdict != "official" else ()
    return VerifyResult(lang=lang, input=cleaned, kind=kind, verdict=info.verdict, matches=matches,  # type: ignore[arg-type]
                        flags=list(info.flags), note=note, advice=_advice(info.verdict, lang, *warn))


def _number_note(info: NumberInfo, lang: Lang) -> str | None:
    """Why a number got its verdict, when the kind says more than the verdict."""
    from walletaid.engines import numbers

    if info.known_fake:
        fake = next(f for f in directory().known_fakes if numbers.classify_number(f.value).national == info.national)
        return fake.note.get(lang)
    if info.kind == "sms_code":
        codes = directory().sms_codes
        found = next((r for r in codes.ranges if r.prefix == numbers.sms_range(info.national)), None)
        what = t("contacts.sms_range", lang, prefix=found.prefix, what=found.what.get(lang)) if found else ""
        return what + codes.note.get(lang)
    if info.disguised and info.verdict != "lookalike":
        return t("contacts.note_disguised_number", lang)
    key = {"mobile": "note_mobile", "international": "note_international"}.get(info.kind)
    return t(f"contacts.{key}", lang) if key else None


def _verify_phone(cleaned: str, lang: Lang) -> VerifyResult:
    from walletaid.engines import numbers
    from walletaid.models.contacts import VerifyResult

    info = numbers.classify_number(cleaned)
    how = "exact" if info.verdict == "official" else "spelled"
    matches = [_match(pid, lang, how, info.national) for pid in info.providers or info.imitates]
    extra = ("advice_call_yourself",) if info.verdict in ("not_official", "lookalike") else ()
    return VerifyResult(
        lang=lang, input=cleaned, kind="phone", number_kind=info.kind, verdict=info.verdict,  # type: ignore[arg-type]
        matches=matches, known_fake=info.known_fake, note=_number_note(info, lang), advice=_advice(info.verdict, lang, *extra),
    )
