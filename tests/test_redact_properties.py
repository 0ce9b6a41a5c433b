"""Redaction properties: generated secrets planted in random text never survive, in any output.

The generators build valid secrets on their own (Luhn digits, GB 11643 check characters,
BIP39 words from the ``mnemonic`` package) rather than calling the engine's helpers, so a
bug in a check can't hide itself.
"""

from __future__ import annotations

import re

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from walletaid.engines.redact import Redaction, explain, redact_text, redact_tree

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ENGLISH = Mnemonic("english").wordlist
CHINESE = Mnemonic("chinese_simplified").wordlist

# Random words of letters from any script (Latin, CJK, Greek, Cyrillic …), no digits.
words = st.text(st.characters(categories=("Lu", "Ll", "Lo")), min_size=1, max_size=8)
filler = st.lists(words, max_size=6).map(" ".join)
# What stands between the filler and a secret: never letters or digits.
separators = st.sampled_from(["，", "。", "；", " | ", ", ", "! ", "、", "\n- ", "（", "）"])


def luhn_complete(prefix: str) -> str:
    """Append the digit that makes ``prefix`` pass the Luhn check."""
    for last in "0123456789":
        number = prefix + last
        total = 0
        for i, ch in enumerate(reversed(number)):
            d = int(ch) * (2 if i % 2 else 1)
            total += d - 9 if d > 9 else d
        if total % 10 == 0:
            return number
    raise AssertionError("unreachable")


def id_complete(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def group(digits: str, sep: str) -> str:
    return sep.join(digits[i : i + 4] for i in range(0, len(digits), 4)) if sep else digits


digits = st.text("0123456789", min_size=1, max_size=1)


@st.composite
def bank_cards(draw: st.DrawFn) -> tuple[str, str]:
    length = draw(st.integers(16, 19))
    body = draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=length - 2, max_size=length - 2))
    return "bank_card", group(luhn_complete(body), draw(st.sampled_from(["", " ", "-"])))


@st.composite
def id_numbers(draw: st.DrawFn) -> tuple[str, str]:
    region = draw(st.sampled_from("12345678")) + draw(st.text("0123456789", min_size=5, max_size=5))
    born = draw(st.dates(date(1900, 1, 1), date(2099, 12, 31))).strftime("%Y%m%d")
    number = id_complete(region + born + draw(st.text("0123456789", min_size=3, max_size=3)))
    if draw(st.booleans()):
        number = f"{number[:6]} {number[6:14]} {number[14:]}"
    return "id_number", number.lower() if draw(st.booleans()) else number


@st.composite
def phones(draw: st.DrawFn) -> tuple[str, str]:
    national = "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    sep = draw(st.sampled_from(["", " ", "-"]))
    prefix = draw(st.sampled_from(["", "+86 ", "+86-", "+86", "0086 ", "(+86) "]))
    return "phone", prefix + sep.join([national[:3], national[3:7], national[7:]])


@st.composite
def emails(draw: st.DrawFn) -> tuple[str, str]:
    local = draw(st.from_regex(r"[a-z0-9][a-z0-9._\-]{0,15}", fullmatch=True))
    domain = draw(st.from_regex(r"[a-z0-9]{1,10}(\.[a-z0-9]{1,8}){0,2}\.[a-z]{2,6}", fullmatch=True))
    return "email", f"{local}@{domain}"


@st.composite
def codes(draw: st.DrawFn) -> tuple[str, str, str]:
    code = draw(st.from_regex(r"[0-9]{4,8}|[A-Z0-9]{0,3}[0-9][A-Z0-9]{3,4}", fullmatch=True))
    keyword = draw(
        st.sampled_from(
            ["验证码是", "验证码：", "验证码为", "校验码 ", "动态码", "短信码：", "短信码:", "code: ", "code is ", "OTP ", "OTP: ",
             "verification code ", "one-time code: "]
        )
    )  # fmt: skip
    return "verification_code", code, keyword + code


@st.composite
def passwords(draw: st.DrawFn) -> tuple[str, str, str]:
    value = draw(st.from_regex(r"[A-Za-z!#$%&*+=?@^_~-]{0,8}[0-9][A-Za-z0-9!#$%&*+=?@^_~-]{3,10}", fullmatch=True))
    keyword = draw(
        st.sampled_from(
            ["密码是", "密码：", "支付密码为", "登录密码 ", "口令：", "口令:", "password: ", "password is ", "Password=", "pwd ",
             "PIN ", "my PIN is ", "passcode: "]
        )
    )  # fmt: skip
    return "password", value, keyword + value


@st.composite
def seed_phrases(draw: st.DrawFn) -> tuple[str, str]:
    count = draw(st.sampled_from([12, 24]))
    if draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(ENGLISH), min_size=count, max_size=count))
        return "seed_phrase", draw(st.sampled_from([" ", ", ", "\n"])).join(chosen)
    return "seed_phrase", " ".join(draw(st.lists(st.sampled_from(CHINESE), min_size=count, max_size=count)))


@st.composite
def private_keys(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(["hex", "wif", "xprv"]))
    if kind == "hex":
        key = draw(st.binary(min_size=32, max_size=32)).hex()
        return "private_key", draw(st.sampled_from(["", "0x"])) + (key.upper() if draw(st.booleans()) else key)
    if kind == "wif":
        first, rest = draw(st.sampled_from([("5", 50), ("K", 51), ("L", 51)]))
        return "private_key", first + draw(st.text(B58, min_size=rest, max_size=rest))
    return "private_key", draw(st.sampled_from(["xprv", "tprv"])) + draw(st.text(B58, min_size=107, max_size=107))


def _plain(pair: tuple[str, str]) -> tuple[str, str, str]:
    kind, value = pair
    return kind, value, value


# (kind, value that must not survive, text to plant)
secrets = st.one_of(
    bank_cards().map(_plain),
    id_numbers().map(_plain),
    phones().map(_plain),
    emails().map(_plain),
    seed_phrases().map(_plain),
    private_keys().map(_plain),
    codes(),
    passwords(),
)


@st.composite
def planted(draw: st.DrawFn) -> tuple[str, str, str]:
    kind, value, snippet = draw(secrets)
    text = draw(filler) + draw(separators) + snippet + draw(separators) + draw(filler)
    return kind, value, text


MASKED_PHONE = re.compile(r"\d{3}\*{4}\d{4}")
"""A phone number as redaction leaves it: its last 4 digits may equal a short code planted elsewhere."""


def _survives(kind: str, value: str, output: str) -> bool:
    if kind != "phone":
        output = MASKED_PHONE.sub("<phone>", output)
    if value in output:
        return True
    if kind == "phone":  # only the first 3 and last 4 digits may remain, with the middle masked
        national = "".join(ch for ch in value if ch.isdigit())[-11:]
        return national in "".join(ch for ch in output if ch.isdigit() or ch == "*").replace("*", "|")
    return False


@SETTINGS
@given(planted())
def test_planted_secret_never_survives_redact_text(case: tuple[str, str, str]) -> None:
    kind, value, text = case
    out, redactions = redact_text(text, "issue.description")
    assert not _survives(kind, value, out), out
    assert kind in {r.kind for r in redactions}
    for item in redactions:
        assert value not in item.model_dump_json()


@SETTINGS
@given(st.lists(planted(), min_size=1, max_size=4))
def test_planted_secrets_never_survive_redact_tree(cases: list[tuple[str, str, str]]) -> None:
    tree: dict[str, object] = {"issue": {"description": "", "steps": []}, "transaction": None, "amount": 3}
    for i, (_, _, text) in enumerate(cases):
        if i % 2:
            tree["issue"]["steps"].append(text)  # type: ignore[index]
        else:
            tree["issue"]["description"] += text + "\n####\n"  # type: ignore[index]
    out, redactions = redact_tree(tree)
    dumped = " ".join(r.model_dump_json() for r in redactions)
    lines = out["issue"]["description"].split("\n####\n")
    for i, (kind, value, _) in enumerate(cases):
        # each secret is looked for where it was planted: a masked e-mail or phone elsewhere may hold its digits
        where = out["issue"]["steps"][i // 2] if i % 2 else lines[i // 2]
        assert not _survives(kind, value, where), out
        assert value not in dumped
    assert out["amount"] == 3 and out["transaction"] is None


@SETTINGS
@given(planted())
def test_redacting_twice_changes_nothing_more(case: tuple[str, str, str]) -> None:
    once, _ = redact_text(case[2], "f")
    assert redact_text(once, "f") == (once, [])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_handled_and_redaction_is_idempotent(text: str) -> None:
    once, redactions = redact_text(text, "f")
    assert isinstance(once, str) and all(isinstance(r, Redaction) for r in redactions)
    assert redact_text(once, "f") == (once, [])


kinds = st.sampled_from(list(Redaction.model_fields["kind"].annotation.__args__))  # type: ignore[union-attr]
fields = st.sampled_from(["issue.description", "issue.steps[0]", "account.account_name", "counterparty"])


@SETTINGS
@given(st.lists(st.tuples(fields, kinds), max_size=10))
def test_explain_has_one_line_per_field_and_kind_in_both_languages(pairs: list[tuple[str, str]]) -> None:
    redactions = [
        Redaction(field=f, kind=k, action="masked" if k in ("phone", "email") else "removed")  # type: ignore[arg-type]
        for f, k in pairs
    ]
    distinct = list(dict.fromkeys(pairs))
    for lang in ("zh", "en"):
        lines = explain(redactions, lang)
        assert len(lines) == len(distinct)
        for (field, _), line in zip(distinct, lines):
            assert line.startswith(field) and len(line) > len(field) + 5
    assert explain(redactions, "zh") != explain(redactions, "en") or not redactions
