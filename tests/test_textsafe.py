"""User text is shown literally: no escape sequences, no control characters, no Rich markup."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from walletaid.textsafe import clean, for_rich


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[2J\x1b[Hhello", "hello"),
        ("red \x1b[31mtext\x1b[0m", "red text"),
        ("title \x1b]0;pwned\x07 end", "title  end"),
        ("link \x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "link click"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("line1\r\nline2\rline3", "line1\nline2\nline3"),
        ("tab\tkept", "tab\tkept"),
        ("bidi \u202eevil\u202c", "bidi evil"),
        ("中文 不变", "中文 不变"),
        ("\x9b31mc1 csi", "c1 csi"),
    ],
)
def test_clean_strips_sequences_and_controls(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_clean_can_fold_newlines() -> None:
    assert clean("a\nb", keep_newlines=False) == "a b"


@pytest.mark.parametrize("raw", ["[bold]hi[/bold]", "[link=http://x]y[/link]", "[red]", "\\[x]"])
def test_markup_typed_by_a_user_prints_literally(raw: str) -> None:
    console = Console(record=True, width=80, color_system=None)
    console.print(for_rich(raw))
    assert console.export_text().rstrip("\n") == raw


@given(st.text())
def test_clean_output_never_holds_escape_or_controls(raw: str) -> None:
    out = clean(raw)
    assert "\x1b" not in out and "\x9b" not in out
    assert all(ch in "\t\n" or ord(ch) >= 0x20 for ch in out)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in out)


def test_clean_is_linear_on_hostile_input() -> None:
    """Four times the hostile input costs about four times the CPU, never sixteen (no pattern backtracks)."""

    def cpu_seconds(n: int) -> float:
        hostile = "\x1b[" + "1;" * n + "\x1b]" + "x" * n
        started = time.process_time()  # CPU time: other work on the machine doesn't count
        out = clean(hostile)
        assert "\x1b" not in out
        return time.process_time() - started

    small, large = cpu_seconds(50_000), cpu_seconds(200_000)
    assert large < 8 * small + 0.2, (small, large)
