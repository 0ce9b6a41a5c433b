"""Fuzzing the input paths: random structures and Unicode end in a result or a clean InputError, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletaid.errors import InputError
from walletaid.flows.common import validate_model
from walletaid.forms.diagnose import diagnose_questions
from walletaid.forms.ticket import ticket_questions
from walletaid.wizard.replay import load_answers_file, replay

KEYS = [q.id for q in ticket_questions()] + ["walet", "", "🙂", "x" * 300]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=60),
                    st.sampled_from(["ecny", "crypto", "payment_failed", "icbc", "yes", "no", "2026-11-20 14:30",
                                     "13812345678", "1.5", "-3", "CNY", "BTC"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=8)
answers = st.dictionaries(st.sampled_from(KEYS), values, max_size=12)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(answers)
def test_diagnose_replay_and_engine_never_crash(data: dict) -> None:
    from walletaid.engines.diagnose import diagnose
    from walletaid.models.diagnose import DiagnoseAnswers

    data = {k: v for k, v in data.items() if k in {q.id for q in diagnose_questions()} or k not in KEYS[:-4]}
    try:
        raw = replay(diagnose_questions(), data, "en")
        result = diagnose(validate_model(DiagnoseAnswers, raw, "en"), "en")
    except InputError as error:
        assert error.problems and all(p.field and p.message for p in error.problems)
        return
    assert result.causes


@FUZZ
@given(answers)
def test_ticket_replay_and_model_never_crash(data: dict) -> None:
    from walletaid.models.ticket import TicketAnswers

    try:
        validate_model(TicketAnswers, replay(ticket_questions(), data, "zh"), "zh")
    except InputError as error:
        assert error.problems and all(p.field and p.message for p in error.problems)


@FUZZ
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda s: s.encode("utf-8"))))
def test_answers_file_loader_never_crashes(tmp_path_factory, content: bytes) -> None:
    path = Path(tmp_path_factory.mktemp("f")) / "a.yaml"
    path.write_bytes(content)
    try:
        loaded = load_answers_file(str(path), "en")
    except InputError as error:
        assert error.problems[0].field.startswith("--answers")
        return
    assert isinstance(loaded, dict)


@FUZZ
@given(values)
def test_answers_file_structures_from_json(tmp_path_factory, structure: object) -> None:
    path = Path(tmp_path_factory.mktemp("j")) / "a.json"
    path.write_text(json.dumps(structure), encoding="utf-8")
    try:
        replay(diagnose_questions(), load_answers_file(str(path), "en"), "en")
    except InputError:
        pass


@FUZZ
@given(st.dictionaries(st.one_of(st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False), st.text(max_size=5)),
                       values, max_size=5))
def test_yaml_mappings_with_any_keys(tmp_path_factory, data: dict) -> None:
    import yaml

    path = Path(tmp_path_factory.mktemp("y")) / "a.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        replay(diagnose_questions(), load_answers_file(str(path), "en"), "en")
    except InputError as error:
        assert all(p.field for p in error.problems)


@FUZZ
@given(st.text(max_size=400))
def test_engines_take_any_unicode(text: str) -> None:
    from walletaid.engines.diagnose import diagnose
    from walletaid.engines.redact import redact_text
    from walletaid.models.diagnose import DiagnoseAnswers

    redacted, _ = redact_text(text, "description")
    result = diagnose(DiagnoseAnswers(wallet="other", symptom="other", description=redacted[:4000],
                                      error_message=text[:2000]), "zh")
    assert result.causes
