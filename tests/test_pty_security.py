"""``walletaid security-check`` typed into its real prompts: the check-up in both languages, Ctrl-C and resume."""

from __future__ import annotations

import json
from pathlib import Path

from pty_helpers import CTRL_C, DOWN, ENTER, finish, spawn


def _step(child, n: int) -> None:
    """Wait for question ``n`` itself: its own step number, since the line an answered question leaves behind
    carries the previous number (keys sent while that prompt is closing would be lost)."""
    child.expect(rf"\[[^\]]*(?:step|第) ?{n}\b")


def _answer_all(child, first: int, count: int, downs: int) -> None:
    """Answer ``count`` select questions from step ``first`` on, each by moving ``downs`` down and pressing Enter."""
    for n in range(first, first + count):
        _step(child, n)
        child.send(DOWN * downs + ENTER)


def test_english_check_up_best_answers_scores_a(home: Path) -> None:
    child = spawn(["security-check"], home, lang="en", columns=160, rows=60)
    child.expect_exact("What would you like to check?")
    child.send(ENTER)                                   # my habits
    _answer_all(child, 1, 17, 0)                        # the first option of each is the safest
    child.expect_exact("100")
    child.expect_exact("A")
    status, _ = finish(child)
    assert status == 0


def test_chinese_check_up_ctrl_c_then_resume(home: Path) -> None:
    child = spawn(["security-check"], home, lang="zh", columns=160, rows=60)
    child.expect_exact("您想检查什么？")
    child.send(ENTER)
    _answer_all(child, 1, 3, 1)
    _step(child, 4)
    child.send(CTRL_C)
    status, tail = finish(child)
    assert status == 130 and "已停止" in tail
    draft = json.loads((home / "drafts" / "security-check.json").read_text(encoding="utf-8"))
    assert len(draft["answers"]) == 3

    child = spawn(["security-check", "--resume"], home, lang="zh", columns=160, rows=60)
    child.expect_exact("您想检查什么？")
    child.send(ENTER)
    _answer_all(child, 4, 14, 0)                        # only the 14 questions left are asked
    child.expect_exact("分")
    status, _ = finish(child)
    assert status == 0
    assert not (home / "drafts" / "security-check.json").exists()


def test_ctrl_c_while_pasting_a_message_stops_calmly_on_its_own_line(home: Path) -> None:
    child = spawn(["security-check"], home, lang="zh", columns=100)
    child.expect_exact("您想检查什么？")
    child.send(DOWN + ENTER)
    child.expect_exact("空行")
    child.send("【工商银行】您的账户存在风险" + ENTER)
    child.send(CTRL_C)
    status, out = finish(child)
    assert status == 130 and "Traceback" not in out
    assert "^C\r\n" in out or "^C\n" in out                # the calm line does not follow "^C" on the same line
    assert "已停止" in out
