"""The words for the ids a case is filed under, the case title built from them, and its dates as shown.

A wallet, symptom, contact channel or outcome id is named by the message catalogue
(``case.<kind>_<id>``); an operator by the contacts directory (its short name), the one list of the
e-CNY operators.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from walletaid.i18n import Lang, catalogue
from walletaid.textsafe import clean

if TYPE_CHECKING:
    from walletaid.models.case import CaseRecord, CaseSummary

LabelKind = Literal["wallet", "operator", "symptom", "channel", "outcome"]


def operator_name(operator: str, lang: Lang) -> str:
    """How a sentence or a case title names an e-CNY operator (``工商银行``, ``Bank of Communications``); the id
    itself when the directory has no such operator."""
    from walletaid.engines.contacts import find_provider

    provider = find_provider(operator)
    if provider is None or provider.group != "operator":
        return operator
    return (provider.short_name or provider.name).get(lang)


def shown_date(value: object) -> str:
    """A date as ``2026-11-28``, a moment as ``2026-11-28 18:00`` (ISO strings are read first; ``-`` for none;
    anything else as it is)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value) if value is not None else "-"


def label(kind: LabelKind, value: str | None, lang: Lang) -> str:
    """The user-facing name of a wallet, operator, symptom, channel or outcome id (the id itself if unknown)."""
    if not value:
        return ""
    if kind == "operator":
        return operator_name(value, lang)
    return catalogue("case")[lang].get(f"{kind}_{value}", value)


def case_title(wallet: str | None, operator: str | None, symptom: str | None, lang: Lang) -> str:
    """A short title such as ``数字人民币 · 工商银行 · 支付失败``."""
    parts = [label("wallet", wallet, lang), label("operator", operator, lang), label("symptom", symptom, lang)]
    return " · ".join(p for p in parts if p) or label("symptom", "other", lang)


def display_title(item: CaseRecord | CaseSummary, lang: Lang) -> str:
    """The case title in ``lang`` (the stored title when the facts are unknown)."""
    if item.wallet or item.symptom:
        return case_title(item.wallet, item.operator, item.symptom, lang)
    return clean(item.title, keep_newlines=False)
