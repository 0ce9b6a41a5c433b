"""Field names as people read them: ``phone`` → 手机号, ``issue.steps[1]`` → 操作步骤（第 2 项）.

Lists shown to the person (what was masked or removed, and why) name the field in the run's language; the
answers key stays in JSON and files, where scripts read it.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from walletaid.i18n import Lang, catalogue, t

_PATH = re.compile(r"^(?:.*\.)?([a-z_]+)(?:\[(\d+)\])?$")
_AREAS = (("ticket", "label_{}"), ("case", "col_{}"), ("case", "fact_{}"))


def field_label(path: str, lang: Lang) -> str:
    """The name of the field at ``path`` (an answers key or a dotted path) in ``lang``; the path when unknown."""
    found = _PATH.match(path or "")
    if not found:
        return path
    key, index = found.groups()
    key = {"name": "evidence"}.get(key, key) if path.startswith("evidence") else key
    label = next((catalogue(area)[lang][pattern.format(key)] for area, pattern in _AREAS
                  if pattern.format(key) in catalogue(area)[lang]), path)
    return t("ticket.label_item", lang, label=label, n=int(index) + 1) if index is not None else label


def labelled(redactions: list[Any], lang: Lang) -> list[Any]:
    """Redaction records (field, kind, action) with each field named in ``lang``, for :func:`explain`."""
    return [SimpleNamespace(field=field_label(item.field, lang) if item.field else item.field, kind=item.kind,
                            action=item.action) for item in redactions]
