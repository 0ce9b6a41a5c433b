"""The real prompts typed into in-process (``tests/terminal.py``): re-asking, drafts, narrow screens, confirmations.

The end-to-end runs in a real pseudo-terminal are in ``test_pty_*.py``; these cover the rest of what a
person meets at the prompts, in both languages, at a fraction of the cost.
"""

from __future__ import annotations

import json
from pathlib import Path

from terminal import CTRL_C, CTRL_D, DOWN, ENTER, SPACE, UP, type_into


def _draft(home: Path, command: str) -> dict | None:
    path = home / "drafts" / f"{command}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _new_case(cli, tmp_path: Path) -> str:
    answers = tmp_path / "t.json"
    answers.write_text(json.dumps({"wallet": "ecny", "operator": "boc", "symptom": "balance_wrong",
                                   "phone": "13712345678", "occurred_at": "2026-11-20"}), encoding="utf-8")
    done = cli("prepare-ticket", "--answers", str(answers), "--out", str(tmp_path), "--format", "json")
    return json.loads(done.out)["case_id"]


def test_a_too_long_answer_is_refused_with_the_reason_and_reasked(home: Path) -> None:
    from walletaid.forms.diagnose import diagnose_questions
    from walletaid.wizard.prompt import _validator

    error_message = next(q for q in diagnose_questions() if q.id == "error_message")
    assert "at most 2000 characters" in _validator(error_message, "en")("x" * 2001)  # what the prompt says
    keys = [DOWN * 2 + ENTER, DOWN * 5 + ENTER, "x" * 2001 + ENTER + "\x7f" * 1990 + ENTER, ENTER, ENTER, DOWN + ENTER, ENTER]
    screen = type_into(["diagnose"], keys, home, columns=200)
    assert screen.code == 0 and "Likely causes" in screen.out   # the shortened answer was taken
    assert "x" * 11 + "\r" in screen.prompts or "x" * 11 + "\n" in screen.prompts


def test_fresh_discards_the_draft(home: Path) -> None:
    (home / "drafts").mkdir(parents=True)
    (home / "drafts" / "diagnose.json").write_text(
        json.dumps({"command": "diagnose", "saved_at": "2026-11-25T10:00:00+00:00",
                    "answers": {"wallet": "crypto", "symptom": "cannot_login"}}), encoding="utf-8")
    screen = type_into(["diagnose", "--fresh"], [CTRL_C], home)
    assert "Which kind of wallet is it?" in screen.prompts   # started from the first question
    assert screen.code == 130 and _draft(home, "diagnose") is None


def test_long_choices_wrap_at_words_at_40_columns(home: Path) -> None:
    # prompt_toolkit cuts a line at the edge: without wrapping, the end of a long choice is never drawn
    screen = type_into(["diagnose"], [ENTER, ENTER, CTRL_C], home, columns=40)
    assert "wallet in a bank app)" in screen.prompts         # 2nd line of the e-CNY choice, whole
    assert "this e-CNY wallet?" in screen.prompts            # the question wraps at a word
    assert "name on the wallet page" in screen.prompts       # and so does its hint
    assert "police contacted me" in screen.prompts           # end of the suspicious-contact choice
    assert screen.code == 130


def test_long_choices_wrap_at_40_columns_in_chinese(home: Path) -> None:
    screen = type_into(["diagnose"], [CTRL_C], home, lang="zh", columns=40)
    assert "App 里的数字人民币钱包）" in screen.prompts and screen.code == 130


def test_the_resume_question_is_asked_and_answered_in_chinese(home: Path) -> None:
    first = type_into(["diagnose"], DOWN + ENTER + CTRL_C, home, lang="zh")
    assert first.code == 130 and _draft(home, "diagnose")["answers"] == {"wallet": "crypto"}
    again = type_into(["diagnose"], ["n" + ENTER, CTRL_C], home, lang="zh")
    assert "要接着填吗？" in again.prompts and "n) 否" in again.prompts
    assert "重新开始填写" in again.err and "(Y/n)" not in again.prompts and "Yes" not in again.prompts


def test_a_pasted_message_is_checked(home: Path) -> None:
    pasted = "Your account will be frozen today.\nTransfer your balance to this safe account now: 6222 0000 1111\n\n"
    screen = type_into(["security-check"], DOWN + ENTER, home, stdin=pasted)
    assert screen.code == 0 and "DANGER" in screen.out


def test_ctrl_d_at_case_log_logs_nothing(cli, home: Path, tmp_path: Path) -> None:
    case_id = _new_case(cli, tmp_path)
    screen = type_into(["case", "log", case_id], DOWN * 2 + ENTER + CTRL_D, home)
    assert screen.code == 130 and "Nothing was logged" in screen.err
    assert json.loads(cli("case", "show", case_id, "--format", "json").out)["case"]["contacts"] == []


def test_delete_asks_first_and_no_keeps_the_case(cli, home: Path, tmp_path: Path) -> None:
    case_id = _new_case(cli, tmp_path)
    kept = type_into(["case", "delete", case_id], ["n" + ENTER], home)
    assert "for good?" in kept.prompts and "n) No" in kept.prompts and "Nothing was deleted" in kept.err
    assert cli("case", "show", case_id).code == 0
    gone = type_into(["case", "delete", case_id], "y" + ENTER, home)
    assert gone.code == 0 and cli("case", "show", case_id).code == 2


def test_chinese_delete_confirmation_defaults_to_no_and_ctrl_c_deletes_nothing(cli, home: Path, tmp_path: Path) -> None:
    case_id = _new_case(cli, tmp_path)
    stopped = type_into(["case", "delete", case_id], [CTRL_C], home, lang="zh")
    assert "要永久删除案件" in stopped.prompts and "n) 否" in stopped.prompts
    assert stopped.code == 130 and "没有删除任何内容" in stopped.err
    kept = type_into(["case", "delete", case_id], ENTER, home, lang="zh")   # Enter takes the default: No
    assert kept.code == 0 and cli("case", "show", case_id).code == 0


def test_ctrl_c_in_ticket_then_resume_continues_where_it_stopped(home: Path, tmp_path: Path) -> None:
    first = type_into(["prepare-ticket", "--out", str(tmp_path)], DOWN + ENTER + DOWN * 3 + ENTER + CTRL_C, home)
    assert first.code == 130 and _draft(home, "prepare-ticket")["answers"] == {"wallet": "crypto", "symptom": "cannot_login"}
    again = type_into(["prepare-ticket", "--out", str(tmp_path), "--resume"], [CTRL_C], home)
    assert "Continuing your unfinished answers" in again.err
    assert "What exactly did the app say?" in again.prompts and again.code == 130


# --- the fast path to the alarm, and the edit screen at the end of diagnose (issue 12, items 8 and 9) ---

SUSPICIOUS = DOWN * 8 + ENTER   # "Someone claiming to be support, a bank or the police contacted me"


def test_the_alarm_comes_before_the_remaining_questions(home: Path) -> None:
    # e-CNY, ICBC, a caller; they asked for a code; money has not left; then the advice at once
    keys = [ENTER, ENTER, SUSPICIOUS, SPACE + ENTER, DOWN + ENTER, ENTER]
    screen = type_into(["diagnose"], keys, home, columns=100)
    assert screen.code == 0
    assert "Act now" in screen.err and "95588" in screen.err              # the alarm, with ICBC's number
    assert "Answer the 4 remaining question(s) first" in screen.prompts    # offered after it, not before
    assert "What exactly did the app say?" not in screen.prompts           # and skipped when not wanted
    assert "These are your answers" not in screen.prompts                  # no edit screen on the fast path
    assert "Likely causes" in screen.out and _draft(home, "diagnose") is None


def test_a_description_of_a_caller_brings_the_alarm_before_the_last_questions_in_chinese(home: Path) -> None:
    told = "刚才有个自称客服的人打电话，让我把验证码告诉他，还要我开屏幕共享"
    keys = [ENTER, ENTER, ENTER, ENTER, told + ENTER, DOWN + ENTER, ENTER, ENTER, ENTER]
    screen = type_into(["diagnose"], keys, home, lang="zh", columns=100)
    assert screen.code == 0
    alarm_at = screen.prompts.index("以上是现在最要紧的")
    assert screen.prompts.index("当时用的是什么网络？") > alarm_at            # the remaining questions come after
    assert "先回答剩下的 2 个问题" in screen.prompts
    assert screen.err.count("请马上行动") == 1                               # shown once, at once
    assert "以上是您的回答" in screen.prompts and "请马上行动" in screen.out    # edit screen, then the result


def test_no_alarm_is_offered_when_nothing_is_urgent(home: Path) -> None:
    keys = [ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER]
    screen = type_into(["diagnose"], keys, home)
    assert screen.code == 0 and "Act now" not in screen.all and "matters now" not in screen.prompts


def test_the_edit_screen_changes_one_answer_and_drops_follow_ups_that_no_longer_apply(home: Path) -> None:
    keys = [ENTER, ENTER, SUSPICIOUS, SPACE + ENTER, ENTER, DOWN + ENTER,   # a caller, a code, money gone; answer more
            ENTER, "he asked for code 482913" + ENTER, ENTER, ENTER,         # description typed with a code in it
            DOWN + ENTER, DOWN * 2 + ENTER, UP * 8 + ENTER,                  # change "What happened?" to a failed payment
            ENTER]                                                           # show the diagnosis
    screen = type_into(["diagnose", "--format", "json"], keys, home, columns=100)
    assert screen.code == 0
    assert "Which answer do you want to change?" in screen.prompts
    assert "482913" not in screen.err + screen.out                          # redacted before the edit screen shows it
    assert screen.err.count("Your answers") == 2                            # shown again after the edit
    result = json.loads(screen.out)
    assert result["symptom"] == "payment_failed"
    assert "What did they ask you to do?" not in screen.err.split("Your answers")[2]   # its answer was dropped


def test_cancel_on_the_edit_screen_keeps_a_draft(home: Path) -> None:
    keys = [ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, DOWN * 2 + ENTER]
    screen = type_into(["diagnose"], keys, home, lang="zh")
    assert screen.code == 130 and "已取消" in screen.err
    assert _draft(home, "diagnose")["answers"]["symptom"] == "payment_failed"
