"""No planted secret leaks: each kind, in each spelling, in each field, through every output and file.

A secret is planted in one field of a real run, driven in-process through the CLI: a free-text answer of
``prepare-ticket`` (with ``--bundle --save``), an evidence file's name, or a ``case log`` option.  Then
everything the run left is searched: stdout and stderr, the screen and Markdown renderings, the exported
.json/.md files, the bundle's entry names and case files, the ``case export`` files, and every row of
``cases.sqlite3``.  The spellings are those that used to slip through: full-width digits, digits split by
spaces, dashes or dots, Chinese numerals, wrong check digits after a label, codes in a link's query,
passwords of plain or several words, seed phrases joined by dots, per line, per step, one word misspelt,
Chinese lists with no spaces, and keys split in two.  The generators build the secrets themselves (their
own Luhn and GB 11643 checks, phrases from ``mnemonic``), so a bug in a check can't hide itself.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from inproc import run_app
from test_redact_properties import id_complete, luhn_complete  # the generators' own checks, not the engine's

SETTINGS = settings(
    max_examples=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
FULL_WIDTH = {ord(d): ord(d) + 0xFEE0 for d in "0123456789"}
CN_DIGITS = str.maketrans("0123456789", "零一二三四五六七八九")
EVIDENCE_SHA = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"  # of the one byte "x"
ENGLISH = Mnemonic("english")
CHINESE = Mnemonic("chinese_simplified")


@dataclass
class Secret:
    """What was planted: its kind, the text typed, and the pieces of it that must never be seen again."""

    kind: str
    snippet: str
    pieces: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # a phrase: no run of ``run`` of its words may survive
    run: int = 3
    steps: list[str] | None = None  # planted one item per step


# --- secrets and their spellings ---------------------------------------------------------------------


def id_check(first17: str) -> str:
    return id_complete(first17)[-1]


def spell_digits(digits: str, how: str, sizes: tuple[int, ...] = (4,)) -> str:
    """``digits`` as a person might type them."""
    if how == "full-width":
        return digits.translate(FULL_WIDTH)
    if how == "each":
        return " ".join(digits)
    groups, pos, i = [], 0, 0
    while pos < len(digits):
        size = sizes[min(i, len(sizes) - 1)]
        groups.append(digits[pos : pos + size])
        pos, i = pos + size, i + 1
    return {"plain": "", "spaces": " ", "dashes": "-", "dots": "."}[how].join(groups)


digit_spellings = st.sampled_from(["plain", "full-width", "spaces", "dashes", "dots"])


@st.composite
def bank_cards(draw: st.DrawFn) -> Secret:
    length = draw(st.integers(16, 19))
    prefix = draw(st.sampled_from(["4", "5", "62"]))
    rest = length - 1 - len(prefix)
    number = luhn_complete(prefix + draw(st.text("0123456789", min_size=rest, max_size=rest)))
    wrong = draw(st.booleans())
    if wrong:  # a mistyped check digit: still the user's card, and said to be one
        number = number[:-1] + str((int(number[-1]) + draw(st.integers(1, 9))) % 10)
    label = draw(st.sampled_from(["卡号 ", "银行卡 ", "card number: ", "我的银行卡号是"])) if wrong else ""
    typed = spell_digits(number, draw(digit_spellings))
    return Secret("bank_card", label + typed, [typed, number])


@st.composite
def id_numbers(draw: st.DrawFn) -> Secret:
    region = draw(st.sampled_from("12345678")) + draw(st.text("0123456789", min_size=5, max_size=5))
    born = draw(st.dates(date(1930, 1, 1), date(2020, 12, 31))).strftime("%Y%m%d")
    first17 = region + born + draw(st.text("0123456789", min_size=3, max_size=3))
    check = id_check(first17)
    wrong = draw(st.booleans())
    if wrong:
        check = draw(st.sampled_from([c for c in "0123456789X" if c != check]))
    number = first17 + check
    how = draw(st.sampled_from(["plain", "full-width", "spaces", "dashes", "dots"]))
    typed = spell_digits(number, how, (6, 8, 4)) if how != "full-width" else number.translate(FULL_WIDTH)
    label = draw(st.sampled_from(["身份证号 ", "身份证号码：", "ID number ", "证件号"])) if wrong else ""
    return Secret("id_number", label + typed, [typed, number])


@st.composite
def codes(draw: st.DrawFn) -> Secret:
    code = draw(st.from_regex(r"[3-9][0-9]{5}", fullmatch=True))
    assume(code not in EVIDENCE_SHA)
    if draw(st.integers(0, 4)) == 0:  # a code in a link's query
        name = draw(st.sampled_from(["vcode", "smsCode", "code", "otp", "verifyCode"]))
        return Secret("verification_code", f"https://pay.example.cn/login?{name}={code}&lang=zh", [code])
    how = draw(st.sampled_from(["plain", "full-width", "each", "dashes", "chinese"]))
    typed = {"chinese": code.translate(CN_DIGITS), "dashes": f"{code[:3]}-{code[3:]}"}.get(how) or spell_digits(code, how)
    keyword = draw(st.sampled_from(["验证码是 ", "验证码：", "短信验证码", "verification code: ", "the code is ", "OTP "]))
    return Secret("verification_code", keyword + typed, [typed, code])


WORDS = ["purple", "monkey", "dishwasher", "horse", "battery", "staple", "orange", "lantern", "velvet", "quartz"]


@st.composite
def passwords(draw: st.DrawFn) -> Secret:
    shape = draw(st.sampled_from(["token", "word", "words"]))
    if shape == "token":
        value = draw(st.from_regex(r"[A-Za-z]{2,6}[0-9]{2,6}[!#$%&*?@]?", fullmatch=True))
    elif shape == "word":
        value = draw(st.sampled_from(WORDS)) + draw(st.sampled_from(["", "!", "?"]))
    else:
        value = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=4)))
    label = draw(st.sampled_from(["密码是", "密码:", "支付密码为 ", "password: ", "my password is ", "PIN: "]))
    return Secret("password", label + value, [value])


def _misspell(word: str) -> str:
    for i in range(1, len(word)):
        typo = word[:i] + word[i + 1 :]
        if typo not in ENGLISH.wordlist:
            return typo
    return word + "x"


@st.composite
def seed_phrases(draw: st.DrawFn) -> Secret:
    strength = draw(st.sampled_from([128, 256]))
    entropy = draw(st.binary(min_size=strength // 8, max_size=strength // 8))
    if draw(st.booleans()):
        words = ENGLISH.to_mnemonic(entropy).split()
        if draw(st.booleans()):
            at = draw(st.integers(1, len(words) - 2))
            words[at] = _misspell(words[at])
        how = draw(st.sampled_from([" ", ".", "\n", ", ", "steps"]))
        if how == "steps":
            return Secret("seed_phrase", "", words=words, steps=list(words))
        return Secret("seed_phrase", how.join(words), words=words)
    words = CHINESE.to_mnemonic(entropy).split()
    how = draw(st.sampled_from(["spaces", "keyword", "steps"]))
    if how == "steps":
        return Secret("seed_phrase", "", words=words, run=6, steps=list(words))
    text = " ".join(words) if how == "spaces" else "助记词：" + "".join(words)
    return Secret("seed_phrase", text, words=words, run=6)


@st.composite
def private_keys(draw: st.DrawFn) -> Secret:
    kind = draw(st.sampled_from(["hex", "wif", "xprv"]))
    if kind == "hex":
        key = draw(st.binary(min_size=32, max_size=32)).hex()
        key = key.upper() if draw(st.booleans()) else key
    elif kind == "wif":
        first, rest = draw(st.sampled_from([("5", 50), ("K", 51), ("L", 51)]))
        key = first + draw(st.text(B58, min_size=rest, max_size=rest))
    else:
        key = "xprv" + draw(st.text(B58, min_size=107, max_size=107))
    if not draw(st.booleans()):
        return Secret("private_key", key, [key])
    parts = draw(st.sampled_from([2, 2, 3, 4]))  # halves most often; thirds and quarters as lines of a backup
    step = -(-len(key) // parts)
    pieces = [key[i : i + step] for i in range(0, len(key), step)]
    # A piece of digits only reads as a number (a 32-digit transaction id), never as part of a key: the engine
    # keeps those whole on purpose.  A random key has such a piece about once in two thousand (a hex quarter) or
    # far less; Hypothesis, which favours zero bytes and repeated characters, draws them often, so keys are drawn
    # as they come.  (A piece of letters only, once in seventy for a base58 half, must be found: not excluded.)
    assume(all(any(c.isalpha() for c in piece) for piece in pieces))
    how = draw(st.sampled_from([" ", "\n", " 和 ", "steps"]))
    if how == "steps":
        return Secret("private_key", "", pieces, steps=["私钥前半段 " + pieces[0], *pieces[1:]])
    return Secret("private_key", how.join(pieces), pieces)


@st.composite
def phones(draw: st.DrawFn) -> Secret:
    national = "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    how = draw(st.sampled_from(["plain", "full-width", "spaces", "dashes", "dots"]))
    typed = spell_digits(national, how, (3, 4, 4)) if how != "full-width" else national.translate(FULL_WIDTH)
    return Secret("phone", draw(st.sampled_from(["", "+86 ", "电话 "])) + typed, [typed, national])


@st.composite
def emails(draw: st.DrawFn) -> Secret:
    local = draw(st.from_regex(r"[a-z][a-z0-9._]{2,12}", fullmatch=True))
    domain = draw(st.from_regex(r"[a-z]{3,10}\.(com|cn|net)", fullmatch=True))
    return Secret("email", f"{local}@{domain}", [f"{local}@{domain}"])


secrets = st.one_of(bank_cards(), id_numbers(), codes(), passwords(), seed_phrases(), private_keys(), phones(), emails())
filler = st.lists(st.sampled_from(["我", "昨天", "付款", "the", "app", "said", "失败了", "help", "请", "帮忙"]), max_size=4).map(" ".join)
separators = st.sampled_from(["，", "。", "\n", "；", " | ", "! "])


# --- running walletaid and collecting everything it wrote ---------------------------------------------


@contextmanager
def workplace() -> Iterator[Path]:
    """A fresh data folder and output folder for one example (the store starts empty)."""
    with tempfile.TemporaryDirectory() as folder:
        before = {k: os.environ.get(k) for k in ("WALLETAID_HOME", "COLUMNS")}
        os.environ["WALLETAID_HOME"] = str(Path(folder) / "home")
        os.environ["COLUMNS"] = "4000"  # nothing is wrapped, so a secret can't hide across two lines
        (Path(folder) / "out").mkdir()
        try:
            yield Path(folder)
        finally:
            for key, value in before.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def _json_text(data: bytes | str) -> str:
    """A JSON document as text with no escapes (``\\u9a8c`` would hide a Chinese secret from a search)."""
    try:
        return json.dumps(json.loads(data), ensure_ascii=False)
    except ValueError:
        return data.decode("utf-8", "replace") if isinstance(data, bytes) else data


def _file_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.rglob("*")):
        texts.append(path.name)
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    texts.append(info.filename)
                    if info.filename.endswith((".json", ".md")):
                        texts.append(_json_text(archive.read(info)))
        elif path.is_file() and path.suffix in (".json", ".md"):
            texts.append(_json_text(path.read_bytes()))
    return texts


def _store_rows(home: Path) -> list[str]:
    path = home / "cases.sqlite3"
    if not path.exists():
        return []
    conn = sqlite3.connect(path)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [_json_text(str(v)) for t in tables for row in conn.execute(f'SELECT * FROM "{t}"') for v in row]
    finally:
        conn.close()


def _rendered(document: str, lang: str) -> list[str]:
    """The case on screen (Rich, very wide) and as Markdown, rendered in this process."""
    from rich.console import Console

    from walletaid.models.ticket import CaseDocument
    from walletaid.render.ticket import render_markdown, render_text

    doc = CaseDocument.model_validate_json(document)
    console = Console(file=io.StringIO(), width=4000, color_system=None)
    console.print(render_text(doc, lang))  # type: ignore[arg-type]
    return [console.file.getvalue(), render_markdown(doc, lang)]  # type: ignore[attr-defined]


BASE_ANSWERS = {
    "wallet": "ecny", "symptom": "payment_failed", "phone": "13900001111", "occurred_at": "2024-05-01 12:30",
}


def prepare_ticket(place: Path, answers: dict[str, object], lang: str) -> tuple[list[str], str]:
    """Run ``prepare-ticket --bundle --save`` on ``answers``; every text it produced, and the case id."""
    (place / "answers.yaml").write_text(yaml.safe_dump({**BASE_ANSWERS, **answers}, allow_unicode=True), "utf-8")
    done = run_app("prepare-ticket", "--answers", str(place / "answers.yaml"), "--out", str(place / "out"),
                   "--bundle", "--save", "--format", "json", "--lang", lang)
    assert done.code == 0, done.err
    case_id = json.loads(done.out)["case_id"]
    return [_json_text(done.out), done.err, *_rendered(done.out, lang)], case_id


def everything(place: Path, outputs: list[str]) -> str:
    return "\n".join([*outputs, *_file_texts(place / "out"), *_store_rows(place / "home")])


def leaked(secret: Secret, output: str) -> list[str]:
    """The pieces of ``secret`` still to be found in ``output`` (whitespace ignored, so wrapping hides nothing)."""
    flat = "".join(output.split())
    found = [p for p in secret.pieces if "".join(p.split()) in flat]
    words = [w.lower() for w in secret.words]
    lowered = output.lower()
    for i in range(len(words) - secret.run + 1):
        window = words[i : i + secret.run]
        if all(w in lowered for w in window) and _in_a_row(window, lowered):
            found.append(" ".join(window))
    return found


def _in_a_row(words: list[str], text: str) -> bool:
    """Whether ``words`` stand in ``text`` one after the other, with at most a little punctuation between."""
    import re

    gap = r"[\s,，.、;|\-0-9]{0,6}"
    return re.search(gap.join(re.escape(w) for w in words), text) is not None


# --- the properties --------------------------------------------------------------------------------

TEXT_FIELDS = ["description", "error_message", "counterparty", "account_name", "steps"]


@SETTINGS
@given(secrets, st.sampled_from(TEXT_FIELDS), filler, separators, filler, st.sampled_from(["zh", "en"]))
def test_a_secret_in_a_free_text_answer_never_leaves(
    secret: Secret, where: str, before: str, sep: str, after: str, lang: str
) -> None:
    if secret.steps is not None:
        where, value = "steps", secret.steps
    else:
        text = f"{before}{sep}{secret.snippet}{sep}{after}"
        assume(where not in ("account_name",) or len(text) <= 200)
        value = [text] if where == "steps" else text  # type: ignore[assignment]
    with workplace() as place:
        outputs, _ = prepare_ticket(place, {where: value}, lang)
        assert leaked(secret, everything(place, outputs)) == []


@SETTINGS
@given(secrets, st.sampled_from(["", "截图", "IMG_", "screenshot-"]), st.sampled_from([".png", ".jpg", ".pdf"]))
def test_a_secret_in_an_evidence_file_name_never_leaves(secret: Secret, prefix: str, suffix: str) -> None:
    assume(secret.steps is None and "\n" not in secret.snippet and "/" not in secret.snippet)
    name = prefix + secret.snippet + suffix
    assume(len(name.encode("utf-8")) <= 240)
    with workplace() as place:
        (place / name).write_bytes(b"x")
        outputs, _ = prepare_ticket(place, {"evidence": [str(place / name)]}, "zh")
        output = everything(place, outputs)
        assert leaked(secret, output) == []
        assert suffix in output, "the extension is kept"


@SETTINGS
@given(secrets, st.sampled_from(["agent", "reference", "note"]), filler, separators, st.sampled_from(["zh", "en"]))
def test_a_secret_in_a_case_log_option_never_leaves(
    secret: Secret, option: str, before: str, sep: str, lang: str
) -> None:
    snippet = "\n".join(secret.steps) if secret.steps is not None else secret.snippet
    text = f"{before}{sep}{snippet}"
    if option != "note":
        text = " ".join(text.split())  # a one-line option
    assume(len(text) <= 200)
    with workplace() as place:
        outputs, case_id = prepare_ticket(place, {}, lang)
        logged = run_app("case", "log", case_id, "--channel", "hotline", "--outcome", "pending", f"--{option}", text,
                         "--format", "json", "--lang", lang)
        assert logged.code == 0, logged.err
        shown = [run_app("case", "show", case_id, "--format", fmt, "--lang", lang) for fmt in ("text", "markdown")]
        exported = run_app("case", "export", case_id, "--out", str(place / "out"), "--force", "--lang", lang)
        runs = [logged, *shown, exported]
        output = everything(place, [*outputs, *(r.out + r.err for r in runs), _json_text(logged.out)])
        assert leaked(secret, output) == []
        assert "removed" in logged.err or "已删除" in logged.err or secret.kind in ("phone", "email")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(secrets, filler, separators, filler)
def test_every_spelling_is_redacted_by_the_engine_and_twice_changes_nothing(
    secret: Secret, before: str, sep: str, after: str
) -> None:
    """The engine alone, with more examples: the same secrets, and redacting the result again is a no-op."""
    from walletaid.engines.redact import redact_tree

    value: object = secret.steps if secret.steps is not None else f"{before}{sep}{secret.snippet}{sep}{after}"
    once, redactions = redact_tree({"issue": {"description": value}})
    assert leaked(secret, json.dumps(once, ensure_ascii=False)) == []
    assert secret.kind in {r.kind for r in redactions}
    assert redact_tree(once) == (once, [])
