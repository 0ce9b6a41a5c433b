"""The characters a regex rule cannot match without (``matching.required``): never one too many.

The message check skips a rule's regular expression on a text that lacks one of them, so a
character claimed wrongly would silence the rule: every claim is checked against matches.
"""

from __future__ import annotations

import random
import re

import pytest

from walletaid.matching.required import required_chars

KNOWN = {
    "我是(?:你们?|您)?的?[\\u4e00-\\u9fff]总|我是[\\u4e00-\\u9fff]总[，。]": "总我是",
    "(?:日|周)收益\\d{1,3}%|\\d{1,3}%\\s?(?:daily|weekly)|每天\\d+%": "%",
    "(?i)abc": "",
    "a(?i:b)c": "ac",
    "x*y": "y",
    "(?:ab)?c": "c",
    "a|b": "",
    "a{0,3}b{1,2}": "b",
    "(a)(?(1)b|c)": "a",
    "[xy]z": "z",
}


@pytest.mark.parametrize(("pattern", "chars"), KNOWN.items())
def test_known_patterns(pattern: str, chars: str) -> None:
    assert required_chars(pattern) == chars


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    atoms = ["a", "b", "c", "%", "中", "[ab]", "\\d", "."]
    parts = []
    for _ in range(rng.randint(1, 4)):
        if depth < 2 and rng.random() < 0.3:  # a group is optional or not, never repeated (no runaway backtracking)
            group = "(?:" + "|".join(_random_pattern(rng, depth + 1) for _ in range(rng.randint(1, 3))) + ")"
            parts.append(group + rng.choice(["", "", "?", "{0,1}", "{1,1}"]))
        else:
            parts.append(rng.choice(atoms) + rng.choice(["", "", "?", "*", "+", "{0,2}", "{1,2}"]))
    return "".join(parts)


def test_every_match_holds_the_required_characters() -> None:
    rng = random.Random(11)
    alphabet = "abc%中1 "
    checked = 0
    for _ in range(400):
        pattern = _random_pattern(rng)
        needs = required_chars(pattern)
        compiled = re.compile(pattern)
        for _ in range(40):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
            if compiled.search(text):
                checked += 1
                assert all(char in text for char in needs), (pattern, needs, text)
    assert checked > 1000


def test_the_regex_rules_of_the_knowledge_keep_their_examples() -> None:
    from walletaid.matching import knowledge
    from walletaid.matching.normalize import normalize

    for rules in (knowledge.signals().rules, knowledge.diagnose().rules):
        for rule in rules.rules:
            if rule.regex is None:
                continue
            assert rule.regex_needs == required_chars(rule.regex)
            for found in re.finditer(rule.regex, normalize("我是王总，日收益5%，只剩下1元 only 3 left").text):
                assert all(char in found.string for char in rule.regex_needs)
