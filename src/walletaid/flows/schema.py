"""``walletaid schema NAME``: the JSON Schema of an answers file or of the case document."""

from __future__ import annotations

import importlib

from walletaid.errors import InputError, Problem
from walletaid.i18n import Lang, t

SCHEMAS = {
    "answers-diagnose": ("walletaid.models.diagnose", "DiagnoseAnswers"),
    "answers-ticket": ("walletaid.models.ticket", "TicketAnswers"),
    "answers-security": ("walletaid.models.posture", "PostureAnswers"),
    "case": ("walletaid.models.ticket", "CaseDocument"),
    "diagnosis": ("walletaid.models.diagnose", "Diagnosis"),
}


def run(*, lang: Lang, name: str) -> int:
    """Print the schema called ``name``."""
    if name not in SCHEMAS:
        raise InputError([Problem("NAME", t("flows.unknown_schema", lang, names=", ".join(SCHEMAS)))])
    module_name, model_name = SCHEMAS[name]
    model = getattr(importlib.import_module(module_name), model_name)
    from walletaid.console import print_json

    document = model.model_json_schema()
    document.setdefault("$id", f"walletaid:{name}")
    print_json(document)
    return 0
