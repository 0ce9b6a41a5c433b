"""``walletaid case …`` end to end: log, show, list, escalate, export, delete/purge; 20 loggers at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ANSWERS = {"wallet": "ecny", "operator": "ccb", "symptom": "transfer_not_arrived", "phone": "13912345678",
           "occurred_at": "2026-11-20 09:15", "amount": "500", "transaction_id": "T2026112000123"}


@pytest.fixture
def case_id(cli, tmp_path: Path) -> str:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(ANSWERS), encoding="utf-8")
    r = cli("prepare-ticket", "--answers", str(path), "--out", str(tmp_path), "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)["case_id"]


def test_log_then_show_has_the_timeline(cli, case_id: str) -> None:
    r = cli("case", "log", case_id, "--channel", "hotline", "--agent", "A-17", "--reference", "TS-99",
            "--promised-by", "2026-11-21", "--outcome", "pending", "--note", "call me back; code 774411")
    assert r.code == 0, r.err
    doc = json.loads(cli("case", "show", case_id, "--format", "json").out)
    assert doc["command"] == "case" and doc["schema_version"] == 1
    [entry] = doc["case"]["contacts"]
    assert entry["reference"] == "TS-99" and "774411" not in json.dumps(doc)
    assert doc["follow_up"]["overdue"] is True and doc["follow_up"]["needs_escalation"] is True


def test_overdue_is_flagged_in_list_and_points_to_escalate(cli, case_id: str) -> None:
    cli("case", "log", case_id, "--channel", "app_chat", "--promised-by", "2026-01-02", "--outcome", "pending")
    r = cli("case", "list")
    assert r.code == 0
    assert "overdue" in r.out and f"walletaid case escalate {case_id}" in (r.out + r.err).replace("\n", "")


def test_bad_log_flags_exit_2_naming_each(cli, case_id: str) -> None:
    r = cli("case", "log", case_id, "--channel", "fax", "--outcome", "maybe", "--promised-by", "soon")
    assert r.code == 2
    for key in ("channel", "outcome", "promised_by"):
        assert key in r.err
    doc = json.loads(cli("case", "show", case_id, "--format", "json").out)
    assert doc["case"]["contacts"] == []


def test_unknown_case_exit_2(cli) -> None:
    r = cli("case", "show", "WA-20260101-AAAA")
    assert r.code == 2 and "walletaid case list" in r.err


def test_log_without_flags_and_without_terminal_exit_2(cli, case_id: str) -> None:
    r = cli("case", "log", case_id)
    assert r.code == 2 and "--answers" not in r.out


def test_escalate_ecny_names_12363_and_draft_holds_timeline(cli, case_id: str, tmp_path: Path) -> None:
    for ref in ("R-1", "R-2"):
        cli("case", "log", case_id, "--channel", "hotline", "--reference", ref, "--outcome", "unresolved")
    out = tmp_path / "drafts"
    out.mkdir()
    r = cli("case", "escalate", case_id, "--out", str(out), "--lang", "zh")
    assert r.code == 0, r.err
    assert "12363" in r.out and "95533" in r.out  # the ladder: operator first, then the regulator
    [draft] = list(out.iterdir())
    text = draft.read_text(encoding="utf-8")
    assert "R-1" in text and "R-2" in text and "12363" in text
    again = cli("case", "escalate", case_id, "--out", str(out), "--lang", "zh")
    assert again.code == 2 and "--force" in again.err
    assert draft.read_text(encoding="utf-8") == text


def test_export_writes_case_with_timeline(cli, case_id: str, tmp_path: Path) -> None:
    cli("case", "log", case_id, "--channel", "email", "--reference", "MAIL-5", "--outcome", "pending")
    out = tmp_path / "export"
    out.mkdir()
    assert cli("case", "export", case_id, "--out", str(out)).code == 0
    exported = json.loads((out / f"{case_id}.json").read_text(encoding="utf-8"))
    assert exported["case"]["contacts"][0]["reference"] == "MAIL-5"


def test_delete_needs_yes_without_terminal(cli, case_id: str) -> None:
    assert cli("case", "delete", case_id).code == 2
    assert cli("case", "show", case_id).code == 0
    assert cli("case", "delete", case_id, "--yes").code == 0
    assert cli("case", "show", case_id).code == 2


def test_purge_yes_removes_everything(cli, case_id: str) -> None:
    assert cli("case", "purge", "--yes").code == 0
    assert json.loads(cli("case", "list", "--format", "json").out)["cases"] == []


def test_case_log_processes_at_once_keep_every_entry(cli, case_id: str, home: Path) -> None:
    # the whole command line in real processes; tests/test_store_concurrency.py starts many more at one signal
    env = {k: v for k, v in os.environ.items() if not k.startswith("WALLETAID_")}
    env.update({"WALLETAID_HOME": str(home), "WALLETAID_LANG": "en"})
    procs = [
        subprocess.Popen([sys.executable, "-m", "walletaid", "case", "log", case_id, "--channel", "hotline",
                          "--reference", f"REF-{n:02d}", "--outcome", "pending"],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        for n in range(6)
    ]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0] * 6, [p.stderr.read() for p in procs if p.returncode]
    doc = json.loads(cli("case", "show", case_id, "--format", "json").out)
    refs = sorted(c["reference"] for c in doc["case"]["contacts"])
    assert refs == [f"REF-{n:02d}" for n in range(6)]
