"""Drafts: the answers of an interrupted wizard, kept so the next run can resume them.

A draft lives in ``<data folder>/drafts/<command>.json`` (0600).  Privacy
rules apply: free text is redacted before it is saved, and the phone number
and e-mail are never kept (they are asked again on resume).  Evidence paths are
kept as they are: they name local files the user chose, and a redacted path
would make resume report the file missing.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from walletaid.files.write import write_atomic
from walletaid.store.paths import data_dir

NOT_KEPT = ("phone", "email")
KEPT_AS_IS = ("evidence",)


def draft_path(command: str) -> Path:
    """Where the draft of ``command`` is kept."""
    folder = data_dir() / "drafts"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder / f"{command}.json"


def save(command: str, answers: dict[str, Any], *, now: datetime | None = None) -> None:
    """Keep ``answers`` as the draft of ``command`` (redacted; phone and e-mail left out); ``OSError`` if it cannot."""
    from walletaid.engines.redact import redact_tree

    kept = {k: v for k, v in answers.items() if k not in NOT_KEPT + KEPT_AS_IS}
    kept, _ = redact_tree(kept)
    kept.update({k: answers[k] for k in KEPT_AS_IS if k in answers})
    saved_at = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    payload = {"command": command, "saved_at": saved_at, "answers": kept}
    # Parsed answers can be datetimes or Decimals: kept as text, which the same questions parse again.
    data = json.dumps(payload, ensure_ascii=False, default=str)
    write_atomic(draft_path(command), data.encode("utf-8"), force=True)


def load(command: str) -> tuple[str, dict[str, Any]] | None:
    """``(saved_at, answers)`` of the draft of ``command``, or None (a damaged or unreadable draft is ignored)."""
    try:
        payload = json.loads(draft_path(command).read_text(encoding="utf-8"))
        answers = payload["answers"]
        if not isinstance(answers, dict) or not answers:
            return None
        return str(payload.get("saved_at", "")), answers
    except (OSError, ValueError, KeyError, TypeError):
        return None


def discard(command: str) -> None:
    """Remove the draft of ``command`` (after a finished run, or ``--fresh``); a data folder in trouble is let be."""
    try:
        draft_path(command).unlink(missing_ok=True)
    except OSError:
        pass
