"""Evidence files (screenshots, recordings, PDFs): check them and record name, size and SHA-256.

This module reads files, so it is not an engine: the CLI calls it between the
questions and :func:`walletaid.engines.ticket.build_case`, which only sees the
resulting :class:`EvidenceItem` records.  Only a file's base name is kept —
the folder path can hold the user's name — and the case engine redacts it
(``验证码483920.png`` names a secret too); an error message shows it redacted.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from walletaid.i18n import Lang, t
from walletaid.models.ticket import EvidenceItem
from walletaid.textsafe import clean

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FILES = 20
PROGRESS_THRESHOLD_BYTES = 20 * 1024 * 1024
"""Show a progress bar when the files to hash are larger than this in total."""
CHUNK = 1024 * 1024

Progress = Callable[[int], None]
"""Called with the number of bytes just hashed."""


def check_evidence_file(raw: Any, lang: Lang) -> Path:
    """The absolute path of an evidence file, or ``ValueError`` saying why it cannot be used.

    It must exist, be a regular file, be readable and be at most 50 MB.
    """
    if not isinstance(raw, (str, os.PathLike)):
        raise ValueError(t("ticket.err_evidence_list", lang))
    from walletaid.engines.redact import redact_file_name

    shown, _ = redact_file_name(os.path.basename(os.fspath(raw)) or os.fspath(raw))
    path = Path(os.path.expanduser(os.fspath(raw).strip())).absolute()
    try:
        info = path.stat()
    except OSError:
        raise ValueError(t("ticket.err_evidence_missing", lang, name=shown)) from None
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(t("ticket.err_evidence_not_file", lang, name=shown))
    if not os.access(path, os.R_OK):
        raise ValueError(t("ticket.err_evidence_unreadable", lang, name=shown))
    if info.st_size > MAX_FILE_BYTES:
        raise ValueError(t("ticket.err_evidence_too_big", lang, name=shown, limit=MAX_FILE_BYTES // (1024 * 1024)))
    return path


def hash_file(path: Path, progress: Progress | None = None) -> tuple[int, str]:
    """Size in bytes and SHA-256 (hex) of ``path``, read in chunks; ``progress`` gets each chunk's length."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            if progress is not None:
                progress(len(chunk))
    return size, digest.hexdigest()


def record_evidence(paths: Iterable[str | Path], progress: Progress | None = None) -> list[EvidenceItem]:
    """One :class:`EvidenceItem` per file (base name, size, SHA-256), in the given order."""
    items = []
    for raw in paths:
        path = Path(raw)
        size, sha = hash_file(path, progress)
        items.append(EvidenceItem(name=clean(path.name, keep_newlines=False), size=size, sha256=sha))
    return items


def total_size(paths: Iterable[str | Path]) -> int:
    """The sum of the files' sizes in bytes."""
    return sum(Path(p).stat().st_size for p in paths)


@contextmanager
def _bar(console: Any, total: int, label: str) -> Iterator[Progress | None]:
    if total <= PROGRESS_THRESHOLD_BYTES:
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress as RichProgress, TextColumn

    with RichProgress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def record_evidence_with_bar(paths: list[str | Path], console: Any, lang: Lang) -> list[EvidenceItem]:
    """:func:`record_evidence`, with a Rich progress bar on ``console`` (stderr, say) when the files are large."""
    with _bar(console, total_size(paths), t("ticket.hashing", lang)) as progress:
        return record_evidence(paths, progress)
