"""Every JSON document walletaid prints starts with one envelope: ``schema_version``, ``command`` (``action``
for the case commands), ``lang``, declared once in ``models/document.py``."""

from __future__ import annotations

import importlib
import pkgutil

import pydantic

import walletaid.models
from walletaid.models.document import Document


PRINTED = {"Diagnosis", "CaseDocument", "MessageCheck", "PostureResult", "ContactsDoc", "VerifyResult",
           "CaseListDocument", "CaseShowDocument", "CaseLogDocument", "CaseActionDocument", "EscalationPlan"}


def _printed_documents() -> list[type[pydantic.BaseModel]]:
    """Every model in ``walletaid.models`` with a ``schema_version`` field: the documents walletaid prints."""
    found = {}
    for info in pkgutil.iter_modules(walletaid.models.__path__):
        module = importlib.import_module(f"walletaid.models.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, pydantic.BaseModel) and "schema_version" in value.model_fields \
                    and value.__module__ != "walletaid.models.document":
                found[value.__qualname__] = value
    return [cls for name, cls in sorted(found.items())]


def test_every_printed_document_inherits_the_one_envelope() -> None:
    documents = _printed_documents()
    assert {d.__name__ for d in documents} == PRINTED
    for cls in documents:
        assert issubclass(cls, Document), cls.__name__
        first = list(cls.model_fields)[:4]
        envelope = ["schema_version", "command", "action", "lang"] if "action" in cls.model_fields else \
            ["schema_version", "command", "lang"]
        assert first[: len(envelope)] == envelope, (cls.__name__, first)
        assert cls.model_fields["command"].default not in (None, pydantic.fields.PydanticUndefined), cls.__name__


def test_a_case_document_keeps_action_between_command_and_lang() -> None:
    from walletaid.models.case import CaseActionDocument

    text = CaseActionDocument(action="purge", lang="zh", deleted=0).model_dump_json(exclude_none=True)
    assert text == '{"schema_version":1,"command":"case","action":"purge","lang":"zh","deleted":0}'
