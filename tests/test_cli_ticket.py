"""``walletaid prepare-ticket`` end to end: files, modes, no overwrite, privacy in every output, error paths."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

SECRETS = {
    "phone": "13812345678",
    "email": "zhang.san@example.com",
    "id": "11010519491231002X",
    "card": "6222021234567890128",
    "code": "482913",
    "password": "Abc12345x",
}
BASE = {
    "wallet": "ecny", "operator": "icbc", "symptom": "payment_failed",
    "error_message": "超过钱包年累计支付额度",
    "phone": "+86 138-1234-5678", "email": SECRETS["email"],
    "occurred_at": "2026-11-24 14:30", "amount": "120.50",
    "description": (f"我的验证码是 {SECRETS['code']},支付密码是 {SECRETS['password']},"
                    f"身份证 {SECRETS['id']},卡号 {SECRETS['card']}"),
    "steps": ["打开 App", "扫码付款，显示失败"],
}


def _write(tmp_path: Path, data: dict, name: str = "t.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _all_outputs(out: Path, home: Path, *texts: str) -> str:
    parts = list(texts)
    for path in out.iterdir():
        parts.append(path.read_bytes().decode("utf-8", "replace"))
    for path in home.rglob("*"):
        if path.is_file():
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def test_case_files_are_written_private_and_secret_free(cli, tmp_path: Path, home: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    r = cli("prepare-ticket", "--answers", _write(tmp_path, BASE), "--out", str(out), "--lang", "zh")
    assert r.code == 0, r.err
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2 and files[0].endswith(".json") and files[1].endswith(".md")
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    everything = _all_outputs(out, home, r.out, r.err)
    for name, secret in SECRETS.items():
        assert secret not in everything, f"{name} leaked"
    assert "138****5678" in everything
    doc = json.loads((out / files[0]).read_text(encoding="utf-8"))
    kinds = {(x["field"], x["kind"]) for x in doc["redactions"]}
    assert {"verification_code", "password", "id_number", "bank_card"} <= {k for _, k in kinds}
    assert doc["case_id"] in files[0] and doc["diagnosis"]["causes"][0]["id"] == "wallet_limit_exceeded"


def test_store_holds_no_secret(cli, tmp_path: Path, home: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert cli("prepare-ticket", "--answers", _write(tmp_path, BASE), "--out", str(out)).code == 0
    db = home / "cases.sqlite3"
    assert db.exists()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = b"".join(p.read_bytes() for p in home.iterdir() if p.is_file())
    for secret in SECRETS.values():
        assert secret.encode() not in raw


def test_json_format_prints_the_case_document(cli, tmp_path: Path) -> None:
    r = cli("prepare-ticket", "--answers", _write(tmp_path, BASE), "--format", "json", "--no-save")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    for key in ("schema_version", "command", "lang", "case_id", "created_at", "account", "issue", "transaction",
                "device", "evidence", "diagnosis", "redactions", "missing"):
        assert key in doc
    assert doc["command"] == "prepare-ticket" and doc["account"]["phone"] == "138****5678"
    assert doc["transaction"]["amount"] in ("120.50", "120.5")


def test_existing_file_is_not_overwritten_and_nothing_is_written(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    first = cli("prepare-ticket", "--answers", _write(tmp_path, BASE), "--out", str(out), "--format", "json")
    case_id = json.loads(first.out)["case_id"]
    md = out / f"{case_id}.md"
    md.write_text("my own notes", encoding="utf-8")
    (out / f"{case_id}.json").unlink()
    # same case id again is impossible to force from outside, so check export directly through the CLI contract:
    from walletaid.files.export import export_case
    from walletaid.files.write import FileExists
    from walletaid.models.ticket import CaseDocument

    doc = CaseDocument.model_validate(json.loads(first.out))
    with pytest.raises(FileExists):
        export_case(doc, out)
    assert md.read_text(encoding="utf-8") == "my own notes"
    assert not (out / f"{case_id}.json").exists()


def test_bundle_holds_case_files_and_evidence(cli, tmp_path: Path) -> None:
    import zipfile

    shot = tmp_path / "screen.png"
    shot.write_bytes(b"\x89PNG fake screenshot")
    out = tmp_path / "out"
    out.mkdir()
    data = dict(BASE, evidence=[str(shot)])
    r = cli("prepare-ticket", "--answers", _write(tmp_path, data), "--out", str(out), "--bundle", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["evidence"][0]["name"] == "screen.png" and len(doc["evidence"][0]["sha256"]) == 64
    assert str(tmp_path) not in json.dumps(doc)  # only the base name, never the folder
    archive = out / f"{doc['case_id']}.zip"
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    names = zipfile.ZipFile(archive).namelist()
    assert any(n.endswith("screen.png") for n in names) and any(n.endswith(".json") for n in names)


def test_invalid_answers_name_every_field_and_write_nothing(cli, tmp_path: Path, home: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    bad = dict(BASE, phone="12345", email="not-an-email", occurred_at="2999-01-01 10:00", amount="1.234",
               evidence=[str(tmp_path / "missing.png")], colour="red")
    r = cli("prepare-ticket", "--answers", _write(tmp_path, bad), "--out", str(out))
    assert r.code == 2
    for key in ("phone", "email", "occurred_at", "evidence", "colour"):
        assert f"{key}:" in r.err, key
    assert list(out.iterdir()) == []
    assert not (home / "cases.sqlite3").exists()
    assert "Traceback" not in r.err


def test_amount_precision_checked_against_currency(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    r = cli("prepare-ticket", "--answers", _write(tmp_path, dict(BASE, amount="1.234")), "--out", str(out))
    assert r.code == 2 and "amount" in r.err
    ok = cli("prepare-ticket", "--answers", _write(tmp_path, dict(BASE, wallet="crypto", operator=None,
                                                                   amount="0.00012345", currency="btc")),
             "--out", str(out), "--format", "json")
    assert ok.code == 0, ok.err
    assert json.loads(ok.out)["transaction"]["currency"] == "BTC"


@pytest.mark.parametrize("lang, said", [("en", "Created the folder"), ("zh", "已创建文件夹")])
def test_a_missing_out_folder_is_made_0700_and_said_once(cli, tmp_path: Path, lang: str, said: str) -> None:
    out = tmp_path / "new" / "cases"
    r = cli("prepare-ticket", "--answers", _write(tmp_path, BASE), "--out", str(out), "--lang", lang,
            "--format", "json")
    assert r.code == 0, r.err
    assert r.err.count(said) == 1 and str(out) in r.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o700 and stat.S_IMODE(out.parent.stat().st_mode) == 0o700
    assert len(list(out.glob("*.json"))) == 1


def test_an_out_path_through_a_file_is_refused_before_anything_is_written(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    r = cli("prepare-ticket", "--answers", _write(tmp_path, BASE), "--out", str(blocker / "cases"))
    assert r.code == 2 and "--out" in r.err and not (blocker / "cases").exists()


def test_no_terminal_hint(cli) -> None:
    r = cli("prepare-ticket")
    assert r.code == 2 and "answers-ticket" in r.err


def test_schemas(cli) -> None:
    answers = json.loads(cli("schema", "answers-ticket").out)
    assert {"phone", "occurred_at", "wallet", "symptom"} <= set(answers["required"])
    case = json.loads(cli("schema", "case").out)
    assert {"case_id", "redactions", "missing", "diagnosis"} <= set(case["properties"])
