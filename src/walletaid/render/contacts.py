"""Show the official-contacts directory, one provider, or a ``--verify`` result (Rich text or Markdown).

Values come from the directory or from what the user asked to verify; both are
cleaned and put into ``Text`` (never read as markup).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from walletaid.i18n import Lang, t
from walletaid.models.contacts import ContactsDoc, VerifyMatch, VerifyResult
from walletaid.render.layout import Fit, alert, colon, fields, listing, numbered, paren, prose, section, space
from walletaid.textsafe import clean, for_markdown

_VERDICT_STYLE = {"official": "green", "not_official": "yellow", "lookalike": "bold red", "unlisted": "cyan"}


def _table(doc: ContactsDoc, lang: Lang) -> Table:
    one = len(doc.providers) == 1
    table = Table(title=t("contacts.title", lang), show_lines=one)
    for col in ("col_provider", "col_channel", "col_value", "col_note") + (("col_source",) if one else ()):
        table.add_column(prose(t(f"contacts.{col}", lang)), style="dim" if col == "col_source" else None)
    for p in doc.providers:
        for i, ch in enumerate(p.channels):
            row = [prose(p.name if i == 0 else ""), prose(t(f"contacts.channel_{ch.channel}", lang)), prose(ch.value),
                   prose(ch.note or "")]
            if one:
                row.append(prose(_source(ch.source, lang)))
            table.add_row(*row)
    return table


def _cards(doc: ContactsDoc, lang: Lang) -> RenderableType:
    """The directory for a narrow screen: each provider, then "channel: number" rows with notes under them."""
    one = len(doc.providers) == 1
    parts: list[RenderableType] = [prose(Text(t("contacts.title", lang), style="italic"))]
    for p in doc.providers:
        rows = []
        for ch in p.channels:
            extra = [prose(Text(clean(x), style="dim")) for x in (ch.note, _source(ch.source, lang) if one else None) if x]
            rows.append((t(f"contacts.channel_{ch.channel}", lang), Group(prose(ch.value), *extra)))
        parts += [Text(""), prose(Text(p.name, style="bold")), fields(rows, lang, indent=2, label_style="")]
    return Group(*parts)


def render_text(doc: ContactsDoc | VerifyResult, lang: Lang) -> RenderableType:
    """A directory table (or one provider's detail; one block per provider on a narrow screen), or a verify verdict."""
    if isinstance(doc, VerifyResult):
        return _verify_text(doc, lang)
    parts: list[RenderableType] = [Fit(_table(doc, lang), _cards(doc, lang), least=12)]
    if len(doc.providers) == 1:
        parts += [prose(p.note) for p in doc.providers if p.note]
    else:  # the notes hold the rules (who to call first, which regulator takes what): never left out
        notes = [(p.name, prose(p.note)) for p in doc.providers if p.note]
        parts.append(section(t("contacts.notes", lang), fields(notes, lang)))  # type: ignore[arg-type]
    parts.append(prose(Text(t("contacts.footer", lang), style="dim")))
    return Group(*parts)


def _kind(doc: VerifyResult, lang: Lang) -> str:
    """'phone number · service number', 'domain' or 'link'."""
    kind = t("contacts.kind_" + doc.kind, lang)
    return kind + (" · " + t("contacts.numkind_" + doc.number_kind, lang) if doc.number_kind else "")


def _match_line(m: VerifyMatch, lang: Lang) -> str:
    return t("contacts.how_" + m.how, lang) + space(lang) + clean(m.name) + paren(clean(m.value), lang)


def _verify_text(doc: VerifyResult, lang: Lang) -> RenderableType:
    verdict = Text.assemble((t(f"contacts.verdict_{doc.verdict}", lang), _VERDICT_STYLE[doc.verdict]),
                            (paren(_kind(doc, lang), lang), "dim"))
    body: list[RenderableType] = [prose(verdict)]
    if doc.known_fake:
        body.append(prose(Text(t("contacts.known_fake", lang) + colon(lang) + clean(doc.note or ""), style="bold red")))
    elif doc.note:
        body.append(prose(clean(doc.note)))
    rows: list[tuple[str | Text, str | Text]] = []
    for m in doc.matches:
        rows.append(("•", _match_line(m, lang)))
        if m.caveat:
            rows.append(("", Text(t("contacts.caveat", lang) + colon(lang) + clean(m.caveat), style="yellow")))
    rows += [(Text("!", style="yellow"), Text(t("contacts.flag_" + f, lang), style="yellow")) for f in doc.flags]
    if rows:
        body.append(listing(rows))
    heading = t("contacts.verify_title", lang, value=clean(doc.input, keep_newlines=False))
    border = _VERDICT_STYLE[doc.verdict].split()[-1]
    return Group(alert(heading, Group(*body), border_style=border),
                 section(t("contacts.advice", lang), numbered(doc.advice), gap=False))


def _verify_markdown(doc: VerifyResult, lang: Lang) -> str:
    lines = [f"## {for_markdown(t('contacts.verify_title', lang, value=doc.input))}", "",
             f"**{t('contacts.verdict_' + doc.verdict, lang)}**{paren(_kind(doc, lang), lang)}", ""]
    if doc.note:
        lines += [f"- {t('contacts.known_fake', lang)}: {for_markdown(doc.note)}" if doc.known_fake else f"- {for_markdown(doc.note)}"]
    for m in doc.matches:
        lines.append(f"- {for_markdown(_match_line(m, lang))}")
        if m.caveat:
            lines.append(f"  - {t('contacts.caveat', lang)}: {for_markdown(m.caveat)}")
    lines += [f"- {t('contacts.flag_' + f, lang)}" for f in doc.flags]
    lines += ["", f"### {t('contacts.advice', lang)}", "", *(f"{i}. {a}" for i, a in enumerate(doc.advice, 1)), ""]
    return "\n".join(lines)


def _source(text: str | None, lang: Lang) -> str:
    """``sourced: https://…`` with how sure the source is said in ``lang`` (the reference itself as it is)."""
    if not text:
        return ""
    kind, sep, ref = text.partition(": ")
    key = f"contacts.source_{kind}"
    return f"{t(key, lang)}{'：' if lang == 'zh' else ': '}{ref}" if sep and kind in _SOURCE_KINDS else text


_SOURCE_KINDS = ("sourced", "verify", "well-known")


def render_markdown(doc: ContactsDoc | VerifyResult, lang: Lang) -> str:
    """The directory as a Markdown table, or the verify result as a short report."""
    if isinstance(doc, VerifyResult):
        return _verify_markdown(doc, lang)
    head = [t(f"contacts.{c}", lang) for c in ("col_provider", "col_channel", "col_value", "col_note", "col_source")]
    lines = [f"## {t('contacts.title', lang)}", "", "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for p in doc.providers:
        for ch in p.channels:
            cells = [p.name, t(f"contacts.channel_{ch.channel}", lang), ch.value, ch.note or "", _source(ch.source, lang)]
            lines.append("| " + " | ".join(for_markdown(c) for c in cells) + " |")
    notes = [f"- **{for_markdown(p.name)}**: {for_markdown(p.note)}" for p in doc.providers if p.note]
    if notes:
        lines += ["", f"### {t('contacts.notes', lang)}", "", *notes]
    lines += ["", t("contacts.footer", lang), ""]
    return "\n".join(lines)
