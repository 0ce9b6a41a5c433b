"""Bounded input (issue 13, item 2): answers files, --message-file and --batch are read in chunks up to a limit.

Endless input (``/dev/zero``, a pipe) is refused with exit 2 naming the option and the limit; a pathological
``--batch`` line becomes an error row and the rest still run.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from inproc import run_app
from walletaid.files import read
from walletaid.flows import security


class Endless(io.RawIOBase):
    """A stream that never ends (like /dev/zero), counting the bytes handed out."""

    def __init__(self, byte: bytes = b"\0") -> None:
        self.byte = byte
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        n = len(buffer)
        buffer[:n] = self.byte * n
        self.given += n
        return n


def test_reading_an_endless_stream_stops_just_past_the_limit() -> None:
    raw = Endless()
    with pytest.raises(read.TooBig):
        read.read_limited(io.BufferedReader(raw), 1_000_000)
    assert raw.given <= 1_000_000 + 2 * read.CHUNK + io.DEFAULT_BUFFER_SIZE


def test_endless_batch_lines_stop_at_the_total_limit() -> None:
    raw = Endless(b"x")
    lines = read.limited_lines(io.BufferedReader(raw), line_limit=1000, total_limit=200_000, max_lines=10)
    with pytest.raises(read.TooBig):
        list(lines)
    assert raw.given <= 200_000 + 2 * read.CHUNK + io.DEFAULT_BUFFER_SIZE


@pytest.mark.parametrize("lang, word", [("en", "larger than 1 MB"), ("zh", "超过 1 MB")])
def test_answers_from_dev_zero_are_refused(lang: str, word: str) -> None:
    r = run_app("diagnose", "--answers", "/dev/zero", "--lang", lang)
    assert r.code == 2
    assert "--answers /dev/zero" in r.err and word in r.err.replace("\n", "")


def test_answers_on_stdin_over_the_limit_are_refused() -> None:
    r = run_app("prepare-ticket", "--answers", "-", stdin="wallet: ecny\n" + "#" * 1_100_000)
    assert r.code == 2 and "--answers -" in r.err and "1 MB" in r.err


@pytest.mark.parametrize("source, stdin", [("/dev/zero", None), ("-", "x" * 2_100_000)])
def test_message_file_over_the_limit_is_refused(source: str, stdin: str | None) -> None:
    r = run_app("security-check", "--message-file", source, stdin=stdin)
    assert r.code == 2 and f"--message-file {source}" in r.err and "2 MB" in r.err


def test_endless_batch_is_refused_naming_option_and_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "MAX_BATCH_BYTES", 3_000_000)
    r = run_app("security-check", "--batch", "/dev/zero", "--format", "json")
    assert r.code == 2 and r.out == ""
    assert "--batch /dev/zero" in r.err and "3 MB" in r.err and "Traceback" not in r.err


def _batch(tmp_path: Path, *lines: str) -> str:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_deeply_nested_line_is_an_error_row_and_the_rest_run(tmp_path: Path) -> None:
    source = _batch(tmp_path, "[" * 100_000, json.dumps({"id": "b", "text": "请把验证码发给我"}))
    r = run_app("security-check", "--batch", source, "--format", "json")
    assert r.code == 0, r.err
    first, second = [json.loads(line) for line in r.out.splitlines()]
    assert first["line"] == 1 and "not valid JSON" in first["error"]
    assert second["id"] == "b" and second["verdict"] == "danger"


def test_text_mode_still_prints_the_other_rows(tmp_path: Path) -> None:
    source = _batch(tmp_path, "[" * 100_000, json.dumps({"id": "row-b", "text": "hello"}))
    r = run_app("security-check", "--batch", source, "--lang", "en")
    assert r.code == 0 and "row-b" in r.out and "1 unreadable" in r.out


def test_overlong_line_is_skipped_as_an_error_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "MAX_BATCH_LINE_BYTES", 1_000_000)
    source = _batch(tmp_path, json.dumps({"text": "y" * 1_500_000}), json.dumps({"id": 2, "text": "hi"}))
    r = run_app("security-check", "--batch", source, "--format", "json", "--lang", "zh")
    first, second = [json.loads(line) for line in r.out.splitlines()]
    assert r.code == 0 and "超过 1 MB" in first["error"] and second["id"] == 2 and "verdict" in second


def test_table_output_stops_at_its_line_limit_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "MAX_TABLE_LINES", 3)
    source = _batch(tmp_path, *[json.dumps({"id": f"m{i}", "text": "hi"}) for i in range(5)])
    r = run_app("security-check", "--batch", source, "--format", "markdown")
    assert r.code == 2 and "| m2 |" in r.out and "m3" not in r.out
    assert "3 lines" in r.err and "first 3 line(s) were checked" in r.err and "--format json" in r.err
