"""Renderers (pure) for ``walletaid case``: the case list, one case with its timeline, the escalation plan,
and the complaint draft.

``render_text`` returns a Rich ``Group`` (never prints); ``render_markdown`` and
``render_complaint`` return Markdown.  Every value a user typed is cleaned and put into ``Text``
(never read as markup) on screen, or redacted and cleaned for Markdown.
Overdue promises are red and bold, and any case that needs escalating points
to ``walletaid case escalate ID`` before anything else.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from walletaid.engines.labels import display_title, label, shown_date
from walletaid.i18n import Lang, t
from walletaid.models.case import CaseListDocument, CaseRecord, CaseShowDocument, CaseSummary
from walletaid.models.escalation import CaseFact, ComplaintDraft, EscalationPlan, EscalationStep, TimelineEntry
from walletaid.render.layout import Fit, bullets, fields, indented, listing, prose, section
from walletaid.textsafe import clean, for_markdown

CaseResult = CaseListDocument | CaseShowDocument | EscalationPlan


# --- case list -------------------------------------------------------------------------------------


def _list_cells(c: CaseSummary, lang: Lang) -> tuple[Text, Text, Text]:
    """Status (with the escalation mark), next promise (red when overdue) and title of one case."""
    status = Text(t(f"case.status_{c.status}", lang))
    if c.needs_escalation:
        status.append(f" · {t('case.escalate_mark', lang)}", style="bold red")
    promise = Text(shown_date(c.next_promise))
    if c.overdue:
        promise = Text(f"{shown_date(c.next_promise)} {t('case.overdue_mark', lang)}", style="bold red")
    return status, promise, Text(display_title(c, lang))


def _list_table(doc: CaseListDocument, lang: Lang) -> Table:
    table = Table(title=t("case.list_title", lang), title_justify="left")
    table.add_column(t("case.col_id", lang), no_wrap=True)
    for col in ("col_title", "col_status", "col_age", "col_next_promise", "col_contacts"):
        table.add_column(prose(t(f"case.{col}", lang)))
    for c in doc.cases:
        status, promise, name = _list_cells(c, lang)
        table.add_row(c.id, prose(name), prose(status), prose(t("case.age_days", lang, n=c.age_days)), prose(promise),
                      str(c.contacts))
    return table


def _list_cards(doc: CaseListDocument, lang: Lang) -> RenderableType:
    """The case list for a narrow screen: each case as its id and title, then its facts."""
    cards: list[RenderableType] = [prose(Text(t("case.list_title", lang), style="italic"))]
    for c in doc.cases:
        status, promise, name = _list_cells(c, lang)
        rows = [(t("case.col_status", lang), status), (t("case.col_age", lang), t("case.age_days", lang, n=c.age_days)),
                (t("case.col_next_promise", lang), promise), (t("case.col_contacts", lang), str(c.contacts))]
        cards += [Text(""), Text(c.id, style="bold"), indented(prose(name), 2), fields(rows, lang, indent=2)]
    return Group(*cards)


def _damaged_line(doc: CaseListDocument, lang: Lang) -> str:
    """The sentence about the rows that could not be read ('' when there are none)."""
    if not doc.damaged:
        return ""
    return t("case.list_damaged", lang, count=len(doc.damaged), ids=", ".join(d.id for d in doc.damaged))


def _list_text(doc: CaseListDocument, lang: Lang) -> RenderableType:
    damaged = [prose(Text(_damaged_line(doc, lang), style="yellow"))] if doc.damaged else []
    if not doc.cases:
        return Group(*([] if damaged else [prose(t("case.list_empty", lang))]), *damaged)
    hints = [prose(Text(t("case.list_escalate_hint", lang, case_id=c.id), style="red"))
             for c in doc.cases if c.needs_escalation]
    if hints:
        hints.append(Text(""))
    return Group(*hints, Fit(_list_table(doc, lang), _list_cards(doc, lang), least=8), *damaged)


def _list_markdown(doc: CaseListDocument, lang: Lang) -> str:
    lines = [f"# {t('case.list_title', lang)}", ""]
    damaged = [for_markdown(_damaged_line(doc, lang)), ""] if doc.damaged else []
    if not doc.cases:
        return "\n".join([*lines, *(damaged or [t("case.list_empty", lang), ""])])
    cols = ("col_id", "col_title", "col_status", "col_age", "col_next_promise", "col_contacts")
    lines += ["| " + " | ".join(t(f"case.{c}", lang) for c in cols) + " |", "|" + " --- |" * len(cols)]
    hints = []
    for c in doc.cases:
        promise = shown_date(c.next_promise)
        if c.overdue:
            promise = f"**{promise} {t('case.overdue_mark', lang)}**"
        status = t(f"case.status_{c.status}", lang)
        if c.needs_escalation:
            status += f" · **{t('case.escalate_mark', lang)}**"
            hints.append(f"- {t('case.list_escalate_hint', lang, case_id=c.id)}")
        name = for_markdown(display_title(c, lang))
        lines.append(f"| {c.id} | {name} | {status} | {t('case.age_days', lang, n=c.age_days)} | {promise} | {c.contacts} |")
    return "\n".join([*lines, "", *hints, "", *damaged])


# --- one case --------------------------------------------------------------------------------------


def _timeline_rows(doc: CaseShowDocument, lang: Lang) -> list[list[RenderableType]]:
    """One row of cells per logged contact: no., when, channel, agent, reference, promise, outcome, note."""
    missed = {m.contact_id for m in doc.follow_up.missed_promises}
    rows = []
    for n, c in enumerate(doc.case.contacts, start=1):
        promise = Text(shown_date(c.promised_by), style="bold red" if c.id in missed else "")
        rows.append([Text(str(n)), prose(shown_date(c.logged_at).replace(" ", "\n")), prose(label("channel", c.channel, lang)),
                     prose(c.agent or "-"), prose(c.reference or "-"), prose(promise),
                     prose(label("outcome", c.outcome, lang)), prose(c.note or "-")])
    return rows


_TIMELINE_COLS = ("col_no", "col_when", "col_channel", "col_agent", "col_reference", "col_promised", "col_outcome",
                  "col_note")


def _timeline_text(doc: CaseShowDocument, lang: Lang) -> RenderableType:
    if not doc.case.contacts:
        return prose(t("case.timeline_empty", lang))
    rows = _timeline_rows(doc, lang)
    table = Table(title=t("case.timeline", lang), title_justify="left")
    for col in _TIMELINE_COLS:
        table.add_column(prose(t(f"case.{col}", lang)))
    for row in rows:
        table.add_row(*row)
    heads = [t(f"case.{col}", lang) for col in _TIMELINE_COLS]
    cards = [(f"{n}.", fields(list(zip(heads[1:], row[1:])), lang)) for n, row in enumerate(rows, start=1)]
    narrow = Group(prose(Text(t("case.timeline", lang), style="italic")), listing(cards, justify_prefix="right"))
    return Fit(table, narrow, least=6)


def feedback_text(record: CaseRecord, lang: Lang) -> str:
    """"4/5 — what helped" (either part alone when only one was given)."""
    feedback = record.feedback
    if feedback is None:
        return ""
    parts = [t("case.feedback_rating", lang, rating=feedback.rating)] if feedback.rating else []
    parts += [clean(feedback.helped, keep_newlines=False)] if feedback.helped else []
    return " — ".join(parts)


def _show_text(doc: CaseShowDocument, lang: Lang) -> RenderableType:
    from walletaid.engines.complaint import case_facts
    from walletaid.engines.followup import advice

    record = doc.case
    style = "bold red" if doc.follow_up.needs_escalation else ""
    parts: list[RenderableType] = [prose(Text(display_title(record, lang), style="bold"))]
    parts.append(section(t("case.follow_up", lang), bullets(advice(record.case_id, doc.follow_up, record.status, lang),
                                                            style=style or None), gap=False))
    status = t(f"case.status_{record.status}", lang)
    facts = [(t("case.fact_status", lang), status), (t("case.fact_created", lang), shown_date(record.created_at))]
    if record.closed_at:
        facts.append((t("case.fact_closed", lang), shown_date(record.closed_at)))
    if record.feedback:
        facts.append((t("case.fact_feedback", lang), feedback_text(record, lang)))
    facts += [(fact.label, fact.value) for fact in case_facts(record, lang)]
    parts += [Text(""), fields(facts, lang), Text(""), _timeline_text(doc, lang)]
    return Group(*parts)


def _fact_lines(facts: list[CaseFact]) -> list[str]:
    return [f"- **{fact.label}**: {for_markdown(fact.value.replace(chr(10), ' / '))}" for fact in facts]


def _cell(text: str) -> str:
    """A Markdown table cell: the text on one line, its Markdown syntax (pipes included) escaped."""
    return for_markdown(text.replace("\n", " / ")).strip() or "-"


def _timeline_table(entries: list[TimelineEntry], lang: Lang) -> list[str]:
    """The contact log as a Markdown table (every entry, oldest first); a sentence when there is none."""
    if not entries:
        return [t("case.timeline_empty", lang)]
    out = ["| " + " | ".join(t(f"case.{c}", lang) for c in _TIMELINE_COLS) + " |", "|" + " --- |" * len(_TIMELINE_COLS)]
    for e in entries:
        cells = [str(e.n), e.when, e.channel, _cell(e.agent), _cell(e.reference), e.promised, e.outcome, _cell(e.note)]
        out.append("| " + " | ".join(cells) + " |")
    return out


def _show_markdown(doc: CaseShowDocument, lang: Lang) -> str:
    from walletaid.engines.complaint import case_facts, timeline_entries
    from walletaid.engines.followup import advice

    record = doc.case
    lines = [f"# {for_markdown(display_title(record, lang))}", "", f"## {t('case.show_facts', lang)}", ""]
    facts = [CaseFact(label=t("case.fact_status", lang), value=t(f"case.status_{record.status}", lang)),
             CaseFact(label=t("case.fact_created", lang), value=shown_date(record.created_at)), *case_facts(record, lang)]
    if record.feedback:
        facts.append(CaseFact(label=t("case.fact_feedback", lang), value=feedback_text(record, lang)))
    lines += _fact_lines(facts)
    lines += ["", f"## {t('case.timeline', lang)}", ""]
    lines += _timeline_table(timeline_entries(record, lang), lang)
    lines += ["", f"## {t('case.follow_up', lang)}", ""]
    lines += [f"- {line}" for line in advice(record.case_id, doc.follow_up, record.status, lang)]
    return "\n".join([*lines, ""])


# --- escalation plan -------------------------------------------------------------------------------


def _step_block(n: int, step: EscalationStep, lang: Lang) -> RenderableType:
    head = Text(clean(step.who), style="bold")
    if not step.applies_now:
        head.append(f" {t('case.step_later', lang)}", style="dim")
    contact = "; ".join(step.contact) or t("case.step_no_number", lang)
    rows: list[tuple[str, str | Text]] = []
    for key, value in (("step_contact", contact), ("step_when", step.when), ("step_ask", step.ask),
                       ("step_bring", step.bring), ("step_caveat", step.caveat)):
        if value:
            rows.append((t("case." + key, lang), Text(clean(value), style="yellow" if key == "step_caveat" else "")))
    return listing([(Text(f"{n}.", style="bold"), Group(prose(head), fields(rows, lang)))], justify_prefix="right")


def _plan_text(plan: EscalationPlan, lang: Lang) -> RenderableType:
    parts: list[RenderableType] = [prose(Text(t("case.plan_title", lang, title=clean(plan.title, keep_newlines=False)),
                                              style="bold"))]
    if plan.fraud:
        parts.append(prose(Text(t("case.plan_fraud", lang), style="bold red")))
    for n, step in enumerate(plan.steps, start=1):
        parts += [Text(""), _step_block(n, step, lang)]
    if plan.references:
        refs = ", ".join(clean(r, keep_newlines=False) for r in plan.references)
        parts += [Text(""), prose(t("case.plan_references", lang, refs=refs))]
    parts.append(section(t("case.plan_rule", lang), prose(plan.rule)))
    return Group(*parts)


def _plan_markdown(plan: EscalationPlan, lang: Lang) -> str:
    lines = [f"# {t('case.plan_title', lang, title=for_markdown(plan.title))}", ""]
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
        refs = ", ".join(for_markdown(r) for r in plan.references)
        lines += [t("case.plan_references", lang, refs=refs), ""]
    lines += [f"## {t('case.plan_rule', lang)}", "", plan.rule, ""]
    return "\n".join(lines)


# --- complaint draft -------------------------------------------------------------------------------


def render_complaint(draft: ComplaintDraft) -> str:
    """The complaint draft in Markdown, in its language: facts, full timeline, missed promises, the request, the
    deadline."""
    lang = draft.lang
    n = len(draft.timeline)
    lines = [f"# {t('case.draft_title', lang, title=for_markdown(draft.title))}", "",
             t("case.draft_to", lang, who=draft.addressee), "",
             t("case.draft_intro", lang, n=n) if n else t("case.draft_intro_none", lang), "",
             f"## {t('case.draft_facts', lang)}", "", *_fact_lines(draft.facts),
             "", f"## {t('case.draft_timeline', lang)}", "", *_timeline_table(draft.timeline, lang),
             "", f"## {t('case.draft_missed', lang)}", ""]
    for m in draft.missed:
        ref = t("case.draft_missed_ref", lang, ref=for_markdown(m.reference)) if m.reference else ""
        lines.append("- " + t("case.draft_missed_item", lang, date=m.date, ref=ref))
    if not draft.missed:
        lines.append(t("case.draft_missed_none", lang))
    lines += ["", f"## {t('case.draft_request', lang)}", ""]
    lines += [f"{i}. {for_markdown(text)}" for i, text in enumerate(draft.requests, start=1)]  # the amount is the user's
    lines += ["", f"## {t('case.draft_deadline', lang)}", "", *draft.deadline]
    if draft.phone:
        lines += ["", t("case.draft_contact_me", lang, phone=for_markdown(draft.phone))]
    lines += ["", "---", "", t("case.draft_footer", lang, date=draft.written_on), ""]
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
