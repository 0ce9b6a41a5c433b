"""Export a case: ``<case id>.json`` + ``<case id>.md``, and with ``bundle`` a ``<case id>.zip`` with copies of the evidence.

The one case exporter: ``prepare-ticket`` exports its case document, ``case export`` the stored case with
its contact log; each as its JSON document and that document rendered as Markdown, in its language.

All or nothing: every target is checked first, so when any exists (and not
``force``) :class:`walletaid.files.write.FileExists` is raised and nothing is
written.  Every file is mode 0600 and written atomically (temporary file, then
link or rename).  The zip is streamed to its temporary file, so large evidence
never sits in memory; each copy is checked against the SHA-256 recorded in the
case, so the bundle holds exactly what the case describes.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from walletaid.files.write import FileExists, write_new_files
from walletaid.models.case import CaseShowDocument
from walletaid.models.ticket import CaseDocument, EvidenceItem

CHUNK = 1024 * 1024


class EvidenceChanged(Exception):
    """An evidence file no longer matches the size or SHA-256 recorded in the case (or is gone)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _case_id(doc: CaseDocument | CaseShowDocument) -> str:
    return doc.case_id if isinstance(doc, CaseDocument) else doc.case.case_id


def case_files(doc: CaseDocument | CaseShowDocument, out_dir: Path) -> dict[Path, bytes]:
    """The two case files and their contents: the JSON document and the Markdown in the case's language."""
    if isinstance(doc, CaseDocument):
        from walletaid.render.ticket import render_markdown as markdown
    else:
        from walletaid.render.case import render_markdown as markdown
    base = Path(out_dir) / _case_id(doc)
    return {
        base.with_suffix(".json"): (doc.model_dump_json(indent=2) + "\n").encode("utf-8"),
        base.with_suffix(".md"): markdown(doc, doc.lang).encode("utf-8"),  # type: ignore[arg-type]
    }


_UNSAFE_IN_NAMES = str.maketrans({ch: "_" for ch in '<>:"/\\|?*'})


def _arcname(name: str) -> str:
    """A case's evidence name as a zip entry: redacted (again: the case already is) and free of the
    characters Windows refuses in a file name (``[REDACTED:…]`` and ``138****5678`` hold some)."""
    from walletaid.engines.redact import redact_file_name

    return redact_file_name(name)[0].translate(_UNSAFE_IN_NAMES)


def _arcnames(items: Sequence[EvidenceItem]) -> list[str]:
    """``evidence/<name>`` for each item; a repeated name gets ``-2``, ``-3`` … before its suffix."""
    used: set[str] = set()
    names = []
    for item in items:
        safe = _arcname(item.name)
        stem, suffix = os.path.splitext(safe)
        name, n = safe, 1
        while name in used:
            n += 1
            name = f"{stem}-{n}{suffix}"
        used.add(name)
        names.append(f"evidence/{name}")
    return names


def _add_evidence(archive: zipfile.ZipFile, path: Path, arcname: str, item: EvidenceItem) -> None:
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as source, archive.open(arcname, "w", force_zip64=True) as target:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
    except OSError:
        raise EvidenceChanged(item.name) from None
    if size != item.size or digest.hexdigest() != item.sha256:
        raise EvidenceChanged(item.name)


def _build_zip(doc: CaseDocument, files: dict[Path, bytes], evidence_paths: Sequence[Path], out_dir: Path) -> str:
    """Write the bundle to a 0600 temporary file in ``out_dir``; return its path."""
    if len(evidence_paths) != len(doc.evidence):
        raise ValueError("evidence_paths must match the case's evidence items one to one")
    fd, tmp = tempfile.mkstemp(prefix=f".{doc.case_id}.", suffix=".zip.tmp", dir=out_dir)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for path, data in files.items():
                    archive.writestr(path.name, data)
                for path, arcname, item in zip(evidence_paths, _arcnames(doc.evidence), doc.evidence):
                    _add_evidence(archive, Path(path), arcname, item)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _place(tmp: str, target: Path, force: bool) -> None:
    """Move the finished temporary file to ``target`` (never replacing it unless ``force``)."""
    try:
        if force:
            os.replace(tmp, target)
            return
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise FileExists(target) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def export_case(
    doc: CaseDocument | CaseShowDocument, out_dir: Path, *, force: bool = False, bundle: bool = False,
    evidence_paths: Sequence[Path] = (),
) -> list[Path]:
    """Write the case files to ``out_dir`` (and the bundle zip when asked); return the paths written.

    ``bundle`` is for a ``prepare-ticket`` case document: ``evidence_paths`` are the original files, in the
    order of ``doc.evidence``.  Raises :class:`FileExists` (nothing written) or :class:`EvidenceChanged`
    (nothing written).
    """
    out_dir = Path(out_dir)
    files = case_files(doc, out_dir)
    if bundle and not isinstance(doc, CaseDocument):
        raise ValueError("only a prepare-ticket case document has evidence to bundle")
    zip_path = out_dir / f"{_case_id(doc)}.zip"
    if not force:
        for target in [*files, *([zip_path] if bundle else [])]:
            if target.exists():
                raise FileExists(target)
    tmp = _build_zip(doc, files, evidence_paths, out_dir) if bundle else None  # type: ignore[arg-type]
    try:
        written = write_new_files(files, force=force)
    except BaseException:
        if tmp:
            os.unlink(tmp)
        raise
    if tmp:
        try:
            _place(tmp, zip_path, force)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        written.append(zip_path)
    return written
