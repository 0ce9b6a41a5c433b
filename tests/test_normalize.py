"""The normalizer's reading of numbers: letters standing for digits, digits split to hide them, and what is not one."""

from __future__ import annotations

import pytest

from walletaid.matching.normalize import normalize


@pytest.mark.parametrize(("text", "reads"), [
    ("请回电 17O 8459 2361，超时扣费", "17084592361"),   # a letter O in a number split by spaces
    ("拨打400-8O6-1234", "4008061234"),
    ("400 8O6 1234", "4008061234"),
    ("call l38 1234 5678", "13812345678"),              # a letter l for a one, first
])
def test_letters_for_digits_inside_a_split_number_are_read_as_the_number(text: str, reads: str) -> None:
    assert reads in normalize(text).text


@pytest.mark.parametrize("text", [
    "a new nokia 3510i colour phone",   # a model name ends in a letter: not a number
    "meet at 10 oil 20",                # a word of letters only is not a group of the number
    "room 1o1",                         # too few digits to be a hidden number
    "1990 lol 2000",
])
def test_words_and_model_names_are_left_as_written(text: str) -> None:
    assert normalize(text).text == text


def test_the_map_back_points_at_what_the_user_typed() -> None:
    norm = normalize("请回电 17O 8459 2361")
    start = norm.text.index("17084592361")
    a, b = norm.original_span(start, start + len("17084592361"))
    assert norm.original[a:b] == "17O 8459 2361"
