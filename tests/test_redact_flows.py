"""Redaction where user text leaves through the flows: error messages, ``case log`` warnings, zip entry names.

Each runs the real command in-process.  An error quotes an unknown key, a wrong choice or a missing
evidence file by name: the quote is redacted, the field is still named, and the exit code is 2.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import yaml

from inproc import run_app

BASE = {"wallet": "ecny", "symptom": "payment_failed", "phone": "13900001111", "occurred_at": "2024-05-01 12:30"}


def _answers(tmp_path: Path, extra: dict[str, object]) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({**BASE, **extra}, allow_unicode=True), "utf-8")
    return str(path)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_errors_quote_keys_values_and_file_names_redacted(tmp_path: Path, lang: str) -> None:
    answers = _answers(tmp_path, {
        "卡号6222021234567890128": "x",  # an unknown key
        "network": "验证码 483920",  # a wrong choice
        "evidence": [str(tmp_path / "验证码483920.png")],  # a missing file
    })
    done = run_app("prepare-ticket", "--answers", answers, "--out", str(tmp_path), "--lang", lang)
    assert done.code == 2
    assert "6222021234567890128" not in done.err and "483920" not in done.err, done.err
    assert "network" in done.err and "evidence" in done.err and "[REDACTED:bank_card]" in done.err
    assert "验证码[REDACTED:verification_code].png" in done.err
    assert "Traceback" not in done.err


def test_case_log_says_what_it_removed_in_both_languages(tmp_path: Path) -> None:
    made = run_app("prepare-ticket", "--answers", _answers(tmp_path, {}), "--out", str(tmp_path), "--save",
                   "--format", "json")
    case_id = json.loads(made.out)["case_id"]
    said = {}
    for lang in ("en", "zh"):
        done = run_app("case", "log", case_id, "--channel", "hotline", "--outcome", "pending", "--lang", lang,
                       "--note", "客服让我报验证码 4 8 3 9 2 0，我没给", "--agent", "工号 8821 电话 13812345678")
        assert done.code == 0, done.err
        assert "483920" not in done.err.replace(" ", "") and "13812345678" not in done.err
        said[lang] = done.err
    assert "Note: a verification code was removed" in said["en"]      # the field as the reader knows it
    assert "Agent: a phone number was masked" in said["en"]
    assert "备注：已删除验证码" in said["zh"]
    shown = run_app("case", "show", case_id, "--format", "json")
    notes = [c["note"] for c in json.loads(shown.out)["case"]["contacts"]]
    assert notes == ["客服让我报验证码 [REDACTED:verification_code]，我没给"] * 2


def test_bundle_entry_names_are_redacted_and_safe_to_unzip_anywhere(tmp_path: Path) -> None:
    names = ["验证码483920.png", "13812345678.jpg", "a:b*c?.png"]
    for name in names:
        (tmp_path / name).write_bytes(name.encode())
    answers = _answers(tmp_path, {"evidence": [str(tmp_path / n) for n in names]})
    out = tmp_path / "out"
    out.mkdir()
    done = run_app("prepare-ticket", "--answers", answers, "--out", str(out), "--bundle", "--format", "json")
    assert done.code == 0, done.err
    doc = json.loads(done.out)
    assert [e["name"] for e in doc["evidence"]] == [
        "验证码[REDACTED:verification_code].png", "138****5678.jpg", "a:b*c?.png"]
    assert {"field": "evidence[0].name", "kind": "verification_code", "action": "removed"} in doc["redactions"]
    with zipfile.ZipFile(out / f"{doc['case_id']}.zip") as archive:
        entries = [n for n in archive.namelist() if n.startswith("evidence/")]
    assert entries == [
        "evidence/验证码[REDACTED_verification_code].png", "evidence/138____5678.jpg", "evidence/a_b_c_.png"]
