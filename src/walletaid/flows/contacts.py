"""``walletaid contacts [PROVIDER] [--verify X]``: the official directory, one provider, or a verification."""

from __future__ import annotations

from walletaid.errors import InputError, Problem
from walletaid.flows.common import Format, emit
from walletaid.i18n import Lang, t

MAX_VERIFY_LENGTH = 2000


def run(*, lang: Lang, fmt: Format, provider: str | None, verify: str | None) -> int:
    """Show the directory (or one provider), or verify a number / domain / link."""
    from walletaid.engines import contacts

    if verify is not None:
        if provider:
            raise InputError([Problem("PROVIDER", t("flows.verify_or_provider", lang))])
        if not verify.strip() or len(verify) > MAX_VERIFY_LENGTH:
            raise InputError([Problem("--verify", t("flows.verify_bad", lang, limit=MAX_VERIFY_LENGTH))])
        emit(contacts.verify(verify, lang), fmt, lang, "contacts")
        return 0
    if provider is not None and contacts.find_provider(provider) is None:
        from walletaid.engines.redact import redact_echo

        raise InputError([Problem("PROVIDER", t("flows.unknown_provider", lang, value=redact_echo(provider, 60),
                                                 ids=", ".join(contacts.provider_ids())))])
    emit(contacts.contacts_doc(lang, provider), fmt, lang, "contacts")
    return 0
