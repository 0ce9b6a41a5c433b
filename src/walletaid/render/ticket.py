"""The case document on screen (Rich) and as Markdown ready to paste into an e-mail or chat.

Pure: both functions take a :class:`CaseDocument` and return what to show.
The document is already masked and redacted; every user-supplied text still
goes through :func:`clean` and is shown on screen as ``rich.text.Text`` (never
read as markup, laid out by ``render.layout``) or written into Markdown.
"""

from __future__ import annotations

from typing import Any

from walletaid.i18n import Lang, t
from walletaid.models.ticket import CaseDocument
from walletaid.render.layout import alert, bullets, colon, fields, indented, numbered, prose, section
from walletaid.textsafe import clean, for_markdown

Rows = list[tuple[str, str]]


def _choice_label(question_id: str, value: str | None, lang: Lang) -> str | None:
    """The label the diagnose questions show for ``value`` (the value itself when unknown)."""
    if value is None:
        return None
    from walletaid.forms.diagnose import diagnose_questions

    for question in diagnose_questions():
        if question.id == question_id:
            for choice in question.choices:
                if choice.value == value:
                    return choice.label.get(lang)
    return value


def _label(key: str, lang: Lang) -> str:
    return t(f"ticket.label_{key}", lang)


def _pairs(pairs: list[tuple[str, Any]], lang: Lang) -> Rows:
    return [(_label(key, lang), str(value)) for key, value in pairs if value not in (None, "", [])]


def _occurred(doc: CaseDocument) -> str:
    issue = doc.issue
    if not issue.timezone:
        return issue.occurred_at
    day, _, clock = issue.occurred_at.partition("T")
    return f"{day} {clock[: -len(issue.timezone)]} (UTC{issue.timezone})"


def sections(doc: CaseDocument, lang: Lang) -> list[tuple[str, Rows]]:
    """The case's sections as (title, [(label, value)]), values not yet escaped; empty sections left out."""
    issue, account, device = doc.issue, doc.account, doc.device
    out = [
        (t("ticket.sec_account", lang), _pairs([("phone", account.phone), ("email", account.email),
                                                ("account_name", account.account_name)], lang)),
        (t("ticket.sec_issue", lang), _pairs([
            ("wallet", _choice_label("wallet", issue.wallet, lang)),
            ("operator", _choice_label("operator", issue.operator, lang)),
            ("symptom", _choice_label("symptom", issue.symptom, lang)),
            ("occurred_at", _occurred(doc)),
            ("error_message", issue.error_message),
            ("description", issue.description),
            ("network", _choice_label("network", issue.network, lang)),
            ("app_updated", _choice_label("app_updated", issue.app_updated, lang)),
        ], lang)),
    ]
    if doc.transaction is not None:
        money = doc.transaction
        out.append((t("ticket.sec_transaction", lang), _pairs([
            ("amount", f"{money.amount} {money.currency}" if money.amount else None),
            ("counterparty", money.counterparty), ("transaction_id", money.transaction_id)], lang)))
    out.append((t("ticket.sec_device", lang), _pairs([
        ("device_brand", device.brand), ("device_model", device.model), ("os", device.os),
        ("os_version", device.os_version), ("app_version", device.app_version)], lang)))
    return [(title, rows) for title, rows in out if rows]


def _evidence_lines(doc: CaseDocument, lang: Lang) -> list[str]:
    return [t("ticket.evidence_line", lang, name=e.name, size=e.size, sha=e.sha256) for e in doc.evidence]


def _contact_lines(doc: CaseDocument, lang: Lang) -> list[str]:
    return [c.name if c.value in c.name else f"{c.name}{colon(lang)}{c.value}" for c in doc.diagnosis.contact if c.official]


def _redaction_lines(doc: CaseDocument, lang: Lang) -> list[str]:
    from walletaid.engines.redact import explain
    from walletaid.fieldnames import labelled

    return explain(labelled(list(doc.redactions), lang), lang)  # duck-typed: field, kind, action


def _case_block(doc: CaseDocument, lang: Lang) -> list[Any]:
    """The case's sections as "label: value" rows, the steps numbered under the issue."""
    out: list[Any] = []
    for title, rows in sections(doc, lang):
        shown: list[tuple[str, Any]] = list(rows)
        if title == t("ticket.sec_issue", lang) and doc.issue.steps:
            shown.append((_label("steps", lang), numbered(doc.issue.steps)))
        out.append(section(title, fields(shown, lang, indent=2, label_style="dim")))
    return out


def _missing_block(doc: CaseDocument, lang: Lang) -> Any:
    from rich.console import Group
    from rich.text import Text

    if not doc.missing:
        return indented(prose(t("ticket.nothing_missing", lang)), 2)
    return bullets((Group(prose(m.what), prose(Text(clean(m.why), style="dim"))) for m in doc.missing), indent=2)


def _diagnosis_block(doc: CaseDocument, lang: Lang) -> Any:
    from rich.console import Group
    from rich.text import Text

    top = doc.diagnosis.causes[0]
    body = Group(prose(Text(clean(top.title), style="bold")), prose(Text(clean(top.explanation), style="dim")))
    return section(t("ticket.sec_diagnosis", lang), indented(body, 2))


def render_text(doc: CaseDocument, lang: Lang) -> Any:
    """A Rich ``Group``: alarm (if urgent), the case, what is missing, the diagnosis, channels, opener, checklist."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.text import Text

    parts: list[Any] = [Rule(Text(t("ticket.title", lang, case_id=doc.case_id)), style="bold")]
    if doc.diagnosis.urgent:
        actions = list(doc.diagnosis.urgent_actions) or [doc.diagnosis.causes[0].title]
        parts.append(alert(t("ticket.urgent", lang), bullets(actions)))
    parts += _case_block(doc, lang)
    evidence = _evidence_lines(doc, lang)
    parts.append(section(t("ticket.sec_evidence", lang), bullets(evidence, indent=2) if evidence
                         else indented(prose(t("ticket.no_evidence", lang)), 2)))
    parts.append(section(t("ticket.sec_missing", lang), _missing_block(doc, lang), style="bold yellow"))
    parts.append(_diagnosis_block(doc, lang))
    contacts = _contact_lines(doc, lang)
    parts.append(section(t("ticket.sec_contact", lang), bullets(contacts, indent=2) if contacts
                         else indented(prose(t("ticket.no_contact", lang)), 2)))
    opener = ("" if lang == "zh" else " ").join(doc.opener)
    parts.append(alert(t("ticket.sec_opener", lang), prose(opener), border_style="cyan", heading_style=""))
    if doc.talk_tips:
        parts.append(section(t("ticket.sec_talk", lang), bullets(doc.talk_tips, indent=2)))
    parts.append(section(t("ticket.sec_write_down", lang), bullets(doc.write_down, mark="☐", indent=2), gap=False))
    parts.append(section(t("ticket.safety", lang), style="bold red"))
    redactions = _redaction_lines(doc, lang)
    if redactions:
        parts.append(section(t("ticket.sec_redactions", lang), bullets(redactions, indent=2)))
    return Group(*parts)


def _md(text: str) -> str:
    """User text for Markdown: cleaned, on one line, its Markdown syntax escaped."""
    return for_markdown(text).strip()


def render_markdown(doc: CaseDocument, lang: Lang) -> str:
    """The case as Markdown, ready to paste into an e-mail or chat (masked and redacted like the JSON)."""
    lines = [f"# {t('ticket.md_title', lang, case_id=doc.case_id)}", "", f"> {t('ticket.md_note', lang)}", "",
             t("ticket.md_prepared", lang, time=doc.created_at.isoformat(timespec="minutes")), ""]
    if doc.diagnosis.urgent:  # the same alarm the screen opens with: 110 and freezing come first
        actions = list(doc.diagnosis.urgent_actions) or [doc.diagnosis.causes[0].title]
        lines += [f"> **{t('ticket.urgent', lang)}**", ">"] + [f"> {n}. {_md(a)}" for n, a in enumerate(actions, 1)] + [""]
    lines += [f"> {_md(sentence)}" for sentence in doc.opener] + [""]
    for title, rows in sections(doc, lang):
        lines += [f"## {title}", ""] + [f"- **{label}**: {_md(value)}" for label, value in rows] + [""]
        if title == t("ticket.sec_issue", lang) and doc.issue.steps:
            lines += [f"**{_label('steps', lang)}**", ""]
            lines += [f"{i}. {_md(step)}" for i, step in enumerate(doc.issue.steps, 1)] + [""]
    if doc.evidence:
        lines += [f"## {t('ticket.sec_evidence', lang)}", "", t("ticket.md_evidence_note", lang), ""]
        lines += [f"- {_md(line)}" for line in _evidence_lines(doc, lang)] + [""]
    lines += ["---", "", f"*{t('ticket.md_notes', lang)}*", ""]
    if doc.missing:
        lines += [f"## {t('ticket.sec_missing', lang)}", ""]
        lines += [f"- **{_md(m.what)}**: {_md(m.why)}" for m in doc.missing] + [""]
    if doc.talk_tips:
        lines += [f"## {t('ticket.sec_talk', lang)}", ""] + [f"- {_md(item)}" for item in doc.talk_tips] + [""]
    lines += [f"## {t('ticket.sec_write_down', lang)}", ""] + [f"- [ ] {_md(item)}" for item in doc.write_down]
    return "\n".join(lines).rstrip() + "\n"
