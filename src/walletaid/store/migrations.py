"""The case store's schema, versioned with ``PRAGMA user_version`` and upgraded step by step.

``MIGRATIONS[i]`` takes a database from version ``i`` to ``i + 1``.  Never edit
a released migration: append a new one.  A database written by a newer
walletaid (``user_version`` above what this code knows) is refused, so an old
binary never damages data it does not understand.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from walletaid.errors import WalletaidError


class StoreTooNew(WalletaidError):
    """The database was written by a newer walletaid."""

    exit_code = 2

    def __init__(self, found: int, known: int) -> None:
        super().__init__(
            f"the case store has schema version {found}, but this walletaid knows only up to {known}: "
            "upgrade walletaid (the store was left untouched)"
        )
        self.found = found
        self.known = known

    def message(self, lang: str) -> str:
        """The refusal in the user's language."""
        from walletaid.i18n import t

        return t("case.err_store_too_new", lang, found=self.found, known=self.known)  # type: ignore[arg-type]


def _v1_tables(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            lang TEXT NOT NULL,
            command TEXT NOT NULL,
            title TEXT NOT NULL,
            wallet TEXT,
            operator TEXT,
            symptom TEXT,
            document TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE contacts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            logged_at TEXT NOT NULL,
            channel TEXT NOT NULL,
            agent TEXT,
            reference TEXT,
            promised_by TEXT,
            outcome TEXT NOT NULL,
            note TEXT
        )"""
    )


def _v2_closed_at_and_index(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE cases ADD COLUMN closed_at TEXT")
    conn.execute("CREATE INDEX contacts_by_case ON contacts (case_id, id)")


def _v3_feedback(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE cases ADD COLUMN feedback TEXT")  # JSON: rating and what helped, given at close


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1_tables, _v2_closed_at_and_index, _v3_feedback]
SCHEMA_VERSION = len(MIGRATIONS)


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return {name for (name,) in rows}


def check_ours(conn: sqlite3.Connection) -> None:
    """Refuse (untouched) a database that is not a walletaid case store: its tables are not ours."""
    from walletaid.faults import StoreError

    if not {"cases", "contacts"} <= _tables(conn):
        raise StoreError("foreign")


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version stored in the database file."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target`` in one ``BEGIN IMMEDIATE`` transaction; return the version.

    The version is re-read inside the write lock, so two processes opening a new
    store at the same moment run each migration once.  Another program's
    database, or one whose tables do not fit its version, is refused untouched.
    """
    from walletaid.faults import StoreError

    if user_version(conn) == target:
        check_ours(conn)
        return target
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = user_version(conn)
        if found > SCHEMA_VERSION:
            raise StoreTooNew(found, SCHEMA_VERSION)
        if found == 0 and _tables(conn):
            raise StoreError("foreign")
        if found > 0:
            check_ours(conn)
        for step in MIGRATIONS[found:target]:
            try:
                step(conn)
            except sqlite3.OperationalError:  # e.g. a column the version says is not there yet, but is
                raise StoreError("mismatch", found=found) from None
        if found < target:
            conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return max(found, target)
