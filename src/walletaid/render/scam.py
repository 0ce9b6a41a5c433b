"""Show a message-check result: verdict panel, the message with evidence highlighted, signals, what to do now.

Pure: returns a Rich ``Group`` or a Markdown string; all message text is escaped.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from walletaid.i18n import Lang, t
from walletaid.models.scam import MessageCheck, Signal
from walletaid.render.layout import Prose, alert, bullets, colon, listing, numbered, prose, section
from walletaid.textsafe import clean, for_markdown

SHOWN_CHARS = 4000
_STYLE = {"danger": "bold white on red", "suspicious": "bold black on yellow", "no_known_signals": "green"}
_BORDER = {"danger": "red", "suspicious": "yellow", "no_known_signals": "green"}
_SEV_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}


def _spans(result: MessageCheck) -> list[tuple[int, int, str]]:
    spans = [(s.start, s.end, s.severity) for s in result.signals]
    spans += [(l.start, l.end, "high" if l.verdict == "lookalike" or l.flags else "low") for l in result.links if l.verdict != "official"]
    return sorted(spans)


def _highlighted(result: MessageCheck) -> Text:
    """The message as Rich ``Text`` (never parsed as markup) with evidence spans styled."""
    body = clean(result.text[:SHOWN_CHARS])
    text = Text(body)
    for start, end, sev in _spans(result):
        if start < len(body):
            text.stylize(f"{_SEV_STYLE[sev]} underline", start, min(end, len(body)))
    if len(result.text) > SHOWN_CHARS:
        text.append("\n" + t("scam.truncated", result.lang), style="dim")
    return text


def _signal_body(signal: Signal, lang: Lang) -> RenderableType:
    evidence = Text.assemble((t("scam.evidence", lang) + colon(lang), "dim"),
                             (f"“{clean(signal.evidence, keep_newlines=False)}”", "italic"))
    return Group(prose(signal.explanation), prose(evidence))


def _signal_rows(result: MessageCheck, lang: Lang) -> RenderableType:
    """Each signal as "• [高] explanation" with its evidence under it, folded under the text, not the bullet."""
    rows = []
    for s in result.signals:
        prefix = Text.assemble("• ", (f"[{t('scam.severity_' + s.severity, lang)}]", _SEV_STYLE[s.severity]))
        rows.append((prefix, _signal_body(s, lang)))
    return listing(rows)


def render_text(result: MessageCheck, lang: Lang) -> RenderableType:
    """Verdict panel, highlighted message, each signal with its explanation, then what to do now."""
    parts: list[RenderableType] = [
        Panel(prose(Text(t(f"scam.verdict_{result.verdict}", lang), style=_STYLE[result.verdict])),
              title=t("scam.title", lang), title_align="left", border_style=_BORDER[result.verdict]),
    ]
    if result.text:
        parts.append(alert(t("scam.message", lang), Prose(_highlighted(result)), border_style="dim"))
    if result.signals:
        parts.append(section(t("scam.signals", lang), _signal_rows(result, lang), gap=False))
    for title, rows in ((t("scam.links", lang), _link_rows(result, lang)), (t("scam.phones", lang), _phone_rows(result, lang))):
        if rows:
            parts.append(section(title, bullets(rows), gap=False))
    parts.append(section(t("scam.advice", lang), numbered(result.advice), gap=False))
    return Group(*parts)


def _link_rows(result: MessageCheck, lang: Lang) -> list[str]:
    rows = []
    for link in result.links:
        flags = ", ".join(t(f"contacts.flag_{f}", lang) for f in link.flags)
        rows.append(f"{clean(link.url, keep_newlines=False)} — {t('scam.link_' + link.verdict, lang)}" + (f" ({flags})" if flags else ""))
    return rows


def _phone_rows(result: MessageCheck, lang: Lang) -> list[str]:
    rows = []
    for phone in result.phones:
        status = "known_fake" if phone.known_fake else phone.verdict
        rows.append(f"{clean(phone.value, keep_newlines=False)} — {t('scam.phone_' + status, lang)}")
    return rows


def render_markdown(result: MessageCheck, lang: Lang) -> str:
    """The same content as Markdown; evidence is bold in the quoted message."""
    lines = [f"## {t('scam.title', lang)}: {t('scam.verdict_' + result.verdict, lang)}", ""]
    if result.text:
        lines += [f"### {t('scam.message', lang)}", "", "> " + _marked(result).replace("\n", "\n> "), ""]
    if result.signals:
        lines += [f"### {t('scam.signals', lang)}", ""]
        lines += [f"- **{t('scam.severity_' + s.severity, lang)}** `{s.id}`: {s.explanation} ({t('scam.evidence', lang)}: “{for_markdown(s.evidence)}”)" for s in result.signals]
        lines.append("")
    for title, rows in ((t("scam.links", lang), _link_rows(result, lang)), (t("scam.phones", lang), _phone_rows(result, lang))):
        if rows:
            lines += [f"### {title}", "", *(f"- {for_markdown(r)}" for r in rows), ""]
    lines += [f"### {t('scam.advice', lang)}", "", *(f"{i}. {a}" for i, a in enumerate(result.advice, 1)), ""]
    return "\n".join(lines)


def _marked(result: MessageCheck) -> str:
    """The message, escaped for Markdown, with non-overlapping evidence spans in bold."""
    body = result.text[:SHOWN_CHARS]
    out, pos = [], 0
    for start, end, _ in _spans(result):
        if start < pos or start >= len(body):
            continue
        out += [for_markdown(body[pos:start]), "**" + for_markdown(body[start:end]) + "**"]
        pos = end
    out.append(for_markdown(body[pos:]))
    return "".join(out)
