"""Several walletaid processes writing to one case store at the same moment lose nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from walletaid.store import cases, db
from walletaid.store.migrations import SCHEMA_VERSION

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=8)))
CASE_ID = "WA-20261125-7KQ3"
WORKERS = 12  # started together at one signal: enough to collide on a 2-core machine

# Each worker says it is ready, then waits for the "go" file, so that all of them hit the store at once.
LOG_WORKER = textwrap.dedent(
    """
    import os, sys, time
    from datetime import datetime
    from pathlib import Path
    go = Path(sys.argv[1]); n = int(sys.argv[2])
    from walletaid.store import cases, db
    from walletaid.models.case import ContactEntryIn
    (go.parent / f"ready-{n}").touch()
    while not go.exists():
        time.sleep(0.002)
    conn = db.connect()
    cases.add_contact(conn, sys.argv[3], ContactEntryIn(channel="hotline", outcome="pending", note=f"call {n}"),
                      now=datetime.fromisoformat(sys.argv[4]))
    conn.close()
    """
)

SAVE_WORKER = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from pathlib import Path
    go = Path(sys.argv[1]); n = int(sys.argv[2])
    from walletaid.store import cases, db
    (go.parent / f"ready-{n}").touch()
    while not go.exists():
        time.sleep(0.002)
    conn = db.connect()
    doc = {"schema_version": 1, "command": "diagnose", "lang": "en", "wallet": "ecny", "symptom": "other",
           "description": f"case {n}", "case_id": None}
    cases.save_case(conn, doc, now=datetime.fromisoformat(sys.argv[4]))
    conn.close()
    """
)


def run_all_at_once(script: str, home: Path, tmp: Path) -> list[subprocess.CompletedProcess]:
    go = tmp / "go"
    env = {**os.environ, "WALLETAID_HOME": str(home)}
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(go), str(n), CASE_ID, NOW.isoformat()],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(WORKERS)
    ]
    deadline = time.monotonic() + 120
    while len(list(tmp.glob("ready-*"))) < WORKERS and time.monotonic() < deadline:
        time.sleep(0.02)  # every interpreter has started and imported walletaid
    go.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def test_case_log_processes_at_once_keep_every_entry(tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("WALLETAID_HOME", str(home))
    conn = db.connect()
    cases.save_case(conn, {"schema_version": 1, "command": "diagnose", "lang": "zh", "wallet": "ecny",
                           "symptom": "payment_failed", "case_id": CASE_ID}, now=NOW)
    results = run_all_at_once(LOG_WORKER, home, tmp_path)
    assert [r.returncode for r in results] == [0] * WORKERS, [r.stderr for r in results if r.returncode]
    contacts = cases.get_case(conn, CASE_ID).contacts
    assert len(contacts) == WORKERS
    assert sorted(c.note for c in contacts) == sorted(f"call {n}" for n in range(WORKERS))
    assert len({c.id for c in contacts}) == WORKERS
    conn.close()


def test_processes_creating_a_new_store_at_once_keep_every_case(tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "fresh"
    results = run_all_at_once(SAVE_WORKER, home, tmp_path)
    assert [r.returncode for r in results] == [0] * WORKERS, [r.stderr for r in results if r.returncode]
    monkeypatch.setenv("WALLETAID_HOME", str(home))
    conn = db.connect()
    saved = cases.list_cases(conn, now=NOW)
    assert len(saved) == WORKERS
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
