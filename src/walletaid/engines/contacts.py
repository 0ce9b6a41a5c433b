"""The official-contacts directory: lookup, the channels ``diagnose`` shows, and ``contacts --verify``.

Everything comes from ``knowledge/contacts.json`` (facts from domain-facts.md,
each with its source).  ``verify`` says whether a phone number, domain or link
is an official one, a lookalike of one, or not official.
"""

from __future__ import annotations

from walletaid.i18n import Lang, t
from walletaid.knowledge import load
from walletaid.models.contact import ContactChannel
from walletaid.models.contacts_doc import ContactsDoc, DirChannel, Directory, Provider, ProviderDoc, VerifyResult
from walletaid.textsafe import clean

PUBLIC_KEYS = ("12363", "12378", "96110", "12381", "110", "12348", "antifraud_app")


def directory() -> Directory:
    """The validated directory (loaded once per process)."""
    return load("contacts", Directory)


def provider_ids() -> list[str]:
    """Every provider id, in directory order (``ecny``, operators, ``crypto``, public channels)."""
    return [p.id for p in directory().providers]


def find_provider(query: str) -> Provider | None:
    """The provider named by an id, a name or an alias (case-insensitive), or None."""
    wanted = query.strip().casefold()
    for p in directory().providers:
        names = [p.id, p.name.zh, p.name.en, *p.aliases]
        if wanted in (n.casefold() for n in names):
            return p
    return None


def _provider(pid: str) -> Provider:
    found = find_provider(pid)
    if found is None:
        raise KeyError(pid)
    return found


def to_channel(provider: Provider, ch: DirChannel, lang: Lang) -> ContactChannel:
    """A directory channel as the shared ``ContactChannel`` shown to users."""
    notes = [n.get(lang) for n in (ch.note,) if n]
    if ch.source.confidence == "verify" and not notes:  # a specific note already says how sure we are
        notes.append(t("contacts.verify_in_app", lang))
    value = ch.value or ch.label.get(lang)
    return ContactChannel(
        channel=ch.channel,
        name=f"{provider.name.get(lang)} · {ch.label.get(lang)}",
        value=value,
        official=True,
        provider=provider.id,
        note=" ".join(notes) or None,
        source=f"{ch.source.confidence}: {ch.source.ref}",
    )


def provider_channels(pid: str, lang: Lang) -> list[ContactChannel]:
    """All channels of one provider."""
    provider = _provider(pid)
    return [to_channel(provider, ch, lang) for ch in provider.channels]


def official_channels(wallet: str, operator: str | None, lang: Lang, *, include_antifraud: bool = False) -> list[ContactChannel]:
    """What ``diagnose`` shows: the e-CNY App, then the operator; crypto: in-app only; other: generic advice."""
    out: list[ContactChannel] = []
    if wallet == "ecny":
        out += provider_channels("ecny", lang)
    elif wallet == "crypto":
        out += provider_channels("crypto", lang)
    if operator and find_provider(operator) is not None and _provider(operator).group == "operator":
        out += [c for c in provider_channels(operator, lang) if c.channel != "app"]
    if wallet == "other" or (wallet == "ecny" and not operator and not out):
        out.append(ContactChannel(channel="other", name=t("contacts.generic_name", lang), value=t("contacts.generic_value", lang), official=True))
    if include_antifraud:
        out.append(public_channel("96110", lang))
    return out


def public_channel(key: str, lang: Lang) -> ContactChannel:
    """One public channel: ``12363``, ``12378``, ``96110``, ``12381``, ``110``, ``12348`` or ``antifraud_app``."""
    if key not in PUBLIC_KEYS:
        raise KeyError(key)
    provider = _provider(key)
    channel = to_channel(provider, provider.channels[0], lang)
    note = provider.note.get(lang) if provider.note else None
    return channel.model_copy(update={"name": provider.name.get(lang), "note": note})


def contacts_doc(lang: Lang, provider: str | None = None) -> ContactsDoc:
    """``walletaid contacts [PROVIDER]``: the whole directory or one provider (KeyError if unknown)."""
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


def verify(value: str, lang: Lang) -> VerifyResult:
    """Is ``value`` (phone number, domain or URL) official, a lookalike of an official one, or not official?"""
    from walletaid.engines import links

    cleaned = clean(value, keep_newlines=False).strip()[:2000]
    if links.looks_like_phone(cleaned):
        return _verify_phone(cleaned, lang)
    parts = links.parse_host(cleaned)
    kind = "url" if ("://" in cleaned or "/" in cleaned.split("://")[-1] or "@" in cleaned) else "domain"
    shorteners, phish_words, brands, risky_tlds = _link_data()
    verdict, matches = links.match_host(parts, lang, phish_words)
    flags = links.link_flags(cleaned, parts, shorteners)
    signs = [s for s in links.host_signs(parts, brands, risky_tlds, phish_words) if s in DISGUISES or s == "risky_tld"]
    flags += [s for s in signs if s not in flags]
    if verdict == "official" and "userinfo" in flags:
        verdict = "lookalike"
    elif verdict == "not_official" and any(s in DISGUISES for s in signs):
        verdict = "lookalike"  # a brand, 'gov' or a whole domain dressed up inside someone else's address
    advice = [t(f"contacts.advice_{verdict}", lang)]
    if flags:
        advice.append(t("contacts.advice_flags", lang))
    return VerifyResult(lang=lang, input=cleaned, kind=kind, verdict=verdict, matches=matches, flags=flags, advice=advice)  # type: ignore[arg-type]


DISGUISES = ("brand_in_host", "gov_in_host", "embedded_domain")
"""How an address can dress up as somebody else's (see :func:`walletaid.engines.links.host_signs`)."""


def _link_data() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Shorteners, phishing words, brand words and risky top-level domains from the scam knowledge."""
    from walletaid.engines.features import link_data

    data = link_data()
    return data.shorteners, data.phish_words, data.brands, data.risky_tlds


def _verify_phone(cleaned: str, lang: Lang) -> VerifyResult:
    from walletaid.engines import links

    result = links.match_phone(cleaned, lang)
    note = None
    if result.known_fake:
        fake = next(f for f in directory().known_fakes if f.value == result.known_fake)
        note = fake.note.get(lang)
    advice = [t(f"contacts.advice_{result.verdict}", lang)]
    if result.verdict != "official":
        advice.append(t("contacts.advice_call_yourself", lang))
    return VerifyResult(
        lang=lang, input=cleaned, kind="phone", verdict=result.verdict,  # type: ignore[arg-type]
        matches=result.matches, known_fake=result.known_fake is not None, note=note, advice=advice,
    )
