"""``walletaid prepare-ticket`` typed into its real prompts: wrong answers re-asked, review, edit, export."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from pty_helpers import DOWN, ENTER, answer, finish, select, spawn


def _problem_section(child, lang: str) -> None:
    zh = lang == "zh"
    select(child, "您用的是哪种钱包？" if zh else "Which kind of wallet is it?", 0)
    select(child, "哪家银行" if zh else "Which bank (operator)", 0)
    select(child, "遇到了什么问题？" if zh else "What happened?", 0)          # payment_failed
    answer(child, "App 显示的提示原文" if zh else "What exactly did the app say?", "超过钱包年累计支付额度")
    answer(child, "用自己的话说说" if zh else "Describe what happened",
           "我的验证码是 482913" if zh else "my code is 482913")
    select(child, "当时用的是什么网络？" if zh else "Which connection", 2)
    select(child, "App 是不是最新版本？" if zh else "Is the app up to date?", 0)


def test_chinese_ticket_with_wrong_answers_then_export(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    child = spawn(["prepare-ticket", "--out", str(out)], home, lang="zh", columns=160, rows=60)
    _problem_section(child, "zh")
    answer(child, "钱包注册用的手机号是多少？", "12345")
    child.expect_exact("手机号")                                       # the reason, in Chinese
    child.send("\x15" + "+86 138 1234 5678" + ENTER)                  # Ctrl-U clears, then a valid number
    answer(child, "邮箱地址", "")
    answer(child, "钱包或账户名称", "")
    answer(child, "问题是什么时候发生的？", "2999-01-01 10:00")
    child.expect_exact("还没到")                                       # a future time is refused
    child.send("\x15" + "2026-11-20 14:30" + ENTER)
    answer(child, "第 1 条", "扫码付款")
    answer(child, "第 2 条", "")
    answer(child, "涉及多少钱？", "88.5")
    for prompt in ("币种", "对方是谁？", "交易单号", "手机品牌", "手机型号", "手机系统", "系统版本", "App 版本号"):
        answer(child, prompt, "")
    answer(child, "第 1 条", "")                                       # no evidence
    child.expect_exact("接下来？")
    child.send(ENTER)                                                  # export
    child.expect_exact("案件文件已写入")
    status, _ = finish(child)
    assert status == 0
    [json_file] = list(out.glob("*.json"))
    assert stat.S_IMODE(json_file.stat().st_mode) == 0o600
    text = json_file.read_text(encoding="utf-8")
    assert "482913" not in text and "13812345678" not in text
    doc = json.loads(text)
    assert doc["transaction"]["amount"] in ("88.50", "88.5") and doc["account"]["phone"] == "138****5678"


def test_english_review_edit_then_cancel_keeps_draft(home: Path, tmp_path: Path) -> None:
    child = spawn(["prepare-ticket", "--out", str(tmp_path)], home, lang="en", columns=160, rows=60)
    _problem_section(child, "en")
    answer(child, "Which mobile number", "13812345678")
    answer(child, "E-mail address", "")
    answer(child, "Wallet or account name", "")
    answer(child, "When did it happen?", "2026-11-20")
    answer(child, "#1", "")
    answer(child, "How much money", "")
    for prompt in ("Currency", "Who is the other side", "Transaction or order number", "Phone brand",
                   "Phone model", "Phone system", "System version", "App version"):
        answer(child, prompt, "")
    answer(child, "#1", "")
    child.expect_exact("What next?")
    child.send(DOWN + ENTER)                                           # change a section
    select(child, "Which section", 1)                                  # Account
    answer(child, "Which mobile number", "")                           # keep the default shown
    answer(child, "E-mail address", "li@example.org")
    answer(child, "Wallet or account name", "")
    child.expect_exact("l***@example.org")                             # the preview shows it masked
    child.expect_exact("What next?")
    child.send(DOWN + DOWN + ENTER)                                    # cancel
    child.expect_exact("Nothing was written")
    status, _ = finish(child)
    assert status == 130
    assert list(tmp_path.glob("*.json")) == []
    draft = json.loads((home / "drafts" / "prepare-ticket.json").read_text(encoding="utf-8"))
    assert "phone" not in draft["answers"] and "email" not in draft["answers"]  # never kept in drafts
    assert "482913" not in json.dumps(draft)                           # free text redacted in the draft
