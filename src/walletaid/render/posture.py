"""Renderers (pure) for the ``security-check`` habits result: the score as a gauge, fixes by urgency, strengths.

``render_text`` returns a Rich ``Group`` (never prints): a 20-block bar
coloured by grade band with the band's words (never a bare number), the
findings most severe first each with its fix, what is already done well, and
what every grade means.  ``render_markdown`` says the same in Markdown.
Texts come from the knowledge base; they are still passed as ``rich.text.Text``
(no markup parsing) and through ``clean`` for Markdown.  In Chinese, spaces next
to Chinese characters are dropped (``layout.flow``), and every paragraph wraps
with ``layout.Prose``.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from walletaid.i18n import Lang, t
from walletaid.models.posture import PostureFindingResult, PostureResult
from walletaid.render.layout import bullets, flow, indented, listing, prose, section
from walletaid.textsafe import clean

GAUGE_BLOCKS = 20
GRADE_STYLE = {"A": "bold green", "B": "green", "C": "yellow", "D": "dark_orange", "F": "bold red"}
SEVERITY_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "yellow", "low": "cyan"}


def gauge(score: int, blocks: int = GAUGE_BLOCKS) -> tuple[str, str]:
    """The filled and empty parts of a bar of ``blocks`` blocks for a 0-100 score."""
    filled = min(blocks, max(0, (score * blocks + 50) // 100))
    return "█" * filled, "░" * (blocks - filled)


def _capped_note(result: PostureResult, lang: Lang) -> str | None:
    if not result.grade_capped_by:
        return None
    titles = [f.title for f in result.findings if f.id in result.grade_capped_by]
    sep = "、" if lang == "zh" else "; "
    return t("posture.capped", lang, before=result.grade_before_cap, cap=result.grade, titles=sep.join(titles))


def _badge(severity: str, lang: Lang) -> str:
    return t(f"posture.severity_{severity}", lang)


# --- text ------------------------------------------------------------------------------------------


def _gauge_text(result: PostureResult, lang: Lang) -> list[RenderableType]:
    style = GRADE_STYLE[result.grade]
    filled, empty = gauge(result.score)
    bar = Text.assemble(
        (t("posture.score_label", lang) + "  ", "bold"), (filled, style), (empty, "dim"),
        ("  " + t("posture.score_value", lang, score=result.score), "bold"),
    )
    grade = Text(t("posture.grade_line", lang, grade=result.grade, label=result.grade_label), style=style)
    parts: list[RenderableType] = [prose(bar), prose(grade)]
    note = _capped_note(result, lang)
    if note:
        parts.append(prose(Text(flow(note, lang), style="bold red")))
    return parts


def _finding_rows(findings: list[PostureFindingResult], lang: Lang) -> RenderableType:
    rows = []
    for n, finding in enumerate(findings, start=1):
        head = Text.assemble((f" {_badge(finding.severity, lang)} ", SEVERITY_STYLE[finding.severity]), " ",
                             (flow(finding.title, lang), "bold"))
        fix = Text.assemble((t("posture.fix_label", lang), "bold"), flow(finding.fix, lang))
        rows.append((f"{n}.", Group(prose(head), prose(fix), Text(""))))
    return listing(rows, justify_prefix="right")


def _strength_rows(result: PostureResult, lang: Lang) -> RenderableType:
    if not result.strengths:
        return indented(prose(Text(t("posture.no_strengths", lang), style="dim")), 2)
    return bullets((flow(s.text, lang) for s in result.strengths), mark="✓", indent=2)


def _bands_text(result: PostureResult, lang: Lang) -> RenderableType:
    lines = [
        indented(prose(Text(t("posture.band_range", lang, grade=b.grade, low=b.min_score, high=b.max_score, label=b.label),
                            style=GRADE_STYLE[b.grade] if b.grade == result.grade else "dim")), 2)
        for b in result.bands
    ]
    return Group(*lines)


def render_text(result: PostureResult, lang: Lang) -> Group:
    """The result for the terminal: gauge, fixes most urgent first, strengths, grade meanings."""
    parts: list[RenderableType] = [prose(Text(t("posture.title", lang), style="bold underline")), Text("")]
    parts += _gauge_text(result, lang)
    parts.append(Text(""))
    parts.append(section(t("posture.findings_heading", lang, count=len(result.findings)), gap=False))
    if result.findings:
        parts.append(_finding_rows(result.findings, lang))
    else:
        parts += [indented(prose(Text(t("posture.no_findings", lang), style="green")), 2), Text("")]
    parts += [section(t("posture.strengths_heading", lang), _strength_rows(result, lang), gap=False), Text("")]
    parts += [section(t("posture.bands_heading", lang), _bands_text(result, lang), gap=False), Text("")]
    parts.append(prose(Text(flow(t("posture.footer", lang, answered=result.questions_answered), lang), style="dim")))
    return Group(*parts)


# --- markdown --------------------------------------------------------------------------------------


def _md_findings(result: PostureResult, lang: Lang) -> list[str]:
    lines = [f"## {t('posture.findings_heading', lang, count=len(result.findings))}", ""]
    if not result.findings:
        return lines + [t("posture.no_findings", lang), ""]
    for n, f in enumerate(result.findings, start=1):
        lines.append(f"{n}. **[{_badge(f.severity, lang)}] {clean(f.title)}**  ")
        lines.append(f"   {t('posture.fix_label', lang)}{clean(f.fix)}")
    return lines + [""]


def render_markdown(result: PostureResult, lang: Lang) -> str:
    """The result as Markdown: score and bar, grade in words, fixes by urgency, strengths, grade table."""
    filled, empty = gauge(result.score)
    lines = [
        f"# {t('posture.title', lang)}", "",
        f"**{t('posture.score_line', lang, score=result.score)}** `{filled}{empty}`", "",
        f"**{t('posture.grade_line', lang, grade=result.grade, label=result.grade_label)}**", "",
    ]
    note = _capped_note(result, lang)
    if note:
        lines += [f"> {clean(note)}", ""]
    lines += _md_findings(result, lang)
    lines += [f"## {t('posture.strengths_heading', lang)}", ""]
    lines += [f"- ✓ {clean(s.text)}" for s in result.strengths] or [t("posture.no_strengths", lang)]
    lines += ["", f"## {t('posture.bands_heading', lang)}", ""]
    lines += [f"- {t('posture.band_range', lang, grade=b.grade, low=b.min_score, high=b.max_score, label=b.label)}"
              for b in result.bands]
    lines += ["", t("posture.footer", lang, answered=result.questions_answered), ""]
    return "\n".join(lines)
