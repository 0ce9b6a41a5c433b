"""A store that survives bad rows (issue 13, item 3): validated before writing, damaged rows skipped, ids re-checked.

A year-9999 promise used to be saved and then crash every later command; one unreadable row blocked
``case list`` and ``case purge`` for every case; a tampered id (``../../PWNED``) wrote exports outside ``--out``.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inproc import run_app
from walletaid.store import cases, db

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=8)))
GOOD, BAD = "WA-20261125-7KQ3", "WA-20261125-8MNP"


def _doc(case_id: str) -> dict:
    return {"schema_version": 1, "command": "diagnose", "lang": "en", "case_id": case_id,
            "created_at": NOW.isoformat(), "wallet": "ecny", "symptom": "payment_failed", "causes": []}


@pytest.fixture()
def stored(home: Path) -> Path:
    """Two saved cases; returns the store file."""
    with closing(db.connect()) as conn:
        for case_id in (GOOD, BAD):
            cases.save_case(conn, _doc(case_id), now=NOW)
    return home / db.STORE_NAME


def _tamper(path: Path, sql: str, *params: object) -> None:
    with closing(sqlite3.connect(path)) as raw:
        raw.execute(sql, params)
        raw.commit()


def _contacts(case_id: str) -> list:
    return json.loads(run_app("case", "show", case_id, "--format", "json").out)["case"]["contacts"]


@pytest.mark.parametrize("lang, word", [("en", "2099"), ("zh", "2099 年")])
def test_a_year_9999_promise_is_refused_and_nothing_is_written(stored: Path, lang: str, word: str) -> None:
    r = run_app("case", "log", GOOD, "--channel", "hotline", "--outcome", "pending", "--promised-by", "9999-12-31",
                "--lang", lang)
    assert r.code == 2 and "promised_by" in r.err and word in r.err.replace("\n", "")
    assert _contacts(GOOD) == []
    assert run_app("case", "list").code == 0 and run_app("case", "escalate", GOOD).code == 0


def test_a_damaged_row_is_skipped_and_named_never_blocking_the_others(stored: Path) -> None:
    _tamper(stored, "INSERT INTO contacts (case_id, logged_at, channel, outcome, promised_by) "
                   "VALUES (?, '2026-11-25T10:00:00+08:00', 'hotline', 'pending', '9999-12-31')", BAD)
    r = run_app("case", "list")
    assert r.code == 0 and GOOD in r.out
    said = " ".join((r.out + r.err).split())
    assert f"1 damaged case(s) could not be read and were skipped: {BAD}" in said
    assert "walletaid case delete ID" in said and "walletaid case purge" in said
    doc = json.loads(run_app("case", "list", "--format", "json").out)
    assert [c["id"] for c in doc["cases"]] == [GOOD] and doc["damaged"] == [{"id": BAD, "reason": "date"}]


@pytest.mark.parametrize("command", [["show"], ["escalate"], ["log", "--channel", "hotline", "--outcome", "pending"]])
def test_a_damaged_case_is_refused_with_how_to_remove_it(stored: Path, command: list[str]) -> None:
    _tamper(stored, "UPDATE cases SET document = '{not json' WHERE id = ?", BAD)
    r = run_app("case", command[0], BAD, *command[1:], "--lang", "zh")
    assert r.code == 2 and "已损坏" in r.err and f"walletaid case delete {BAD}" in r.err.replace("\n", "")
    assert "Traceback" not in r.err and run_app("case", "show", GOOD).code == 0


def test_purge_and_delete_still_work_with_damaged_rows(stored: Path) -> None:
    _tamper(stored, "UPDATE cases SET created_at = 'yesterday' WHERE id = ?", BAD)
    assert run_app("case", "delete", BAD, "--yes").code == 0
    _tamper(stored, "UPDATE cases SET lang = 'klingon' WHERE id = ?", GOOD)
    r = run_app("case", "purge", "--yes")
    assert r.code == 0 and "1 case(s) deleted" in r.err
    assert json.loads(run_app("case", "list", "--format", "json").out)["cases"] == []


@pytest.mark.parametrize("command", [["export"], ["escalate"]])
def test_a_tampered_id_never_builds_a_path_outside_out(stored: Path, tmp_path: Path, command: list[str]) -> None:
    _tamper(stored, "UPDATE cases SET id = '../../PWNED' WHERE id = ?", BAD)
    out = tmp_path / "a" / "b"
    out.mkdir(parents=True)
    before = set(tmp_path.rglob("*"))
    r = run_app("case", command[0], "../../PWNED", "--out", str(out))
    assert r.code == 2 and "../../PWNED" in r.err
    assert set(tmp_path.rglob("*")) - before <= {stored.with_name(stored.name + s) for s in ("-wal", "-shm")}
    listed = json.loads(run_app("case", "list", "--format", "json").out)
    assert listed["damaged"] == [{"id": "../../PWNED", "reason": "id"}]
    assert run_app("case", "delete", "../../PWNED", "--yes").code == 0
    assert json.loads(run_app("case", "list", "--format", "json").out)["damaged"] == []
