"""``security-check`` (message, file, stdin, batch, check-up) and ``contacts`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SCAM = "您好,我是京东客服,您的商品有质量问题要退款理赔,请下载会议App开启屏幕共享,把验证码告诉我"
BANK_CODE = "【工商银行】您的验证码为482913,5分钟内有效,请勿泄露给任何人。"


def test_message_json_contract(cli) -> None:
    r = cli("security-check", "--message", SCAM, "--format", "json", "--lang", "zh")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert (doc["schema_version"], doc["command"], doc["lang"], doc["mode"]) == (1, "security-check", "zh", "message")
    assert doc["verdict"] == "danger"
    ids = {s["id"] for s in doc["signals"]}
    assert {"asks_verification_code", "screen_sharing_or_remote_app"} <= ids
    assert all(s["evidence"] and s["severity"] in ("high", "medium", "low") for s in doc["signals"])
    assert doc["advice"]


def test_genuine_code_sms_is_not_an_alarm(cli) -> None:
    doc = json.loads(cli("security-check", "--message", BANK_CODE, "--format", "json").out)
    assert doc["verdict"] == "no_known_signals"


def test_message_file_and_stdin(cli, tmp_path: Path) -> None:
    path = tmp_path / "sms.txt"
    path.write_text(SCAM, encoding="utf-8")
    from_file = json.loads(cli("security-check", "--message-file", str(path), "--format", "json").out)
    from_stdin = json.loads(cli("security-check", "--message-file", "-", "--format", "json", stdin=SCAM).out)
    assert from_file["verdict"] == from_stdin["verdict"] == "danger"


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (("--message", "   "), None, "empty"),
        (("--message-file", "/nonexistent/sms.txt"), None, "--message-file"),
        (("--message", "x", "--batch", "-"), None, "only one"),
        (("--message-file", "-"), "x" * 2_000_001, "MB"),
    ],
)
def test_message_errors_exit_2(cli, args: tuple[str, ...], stdin: str | None, fragment: str) -> None:
    r = cli("security-check", *args, stdin=stdin)
    assert r.code == 2 and fragment in r.err and "Traceback" not in r.err


def test_non_utf8_message_file_exit_2(cli, tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("验证码".encode("gbk"))
    r = cli("security-check", "--message-file", str(path))
    assert r.code == 2 and "UTF-8" in r.err


def test_batch_json_lines_in_order_with_bad_line(cli, tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": SCAM}, ensure_ascii=False), "not json",
             json.dumps({"id": 7, "text": BANK_CODE}, ensure_ascii=False), json.dumps({"id": "no-text"}), ""]
    r = cli("security-check", "--batch", "-", "--format", "json", stdin="\n".join(lines))
    assert r.code == 0, r.err
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert [row.get("id") for row in rows] == ["a", None, 7, "no-text"]
    assert rows[0]["verdict"] == "danger" and rows[2]["verdict"] == "no_known_signals"
    assert "error" in rows[1] and rows[1]["line"] == 2 and "error" in rows[3]


def test_batch_with_no_readable_line_exit_2(cli) -> None:
    r = cli("security-check", "--batch", "-", "--format", "json", stdin="nope\n[1]\n")
    assert r.code == 2


def test_batch_text_table(cli) -> None:
    r = cli("security-check", "--batch", "-", stdin=json.dumps({"id": "m1", "text": SCAM}, ensure_ascii=False))
    assert r.code == 0 and "m1" in r.out and "danger" in r.out


def test_posture_answers_and_schema(cli, tmp_path: Path) -> None:
    schema = json.loads(cli("schema", "answers-security").out)
    best = {k: (p.get("enum") or p["anyOf"][0]["enum"])[0] for k, p in schema["properties"].items()}
    path = tmp_path / "s.json"
    path.write_text(json.dumps(best), encoding="utf-8")
    doc = json.loads(cli("security-check", "--answers", str(path), "--format", "json").out)
    assert doc["mode"] == "posture" and doc["score"] == 100 and doc["grade"] == "A"
    worst = dict(best, codes_shared="yes")  # a code was shared: critical, caps the grade
    path.write_text(json.dumps(worst), encoding="utf-8")
    doc = json.loads(cli("security-check", "--answers", str(path), "--format", "json").out)
    assert doc["findings"][0]["severity"] == "critical" and doc["grade"] != "A"


def test_posture_typo_key_exit_2(cli, tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("sim_pinn: yes\n", encoding="utf-8")
    r = cli("security-check", "--answers", str(path))
    assert r.code == 2 and "sim_pinn" in r.err and "sim_pin" in r.err


def test_security_check_without_terminal_exit_2(cli) -> None:
    r = cli("security-check")
    assert r.code == 2 and "answers-security" in r.err


@pytest.mark.parametrize(
    ("value", "verdict"),
    [("95588", "official"), ("956196", "official"), ("950011", "not_official"), ("12345678", "not_official"),
     ("https://www.icbc.com.cn/", "official"), ("icbc-refund.top", "lookalike"), ("http://1.2.3.4/login", "not_official")],
)
def test_contacts_verify(cli, value: str, verdict: str) -> None:
    r = cli("contacts", "--verify", value, "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["verdict"] == verdict and doc["command"] == "contacts" and doc["schema_version"] == 1


def test_contacts_directory_and_provider(cli) -> None:
    table = cli("contacts", "--lang", "zh")
    assert table.code == 0 and "956196" in table.out and "12363" in table.out
    one = json.loads(cli("contacts", "icbc", "--format", "json").out)
    assert "95588" in json.dumps(one)
    assert cli("contacts", "nosuchbank").code == 2
    assert cli("contacts", "icbc", "--verify", "95588").code == 2
