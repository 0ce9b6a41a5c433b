"""``walletaid case close``: the feedback step (how support handled it, what helped), kept redacted with the case."""

from __future__ import annotations

import json
from pathlib import Path

from terminal import CTRL_C, DOWN, ENTER, type_into

TICKET = {"wallet": "ecny", "operator": "icbc", "symptom": "payment_failed", "phone": "13812345678",
          "occurred_at": "2026-11-20 10:00"}


def _case(cli, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    answers = tmp_path / "t.json"
    answers.write_text(json.dumps(TICKET), encoding="utf-8")
    made = cli("prepare-ticket", "--answers", str(answers), "--out", str(tmp_path), "--format", "json")
    assert made.code == 0, made.err
    return json.loads(made.out)["case_id"]


def _shown(cli, case_id: str) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(cli("case", "show", case_id, "--format", "json").out)["case"]


def test_feedback_given_as_options_is_kept_redacted_and_shown_in_the_readers_language(cli, tmp_path: Path) -> None:
    case_id = _case(cli, tmp_path)
    closed = cli("case", "close", case_id, "--rating", "4", "--helped", "asking for the reference; code 482913",
                 "--format", "json")
    assert closed.code == 0 and "What helped: a verification code was removed" in closed.err
    feedback = json.loads(closed.out)["feedback"]
    assert feedback == {"rating": 4, "helped": "asking for the reference; code [REDACTED:verification_code]"}
    case = _shown(cli, case_id)
    assert case["status"] == "closed" and case["feedback"] == feedback
    shown = cli("case", "show", case_id, lang="zh")
    assert "您的评价：" in shown.out and "4/5 — asking for the reference" in shown.out and "482913" not in shown.out


def test_a_rating_outside_1_to_5_is_refused_and_the_case_stays_open(cli, tmp_path: Path) -> None:
    case_id = _case(cli, tmp_path)
    refused = cli("case", "close", case_id, "--rating", "9", lang="zh")
    assert refused.code == 2 and "--rating" in refused.err and "1（很差）到 5（非常好）" in refused.err
    assert _shown(cli, case_id)["status"] == "open"


def test_without_a_terminal_or_options_the_case_closes_without_feedback(cli, tmp_path: Path) -> None:
    case_id = _case(cli, tmp_path)
    assert cli("case", "close", case_id).code == 0
    case = _shown(cli, case_id)
    assert case["status"] == "closed" and case["feedback"] is None


def test_in_a_terminal_close_asks_for_the_feedback_first(cli, home: Path, tmp_path: Path) -> None:
    case_id = _case(cli, tmp_path)
    screen = type_into(["case", "close", case_id], [DOWN + ENTER, "they called back as promised" + ENTER], home,
                       lang="zh")
    assert screen.code == 0 and "客服这次处理得怎么样？" in screen.prompts and "什么最有帮助" in screen.prompts
    assert _shown(cli, case_id)["feedback"] == {"rating": 4, "helped": "they called back as promised"}


def test_ctrl_c_at_the_feedback_closes_nothing(cli, home: Path, tmp_path: Path) -> None:
    case_id = _case(cli, tmp_path)
    screen = type_into(["case", "close", case_id], [CTRL_C], home)
    assert screen.code == 130 and _shown(cli, case_id)["status"] == "open"


def test_the_feedback_can_be_skipped_in_the_terminal(cli, home: Path, tmp_path: Path) -> None:
    case_id = _case(cli, tmp_path)
    screen = type_into(["case", "close", case_id], [DOWN * 5 + ENTER], home)
    assert screen.code == 0 and "What helped most" not in screen.prompts   # nothing more is asked
    case = _shown(cli, case_id)
    assert case["status"] == "closed" and case["feedback"] is None
