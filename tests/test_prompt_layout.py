"""Choice titles in the wizard: wrapped for the list, one line for the echoed answer."""

from rich.cells import cell_len

from walletaid.wizard.prompt import ChoiceTitle, hint, let_errors_wrap, place_hint, wrap_hanging

LONG_EN = "A payment failed (scan to pay, transfer or purchase did not go through)"
LONG_ZH = "数字人民币（数字人民币 App，或银行 App 里的数字人民币钱包）"


def test_wrapped_lines_fit_and_keep_every_word() -> None:
    for text in (LONG_EN, LONG_ZH):
        lines = wrap_hanging(text, 40, 3).split("\n")
        assert len(lines) > 1
        assert all(cell_len(line) <= 40 - 1 for line in lines)
        assert all(line.startswith("   ") for line in lines[1:])
        assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")


def test_words_are_not_cut() -> None:
    lines = [line.strip() for line in wrap_hanging(LONG_EN, 40, 3).split("\n")]
    assert " ".join(lines) == LONG_EN


def test_short_titles_and_wide_terminals_are_left_alone() -> None:
    assert wrap_hanging("Yes", 40, 3) == "Yes"
    assert wrap_hanging(LONG_EN, 200, 3) == LONG_EN


def test_choice_title_is_plain_text_but_formats_wrapped() -> None:
    title = ChoiceTitle(LONG_EN, 40, 5)
    assert title == LONG_EN and str(title) == LONG_EN           # what questionary echoes as the answer
    assert "{}".format(title) == wrap_hanging(LONG_EN, 40, 5)     # what questionary draws in the list
    assert "\n     " in f"{title}"


def test_hint_stays_on_the_question_line_when_it_fits() -> None:
    assert place_hint("Which kind of wallet is it?", "(use ↑/↓ and Enter)", 120) == "(use ↑/↓ and Enter)"


def test_hint_moves_to_lines_of_its_own_when_it_does_not_fit() -> None:
    message = wrap_hanging("[2/7] Which bank (operator) opened this e-CNY wallet?", 40, 2)
    placed = place_hint(message, "(The e-CNY app shows the operator's name on the wallet page; use ↑/↓ and Enter)", 40)
    lines = placed.split("\n")
    assert lines[0] == "" and all(line.startswith("  ") for line in lines[1:])
    assert all(cell_len(line) <= 39 for line in lines)
    assert " ".join(line.strip() for line in lines[1:]).startswith("(The e-CNY app shows the operator's name")


def test_hints_use_the_language_s_brackets_and_separator() -> None:
    assert hint(["The app shows it.", "use ↑/↓ and Enter"], "en") == "(The app shows it; use ↑/↓ and Enter)"
    assert hint(["App 里能看到。", "用 ↑/↓ 选择，回车确认"], "zh") == "（App 里能看到；用 ↑/↓ 选择，回车确认）"


def test_the_refusal_line_under_a_text_prompt_is_found_and_may_grow() -> None:
    # guards the prompt_toolkit internals let_errors_wrap relies on
    import questionary
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe:
        prompt = questionary.text("x", validate=lambda _: True, input=pipe, output=DummyOutput())
        assert let_errors_wrap(prompt.application) == 1
