"""``walletaid diagnose`` end to end: formats, languages, every error path, no hanging without a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

LIMIT = {"wallet": "ecny", "operator": "icbc", "symptom": "payment_failed", "error_message": "超过钱包年累计支付额度"}
FRAUD = {"wallet": "ecny", "symptom": "suspicious_contact", "description": "对方自称银行客服，要我开启屏幕共享帮我退款"}


def _answers(tmp_path: Path, data: dict, name: str = "a.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_json_is_one_document_on_stdout(cli, tmp_path: Path) -> None:
    r = cli("diagnose", "--answers", _answers(tmp_path, LIMIT), "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)  # exactly one document: json.loads would fail on anything extra
    assert doc["schema_version"] == 1 and doc["command"] == "diagnose" and doc["lang"] == "en"
    assert doc["causes"][0]["id"] == "wallet_limit_exceeded"
    assert doc["urgent"] is False
    assert any(c["value"] == "95588" and c["official"] for c in doc["contact"])


def test_fraud_opens_with_alarm_in_text(cli, tmp_path: Path) -> None:
    r = cli("diagnose", "--answers", _answers(tmp_path, FRAUD), lang="zh")
    assert r.code == 0, r.err
    first_lines = "\n".join(r.out.splitlines()[:6])
    assert "诈骗" in first_lines or "骗" in first_lines
    assert "110" in r.out and "96110" in r.out
    assert "\x1b[" not in r.out  # piped: no colour codes


def test_fraud_json_is_urgent_with_fraud_first(cli, tmp_path: Path) -> None:
    doc = json.loads(cli("diagnose", "--answers", _answers(tmp_path, FRAUD), "--format", "json").out)
    assert doc["urgent"] is True and doc["causes"][0]["id"] == "fraud_contact"


def test_markdown_output(cli, tmp_path: Path) -> None:
    r = cli("diagnose", "--answers", _answers(tmp_path, LIMIT), "--format", "markdown", "--lang", "en")
    assert r.code == 0
    assert r.out.lstrip().startswith("#") and "95588" in r.out


def test_yaml_answers_with_bare_yes_no(cli, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("wallet: ecny\nsymptom: app_crash\napp_updated: no\n", encoding="utf-8")
    doc = json.loads(cli("diagnose", "--answers", str(path), "--format", "json").out)
    assert doc["causes"][0]["id"] == "app_outdated"


def test_answers_from_stdin(cli) -> None:
    r = cli("diagnose", "--answers", "-", "--format", "json", stdin="wallet: crypto\nsymptom: cannot_login\n")
    assert r.code == 0 and json.loads(r.out)["wallet"] == "crypto"


def test_invalid_answers_list_every_problem_exit_2(cli, tmp_path: Path) -> None:
    r = cli("diagnose", "--answers", _answers(tmp_path, {"walet": "ecny", "symptom": "x", "network": 5}))
    assert r.code == 2
    assert r.out == ""
    for key in ("walet", "wallet", "symptom", "network"):
        assert f"{key}:" in r.err
    assert "Traceback" not in r.err


def test_invalid_answers_in_chinese(cli, tmp_path: Path) -> None:
    r = cli("diagnose", "--answers", _answers(tmp_path, {"wallet": "ecny"}), lang="zh")
    assert r.code == 2 and "symptom" in r.err and "必须填写" in r.err


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"[1, 2]", "mapping"), (b"\xff\xfe\xfa", "UTF-8"), (b"wallet: [", "YAML")],
)
def test_bad_answers_files_exit_2(cli, tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    r = cli("diagnose", "--answers", str(path))
    assert r.code == 2 and fragment in r.err and "Traceback" not in r.err


def test_missing_answers_file_exit_2(cli, tmp_path: Path) -> None:
    r = cli("diagnose", "--answers", str(tmp_path / "nope.yaml"))
    assert r.code == 2 and "no such file" in r.err


def test_no_terminal_and_no_answers_exits_2_with_hint(cli) -> None:
    r = cli("diagnose")
    assert r.code == 2
    assert "--answers" in r.err and "walletaid schema answers-diagnose" in r.err


def test_bad_format_and_lang_are_usage_errors(cli, tmp_path: Path) -> None:
    assert cli("diagnose", "--answers", _answers(tmp_path, LIMIT), "--format", "xml").code == 2
    assert cli("diagnose", "--answers", _answers(tmp_path, LIMIT), "--lang", "fr").code == 2


def test_secrets_in_answers_never_reach_output(cli, tmp_path: Path) -> None:
    data = {"wallet": "ecny", "symptom": "cannot_login",
            "description": "password: Xk93!dLp2 and my code is 558812, phone 13812345678"}
    r = cli("diagnose", "--answers", _answers(tmp_path, data), "--format", "json")
    assert r.code == 0
    for secret in ("Xk93!dLp2", "558812", "13812345678"):
        assert secret not in r.out
    assert "removed" in r.err or "masked" in r.err  # the user is told


def test_save_puts_the_case_in_the_store(cli, tmp_path: Path) -> None:
    r = cli("diagnose", "--answers", _answers(tmp_path, LIMIT), "--save")
    assert r.code == 0 and "WA-" in r.err
    listing = cli("case", "list", "--format", "json")
    assert listing.code == 0
    assert len(json.loads(listing.out)["cases"]) == 1


def test_version_and_module_entry(cli) -> None:
    r = cli("--version")
    assert r.code == 0 and r.out.startswith("walletaid ") and r.out.strip().split()[1].count(".") == 2


def test_schema_answers_diagnose(cli) -> None:
    r = cli("schema", "answers-diagnose")
    schema = json.loads(r.out)
    assert {"wallet", "symptom"} <= set(schema["required"])
    assert schema["additionalProperties"] is False
    assert cli("schema", "nope").code == 2
