"""``walletaid diagnose`` typed into its real prompts through a pseudo-terminal, in both languages."""

from __future__ import annotations

import json
from pathlib import Path


from pty_helpers import CTRL_C, DOWN, ENTER, SPACE, answer, finish, select, spawn



def test_english_run_reaches_the_fraud_alarm_at_once(home: Path) -> None:
    child = spawn(["diagnose"], home, lang="en")
    select(child, "Which kind of wallet is it?", 0)                 # e-CNY
    select(child, "Which bank (operator) opened", 3)                # CCB
    select(child, "What happened?", 8)                              # suspicious_contact
    child.expect_exact("What did they ask you to do?")
    child.send(SPACE + DOWN + DOWN + SPACE + ENTER)                 # codes + screen sharing
    select(child, "Has money already left", 1)                      # no
    child.expect_exact("Act now")                                   # before any other question
    child.expect_exact("95533")                                     # CCB's official hotline
    select(child, "That is what matters now", 0)                    # the full advice now, no more questions
    child.expect_exact("Likely causes")
    status, tail = finish(child)
    assert status == 0 and "What exactly did the app say?" not in tail
    assert not (home / "drafts" / "diagnose.json").exists()         # a finished run leaves no draft


def test_chinese_run_limit_exceeded(home: Path) -> None:
    child = spawn(["diagnose"], home, lang="zh")
    select(child, "您用的是哪种钱包？", 0)
    select(child, "哪家银行", 0)                                       # ICBC
    select(child, "遇到了什么问题？", 0)                                 # payment_failed
    answer(child, "App 显示的提示原文", "超过钱包年累计支付额度")
    answer(child, "用自己的话说说", "")
    select(child, "当时用的是什么网络？", 2)
    select(child, "App 是不是最新版本？", 0)
    select(child, "以上是您的回答", 0)                                  # the edit screen: show the diagnosis
    child.expect_exact("超出钱包限额")
    child.expect_exact("95588")
    status, _ = finish(child)
    assert status == 0


def test_ctrl_c_keeps_a_draft_and_resume_finishes(home: Path) -> None:
    child = spawn(["diagnose"], home, lang="en")
    select(child, "Which kind of wallet is it?", 1)                 # crypto
    select(child, "What happened?", 3)                              # cannot_login
    child.expect_exact("What exactly did the app say?")
    child.send("incorrect password" + CTRL_C)
    child.expect_exact("Stopped.")
    status, tail = finish(child)
    assert status == 130
    assert "Traceback" not in tail
    draft = json.loads((home / "drafts" / "diagnose.json").read_text(encoding="utf-8"))
    assert draft["answers"] == {"wallet": "crypto", "symptom": "cannot_login"}

    child = spawn(["diagnose"], home, lang="en")
    child.expect_exact("Continue where you left off?")
    child.send(ENTER)
    answer(child, "What exactly did the app say?", "Login failed: incorrect password (3 attempts left)")
    answer(child, "Describe what happened", "")
    select(child, "Which connection", 0)
    select(child, "Is the app up to date?", 0)
    select(child, "These are your answers", 0)
    child.expect_exact("Wrong password")
    status, _ = finish(child)
    assert status == 0
