"""``walletaid diagnose`` typed into its real prompts through a pseudo-terminal, in both languages."""

from __future__ import annotations

import json
from pathlib import Path


from pty_helpers import CTRL_C, DOWN, ENTER, SPACE, answer, finish, select, spawn



def test_english_run_reaches_the_fraud_alarm(home: Path) -> None:
    child = spawn(["diagnose"], home, lang="en")
    select(child, "Which kind of wallet is it?", 0)                 # e-CNY
    select(child, "Which bank (operator) opened", 3)                # CCB
    select(child, "What happened?", 8)                              # suspicious_contact
    child.expect_exact("What did they ask you to do?")
    child.send(SPACE + DOWN + DOWN + SPACE + ENTER)                 # codes + screen sharing
    select(child, "Has money already left", 1)                      # no
    answer(child, "What exactly did the app say?", "")
    answer(child, "Describe what happened", "A man said he was from the bank and needed my code")
    select(child, "Which connection", 2)
    select(child, "Is the app up to date?", 0)
    child.expect_exact("Act now")
    child.expect_exact("95533")                                     # CCB's official hotline
    status, _ = finish(child)
    assert status == 0
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
    child.expect_exact("超出钱包限额")
    child.expect_exact("95588")
    status, _ = finish(child)
    assert status == 0


def test_too_long_answer_is_reasked_with_the_reason(home: Path) -> None:
    child = spawn(["diagnose"], home, lang="en", columns=200)
    select(child, "Which kind of wallet is it?", 2)                 # other
    select(child, "What happened?", 5)                              # app_crash
    child.expect_exact("What exactly did the app say?")
    child.send("x" * 2001 + ENTER)
    child.expect_exact("at most 2000 characters")                   # the prompt stays and says why
    child.send("\x7f" * 1990 + ENTER)                               # shorten it: now accepted
    answer(child, "Describe what happened", "")
    select(child, "Which connection", 0)
    select(child, "Is the app up to date?", 1)
    child.expect_exact("Likely causes")
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
    child.expect_exact("Wrong password")
    status, _ = finish(child)
    assert status == 0


def test_fresh_discards_the_draft(home: Path) -> None:
    (home / "drafts").mkdir(parents=True)
    (home / "drafts" / "diagnose.json").write_text(
        json.dumps({"command": "diagnose", "saved_at": "2026-11-25T10:00:00+00:00",
                    "answers": {"wallet": "crypto", "symptom": "cannot_login"}}), encoding="utf-8")
    child = spawn(["diagnose", "--fresh"], home, lang="en")
    child.expect_exact("Which kind of wallet is it?")               # starts from the first question
    child.send(CTRL_C)
    status, _ = finish(child)
    assert status == 130
    assert not (home / "drafts" / "diagnose.json").exists()


def test_long_choices_wrap_at_40_columns(home: Path) -> None:
    # prompt_toolkit cuts a line at the edge: without wrapping, the end of a long choice is never drawn
    child = spawn(["diagnose"], home, lang="en", columns=40)
    child.expect_exact("Which kind of wallet is it?")
    child.expect_exact("wallet in a bank app)")                     # 2nd line of the e-CNY choice
    child.send(ENTER)
    child.expect_exact("Which bank (operator) opened")
    child.expect_exact("this e-CNY wallet?")                       # the question wraps at a word, not inside one
    child.expect_exact("name on the wallet page")                   # and so does its hint, on lines of its own
    child.send(ENTER)
    child.expect_exact("What happened?")
    child.expect_exact("police contacted me")                       # end of the suspicious-contact choice
    child.send(CTRL_C)
    status, _ = finish(child)
    assert status == 130


def test_long_choices_wrap_at_40_columns_in_chinese(home: Path) -> None:
    child = spawn(["diagnose"], home, lang="zh", columns=40)
    child.expect_exact("您用的是哪种钱包？")
    child.expect_exact("App 里的数字人民币钱包）")                      # the e-CNY choice's 2nd line, whole
    child.send(CTRL_C)
    status, _ = finish(child)
    assert status == 130


def test_chinese_resume_question_is_asked_and_answered_in_chinese(home: Path) -> None:
    child = spawn(["diagnose"], home, lang="zh")
    select(child, "您用的是哪种钱包？", 1)                              # crypto
    child.expect_exact("遇到了什么问题？")
    child.send(CTRL_C)
    assert finish(child)[0] == 130

    child = spawn(["diagnose"], home, lang="zh")
    child.expect_exact("要接着填吗？")
    child.expect_exact("n) 否")
    child.send("n" + ENTER)                                         # n: start afresh
    child.expect_exact("否")                                        # the answer is echoed in Chinese
    child.expect_exact("重新开始填写")
    child.expect_exact("您用的是哪种钱包？")
    seen = child.before or ""
    child.send(CTRL_C)
    assert finish(child)[0] == 130
    assert "(Y/n)" not in seen and "Yes" not in seen
