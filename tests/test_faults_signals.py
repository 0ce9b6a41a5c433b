"""Signals and pipes (issue 13, item 4), in real processes because a real process is the point.

SIGTERM and SIGHUP remove temporary files the way Ctrl-C does (the hidden ``.WA-….zip.tmp`` of
``--bundle``, the temporary file of an atomic write) and the process then dies of that signal; a closed
stdout ends quietly with exit 0; ``> /dev/full`` gets one clear message.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Every fsync blocks, so the run is caught holding its temporary file (the zip's, or an atomic write's).
STALL_AT_FSYNC = "import os, time; os.fsync = lambda fd: time.sleep(60)\nfrom walletaid.cli import main; main()"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "WALLETAID_"))}
    env.update({"WALLETAID_HOME": str(home), "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})
    return env


def _wait_for_temp(folder: Path, proc: subprocess.Popen) -> Path:
    for _ in range(3000):  # at most ~30 s, then fail rather than hang
        found = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
        if found:
            return found[0]
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.01)
    raise AssertionError("no temporary file appeared")


@pytest.mark.parametrize("sig, extra, temp_end", [(signal.SIGTERM, ["--bundle"], ".zip.tmp"),
                                                  (signal.SIGHUP, [], ".tmp")])
def test_a_signal_removes_the_temporary_file(home: Path, tmp_path: Path, sig: int, extra: list[str],
                                             temp_end: str) -> None:
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"\x89PNG" * 1000)
    answers = tmp_path / "t.json"
    answers.write_text(json.dumps({"wallet": "ecny", "symptom": "payment_failed", "phone": "13912345678",
                                   "occurred_at": "2026-11-20 09:15", "evidence": [str(shot)]}), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", STALL_AT_FSYNC, "prepare-ticket", "--answers", str(answers), "--out", str(out),
         "--no-save", *extra], env=_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    temp = _wait_for_temp(out, proc)
    assert temp.name.startswith(".WA-") and temp.name.endswith(temp_end)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == -sig and b"Traceback" not in err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("args", [["contacts"], ["security-check", "--batch", "-", "--format", "json"]])
def test_a_closed_stdout_ends_quietly(home: Path, args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte is written, as after `| head -1`
    try:
        done = subprocess.run([sys.executable, "-m", "walletaid", *args], stdout=write_end, stderr=subprocess.PIPE,
                              input=b'{"text": "hi"}\n' * 3, env=_env(home), timeout=60)
    finally:
        os.close(write_end)
    assert done.returncode == 0 and done.stderr == b""


def test_output_to_a_full_device_gets_one_clear_message(home: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "walletaid", "contacts", "--format", "json", "--lang", "zh"],
                              stdout=full, stderr=subprocess.PIPE, env=_env(home), timeout=60)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and "无法写出结果：磁盘已满" in err and "Traceback" not in err
    assert "Exception ignored" not in err


def test_a_clean_up_that_fails_after_a_signal_still_ends_by_the_signal() -> None:
    """A signal can land while a zip entry is half written; closing the zip then raises a ValueError of its
    own.  That error must not turn "stopped by SIGTERM" into "unexpected problem" (exit 1)."""
    import typer

    from walletaid import signals
    from walletaid.cli_common import run_flow

    def flow(lang: str) -> int:
        try:
            raise signals.Terminated(signal.SIGTERM)
        finally:
            raise ValueError("Can't close the ZIP file while there is an open writing handle on it")

    with pytest.raises(signals.Terminated) as stopped:
        run_flow(None, flow)
    assert stopped.value.signum == signal.SIGTERM

    def plain_bug(lang: str) -> int:
        raise ValueError("a bug")

    with pytest.raises(typer.Exit) as ended:
        run_flow(None, plain_bug)
    assert ended.value.exit_code == 1
