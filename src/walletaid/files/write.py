"""Writing files the safe way: atomic, mode 0600, never overwriting unless asked.

Every file walletaid exports (case files, complaint drafts, bundles) goes
through :func:`write_new_files`, so a crash or a refusal leaves nothing
half-written behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


class FileExists(Exception):
    """A target file exists and ``force`` was not given."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` with mode 0600 via a temporary file and rename.

    Without ``force`` an existing ``path`` raises :class:`FileExists` and nothing
    is written (the final link is made with ``os.link``, which fails if the
    target appeared in the meantime).
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise FileExists(path) from None
            os.unlink(tmp)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_new_files(files: Mapping[Path, bytes], *, force: bool = False) -> list[Path]:
    """Write several files all-or-nothing: check every target first, then write each atomically.

    If any target exists (and not ``force``) nothing is written and
    :class:`FileExists` names it.  If a write fails midway, the files already
    written by this call are removed again.
    """
    targets = [Path(p) for p in files]
    if not force:
        for target in targets:
            if target.exists():
                raise FileExists(target)
    written: list[Path] = []
    try:
        for target, data in zip(targets, files.values()):
            write_atomic(target, data, force=force)
            written.append(target)
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    return written
