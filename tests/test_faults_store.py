"""A store that survives its environment (issue 13, item 3): busy, corrupt, foreign, old, read-only, full.

Each fault is exit 2 and one sentence: what happened, what was and was not written, what to do. Read-only
commands still read a store that cannot be written. A full disk is simulated by making the SQLite or file
call raise what a full disk raises.
"""

from __future__ import annotations

import errno
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from inproc import run_app
from walletaid import faults
from walletaid.store import cases, db

ANSWERS = {"wallet": "ecny", "operator": "ccb", "symptom": "transfer_not_arrived", "phone": "13912345678",
           "occurred_at": "2026-11-20 09:15"}
FULL = sqlite3.OperationalError("database or disk is full")


@pytest.fixture()
def case_id(home: Path, tmp_path: Path) -> str:
    answers = tmp_path / "t.json"
    answers.write_text(json.dumps(ANSWERS), encoding="utf-8")
    (tmp_path / "first").mkdir()
    r = run_app("prepare-ticket", "--answers", str(answers), "--out", str(tmp_path / "first"), "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)["case_id"]


def _log(case_id: str, *extra: str):  # type: ignore[no-untyped-def]
    return run_app("case", "log", case_id, "--channel", "hotline", "--outcome", "pending", *extra)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _contacts(home: Path) -> int:
    with closing(sqlite3.connect(home / db.STORE_NAME)) as raw:
        return raw.execute("SELECT COUNT(*) FROM contacts").fetchone()[0]


def test_busy_store_names_the_wait_and_logs_nothing(case_id: str, home: Path, monkeypatch) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.05)
    with closing(sqlite3.connect(home / db.STORE_NAME, isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")
        r = _log(case_id)
        assert run_app("case", "show", case_id).code == 0  # readers are not blocked
    assert r.code == 2 and _contacts(home) == 0
    assert "The case store is busy" in r.err and "the contact was not logged" in _one_line(r.err)


@pytest.mark.parametrize("lang, words", [("en", ("is damaged and cannot be read", "nothing was changed")),
                                         ("zh", ("已损坏，无法读取", "没有做任何改动"))])
def test_corrupt_store_is_refused_untouched(home: Path, lang: str, words: tuple[str, str]) -> None:
    home.mkdir()
    junk = b"this is not a database at all" * 100
    (home / db.STORE_NAME).write_bytes(junk)
    r = run_app("case", "list", "--lang", lang)
    assert r.code == 2 and all(w in _one_line(r.err) for w in words) and "Traceback" not in r.err
    assert (home / db.STORE_NAME).read_bytes() == junk


def test_foreign_database_is_refused_untouched(home: Path) -> None:
    home.mkdir()
    with closing(sqlite3.connect(home / db.STORE_NAME)) as raw:
        raw.execute("CREATE TABLE photos (name TEXT)")
        raw.commit()
    r = _log("WA-20261125-7KQ3")
    assert r.code == 2 and "is not a walletaid case store" in _one_line(r.err)
    with closing(sqlite3.connect(home / db.STORE_NAME)) as raw:
        assert [n for (n,) in raw.execute("SELECT name FROM sqlite_master")] == ["photos"]


def test_store_whose_version_is_older_than_its_tables_is_refused(case_id: str, home: Path) -> None:
    with closing(sqlite3.connect(home / db.STORE_NAME)) as raw:
        raw.execute("PRAGMA user_version = 1")
        raw.commit()
    r = run_app("case", "show", case_id, "--lang", "zh")
    assert r.code == 2 and "数据版本是 1" in r.err and "没有被改动" in r.err
    with closing(sqlite3.connect(home / db.STORE_NAME)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1


def _deny_store_file(monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    real_open = db.os.open

    def refuse(path, flags, *args):  # type: ignore[no-untyped-def]
        if str(path).endswith(db.STORE_NAME) and flags & db.os.O_RDWR:
            raise OSError(number, "refused")
        return real_open(path, flags, *args)

    monkeypatch.setattr(db.os, "open", refuse)


def test_read_only_store_is_still_read_but_not_written(case_id: str, home: Path, monkeypatch) -> None:
    _deny_store_file(monkeypatch, errno.EACCES)
    listed = run_app("case", "list", "--format", "json")
    assert listed.code == 0 and [c["id"] for c in json.loads(listed.out)["cases"]] == [case_id]
    r = _log(case_id)
    assert r.code == 2 and "is read-only; the contact was not logged; make it writable" in _one_line(r.err)


def test_read_only_commands_work_on_a_full_disk(case_id: str, home: Path, monkeypatch) -> None:
    _deny_store_file(monkeypatch, errno.ENOSPC)
    assert run_app("case", "show", case_id).code == 0
    r = run_app("case", "close", case_id)
    assert r.code == 2 and "is full; the case was not closed; free some disk space" in _one_line(r.err)


def test_full_disk_while_logging_says_the_contact_was_not_logged(case_id: str, home: Path, monkeypatch) -> None:
    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise FULL

    monkeypatch.setattr(cases, "add_contact", full)
    r = _log(case_id, "--lang", "zh")
    assert r.code == 2 and "磁盘已满；这次联系没有记录；请清理一些磁盘空间" in r.err.replace("\n", "")


@pytest.mark.parametrize("make, words", [
    (lambda h: h.write_text("x"), "is not a folder"),
    (None, "cannot write in its data folder"),
])
def test_a_data_folder_that_cannot_be_used(home: Path, monkeypatch, make, words: str) -> None:  # type: ignore[no-untyped-def]
    if make:
        make(home)
    else:
        real_mkdir = Path.mkdir

        def refuse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            if self == home:
                raise PermissionError(errno.EACCES, "denied")
            return real_mkdir(self, *args, **kwargs)

        monkeypatch.setattr(Path, "mkdir", refuse)
    for command in (["case", "list"], ["case", "purge", "--yes"]):
        r = run_app(*command)
        assert r.code == 2 and words in _one_line(r.err) and "WALLETAID_HOME" in r.err, command


def test_ticket_files_written_but_store_full_says_both(case_id: str, tmp_path: Path, monkeypatch) -> None:
    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise FULL

    monkeypatch.setattr(cases, "save_case", full)
    out = tmp_path / "second"
    out.mkdir()
    r = run_app("prepare-ticket", "--answers", str(tmp_path / "t.json"), "--out", str(out))
    written = sorted(out.iterdir())
    assert r.code == 2 and [p.suffix for p in written] == [".json", ".md"]
    said = _one_line(r.err)
    assert "the case files were written" in said and "but the case was not saved in the case store" in said
    assert str(written[0]) in said and "nothing was written" not in said


@pytest.mark.parametrize("bundle", [[], ["--bundle"]])
def test_full_disk_in_out_leaves_nothing_there(tmp_path: Path, monkeypatch, bundle: list[str]) -> None:
    import walletaid.files.export as export
    import walletaid.files.write as write

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(write.os, "fsync", full)
    monkeypatch.setattr(export.os, "fsync", full)
    answers = tmp_path / "t.json"
    answers.write_text(json.dumps(ANSWERS), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    r = run_app("prepare-ticket", "--answers", str(answers), "--out", str(out), "--no-save", *bundle)
    assert r.code == 2 and list(out.iterdir()) == []
    assert f"Could not write to {out}: the disk is full; nothing was left there" in _one_line(r.err)


def test_store_error_names_every_kind_in_both_languages() -> None:
    for kind in ("busy", "corrupt", "foreign", "readonly", "home_not_folder", "home_unwritable", "full", "io"):
        for lang in ("en", "zh"):
            text = faults.StoreError(kind, Path("/x/cases.sqlite3"), detail="d").message(lang)
            assert text.count("；" if lang == "zh" else "; ") >= 2 and "{" not in text, (kind, lang)


# --- drafts: the wizard goes on without them, and a resumed one still finds its evidence -----------


def _no_space(*args, **kwargs) -> None:  # type: ignore[no-untyped-def]
    raise OSError(errno.ENOSPC, "No space left on device")


def test_wizard_goes_on_when_the_draft_cannot_be_saved_and_says_so_once(monkeypatch, capsys) -> None:
    from walletaid.flows import common
    from walletaid.wizard import drafts, prompt

    def answering(questions, lang, initial, on_change, before=None):  # type: ignore[no-untyped-def]
        for n in range(3):
            on_change({"wallet": "ecny", "symptom": "other", "n": n})
        return {"wallet": "ecny", "symptom": "other"}

    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(drafts, "write_atomic", _no_space)
    monkeypatch.setattr(prompt, "ask", answering)
    assert common.ask_interactively("diagnose", [], "en", False, "answers-diagnose")["symptom"] == "other"
    err = _one_line(capsys.readouterr().err)
    assert err.count("cannot be saved as a draft (the disk is full)") == 1 and "the questions go on" in err


def test_ctrl_c_without_a_draft_never_claims_the_answers_are_kept(monkeypatch) -> None:
    from walletaid.flows import common
    from walletaid.i18n import t
    from walletaid.wizard import drafts, prompt

    def interrupted(questions, lang, initial, on_change, before=None):  # type: ignore[no-untyped-def]
        raise prompt.WizardInterrupted({"wallet": "ecny"})

    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(drafts, "write_atomic", _no_space)
    monkeypatch.setattr(prompt, "ask", interrupted)
    with pytest.raises(common.DraftLost) as stop:
        common.ask_interactively("diagnose", [], "zh", False, "answers-diagnose")
    assert "无法保存为草稿" in t(stop.value.message_key, "zh")


def test_a_resumed_draft_keeps_the_real_evidence_path(home: Path, tmp_path: Path) -> None:
    import stat

    from walletaid.flows.common import validate_model
    from walletaid.models.ticket import TicketAnswers
    from walletaid.wizard import drafts

    shot = tmp_path / "验证码483920.png"
    shot.write_bytes(b"\x89PNG")
    drafts.save("prepare-ticket", {**ANSWERS, "description": "验证码是483920", "evidence": [str(shot)]})
    saved = drafts.draft_path("prepare-ticket")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    _, answers = drafts.load("prepare-ticket")  # type: ignore[misc]
    assert answers["evidence"] == [str(shot)] and "483920" not in answers["description"]
    assert "phone" not in answers
    resumed = validate_model(TicketAnswers, {**answers, "phone": ANSWERS["phone"]}, "en")
    assert [Path(p) for p in resumed.evidence or []] == [shot]
