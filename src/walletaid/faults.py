"""Faults of the machine, not of the input: the case store, the data folder, a full disk, output that cannot be written.

Each becomes one calm sentence (exit 2) in the user's language saying what happened, what was and was not
written, and what to do (``messages/faults.json``). :func:`opened` is how flows reach the case store: every
fault of the data folder or of SQLite inside it comes out as a :class:`StoreError`.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from walletaid.errors import EXIT_USAGE, WalletaidError

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


class StoreError(WalletaidError):
    """The case store or the data folder cannot be used; ``kind`` says why, ``outcome`` what became of the data."""

    exit_code = EXIT_USAGE

    def __init__(self, kind: str, path: Path | None = None, outcome: str = "nothing", **fields: object) -> None:
        super().__init__(f"case store: {kind}")
        self.kind = kind
        self.path = path
        self.outcome = outcome
        self.fields = fields

    def with_outcome(self, outcome: str, **fields: object) -> StoreError:
        """The same fault, told with what the interrupted command did or did not write."""
        return StoreError(self.kind, self.path, outcome, **{**self.fields, **fields})

    def message(self, lang: str) -> str:
        """One sentence: what happened; what was and was not written; what to do."""
        from walletaid.i18n import t

        from walletaid.store.db import BUSY_TIMEOUT_S

        values = {"path": str(self.path or ""), "seconds": int(BUSY_TIMEOUT_S), **self.fields}
        parts = {part: t(f"faults.{part}_{key}", lang, **values)  # type: ignore[arg-type]
                 for part, key in (("what", self.kind), ("outcome", self.outcome), ("todo", self.kind))}
        return t("faults.sentence", lang, **parts)  # type: ignore[arg-type]


class WriteFailed(WalletaidError):
    """A file could not be written to ``--out`` (full disk, read-only, not a real folder …); nothing was left there."""

    exit_code = EXIT_USAGE

    def __init__(self, folder: Path, exc: OSError) -> None:
        super().__init__(f"cannot write to {folder}: {exc}")
        self.folder = folder
        self.errno = exc.errno

    def message(self, lang: str) -> str:
        """One sentence in the user's language."""
        from walletaid.i18n import t

        return t("faults.write_failed", lang, path=str(self.folder), why=why(self.errno, lang))  # type: ignore[arg-type]


class OutputFailed(WalletaidError):
    """Standard output cannot be written (``> /dev/full``, a full disk)."""

    exit_code = EXIT_USAGE

    def __init__(self, exc: OSError) -> None:
        super().__init__(f"cannot write the output: {exc}")
        self.errno = exc.errno

    def message(self, lang: str) -> str:
        """One sentence in the user's language."""
        from walletaid.i18n import t

        return t("faults.output_failed", lang, why=why(self.errno, lang))  # type: ignore[arg-type]


def why(number: int | None, lang: str) -> str:
    """A short reason for an ``OSError`` number, in the user's language."""
    from walletaid.i18n import t

    if number in _FULL:
        key = "full"
    elif number in _DENIED:
        key = "denied"
    elif number in (errno.ENOENT, errno.ENOTDIR):
        key = "missing"
    else:
        return os.strerror(number) if number else "?"
    return t(f"faults.why_{key}", lang)  # type: ignore[arg-type]


def _disk_full(folder: Path) -> bool:
    try:
        return os.statvfs(folder).f_bavail == 0
    except OSError:
        return False


def from_os_error(exc: OSError, path: Path) -> StoreError:
    """The store fault behind an ``OSError`` raised while opening the data folder or the store file."""
    folder = path.parent
    if exc.errno in _FULL:
        return StoreError("full", path)
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) or (folder.exists() and not folder.is_dir()):
        return StoreError("home_not_folder", folder)
    if exc.errno in _DENIED:
        writable_folder = folder.is_dir() and os.access(folder, os.W_OK)
        if path.exists() and writable_folder:
            return StoreError("readonly", path)
        return StoreError("home_unwritable", folder)
    return StoreError("io", path, detail=exc.strerror or str(exc))


def from_sqlite_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """The store fault behind a SQLite error."""
    text = f"{getattr(exc, 'sqlite_errorname', '')} {exc}".lower()
    if "locked" in text or "busy" in text:
        return StoreError("busy", path)
    if "full" in text or ("i/o" in text and _disk_full(path.parent)):
        return StoreError("full", path)
    if "readonly" in text or "read-only" in text:
        return StoreError("readonly", path)
    if "not a database" in text or "notadb" in text or "malformed" in text or "corrupt" in text:
        return StoreError("corrupt", path)
    if "no such table" in text or "no such column" in text:
        return StoreError("foreign", path)
    if "unable to open" in text or "cantopen" in text:
        return from_os_error(PermissionError(errno.EACCES, "cannot open"), path)
    return StoreError("io", path, detail=str(exc))


def _classified(exc: BaseException, path: Path) -> StoreError | None:
    if isinstance(exc, StoreError):
        return exc if exc.path is not None else StoreError(exc.kind, path, exc.outcome, **exc.fields)
    if isinstance(exc, sqlite3.Error):
        return from_sqlite_error(exc, path)
    return None


def _read_as_is(path: Path) -> sqlite3.Connection | None:
    """The store opened read-only as the file stands (no lock, no ``-shm``), or None when that could miss data.

    For a read-only command on a store that cannot be written (a full disk, a read-only file or folder).
    SQLite's ``immutable`` mode ignores the write-ahead log, so it is used only when the log is empty.
    """
    from urllib.parse import quote

    from walletaid.store.migrations import SCHEMA_VERSION, check_ours, user_version

    wal = path.with_name(path.name + "-wal")
    if not path.is_file() or (wal.exists() and wal.stat().st_size > 0):
        return None
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?immutable=1", uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        if user_version(conn) == SCHEMA_VERSION:
            check_ours(conn)
            return conn
    except (sqlite3.Error, StoreError):
        pass
    conn.close()
    return None


def _connect(readonly: bool) -> tuple[sqlite3.Connection, Path]:
    """The store, opened for writing; for a read-only command, opened as it is when it cannot be written."""
    from walletaid.store import db
    from walletaid.store.paths import data_dir

    path = data_dir(create=False) / db.STORE_NAME
    try:
        return db.connect(db.default_path()), path
    except (OSError, sqlite3.Error, StoreError) as exc:
        error = _classified(exc, path) or from_os_error(exc, path)  # type: ignore[arg-type]
    if readonly and error.kind in ("full", "readonly", "home_unwritable", "io"):
        conn = _read_as_is(path)
        if conn is not None:
            return conn, path
    raise error from None


@contextmanager
def opened(outcome: str = "nothing", *, readonly: bool = False, **fields: object) -> Iterator[sqlite3.Connection]:
    """A connection to the case store; any store fault, on opening or inside the block, raises :class:`StoreError`.

    ``outcome`` names what the command leaves behind when that happens (``nothing``, ``not_logged`` …);
    ``readonly`` commands still read a store that cannot be written (a full disk, a read-only file).
    """
    try:
        conn, path = _connect(readonly)
    except StoreError as error:
        raise error.with_outcome(outcome, **fields) from None
    with closing(conn):
        try:
            yield conn
        except (sqlite3.Error, StoreError) as exc:
            raise _classified(exc, path).with_outcome(outcome, **fields) from None  # type: ignore[union-attr]
