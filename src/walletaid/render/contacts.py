"""Show the official-contacts directory, one provider, or a ``--verify`` result (Rich text or Markdown)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from walletaid.i18n import Lang, t
from walletaid.models.contacts_doc import ContactsDoc, VerifyResult
from walletaid.textsafe import clean

_VERDICT_STYLE = {"official": "green", "not_official": "yellow", "lookalike": "bold red"}


def render_text(doc: ContactsDoc | VerifyResult, lang: Lang) -> RenderableType:
    """A directory table (or one provider's detail), or a verify verdict panel."""
    if isinstance(doc, VerifyResult):
        return _verify_text(doc, lang)
    table = Table(title=t("contacts.title", lang), show_lines=len(doc.providers) == 1)
    for col in ("col_provider", "col_channel", "col_value", "col_note"):
        table.add_column(t(f"contacts.{col}", lang), overflow="fold")
    if len(doc.providers) == 1:
        table.add_column(t("contacts.col_source", lang), overflow="fold", style="dim")
    for p in doc.providers:
        for i, ch in enumerate(p.channels):
            row = [p.name if i == 0 else "", t(f"contacts.channel_{ch.channel}", lang), Text(ch.value), Text(ch.note or "")]
            if len(doc.providers) == 1:
                row.append(Text(ch.source or ""))
            table.add_row(*row)
    parts: list[RenderableType] = [table]
    parts += [Text(p.note) for p in doc.providers if p.note and len(doc.providers) == 1]
    parts.append(Text(t("contacts.footer", lang), style="dim"))
    return Group(*parts)


def _verify_text(doc: VerifyResult, lang: Lang) -> RenderableType:
    lines = Text()
    lines.append(t(f"contacts.verdict_{doc.verdict}", lang), style=_VERDICT_STYLE[doc.verdict])
    lines.append(f"  ({t('contacts.kind_' + doc.kind, lang)})", style="dim")
    if doc.known_fake:
        lines.append(f"\n{t('contacts.known_fake', lang)}: {doc.note or ''}", style="bold red")
    for m in doc.matches:
        lines.append(f"\n• {t('contacts.how_' + m.how, lang)} {m.name} ({m.value})")
    for f in doc.flags:
        lines.append(f"\n! {t('contacts.flag_' + f, lang)}", style="yellow")
    title = Text(t("contacts.verify_title", lang, value=clean(doc.input, keep_newlines=False)))
    advice = [Text(f"{i}. {a}") for i, a in enumerate(doc.advice, 1)]
    return Group(Panel(lines, title=title, border_style=_VERDICT_STYLE[doc.verdict].split()[-1]),
                 Text(t("contacts.advice", lang), style="bold"), *advice)


def _md(text: str) -> str:
    out = clean(text, keep_newlines=False)
    for ch in "\\`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return out


def render_markdown(doc: ContactsDoc | VerifyResult, lang: Lang) -> str:
    """The directory as a Markdown table, or the verify result as a short report."""
    if isinstance(doc, VerifyResult):
        lines = [f"## {_md(t('contacts.verify_title', lang, value=doc.input))}", "",
                 f"**{t('contacts.verdict_' + doc.verdict, lang)}** ({t('contacts.kind_' + doc.kind, lang)})", ""]
        if doc.known_fake:
            lines += [f"- {t('contacts.known_fake', lang)}: {_md(doc.note or '')}"]
        lines += [f"- {t('contacts.how_' + m.how, lang)} {_md(m.name)} ({_md(m.value)})" for m in doc.matches]
        lines += [f"- {t('contacts.flag_' + f, lang)}" for f in doc.flags]
        lines += ["", f"### {t('contacts.advice', lang)}", "", *(f"{i}. {a}" for i, a in enumerate(doc.advice, 1)), ""]
        return "\n".join(lines)
    head = [t(f"contacts.{c}", lang) for c in ("col_provider", "col_channel", "col_value", "col_note", "col_source")]
    lines = [f"## {t('contacts.title', lang)}", "", "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for p in doc.providers:
        for ch in p.channels:
            cells = [p.name, t(f"contacts.channel_{ch.channel}", lang), ch.value, ch.note or "", ch.source or ""]
            lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    lines += ["", t("contacts.footer", lang), ""]
    return "\n".join(lines)
