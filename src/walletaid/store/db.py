"""The case store's SQLite file: where it lives, how it is opened, and how a write takes its lock.

The file lives in the data folder (``WALLETAID_HOME`` or the platform's user
data folder, 0700) and is created 0600.  WAL journaling, a 10-second busy
timeout and ``BEGIN IMMEDIATE`` write transactions let several walletaid
processes write at once without losing an entry.  ``secure_delete`` is on, so
deleted cases are overwritten in the file, not just unlinked.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from walletaid.store.migrations import migrate

STORE_NAME = "cases.sqlite3"
BUSY_TIMEOUT_S = 10.0


def default_path() -> Path:
    """``<data folder>/cases.sqlite3``."""
    from walletaid.store.paths import data_dir

    return data_dir() / STORE_NAME


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL once; retry while another process holds the lock.

    SQLite may answer ``database is locked`` to a journal-mode change at once,
    without waiting for the busy timeout (seen when 20 processes open a new
    store together), so the wait is done here. WAL is persistent: later opens
    find it set and change nothing.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open (creating 0600 if needed) and migrate the case store."""
    path = Path(path) if path is not None else default_path()
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        _enable_wal(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction that takes the lock up front (no upgrade deadlocks between processes)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def checkpoint(conn: sqlite3.Connection) -> None:
    """Move the WAL into the main file and empty it, so deleted text does not linger in the journal."""
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError:
        pass  # another process is reading; its next checkpoint does it
