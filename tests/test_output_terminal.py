"""Output adapts to the terminal: 40 columns stay readable, NO_COLOR is honoured, pipes get no escape codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from pty_helpers import spawn

DIAGNOSE = {"wallet": "ecny", "operator": "icbc", "symptom": "suspicious_contact",
            "description": "自称公安说我涉嫌洗钱,要我把钱转到安全账户"}
TICKET = dict(DIAGNOSE, symptom="payment_failed", phone="13812345678", occurred_at="2026-11-20 10:00",
              error_message="超过钱包年累计支付额度", amount="12.50")
COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def _file(tmp_path: Path, data: dict, name: str) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _posture_answers(cli) -> dict:
    schema = json.loads(cli("schema", "answers-security").out)
    return {key: prop["enum"][-1] if "enum" in prop else prop["anyOf"][0]["enum"][-1]
            for key, prop in schema["properties"].items()}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [40, 200])
def test_every_report_fits_the_width_and_has_no_escape_codes(cli, tmp_path: Path, lang: str, columns: int) -> None:
    runs = [
        ("diagnose", "--answers", _file(tmp_path, DIAGNOSE, "d.json")),
        ("prepare-ticket", "--answers", _file(tmp_path, TICKET, "t.json"), "--out", str(tmp_path)),
        ("security-check", "--answers", _file(tmp_path, _posture_answers(cli), "s.json")),
        ("case", "list"),
    ]
    for args in runs:
        r = cli(*args, "--lang", lang, env={"COLUMNS": str(columns)})
        assert r.code == 0, (args, r.err)
        assert "\x1b" not in r.out
        widest = max(cell_len(line) for line in r.out.splitlines())
        assert widest <= columns, (args, widest)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_input_errors_fit_40_columns_with_the_message_under_itself(cli, tmp_path: Path, lang: str) -> None:
    bad = dict(TICKET, phone="123", occurred_at="2030-01-01 10:00")
    r = cli("prepare-ticket", "--answers", _file(tmp_path, bad, "bad.json"), "--out", str(tmp_path),
            "--lang", lang, env={"COLUMNS": "40"})
    assert r.code == 2
    lines = r.err.splitlines()
    assert max(cell_len(line) for line in lines) <= 40
    first = next(i for i, line in enumerate(lines) if line.startswith("  phone: "))
    # the phone message needs several lines; each continuation starts under the message, not at the edge
    assert lines[first + 1].startswith(" " * len("  phone: ")) and lines[first + 1].strip()


def _terminal_output(home: Path, answers: str, env: dict[str, str] | None = None) -> str:
    import pexpect

    child = spawn(["diagnose", "--answers", answers], home, lang="en", extra_env=env)
    child.expect(pexpect.EOF)
    return child.before


def test_no_color_is_honoured_in_a_terminal(home: Path, tmp_path: Path) -> None:
    out = _terminal_output(home, _file(tmp_path, DIAGNOSE, "d.json"), {"NO_COLOR": "1"})
    assert "Act now" in out
    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|38;[0-9;]*|9[0-7])m", out)


def test_colour_appears_in_a_terminal_without_no_color(home: Path, tmp_path: Path) -> None:
    """Proves the NO_COLOR check above can fail: the same run in a terminal is coloured."""
    out = _terminal_output(home, _file(tmp_path, DIAGNOSE, "d.json"))
    assert re.search(r"\x1b\[[0-9;]*(3[0-7]|38;[0-9;]*|9[0-7])m", out)
