"""The saved cases and their contact logs: save, read, list, log a contact, close, delete.

Everything saved passes through the redactor first: the store obeys the same
privacy rules as every exported file.  The file itself, its locking and its
schema are ``store/db.py`` and ``store/migrations.py``.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import datetime
from typing import Any

from walletaid.engines.labels import case_title
from walletaid.errors import WalletaidError
from walletaid.models.case import (
    CaseFeedback,
    CaseRecord,
    CaseSummary,
    ContactEntry,
    ContactEntryIn,
    parse_promise,
)
from walletaid.store.db import checkpoint, transaction

# Keys of a case document that hold no user text and must stay byte-exact.
_FIXED_KEYS = frozenset({"schema_version", "command", "lang", "case_id", "created_at", "redactions", "evidence"})


class CaseNotFound(WalletaidError):
    """No case with this id in the store."""

    exit_code = 2

    def __init__(self, case_id: str) -> None:
        super().__init__(f"no case {case_id} in the case store")
        self.case_id = case_id

    def message(self, lang: str) -> str:
        """The error in the user's language."""
        from walletaid.i18n import t

        return t("case.err_not_found", lang, case_id=self.case_id)  # type: ignore[arg-type]


class CaseDamaged(WalletaidError):
    """A stored case whose row cannot be read (bad date, bad id, broken JSON …): skipped, never used."""

    exit_code = 2

    def __init__(self, case_id: str, reason: str) -> None:
        super().__init__(f"case {case_id} is damaged ({reason})")
        self.case_id = case_id
        self.reason = reason
        """``id`` (not a case id), ``date`` (a date or time that cannot be read) or ``data`` (any other value)."""

    def message(self, lang: str) -> str:
        """The error in the user's language, saying how to remove the case."""
        from walletaid.i18n import t

        why = t(f"case.damaged_{self.reason}", lang)  # type: ignore[arg-type]
        return t("case.err_damaged", lang, case_id=self.case_id, reason=why)  # type: ignore[arg-type]


def _redaction_dict(item: object) -> object:
    if hasattr(item, "model_dump"):
        return item.model_dump(mode="json")  # type: ignore[union-attr]
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return item


def redact_document(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every free-text value passed through the redactor again (defence in depth)."""
    from walletaid.engines.redact import redact_file_name, redact_tree

    out: dict[str, Any] = {}
    found: list[object] = []
    for key, value in document.items():
        if key == "evidence" and isinstance(value, list):
            items = []
            for index, item in enumerate(value):
                item = dict(item) if isinstance(item, dict) else {"name": str(item)}
                if isinstance(item.get("name"), str):
                    item["name"], more = redact_file_name(item["name"], f"evidence[{index}].name")
                    found.extend(more)
                items.append(item)
            out[key] = items
        elif key in _FIXED_KEYS:
            out[key] = value
        else:
            out[key], more = redact_tree(value, key)
            found.extend(more)
    if found:
        out["redactions"] = list(document.get("redactions") or []) + [_redaction_dict(r) for r in found]
    return out


def _facts(document: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """wallet, operator, symptom of a prepare-ticket or diagnose document."""
    account = document.get("account") or {}
    issue = document.get("issue") or {}
    wallet = issue.get("wallet") or account.get("wallet") or document.get("wallet")
    operator = issue.get("operator") or account.get("operator") or document.get("operator")
    symptom = issue.get("symptom") or document.get("symptom")
    return wallet, operator, symptom


def _doc_lang(document: dict[str, Any]) -> str:
    return document.get("lang") if document.get("lang") in ("zh", "en") else "en"  # type: ignore[return-value]


def save_case(conn: sqlite3.Connection, document: dict[str, Any], *, now: datetime) -> str:
    """Save (or update) a case document; return its id. Contacts of an existing case are kept.

    A document without a valid ``case_id`` gets a fresh one that no stored case uses yet.
    """
    from walletaid.store.caseid import is_case_id

    if not isinstance(document, dict):
        raise TypeError("a case document is a JSON object")
    doc = redact_document(document)
    raw_id = str(doc.get("case_id") or "")
    given = raw_id.strip().upper() if is_case_id(raw_id) else None
    doc.setdefault("created_at", now.isoformat(timespec="seconds"))
    _stamp(str(doc["created_at"]))  # a date that could not be read back is never written
    wallet, operator, symptom = _facts(doc)
    lang = _doc_lang(doc)
    row = {"created_at": str(doc["created_at"]), "lang": lang, "command": str(doc.get("command") or "case"),
           "title": case_title(wallet, operator, symptom, lang),  # type: ignore[arg-type]
           "wallet": wallet, "operator": operator, "symptom": symptom}
    with transaction(conn):
        case_id = given or _unused_id(conn, now)
        doc["case_id"] = case_id
        conn.execute(
            """INSERT INTO cases (id, created_at, status, lang, command, title, wallet, operator, symptom, document)
               VALUES (:id, :created_at, 'open', :lang, :command, :title, :wallet, :operator, :symptom, :document)
               ON CONFLICT (id) DO UPDATE SET lang = excluded.lang, command = excluded.command,
                 title = excluded.title, wallet = excluded.wallet, operator = excluded.operator,
                 symptom = excluded.symptom, document = excluded.document""",
            {**row, "id": case_id, "document": json.dumps(doc, ensure_ascii=False, sort_keys=True)},
        )
    return case_id


def _unused_id(conn: sqlite3.Connection, now: datetime) -> str:
    """A new case id that is not in the store (called inside the write transaction)."""
    from walletaid.store.caseid import new_case_id

    while True:
        case_id = new_case_id(now)
        if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
            return case_id


def _stamp(text: str) -> datetime:
    """A time stamp read back from the store (``ValueError`` when it does not parse or is absurd)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))  # Pydantic writes UTC as Z; Python 3.10 reads only +00:00
    if not 1970 <= moment.year <= 9000:  # far from the limits, so the follow-up arithmetic cannot overflow
        raise ValueError(f"time stamp out of range: {text}")
    return moment


def _contact(number: int, row: sqlite3.Row | tuple) -> ContactEntry:
    """A stored contact; its ``id`` is its number in the case (1, 2, 3 …), never the row's id in the file."""
    _, logged_at, channel, agent, reference, promised_by, outcome, note = row
    return ContactEntry(
        id=number, logged_at=_stamp(logged_at), channel=channel, agent=agent,
        reference=reference, promised_by=parse_promise(promised_by), outcome=outcome, note=note,
    )


def _contacts(conn: sqlite3.Connection, case_id: str) -> list[ContactEntry]:
    rows = conn.execute(
        "SELECT id, logged_at, channel, agent, reference, promised_by, outcome, note "
        "FROM contacts WHERE case_id = ? ORDER BY id",
        (case_id,),
    ).fetchall()
    return [_contact(n, r) for n, r in enumerate(rows, start=1)]


def _normal_id(case_id: str) -> str:
    return case_id.strip().upper()


def _stored_id(conn: sqlite3.Connection, case_id: str) -> str | None:
    """The id as stored: the usual upper-case spelling, else exactly as typed (a damaged row's id)."""
    for candidate in dict.fromkeys((_normal_id(case_id), case_id.strip())):
        if conn.execute("SELECT 1 FROM cases WHERE id = ?", (candidate,)).fetchone() is not None:
            return candidate
    return None


def _damage_kind(exc: Exception) -> str:
    """Why a row could not be read: ``date`` (a date or time), else ``data`` (a value, the JSON document)."""
    from pydantic import ValidationError

    if isinstance(exc, (ValidationError, json.JSONDecodeError, TypeError, RecursionError)):
        return "data"
    return "date"


def get_case(conn: sqlite3.Connection, case_id: str) -> CaseRecord:
    """The case and its timeline; :class:`CaseNotFound` if there is none, :class:`CaseDamaged` if unreadable."""
    from walletaid.store.caseid import is_case_id
    from walletaid.textsafe import clean

    stored = _stored_id(conn, case_id)
    if stored is None:
        raise CaseNotFound(_normal_id(case_id))
    row = conn.execute(
        "SELECT id, title, status, lang, command, wallet, operator, symptom, created_at, closed_at, feedback, document "
        "FROM cases WHERE id = ?",
        (stored,),
    ).fetchone()
    cid, title, status, lang, command, wallet, operator, symptom, created_at, closed_at, feedback, document = row
    shown = clean(str(cid), keep_newlines=False)
    if not (isinstance(cid, str) and is_case_id(cid) and cid == _normal_id(cid)):  # file names are built from it
        raise CaseDamaged(shown, "id")
    try:
        return CaseRecord(
            case_id=cid, title=title, status=status, lang=lang, command=command, wallet=wallet, operator=operator,
            symptom=symptom, created_at=_stamp(created_at), closed_at=_stamp(closed_at) if closed_at else None,
            feedback=json.loads(feedback) if feedback else None, document=json.loads(document), contacts=_contacts(conn, cid),
        )
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # pydantic's errors are ValueErrors
        raise CaseDamaged(shown, _damage_kind(exc)) from None


def list_cases_checked(conn: sqlite3.Connection, *, now: datetime, include_closed: bool = True
                       ) -> tuple[list[CaseSummary], list[CaseDamaged]]:
    """Every readable case (open ones first, newest first) with its follow-up state, and the damaged ones."""
    from walletaid.engines.followup import case_age_days, follow_up

    ids = [r[0] for r in conn.execute(
        "SELECT id FROM cases WHERE ? OR status = 'open' "
        "ORDER BY status = 'closed', created_at DESC, id DESC",
        (include_closed,),
    )]
    out, damaged = [], []
    for cid in ids:
        try:
            record = get_case(conn, cid)
        except CaseDamaged as bad:
            damaged.append(bad)
            continue
        state = follow_up(record, now=now)
        out.append(CaseSummary(
            id=record.case_id, title=record.title, wallet=record.wallet, operator=record.operator,
            symptom=record.symptom, status=record.status, created_at=record.created_at,
            age_days=case_age_days(record, now=now), next_promise=state.next_promise, overdue=state.overdue,
            contacts=len(record.contacts), needs_escalation=state.needs_escalation,
        ))
    return out, damaged


def list_cases(conn: sqlite3.Connection, *, now: datetime, include_closed: bool = True) -> list[CaseSummary]:
    """Every readable case (open ones first, newest first) with its follow-up state; damaged ones left out."""
    return list_cases_checked(conn, now=now, include_closed=include_closed)[0]


def count_cases(conn: sqlite3.Connection) -> int:
    """How many cases the store holds, damaged ones included."""
    return int(conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0])


def redact_entry(entry: ContactEntryIn) -> tuple[ContactEntryIn, list[Any]]:
    """The contact entry with its free text redacted, and what was removed (field and kind, never the value)."""
    from walletaid.engines.redact import redact_text
    from walletaid.textsafe import clean

    values = {}
    found: list[Any] = []
    for name in ("agent", "reference", "note"):
        text = getattr(entry, name)
        if text is not None:
            text, more = redact_text(clean(text, keep_newlines=name == "note"), name)
            found.extend(more)
        values[name] = text
    return entry.model_copy(update=values), found


def add_contact(conn: sqlite3.Connection, case_id: str, entry: ContactEntryIn, *, now: datetime) -> ContactEntry:
    """Log one contact with support (free text redacted); :class:`CaseNotFound` if there is no such case."""
    case_id = _normal_id(case_id)
    entry, _ = redact_entry(entry)  # the flow has told the person already; here it is defence in depth
    promise = entry.promised_by.isoformat() if entry.promised_by is not None else None
    with transaction(conn):
        if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
            raise CaseNotFound(case_id)
        cursor = conn.execute(
            "INSERT INTO contacts (case_id, logged_at, channel, agent, reference, promised_by, outcome, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (case_id, now.isoformat(timespec="seconds"), entry.channel, entry.agent, entry.reference, promise,
             entry.outcome, entry.note),
        )
        number = conn.execute("SELECT COUNT(*) FROM contacts WHERE case_id = ? AND id <= ?",
                              (case_id, cursor.lastrowid)).fetchone()[0]
    return ContactEntry(id=int(number), logged_at=datetime.fromisoformat(now.isoformat(timespec="seconds")),
                        **entry.model_dump())


def close_case(conn: sqlite3.Connection, case_id: str, *, now: datetime, feedback: CaseFeedback | None = None) -> None:
    """Mark a case closed (its record and timeline are kept), with the person's feedback if given (already redacted)."""
    case_id = _normal_id(case_id)
    kept = feedback.model_dump_json(exclude_none=True) if feedback and (feedback.rating or feedback.helped) else None
    with transaction(conn):
        cursor = conn.execute(
            "UPDATE cases SET status = 'closed', closed_at = ?, feedback = ? WHERE id = ?",
            (now.isoformat(timespec="seconds"), kept, case_id),
        )
        if cursor.rowcount == 0:
            raise CaseNotFound(case_id)


def delete_case(conn: sqlite3.Connection, case_id: str) -> None:
    """Remove a case and its timeline from the store (overwritten in the file: ``secure_delete``)."""
    with transaction(conn):
        case_id = _stored_id(conn, case_id) or _normal_id(case_id)
        conn.execute("DELETE FROM contacts WHERE case_id = ?", (case_id,))
        if conn.execute("DELETE FROM cases WHERE id = ?", (case_id,)).rowcount == 0:
            raise CaseNotFound(case_id)
    checkpoint(conn)


def purge(conn: sqlite3.Connection) -> int:
    """Remove every case; return how many there were."""
    with transaction(conn):
        conn.execute("DELETE FROM contacts")
        count = conn.execute("DELETE FROM cases").rowcount
    checkpoint(conn)
    return count
