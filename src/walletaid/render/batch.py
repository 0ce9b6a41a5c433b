"""The message check over many messages (``security-check --batch``) as a table, for text and Markdown output."""

from __future__ import annotations

from typing import Any

from walletaid.i18n import Lang, t
from walletaid.render.layout import Fit, indented, prose
from walletaid.textsafe import clean, for_markdown

VERDICT_STYLE = {"danger": "bold red", "suspicious": "yellow", "no_known_signals": "green"}


def _cells(row: dict[str, Any], lang: Lang) -> tuple[str, str, str]:
    ident = clean(str(row.get("id") if row.get("id") is not None else row.get("line", "")))
    if "error" in row:
        return ident, t("batch.error", lang), clean(row["error"])
    verdict = row["verdict"]
    signals = ", ".join(s["id"] for s in row.get("signals", [])) or "-"
    return ident, t(f"batch.verdict_{verdict}", lang), signals


def render_text(rows: list[dict[str, Any]], lang: Lang) -> Any:
    """A table: id, verdict, signal ids (one block per message on a narrow screen); then the counts."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, expand=False)
    for col in ("col_id", "col_verdict", "col_signals"):
        table.add_column(prose(t(f"batch.{col}", lang)))
    cards = []
    for row in rows:
        ident, verdict, signals = _cells(row, lang)
        shown = Text(verdict, style=VERDICT_STYLE.get(row.get("verdict", ""), "magenta"))
        table.add_row(prose(ident), prose(shown), prose(signals))
        cards += [prose(Text(ident, style="bold")), indented(Group(prose(shown), prose(Text(signals, style="dim"))), 2)]
    return Group(Fit(table, Group(*cards), least=12), prose(t("batch.summary", lang, **_counts(rows))))


def _counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    verdicts = [row.get("verdict", "error") for row in rows]
    return {key: verdicts.count(key) for key in ("danger", "suspicious", "no_known_signals", "error")}


def render_markdown(rows: list[dict[str, Any]], lang: Lang) -> str:
    """The same table in Markdown."""
    head = f"| {t('batch.col_id', lang)} | {t('batch.col_verdict', lang)} | {t('batch.col_signals', lang)} |"
    lines = [head, "| --- | --- | --- |"]
    for row in rows:
        cells = [for_markdown(c) for c in _cells(row, lang)]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", t("batch.summary", lang, **_counts(rows))]
    return "\n".join(lines) + "\n"
