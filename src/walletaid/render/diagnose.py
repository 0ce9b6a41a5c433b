"""Show a ``Diagnosis``: Rich text for the terminal and Markdown for saving or pasting.

Urgent results open with an alarm panel and what to do right now.  Reasons quote
what the user typed, so every string is cleaned (``textsafe.clean``) and shown
as ``rich.text.Text`` (never read as markup) or in Markdown; lists wrap with a
hanging indent (``render.layout``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletaid.i18n import Lang, t
from walletaid.models.channel import ContactChannel
from walletaid.models.diagnose import Cause, Diagnosis
from walletaid.render.layout import alert, bullets, colon, listing, numbered, paren, prose, section
from walletaid.textsafe import clean, for_markdown

if TYPE_CHECKING:
    from rich.console import Group, RenderableType

LIKELIHOOD_STYLE = {"high": "bold", "medium": "yellow", "low": "dim"}
MAX_DETAILED = 2


def detailed_causes(d: Diagnosis) -> list[Cause]:
    """The causes whose steps are spelled out: the top one, and the next if it is just as likely."""
    top = d.causes[0]
    return [c for c in d.causes[:MAX_DETAILED] if c is top or c.likelihood == top.likelihood]


def _contact_line(c: ContactChannel, lang: Lang) -> str:
    note = f" — {c.note}" if c.note else ""
    head = c.name if c.value in c.name else f"{c.name}{colon(lang)}{c.value}"
    return f"{head}{note}"


def _cause_body(cause: Cause, lang: Lang) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    label = t(f"diagnose.likelihood_{cause.likelihood}", lang)
    head = Text.assemble((clean(cause.title), LIKELIHOOD_STYLE[cause.likelihood]),
                         (paren(label, lang), "dim"))
    why = [Text.assemble((t("diagnose.why", lang) + colon(lang), "dim"), clean(r)) for r in cause.reasons]
    return Group(*(prose(x) for x in (head, clean(cause.explanation), *why)))


def _causes_block(d: Diagnosis, lang: Lang) -> RenderableType:
    rows = [(f"{i}.", _cause_body(cause, lang)) for i, cause in enumerate(d.causes, 1)]
    return section(t("diagnose.heading_causes", lang), listing(rows, justify_prefix="right"),
                   style="bold underline", gap=False)


def steps_not_in_alarm(d: Diagnosis, cause: Cause) -> list[str]:
    """The cause's steps without those the alarm already gave (a lost phone's steps are the alarm)."""
    return [s for s in cause.steps if s not in d.urgent_actions]


def _claims_block(d: Diagnosis, lang: Lang) -> RenderableType:
    from rich.text import Text

    return section(t("diagnose.heading_claims", lang), bullets(f"「{clean(c)}」" if lang == "zh" else f"\u201c{clean(c)}\u201d"
                                                               for c in d.caller_claims),
                   listing([("", Text(t("diagnose.claims_note", lang), style="dim"))], indent=1), style="bold underline")


def _steps_block(d: Diagnosis, lang: Lang) -> list[RenderableType]:
    from rich.text import Text

    out: list[RenderableType] = []
    for cause in detailed_causes(d):
        steps = steps_not_in_alarm(d, cause)
        if not steps:
            continue
        body = [numbered(steps, indent=2)]
        if cause.when_to_contact:
            when = Text.assemble((t("diagnose.when_to_contact", lang) + colon(lang), "dim"), clean(cause.when_to_contact))
            body.append(listing([("", when)], indent=1))
        out.append(section(f"{t('diagnose.heading_steps', lang)}{colon(lang)}{clean(cause.title)}", *body,
                           style="bold underline"))
    return out


def alarm_heading(d: Diagnosis, lang: Lang) -> str:
    """The alarm's title: a lost phone is no scam."""
    return t("diagnose.heading_alarm_phone_lost" if d.causes[0].id == "phone_lost" else "diagnose.heading_alarm", lang)


def _contacts_block(d: Diagnosis, lang: Lang) -> RenderableType:
    return alert(t("diagnose.heading_contact", lang), bullets(_contact_line(c, lang) for c in d.contact),
                 border_style="green", heading_style="")


def render_alarm(d: Diagnosis, lang: Lang) -> Group:
    """Only the alarm and the official contacts: what the wizard shows the moment the answers show fraud."""
    from rich.console import Group

    return Group(alert(alarm_heading(d, lang), numbered(d.urgent_actions)), *([_contacts_block(d, lang)] if d.contact else []))


def render_text(d: Diagnosis, lang: Lang) -> Group:
    """The diagnosis for the terminal: alarm (when urgent), causes, steps, contacts, next steps."""
    from rich.console import Group

    parts: list[RenderableType] = []
    if d.urgent:
        parts.append(alert(alarm_heading(d, lang), numbered(d.urgent_actions)))
    parts.append(_causes_block(d, lang))
    if d.caller_claims:
        parts.append(_claims_block(d, lang))
    parts += _steps_block(d, lang)
    if d.contact:
        parts.append(_contacts_block(d, lang))
    parts.append(section(t("diagnose.heading_next", lang), numbered(d.next_steps, indent=2),
                         style="bold underline", gap=False))
    return Group(*parts)


def _md(text: str) -> str:
    """walletaid's own text (causes, steps, contacts) on one Markdown line; it may use `code`.

    Text that quotes the user (the reasons) goes through :func:`for_markdown` instead.
    """
    return clean(text, keep_newlines=False).replace("|", "\\|")


def render_markdown(d: Diagnosis, lang: Lang) -> str:
    """The same diagnosis as Markdown."""
    lines = [f"# {t('diagnose.title', lang)}", ""]
    if d.urgent:
        lines += [f"> **{alarm_heading(d, lang)}**", ">"]
        lines += [f"> {n}. {_md(a)}" for n, a in enumerate(d.urgent_actions, 1)]
        lines.append("")
    lines += [f"## {t('diagnose.heading_causes', lang)}", ""]
    for i, cause in enumerate(d.causes, 1):
        label = t(f"diagnose.likelihood_{cause.likelihood}", lang)
        lines += [f"{i}. **{_md(cause.title)}** ({label}): {_md(cause.explanation)}"]
        lines += [f"   - {t('diagnose.why', lang)}: {for_markdown(r)}" for r in cause.reasons]  # quotes the user
    lines.append("")
    if d.caller_claims:
        lines += [f"## {t('diagnose.heading_claims', lang)}", ""]
        lines += [f"- {for_markdown(c)}" for c in d.caller_claims]  # quotes the user
        lines += ["", f"*{t('diagnose.claims_note', lang)}*", ""]
    for cause in detailed_causes(d):
        steps = steps_not_in_alarm(d, cause)
        if not steps:
            continue
        lines += [f"## {t('diagnose.heading_steps', lang)}: {_md(cause.title)}", ""]
        lines += [f"{n}. {_md(s)}" for n, s in enumerate(steps, 1)]
        if cause.when_to_contact:
            lines += ["", f"*{t('diagnose.when_to_contact', lang)}:* {_md(cause.when_to_contact)}"]
        lines.append("")
    if d.contact:
        lines += [f"## {t('diagnose.heading_contact', lang)}", ""]
        lines += [f"- {_md(_contact_line(c, lang))}" for c in d.contact]
        lines.append("")
    lines += [f"## {t('diagnose.heading_next', lang)}", ""]
    lines += [f"{n}. {_md(s)}" for n, s in enumerate(d.next_steps, 1)]
    return "\n".join(lines) + "\n"
