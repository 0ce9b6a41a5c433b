"""``walletaid case log`` and ``case delete`` typed into their real prompts (questions, re-ask, confirmation)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pty_helpers import ENTER, answer, finish, select, spawn


def _new_case(home: Path, tmp_path: Path) -> str:
    answers = tmp_path / "t.json"
    answers.write_text(json.dumps({"wallet": "ecny", "operator": "boc", "symptom": "balance_wrong",
                                   "phone": "13712345678", "occurred_at": "2026-11-20"}), encoding="utf-8")
    env = dict(os.environ, WALLETAID_HOME=str(home), WALLETAID_LANG="en")
    done = subprocess.run([sys.executable, "-m", "walletaid", "prepare-ticket", "--answers", str(answers), "--out",
                           str(tmp_path), "--format", "json"], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["case_id"]


def _contacts(home: Path, case_id: str) -> list[dict]:
    env = dict(os.environ, WALLETAID_HOME=str(home))
    done = subprocess.run([sys.executable, "-m", "walletaid", "case", "show", case_id, "--format", "json"],
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["case"]["contacts"]


def test_chinese_case_log_reasks_a_bad_date(home: Path, tmp_path: Path) -> None:
    case_id = _new_case(home, tmp_path)
    child = spawn(["case", "log", case_id], home, lang="zh", columns=160)
    select(child, "这次是通过什么方式联系的?".replace("?", "？"), 0)             # hotline
    answer(child, "客服的姓名或工号", "工号 0815")
    answer(child, "工单号或投诉编号", "TS-42")
    answer(child, "对方承诺在哪天之前答复", "下周")
    child.expect_exact("YYYY-MM-DD")                                             # why it was refused
    child.send("\x15" + "2026-12-01" + ENTER)
    select(child, "结果如何", 1)                                                  # pending
    answer(child, "对方说了什么", "说三天内回电")
    child.expect_exact("已在案件")
    status, _ = finish(child)
    assert status == 0
    [entry] = _contacts(home, case_id)
    assert (entry["channel"], entry["reference"], entry["outcome"]) == ("hotline", "TS-42", "pending")
    assert entry["promised_by"].startswith("2026-12-01")
