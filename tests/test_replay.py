"""Answers files are read safely and replayed through the same questions the wizard asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from walletaid.errors import InputError
from walletaid.forms.diagnose import diagnose_questions
from walletaid.wizard.replay import load_answers_file, parse_answer, replay

Q = {q.id: q for q in diagnose_questions()}


def _problems(exc: pytest.ExceptionInfo[InputError]) -> dict[str, str]:
    return {p.field: p.message for p in exc.value.problems}


def test_valid_yaml_is_replayed(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("wallet: ecny\noperator: icbc\nsymptom: payment_failed\nerror_message: 超过钱包年累计支付额度\n"
                 "app_updated: no\n", encoding="utf-8")
    answers = replay(diagnose_questions(), load_answers_file(str(f), "en"), "en")
    assert answers == {"wallet": "ecny", "operator": "icbc", "symptom": "payment_failed",
                       "error_message": "超过钱包年累计支付额度", "app_updated": "no"}


def test_yaml_booleans_become_yes_no() -> None:
    assert parse_answer(Q["app_updated"], True, "en") == "yes"
    assert parse_answer(Q["app_updated"], False, "en") == "no"


def test_every_problem_is_reported_at_once_with_the_key() -> None:
    with pytest.raises(InputError) as exc:
        replay(diagnose_questions(), {"walet": "ecny", "symptom": "payed", "network": ["x"]}, "en")
    problems = _problems(exc)
    assert set(problems) == {"walet", "wallet", "symptom", "network"}
    assert "did you mean 'wallet'" in problems["walet"]
    assert "payment_failed" in problems["symptom"]  # the allowed values are listed
    assert "required" in problems["wallet"]


def test_problems_are_in_chinese_when_asked() -> None:
    with pytest.raises(InputError) as exc:
        replay(diagnose_questions(), {"wallet": "bank", "symptom": "other"}, "zh")
    assert "只能是以下之一" in _problems(exc)["wallet"]


def test_not_sure_operator_means_unanswered() -> None:
    assert "operator" not in replay(diagnose_questions(), {"wallet": "ecny", "symptom": "other",
                                                            "operator": "not_sure"}, "en")


def test_text_is_cleaned_and_limited() -> None:
    assert parse_answer(Q["error_message"], "\x1b[31m网络异常\x1b[0m", "en") == "网络异常"
    with pytest.raises(ValueError, match="2000"):
        parse_answer(Q["error_message"], "x" * 2001, "en")
    assert parse_answer(Q["error_message"], 404, "en") == "404"


def test_checkbox_accepts_single_value_and_checks_each() -> None:
    assert parse_answer(Q["contact_asked_for"], "codes", "en") == ["codes"]
    with pytest.raises(ValueError):
        parse_answer(Q["contact_asked_for"], ["codes", "pizza"], "en")


@pytest.mark.parametrize(
    ("content", "name", "fragment"),
    [
        (b"- wallet\n- ecny\n", "a.yaml", "mapping"),
        (b"just text", "a.yaml", "mapping"),
        (b"\xff\xfe\x00bad", "a.yaml", "UTF-8"),
        (b"wallet: [unclosed", "a.yaml", "not valid YAML or JSON"),
        (b'{"wallet": ', "a.json", "not valid YAML or JSON"),
        (b"", "a.yaml", "mapping"),
    ],
)
def test_bad_files_are_refused(tmp_path: Path, content: bytes, name: str, fragment: str) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(InputError) as exc:
        load_answers_file(str(f), "en")
    assert fragment in exc.value.problems[0].message
    assert str(f) in exc.value.problems[0].field


def test_file_over_one_megabyte_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "big.yaml"
    f.write_bytes(b"description: " + b"x" * 1_000_001)
    with pytest.raises(InputError) as exc:
        load_answers_file(str(f), "en")
    assert "1 MB" in exc.value.problems[0].message


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        load_answers_file(str(tmp_path / "nope.yaml"), "en")
    assert "no such file" in exc.value.problems[0].message


def test_unquoted_yaml_dates_are_read_as_text(tmp_path: Path) -> None:
    from walletaid.forms.ticket import ticket_questions

    f = tmp_path / "a.yaml"
    f.write_text("occurred_at: 2026-11-20 14:30:00\n", encoding="utf-8")
    q = {x.id: x for x in ticket_questions()}["occurred_at"]
    raw = load_answers_file(str(f), "en")["occurred_at"]
    assert not isinstance(raw, str)  # YAML made it a datetime
    assert parse_answer(q, raw, "en") is not None
