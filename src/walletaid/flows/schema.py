"""``walletaid schema NAME``: the JSON Schema of an answers file or of the case document.

The answers schemas come from the answers models, completed from the questions the wizard asks (one
definition drives both): every field that takes one of a fixed set of values lists all of them, and says
in words what it asks.  ``--format text`` / ``markdown`` show the same fields as a list for people.
"""

from __future__ import annotations

import importlib
from typing import Any

from walletaid.errors import InputError, Problem
from walletaid.flows.common import Format
from walletaid.i18n import Lang, t

SCHEMAS = {
    "answers-diagnose": ("walletaid.models.diagnose", "DiagnoseAnswers"),
    "answers-ticket": ("walletaid.models.ticket", "TicketAnswers"),
    "answers-security": ("walletaid.models.posture", "PostureAnswers"),
    "case": ("walletaid.models.ticket", "CaseDocument"),
    "diagnosis": ("walletaid.models.diagnose", "Diagnosis"),
}
QUESTIONS = {
    "answers-diagnose": ("walletaid.forms.diagnose", "diagnose_questions"),
    "answers-ticket": ("walletaid.forms.ticket", "ticket_questions"),
    "answers-security": ("walletaid.forms.security", "posture_questions"),
}


def _allow(node: dict[str, Any], values: list[str], many: bool) -> None:
    """Let ``node`` (a property, maybe ``anyOf`` with null) take exactly ``values`` (a list of them if ``many``)."""
    for branch in node.get("anyOf", [node]):
        if branch.get("type") == "null":
            continue
        if many:
            branch["type"] = "array"
            branch["items"] = {"type": "string", "enum": values}
        else:
            branch.pop("$ref", None)
            branch.update({"type": "string", "enum": values})


def with_questions(document: dict[str, Any], name: str, lang: Lang = "en") -> dict[str, Any]:
    """An answers schema completed from its questions: every allowed value listed, every field described
    (in ``lang``: English for the JSON Schema itself, the reader's language for the list shown to people)."""
    if name not in QUESTIONS:
        return document
    module_name, function = QUESTIONS[name]
    questions = getattr(importlib.import_module(module_name), function)()
    properties = document.get("properties", {})
    for question in questions:
        node = properties.get(question.id)
        if node is None:
            continue
        described = question.prompt.get(lang)
        if question.choices:
            values = question.choice_values()
            _allow(node, values, many=question.kind == "checkbox")
            how = "flows.schema_any_of" if question.kind == "checkbox" else "flows.schema_one_of"
            described += t(how, lang, values=", ".join(values))
        if question.when:
            asked = t("flows.schema_or", lang).join(
                t("flows.schema_is", lang, name=key, values=" / ".join(allowed)) for key, allowed in question.when.items())
            described += t("flows.schema_asked_when", lang, conditions=asked)
        node["description"] = described
    return document


_TYPES: dict[str, str] = {}


def _rows(document: dict[str, Any]) -> list[tuple[str, bool, str, str]]:
    """(field, required, allowed values or type, description) of each property, in order."""
    required = set(document.get("required", []))
    rows = []
    for key, node in document.get("properties", {}).items():
        branches = [b for b in node.get("anyOf", [node]) if b.get("type") != "null"]
        kinds = []
        for branch in branches:
            values = branch.get("enum") or (branch.get("items") or {}).get("enum")
            if values:
                kinds.append(" | ".join(str(v) for v in values))
            elif "const" in branch:
                kinds.append(str(branch["const"]))
            else:
                kinds.append(str(branch.get("type") or branch.get("$ref", "").rsplit("/", 1)[-1] or "object"))
                kinds[-1] = _TYPES.get(kinds[-1], kinds[-1])
        rows.append((key, key in required, " / ".join(kinds), str(node.get("description", "")).replace("\n", " ")))
    return rows


def _markdown(name: str, document: dict[str, Any], lang: Lang) -> str:
    heads = [t(f"flows.schema_col_{c}", lang) for c in ("field", "required", "allowed", "description")]
    lines = [f"# {name}", "", "| " + " | ".join(heads) + " |", "|" + " --- |" * len(heads)]
    for key, needed, allowed, about in _rows(document):
        yes = t("flows.schema_required", lang) if needed else ""
        cells = [f"`{key}`", yes, allowed.replace("|", "\\|"), about.replace("|", "\\|")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join([*lines, ""])


def _text(name: str, document: dict[str, Any], lang: Lang) -> Any:
    from rich.console import Group
    from rich.text import Text

    from walletaid.render.layout import fields, prose

    parts: list[Any] = [prose(Text(name, style="bold"))]
    for key, needed, allowed, about in _rows(document):
        head = Text(key, style="bold")
        if needed:
            head.append(t("flows.schema_required_after", lang))  # full-width brackets in Chinese
        rows = [(t("flows.schema_col_allowed", lang), allowed)]
        if about:
            rows.append((t("flows.schema_col_description", lang), about))
        parts += [Text(""), prose(head), fields(rows, lang, indent=2)]
    return Group(*parts)


def run(*, lang: Lang, fmt: Format, name: str) -> int:
    """Print the schema called ``name``."""
    if name not in SCHEMAS:
        raise InputError([Problem("NAME", t("flows.unknown_schema", lang, names=", ".join(SCHEMAS)))],
                         nothing_written=False)
    module_name, model_name = SCHEMAS[name]
    model = getattr(importlib.import_module(module_name), model_name)
    from walletaid.render import console

    document = with_questions(model.model_json_schema(), name, "en" if fmt == "json" else lang)
    document.setdefault("$id", f"walletaid:{name}")
    _TYPES.clear()
    _TYPES.update({kind: t(f"flows.schema_type_{kind}", lang) for kind in ("string", "array", "integer", "number",
                                                                           "boolean", "object")})
    if fmt == "json":
        console.print_json(document)
    elif fmt == "markdown":
        console.print_markdown(_markdown(name, document, lang))
    else:
        console.print_renderable(_text(name, document, lang))
    return 0
