"""The security-check habits check-up: questions, answers model, scoring engine and renderers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from rich.console import Console

from walletaid.engines.posture import GRADE_ORDER, grade_for, percent, score_posture, sort_findings
from walletaid.forms.security import posture_questions
from walletaid.i18n import LANGS, catalogue, t
from walletaid.knowledge import read_json
from walletaid.knowledge.schemas.common import Text
from walletaid.knowledge.schemas.posture import SEVERITY_ORDER, PostureKnowledge, PostureQuestion, posture_knowledge
from walletaid.models.posture import PostureAnswers, PostureFindingResult
from walletaid.render.posture import flow, gauge, render_markdown, render_text

KB = posture_knowledge()
QUESTIONS = KB.questions
BEST = {q.id: max(q.options, key=lambda o: o.points).value for q in QUESTIONS}
WORST = {q.id: min(q.options, key=lambda o: o.points).value for q in QUESTIONS}
CRITICAL = [(q.id, o.value, o.finding.id) for q in QUESTIONS for o in q.options
            if o.finding is not None and o.finding.severity == "critical"]


def score(answers: dict[str, str], lang: str = "en") -> Any:
    return score_posture(PostureAnswers(**answers), lang)  # type: ignore[arg-type]


answers_strategy = st.fixed_dictionaries({q.id: st.sampled_from(q.option_values()) for q in QUESTIONS})


# --- scoring ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_all_best_answers_score_100_grade_a_without_findings(lang: str) -> None:
    result = score(BEST, lang)
    assert (result.score, result.grade, result.grade_capped_by) == (100, "A", [])
    assert result.findings == []
    assert len(result.strengths) == len(QUESTIONS)
    assert result.points == result.max_points == KB.max_points


def test_all_worst_answers_score_low_grade_f() -> None:
    result = score(WORST)
    assert result.score < 20
    assert result.grade == "F"
    assert result.grade_capped_by == []  # already below the cap: the cap changed nothing
    assert result.strengths == []
    assert {f.question for f in result.findings} == {q.id for q in QUESTIONS}


def test_the_two_named_critical_answers_are_critical() -> None:
    assert ("codes_shared", "yes", "code_shared_or_guided_transfer") in CRITICAL
    assert ("payment_password_reuse", "yes", "payment_password_reused") in CRITICAL


@pytest.mark.parametrize(("qid", "value", "finding_id"), CRITICAL)
def test_single_critical_answer_caps_an_otherwise_perfect_grade(qid: str, value: str, finding_id: str) -> None:
    result = score({**BEST, qid: value})
    assert result.grade_before_cap in ("A", "B")
    assert result.grade == "D"
    assert result.grade_capped_by == [finding_id]
    assert result.findings[0].id == finding_id and result.findings[0].severity == "critical"


@pytest.mark.parametrize(("qid", "value"), [("screen_lock", "none"), ("app_source", "link_or_file"),
                                            ("login_password", "reused"), ("codes_shared", "not_sure")])
def test_non_critical_answer_does_not_cap(qid: str, value: str) -> None:
    result = score({**BEST, qid: value})
    assert result.grade_capped_by == []
    assert result.grade == result.grade_before_cap == grade_for(result.score)


@pytest.mark.parametrize(("value", "finding", "severity"), [("reply", "contacts_unofficial_support", "high"),
                                                              ("if_verified", "trusts_lookalike_accounts", "medium")])
def test_trusting_a_lookalike_official_account_is_a_finding_that_says_where_support_really_is(
        value: str, finding: str, severity: str) -> None:
    result = score({**BEST, "official_accounts": value}, "zh")
    (found,) = result.findings
    assert (found.id, found.severity) == (finding, severity)
    assert "官方 App" in found.fix and "卡背面" in found.fix


def test_two_critical_answers_are_both_named_in_the_cap() -> None:
    result = score({**BEST, "codes_shared": "yes", "payment_password_reuse": "yes"})
    assert result.grade == "D"
    assert sorted(result.grade_capped_by) == ["code_shared_or_guided_transfer", "payment_password_reused"]


def test_not_sure_gets_partial_credit_and_a_gentle_finding() -> None:
    for q in QUESTIONS:
        if "not_sure" not in q.option_values():
            continue
        opt = q.option("not_sure")
        assert 0 < opt.points < q.weight, q.id
        assert opt.finding is not None and opt.finding.severity in ("medium", "low"), q.id


@pytest.mark.parametrize(("score_value", "grade"), [
    (100, "A"), (90, "A"), (89, "B"), (80, "B"), (79, "C"), (65, "C"), (64, "D"), (50, "D"), (49, "F"), (0, "F"),
])
def test_grade_bands(score_value: int, grade: str) -> None:
    assert grade_for(score_value) == grade


@pytest.mark.parametrize(("points", "max_points", "expected"), [
    (0, 90, 0), (90, 90, 100), (61, 90, 68), (1, 200, 1), (1, 3, 33), (2, 3, 67), (89, 90, 99),
])
def test_percent_rounds_half_up(points: int, max_points: int, expected: int) -> None:
    assert percent(points, max_points) == expected


def test_percent_refuses_an_empty_check_up() -> None:
    with pytest.raises(ValueError):
        percent(0, 0)


@settings(max_examples=150, deadline=None)
@given(answers=answers_strategy, which=st.integers(min_value=0, max_value=len(QUESTIONS) - 1), data=st.data())
def test_improving_one_answer_never_lowers_score_or_grade(answers: dict[str, str], which: int, data: Any) -> None:
    q = QUESTIONS[which]
    current = q.option(answers[q.id]).points
    better = [o.value for o in q.options if o.points >= current]
    improved = {**answers, q.id: data.draw(st.sampled_from(better))}
    before, after = score(answers), score(improved)
    assert after.score >= before.score
    assert GRADE_ORDER.index(after.grade) <= GRADE_ORDER.index(before.grade)


@settings(max_examples=150, deadline=None)
@given(answers=answers_strategy)
def test_findings_sorted_by_severity_then_weight_and_unique(answers: dict[str, str]) -> None:
    findings = score(answers).findings
    keys = [(SEVERITY_ORDER.index(f.severity), -f.weight) for f in findings]
    assert keys == sorted(keys)
    assert len({f.id for f in findings}) == len(findings)
    assert 0 <= score(answers).score <= 100


def _finding(fid: str, severity: str, question: str, weight: int) -> PostureFindingResult:
    return PostureFindingResult(id=fid, severity=severity, title="t", fix="f", question=question,  # type: ignore[arg-type]
                                answer="x", weight=weight)


def test_sort_findings_deduplicates_keeping_the_most_severe() -> None:
    findings = [_finding("a", "low", "q1", 3), _finding("b", "high", "q2", 5), _finding("a", "critical", "q1", 3),
                _finding("c", "high", "q3", 8)]
    out = sort_findings(findings, {"q1": 0, "q2": 1, "q3": 2})
    assert [(f.id, f.severity) for f in out] == [("a", "critical"), ("c", "high"), ("b", "high")]


# --- contract and answers model ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_json_document_matches_the_contract(lang: str) -> None:
    doc = json.loads(json.dumps(score({**BEST, "sim_pin": "no", "codes_shared": "yes"}, lang).model_dump(mode="json")))
    assert doc["schema_version"] == 1
    assert (doc["command"], doc["lang"], doc["mode"]) == ("security-check", lang, "posture")
    assert isinstance(doc["score"], int) and 0 <= doc["score"] <= 100
    assert doc["grade"] in ("A", "B", "C", "D", "F")
    assert doc["grade_capped_by"] == ["code_shared_or_guided_transfer"]
    assert [f["id"] for f in doc["findings"]] == ["code_shared_or_guided_transfer", "sim_pin_off"]
    for finding in doc["findings"]:
        assert finding["severity"] in ("critical", "high", "medium", "low")
        assert all(isinstance(finding[k], str) and finding[k].strip() for k in ("id", "title", "fix"))
    assert [b["grade"] for b in doc["bands"]] == ["A", "B", "C", "D", "F"]
    assert all(b["label"].strip() for b in doc["bands"])


def test_answers_schema_lists_every_question_with_its_allowed_values() -> None:
    schema = PostureAnswers.model_json_schema()
    assert schema["additionalProperties"] is False
    assert list(schema["properties"]) == [q.id for q in QUESTIONS]
    assert sorted(schema["required"]) == sorted(q.id for q in QUESTIONS)
    for q in QUESTIONS:
        prop = schema["properties"][q.id]
        assert prop["enum"] == q.option_values()
        assert q.prompt.en in prop["description"]
        assert all(f"{v} =" in prop["description"] for v in q.option_values())


@pytest.mark.parametrize(("change", "bad_key"), [
    ({"sim_pinn": "yes"}, "sim_pinn"),  # typo key
    ({"screen_lock": "sometimes"}, "screen_lock"),  # value of another question
    ({"codes_shared": "No"}, "codes_shared"),  # case matters
    ({"updates": None}, "updates"),
])
def test_answers_model_rejects_bad_input_naming_the_key(change: dict[str, Any], bad_key: str) -> None:
    with pytest.raises(ValidationError) as exc:
        PostureAnswers.model_validate({**BEST, **change})
    assert [err["loc"][0] for err in exc.value.errors()] == [bad_key]


def test_answers_model_requires_every_key() -> None:
    partial = dict(BEST)
    del partial["anti_fraud_app"]
    with pytest.raises(ValidationError) as exc:
        PostureAnswers.model_validate(partial)
    assert [(e["loc"][0], e["type"]) for e in exc.value.errors()] == [("anti_fraud_app", "missing")]


def test_answers_model_accepts_a_complete_valid_file() -> None:
    assert PostureAnswers.model_validate(WORST).model_dump() == WORST


# --- questions and texts ----------------------------------------------------------------------------


def test_form_questions_mirror_the_knowledge_base() -> None:
    questions = posture_questions()
    assert 12 <= len(questions) <= 18
    assert [q.id for q in questions] == [q.id for q in QUESTIONS]
    for form_q, kb_q in zip(questions, QUESTIONS):
        assert form_q.kind == "select" and form_q.required
        assert form_q.choice_values() == kb_q.option_values()
        assert form_q.section in ("passwords", "payments", "phone", "scams")


def test_max_points_are_the_same_on_every_path() -> None:
    assert {score(a).max_points for a in (BEST, WORST, {**BEST, "sim_pin": "not_sure"})} == {KB.max_points}


def _all_texts() -> list[tuple[str, Text]]:
    out: list[tuple[str, Text]] = []
    for q in QUESTIONS:
        out.append((f"{q.id}.prompt", q.prompt))
        if q.help:
            out.append((f"{q.id}.help", q.help))
        for o in q.options:
            out.append((f"{q.id}.{o.value}.label", o.label))
            if o.good:
                out.append((f"{q.id}.{o.value}.good", o.good))
            if o.finding:
                out += [(f"{o.finding.id}.title", o.finding.title), (f"{o.finding.id}.fix", o.finding.fix)]
    return out


def test_every_text_is_written_in_both_languages() -> None:
    wrong = [where for where, text in _all_texts()
             if not (text.zh.strip() and text.en.strip()) or not re.search(r"[\u4e00-\u9fff]", text.zh)
             or text.zh == text.en]
    assert wrong == [], "texts missing a language, or with no Chinese in zh"


def test_message_catalogue_has_the_same_non_empty_keys_in_both_languages() -> None:
    cat = catalogue("posture")
    assert set(cat["zh"]) == set(cat["en"])
    assert all(v.strip() for lang in LANGS for v in cat[lang].values())
    assert {f"band_{g}" for g in GRADE_ORDER} <= set(cat["en"])
    assert {f"severity_{s}" for s in SEVERITY_ORDER} <= set(cat["en"])
    assert {f"section_{q.section}" for q in QUESTIONS} <= set(cat["en"])


FORBIDDEN = re.compile(
    r"请输入|输入你的|输入您的|告诉我.{0,4}(密码|验证码)|(密码|验证码)是多少|填写.{0,4}(密码|验证码)|发给我"
    r"|enter your|type your|what is your (password|pin|code)|tell (me|us) your|send (me|us) (your|the) code"
    r"|provide your",
    re.IGNORECASE,
)


@pytest.mark.parametrize(("text", "asks"), [
    ("请输入你的支付密码", True),
    ("Please enter your password", True),
    ("What is your PIN?", True),
    ("把验证码发给我", True),
    ("不要输入密码本身", False),
    ("Is your payment password the same as your unlock code?", False),
])
def test_forbidden_phrase_check_tells_requests_from_questions(text: str, asks: bool) -> None:
    assert bool(FORBIDDEN.search(text)) is asks


def test_no_question_asks_for_a_secret() -> None:
    assert all(q.kind == "select" for q in posture_questions())  # nowhere to type a secret
    for q in QUESTIONS:
        shown = [q.prompt, *( [q.help] if q.help else []), *(o.label for o in q.options)]
        for text in shown:
            for lang_text in (text.zh, text.en):
                assert not FORBIDDEN.search(lang_text), f"{q.id}: {lang_text}"


def test_knowledge_validator_rejects_a_critical_option_that_is_not_the_lowest() -> None:
    raw: Any = read_json("posture")
    q = next(q for q in raw["questions"] if q["id"] == "codes_shared")
    next(o for o in q["options"] if o["value"] == "yes")["points"] = 5
    with pytest.raises(ValidationError, match="critical option must score the least"):
        PostureKnowledge.model_validate(raw)


def test_knowledge_validator_rejects_a_best_option_with_a_finding() -> None:
    good = Text(zh="好", en="good")
    finding = {"id": "x", "severity": "low", "title": {"zh": "题", "en": "t"}, "fix": {"zh": "修", "en": "f"}}
    with pytest.raises(ValidationError, match="best option"):
        PostureQuestion.model_validate({
            "id": "q", "section": "phone", "prompt": {"zh": "问", "en": "q"},
            "options": [{"value": "a", "label": good.model_dump(), "points": 3, "finding": finding},
                        {"value": "b", "label": good.model_dump(), "points": 1, "finding": finding}],
        })


# --- renderers --------------------------------------------------------------------------------------


def _text_output(result: Any, lang: str) -> str:
    console = Console(record=True, width=100, color_system=None)
    console.print(render_text(result, lang))  # type: ignore[arg-type]
    return console.export_text()


@pytest.mark.parametrize(("points_score", "filled"), [(0, 0), (2, 0), (3, 1), (50, 10), (68, 14), (100, 20)])
def test_gauge_fills_blocks_in_proportion(points_score: int, filled: int) -> None:
    full, empty = gauge(points_score)
    assert (len(full), len(full) + len(empty)) == (filled, 20)


@pytest.mark.parametrize("lang", LANGS)
def test_text_shows_gauge_band_words_and_fixes_most_severe_first(lang: str) -> None:
    result = score({**BEST, "sim_pin": "no", "payment_password_reuse": "yes", "records_checked": "monthly"}, lang)
    out = _text_output(result, lang)
    assert f"{result.score}/100" in out and "█" in out
    assert result.grade_label in out  # band words, never a bare number
    titles = [flow(f.title, lang) for f in result.findings]
    positions = [out.index(title) for title in titles]
    assert positions == sorted(positions)
    assert flow(result.findings[0].fix, lang)[:12] in out
    assert flow(result.strengths[0].text, lang) in out
    assert t("posture.grade_line", lang, grade="D", label=result.grade_label) in out


def test_text_says_when_the_grade_is_capped_and_not_otherwise() -> None:
    capped = _text_output(score({**BEST, "codes_shared": "yes"}), "en")
    plain = _text_output(score({**BEST, "sim_pin": "no"}), "en")
    assert "critical problem keeps the grade" in capped
    assert "critical problem keeps the grade" not in plain


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_lists_fixes_in_order_with_bands(lang: str) -> None:
    result = score({**BEST, "screen_lock": "none", "anti_fraud_app": "no", "codes_shared": "yes"}, lang)
    md = render_markdown(result, lang)
    assert md.startswith("# ")
    order = [md.index(f.title) for f in result.findings]
    assert order == sorted(order) and len(order) == 3
    assert all(f.fix in md for f in result.findings)
    assert all(b.label in md for b in result.bands)
    assert "> " in md  # the cap note


def test_markdown_for_a_perfect_check_up_says_nothing_to_fix() -> None:
    md = render_markdown(score(BEST), "en")
    assert "Nothing to fix" in md and "100/100" in md


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("在钱包 App 的支付设置里", "zh", "在钱包App的支付设置里"),
    ("设置 → 安全 → SIM 卡锁", "zh", "设置→安全→SIM卡锁"),
    ("SIM PIN 码", "zh", "SIM PIN码"),  # space between two Latin words kept
    ("in the wallet app's settings", "en", "in the wallet app's settings"),
    ("look for 小额免密 or", "en", "look for 小额免密 or"),  # English text is never touched
])
def test_flow_drops_only_spaces_next_to_chinese(text: str, lang: str, expected: str) -> None:
    assert flow(text, lang) == expected  # type: ignore[arg-type]


# --- end to end -------------------------------------------------------------------------------------


def test_cli_answers_replay_prints_one_json_document(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    lines = [f"{k}: {v}" for k, v in {**BEST, "payment_password_reuse": "yes", "sim_pin": "no"}.items()]
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")  # unquoted yes/no: YAML booleans
    proc = subprocess.run(
        [sys.executable, "-m", "walletaid", "security-check", "--answers", str(answers), "--format", "json",
         "--lang", "zh"], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert (doc["command"], doc["mode"], doc["lang"], doc["grade"]) == ("security-check", "posture", "zh", "D")
    assert doc["grade_capped_by"] == ["payment_password_reused"]
