"""Exporting a case: 0600 files, never overwritten without --force, all or nothing, and the evidence bundle."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from walletaid.engines.ticket import build_case
from walletaid.files.evidence import PROGRESS_THRESHOLD_BYTES, record_evidence, record_evidence_with_bar
from walletaid.files.export import EvidenceChanged, export_case
from walletaid.files.write import FileExists
from walletaid.models.ticket import CaseDocument, TicketAnswers

CASE_ID = "WA-20261124-7KQ3"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture()
def evidence_files(tmp_path: Path) -> list[Path]:
    private = tmp_path / "home" / "zhangsan" / "Pictures"
    other = tmp_path / "home" / "zhangsan" / "Downloads"
    private.mkdir(parents=True)
    other.mkdir(parents=True)
    files = [private / "error.png", private / "receipt.pdf", other / "error.png"]  # two files share a name
    for index, path in enumerate(files):
        path.write_bytes(f"evidence {index}".encode() * 100)
    return files


def _doc(evidence_paths: list[Path], lang: str = "en") -> CaseDocument:
    answers = TicketAnswers.model_validate({
        "wallet": "ecny", "symptom": "payment_failed", "phone": "13812345678", "occurred_at": "2026-11-20 14:30",
        "description": "验证码 884512", "evidence": [str(p) for p in evidence_paths],
    })
    return build_case(answers, record_evidence(evidence_paths), lang, now=NOW, case_id=CASE_ID)  # type: ignore[arg-type]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_json_and_markdown_0600(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    doc = _doc([])
    written = export_case(doc, out)
    assert written == [out / f"{CASE_ID}.json", out / f"{CASE_ID}.md"]
    assert all(_mode(p) == 0o600 for p in written)
    assert json.loads(written[0].read_text("utf-8")) == json.loads(doc.model_dump_json())
    assert written[1].read_text("utf-8").startswith(f"# Support case {CASE_ID}")
    assert sorted(p.name for p in out.iterdir()) == [f"{CASE_ID}.json", f"{CASE_ID}.md"]  # no temporary files left


@pytest.mark.parametrize("existing", [".json", ".md", ".zip"])
def test_nothing_written_when_any_target_exists(tmp_path: Path, evidence_files: list[Path], existing: str) -> None:
    target = tmp_path / f"{CASE_ID}{existing}"
    target.write_text("mine")
    with pytest.raises(FileExists) as info:
        export_case(_doc(evidence_files), tmp_path, bundle=True, evidence_paths=evidence_files)
    assert info.value.path == target
    assert target.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["home", target.name])


def test_zip_existing_without_bundle_is_not_a_conflict(tmp_path: Path) -> None:
    (tmp_path / f"{CASE_ID}.zip").write_text("old")
    assert len(export_case(_doc([]), tmp_path)) == 2


def test_force_overwrites_and_keeps_0600(tmp_path: Path) -> None:
    old = tmp_path / f"{CASE_ID}.json"
    old.write_text("old")
    old.chmod(0o644)
    written = export_case(_doc([]), tmp_path, force=True)
    assert json.loads(old.read_text())["case_id"] == CASE_ID
    assert all(_mode(p) == 0o600 for p in written)


def test_exported_files_hold_no_full_phone_or_secret(tmp_path: Path, evidence_files: list[Path]) -> None:
    export_case(_doc(evidence_files, "zh"), tmp_path, bundle=True, evidence_paths=evidence_files)
    for name in (f"{CASE_ID}.json", f"{CASE_ID}.md"):
        text = (tmp_path / name).read_text("utf-8")
        assert "13812345678" not in text and "884512" not in text and "zhangsan" not in text
        assert "138****5678" in text


def test_evidence_recorded_by_base_name_with_the_right_sha256(evidence_files: list[Path]) -> None:
    doc = _doc(evidence_files)
    assert [e.name for e in doc.evidence] == ["error.png", "receipt.pdf", "error.png"]
    for item, path in zip(doc.evidence, evidence_files):
        data = path.read_bytes()
        assert item.size == len(data) and item.sha256 == hashlib.sha256(data).hexdigest()
    assert "zhangsan" not in doc.model_dump_json()


def test_bundle_holds_case_files_and_evidence_copies(tmp_path: Path, evidence_files: list[Path]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    doc = _doc(evidence_files)
    written = export_case(doc, out, bundle=True, evidence_paths=evidence_files)
    bundle = out / f"{CASE_ID}.zip"
    assert written[-1] == bundle and _mode(bundle) == 0o600
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        assert names == [f"{CASE_ID}.json", f"{CASE_ID}.md", "evidence/error.png", "evidence/receipt.pdf",
                         "evidence/error-2.png"]
        assert archive.read(f"{CASE_ID}.json") == (out / f"{CASE_ID}.json").read_bytes()
        for name, path in zip(names[2:], evidence_files):
            assert archive.read(name) == path.read_bytes()
        assert not any("zhangsan" in n for n in names)


def test_bundle_refused_when_evidence_changed_since_it_was_recorded(tmp_path: Path, evidence_files: list[Path]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    doc = _doc(evidence_files)
    evidence_files[1].write_bytes(b"tampered")
    with pytest.raises(EvidenceChanged, match="receipt.pdf"):
        export_case(doc, out, bundle=True, evidence_paths=evidence_files)
    assert list(out.iterdir()) == []


def test_bundle_refused_when_evidence_disappeared(tmp_path: Path, evidence_files: list[Path]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    doc = _doc(evidence_files)
    evidence_files[0].unlink()
    with pytest.raises(EvidenceChanged):
        export_case(doc, out, bundle=True, evidence_paths=evidence_files)
    assert list(out.iterdir()) == []


def test_progress_callback_counts_every_byte(tmp_path: Path) -> None:
    path = tmp_path / "video.mp4"
    path.write_bytes(b"x" * (3 * 1024 * 1024 + 5))
    seen: list[int] = []
    items = record_evidence([path], seen.append)
    assert sum(seen) == items[0].size == path.stat().st_size and len(seen) == 4


def test_progress_bar_only_for_large_files(tmp_path: Path) -> None:
    import io

    from rich.console import Console

    small = tmp_path / "small.png"
    small.write_bytes(b"x")
    big = tmp_path / "big.mp4"
    with open(big, "wb") as handle:
        handle.truncate(PROGRESS_THRESHOLD_BYTES + 1)
    for path, shown in ((small, False), (big, True)):
        console = Console(file=io.StringIO(), force_terminal=True, width=80)
        items = record_evidence_with_bar([path], console, "en")
        assert items[0].name == path.name
        assert ("Recording evidence files" in console.file.getvalue()) is shown  # type: ignore[attr-defined]
