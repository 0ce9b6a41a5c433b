"""One path for answers: the wizard's prompts and an answers file give the same answers for the same input.

The property test types random answers into the real prompts (in-process, see ``tests/terminal.py``) and
replays the same answers from a file, with answers for questions that do not apply added to the file: the
wizard never asks those, and the file's copy is dropped with a warning.  Going back (Ctrl-B) is checked
on its own.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terminal import CTRL_B, DOWN, ENTER, SPACE
from walletaid.forms.diagnose import diagnose_questions
from walletaid.wizard.questions import Question

TEXT = st.text(alphabet="abc 验证失败0123", min_size=0, max_size=12).map(str.strip)


@st.composite
def raw_answers(draw: st.DrawFn) -> dict[str, Any]:
    """An answer for every question (applicable or not), as a person could give it."""
    out: dict[str, Any] = {}
    for question in diagnose_questions():
        values = question.choice_values()
        if question.kind == "select":
            out[question.id] = draw(st.sampled_from(values))
        elif question.kind == "checkbox":
            out[question.id] = draw(st.lists(st.sampled_from(values), unique=True, max_size=3))
        else:
            out[question.id] = draw(TEXT)
    return out


def _keys(questions: tuple[Question, ...], raw: dict[str, Any]) -> str:
    """What a person types to give ``raw`` in the wizard (only the questions that apply are asked)."""
    from walletaid.wizard.replay import parse_answer

    keys, so_far = [], {}
    for question in questions:
        if not question.applies(so_far):
            continue
        value = raw[question.id]
        values = question.choice_values()
        if question.kind == "select":
            keys.append(DOWN * values.index(value) + ENTER)
        elif question.kind == "checkbox":
            keys.append("".join((SPACE if v in value else "") + DOWN for v in values) + ENTER)
        else:
            keys.append(value + ENTER)
        parsed = parse_answer(question, value, "en")
        if parsed not in (None, []):
            so_far[question.id] = parsed
    return "".join(keys)


def _typed(keys: str) -> dict[str, Any]:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from walletaid.env import using
    from walletaid.wizard.prompt import ask

    with create_pipe_input() as pipe, using(stdin_is_terminal=True, width=120,
                                            prompt_io={"input": pipe, "output": DummyOutput()}):
        pipe.send_text(keys)
        return ask(diagnose_questions(), "en")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_answers())
def test_the_wizard_and_an_answers_file_give_the_same_answers(raw: dict[str, Any]) -> None:
    from walletaid.wizard.replay import replay

    from_file = replay(diagnose_questions(), raw, "en")
    assert _typed(_keys(diagnose_questions(), raw)) == from_file


def test_ctrl_b_goes_back_one_question_and_shows_the_answer_given() -> None:
    # wallet e-CNY, then back from the operator question to the wallet: crypto instead, so no operator
    keys = ENTER + CTRL_B + DOWN + ENTER + DOWN * 3 + ENTER + "pwd wrong" + ENTER + CTRL_B + ENTER + ENTER + ENTER + ENTER
    answers = _typed(keys)
    assert answers["wallet"] == "crypto" and "operator" not in answers
    assert answers["error_message"] == "pwd wrong"  # kept through going back: Enter accepted the default shown


def test_ctrl_b_on_the_first_question_stays_there() -> None:
    assert _typed(CTRL_B + DOWN + ENTER + DOWN * 5 + ENTER + ENTER + ENTER + ENTER + ENTER)["wallet"] == "crypto"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_checkbox_answer_is_echoed_in_the_users_language(lang: str) -> None:
    import questionary
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from walletaid.wizard.prompt import localize_checkbox_echo

    with create_pipe_input() as pipe:
        prompt = questionary.checkbox("x", choices=["a", "b"], input=pipe, output=DummyOutput())
        assert localize_checkbox_echo(prompt.application, lang) >= 1  # questionary's echo is still found


@pytest.mark.parametrize(("lang", "one", "two", "none"), [("en", "1 chosen", "2 chosen", "none chosen"),
                                                          ("zh", "已选 1 项", "已选 2 项", "未选择")])
def test_the_checkbox_echo_counts_the_picks_which_the_line_below_lists(lang: str, one: str, two: str,
                                                                        none: str) -> None:
    """questionary echoes one pick as "[its title]" (then the ✓ line said it twice), more as "done (n selections)"."""
    from walletaid.wizard.prompt import _localized_echo

    def echo(answer: str) -> str:
        tokens = [("class:qmark", "?"), ("class:question", " [step 4] What did they ask? "), ("class:answer", answer)]
        return _localized_echo(tokens, lang)()[-1][1]

    assert (echo("[Asked me to read out a code]"), echo("done (2 selections)"), echo("done")) == (one, two, none)
    assert _localized_echo([("class:question", " [step 4] Pick [a] ")], lang)()[0][1] == " [step 4] Pick [a] "
