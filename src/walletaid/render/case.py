"""Renderers (pure) for ``walletaid case``: the case list, one case with its timeline, the escalation plan.

``render_text`` returns a Rich ``Group`` (never prints); ``render_markdown``
returns Markdown.  Every value a user typed goes through ``for_rich`` (text)
or the redactor and ``clean`` (Markdown).  Overdue promises are red and bold,
and any case that needs escalating points to ``walletaid case escalate ID``.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from walletaid.i18n import Lang, t
from walletaid.models.case import (
    CaseListDocument,
    CaseRecord,
    CaseShowDocument,
    CaseSummary,
    EscalationPlan,
    FollowUp,
    case_title,
    label,
)
from walletaid.textsafe import clean, for_rich

CaseResult = CaseListDocument | CaseShowDocument | EscalationPlan


def _day(value: date | datetime | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def title(item: CaseRecord | CaseSummary, lang: Lang) -> str:
    """The case title in the display language (the stored one when the facts are unknown)."""
    if item.wallet or item.symptom:
        return case_title(item.wallet, item.operator, item.symptom, lang)
    return clean(item.title, keep_newlines=False)


def advice(case_id: str, state: FollowUp, status: str, lang: Lang) -> list[str]:
    """The follow-up advice for one case, most pressing first."""
    if status == "closed":
        return [t("case.advice_closed", lang, case_id=case_id)]
    out = []
    for reason in state.reasons:
        fields = {"date": _day(state.next_promise), "n": state.unresolved_contacts,
                  "days": state.days_since_first_contact}
        out.append(t(f"case.reason_{reason}", lang, **fields))
    if state.needs_escalation:
        out.append(t("case.advice_escalate", lang, case_id=case_id))
    elif state.suggest_close:
        out.append(t("case.advice_close", lang, case_id=case_id))
    elif state.suggest_first_contact:
        out.append(t("case.advice_first_contact", lang, case_id=case_id))
    elif state.next_promise is not None:
        out.append(t("case.advice_wait", lang, date=_day(state.next_promise), case_id=case_id))
    else:
        out.append(t("case.advice_log", lang, case_id=case_id))
    return out


# --- case list -------------------------------------------------------------------------------------


def _list_text(doc: CaseListDocument, lang: Lang) -> RenderableType:
    if not doc.cases:
        return Group(Text(t("case.list_empty", lang)))
    table = Table(title=t("case.list_title", lang), title_justify="left")
    for col in ("col_id", "col_title", "col_status", "col_age", "col_next_promise", "col_contacts"):
        table.add_column(t(f"case.{col}", lang))
    hints = []
    for c in doc.cases:
        promise = Text(_day(c.next_promise))
        if c.overdue:
            promise = Text(f"{_day(c.next_promise)} {t('case.overdue_mark', lang)}", style="bold red")
        status = Text(t(f"case.status_{c.status}", lang))
        if c.needs_escalation:
            status.append(f" · {t('case.escalate_mark', lang)}", style="bold red")
            hints.append(Text(t("case.list_escalate_hint", lang, case_id=c.id), style="red"))
        table.add_row(c.id, Text(title(c, lang)), status,
                      t("case.age_days", lang, n=c.age_days), promise, str(c.contacts))
    return Group(table, *hints)


def _list_markdown(doc: CaseListDocument, lang: Lang) -> str:
    lines = [f"# {t('case.list_title', lang)}", ""]
    if not doc.cases:
        return "\n".join([*lines, t("case.list_empty", lang), ""])
    cols = ("col_id", "col_title", "col_status", "col_age", "col_next_promise", "col_contacts")
    lines += ["| " + " | ".join(t(f"case.{c}", lang) for c in cols) + " |", "|" + " --- |" * len(cols)]
    hints = []
    for c in doc.cases:
        promise = _day(c.next_promise)
        if c.overdue:
            promise = f"**{promise} {t('case.overdue_mark', lang)}**"
        status = t(f"case.status_{c.status}", lang)
        if c.needs_escalation:
            status += f" · **{t('case.escalate_mark', lang)}**"
            hints.append(f"- {t('case.list_escalate_hint', lang, case_id=c.id)}")
        name = title(c, lang).replace("|", "\\|")
        lines.append(f"| {c.id} | {name} | {status} | {t('case.age_days', lang, n=c.age_days)} | {promise} | {c.contacts} |")
    return "\n".join([*lines, "", *hints, ""])


# --- one case --------------------------------------------------------------------------------------


def _timeline_text(doc: CaseShowDocument, lang: Lang) -> RenderableType:
    record = doc.case
    if not record.contacts:
        return Text(t("case.timeline_empty", lang))
    table = Table(title=t("case.timeline", lang), title_justify="left")
    for col in ("col_no", "col_when", "col_channel", "col_agent", "col_reference", "col_promised", "col_outcome", "col_note"):
        table.add_column(t(f"case.{col}", lang))
    missed = {m.contact_id for m in doc.follow_up.missed_promises}
    for n, c in enumerate(record.contacts, start=1):
        promise = Text(_day(c.promised_by), style="bold red" if c.id in missed else "")
        table.add_row(str(n), _day(c.logged_at), label("channel", c.channel, lang), for_rich(c.agent or "-"),
                      for_rich(c.reference or "-"), promise, label("outcome", c.outcome, lang), for_rich(c.note or "-"))
    return table


def _show_text(doc: CaseShowDocument, lang: Lang) -> RenderableType:
    from walletaid.engines.escalate import fact_rows

    record = doc.case
    parts: list[RenderableType] = [Text(title(record, lang), style="bold")]
    status = t(f"case.status_{record.status}", lang)
    facts = [(t("case.fact_status", lang), status), (t("case.fact_created", lang), _day(record.created_at))]
    if record.closed_at:
        facts.append((t("case.fact_closed", lang), _day(record.closed_at)))
    for name, value in facts + fact_rows(record, lang):
        parts.append(Text.assemble((f"{name}: ", "bold"), clean(value)))
    parts += [Text(""), _timeline_text(doc, lang), Text(""), Text(t("case.follow_up", lang), style="bold")]
    style = "bold red" if doc.follow_up.needs_escalation else ""
    parts += [Text(f"• {line}", style=style) for line in advice(record.case_id, doc.follow_up, record.status, lang)]
    return Group(*parts)


def _show_markdown(doc: CaseShowDocument, lang: Lang) -> str:
    from walletaid.engines.escalate import fact_rows, timeline_table

    record = doc.case
    lines = [f"# {title(record, lang)}", "", f"## {t('case.show_facts', lang)}", ""]
    facts = [(t("case.fact_status", lang), t(f"case.status_{record.status}", lang)),
             (t("case.fact_created", lang), _day(record.created_at))] + fact_rows(record, lang)
    lines += [f"- **{name}**: {value.replace(chr(10), ' / ')}" for name, value in facts]
    lines += ["", f"## {t('case.timeline', lang)}", ""]
    lines += timeline_table(record, lang) if record.contacts else [t("case.timeline_empty", lang)]
    lines += ["", f"## {t('case.follow_up', lang)}", ""]
    lines += [f"- {line}" for line in advice(record.case_id, doc.follow_up, record.status, lang)]
    return "\n".join([*lines, ""])


# --- escalation plan -------------------------------------------------------------------------------


def _plan_text(plan: EscalationPlan, lang: Lang) -> RenderableType:
    parts: list[RenderableType] = [Text(t("case.plan_title", lang, title=clean(plan.title, keep_newlines=False)), style="bold")]
    if plan.fraud:
        parts.append(Text(t("case.plan_fraud", lang), style="bold red"))
    for n, step in enumerate(plan.steps, start=1):
        head = Text(f"{n}. {step.who}", style="bold")
        if not step.applies_now:
            head.append(f" {t('case.step_later', lang)}", style="dim")
        parts += [Text(""), head]
        contact = "; ".join(step.contact) or t("case.step_no_number", lang)
        for key, value in (("step_contact", contact), ("step_when", step.when), ("step_ask", step.ask),
                           ("step_bring", step.bring), ("step_caveat", step.caveat)):
            if value:
                parts.append(Text.assemble((f"   {t('case.' + key, lang)}: ", "bold"), value,
                                           style="yellow" if key == "step_caveat" else ""))
    if plan.references:
        refs = ", ".join(clean(r, keep_newlines=False) for r in plan.references)
        parts += [Text(""), Text(t("case.plan_references", lang, refs=refs))]
    parts += [Text(""), Text(t("case.plan_rule", lang), style="bold"), Text(plan.rule)]
    return Group(*parts)


def _plan_markdown(plan: EscalationPlan, lang: Lang) -> str:
    lines = [f"# {t('case.plan_title', lang, title=clean(plan.title, keep_newlines=False))}", ""]
    if plan.fraud:
        lines += [f"**{t('case.plan_fraud', lang)}**", ""]
    for n, step in enumerate(plan.steps, start=1):
        later = f" {t('case.step_later', lang)}" if not step.applies_now else ""
        lines += [f"## {n}. {step.who}{later}", ""]
        contact = "; ".join(step.contact) or t("case.step_no_number", lang)
        for key, value in (("step_contact", contact), ("step_when", step.when), ("step_ask", step.ask),
                           ("step_bring", step.bring), ("step_caveat", step.caveat)):
            if value:
                lines.append(f"- **{t('case.' + key, lang)}**: {value}")
        lines.append("")
    if plan.references:
        refs = ", ".join(clean(r, keep_newlines=False) for r in plan.references)
        lines += [t("case.plan_references", lang, refs=refs), ""]
    lines += [f"## {t('case.plan_rule', lang)}", "", plan.rule, ""]
    return "\n".join(lines)


def render_text(result: CaseResult, lang: Lang) -> RenderableType:
    """Rich output for a case list, a case, or an escalation plan."""
    if isinstance(result, CaseListDocument):
        return _list_text(result, lang)
    if isinstance(result, CaseShowDocument):
        return _show_text(result, lang)
    return _plan_text(result, lang)


def render_markdown(result: CaseResult, lang: Lang) -> str:
    """Markdown for a case list, a case, or an escalation plan."""
    if isinstance(result, CaseListDocument):
        return _list_markdown(result, lang)
    if isinstance(result, CaseShowDocument):
        return _show_markdown(result, lang)
    return _plan_markdown(result, lang)


def export_files(doc: CaseShowDocument, lang: Lang, out: Path) -> dict[Path, bytes]:
    """``case export ID --out DIR``: ``<id>.json`` (the case with its timeline) and ``<id>.md``; pass to ``write_new_files``."""
    case_id = doc.case.case_id
    body = json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    return {out / f"{case_id}.json": body.encode("utf-8"),
            out / f"{case_id}.md": render_markdown(doc, lang).encode("utf-8")}
