"""Every command scriptable (issue 12, items 1-3): ``--format`` everywhere with one JSON document, nothing padded
when output is not a terminal, ``--out`` made when missing, help with examples in the run's language, schemas
that list every allowed value, contacts numbered per case, case titles in the reader's language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

TICKET = {"wallet": "ecny", "operator": "boc", "symptom": "balance_wrong", "phone": "13712345678",
          "occurred_at": "2026-11-20 09:15"}
DIAGNOSE = {"wallet": "ecny", "operator": "icbc", "symptom": "suspicious_contact",
            "description": "自称公安说我涉嫌洗钱，要我把钱转到安全账户，验证码 123456"}


def _file(tmp_path: Path, name: str, data: dict) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _case(cli, tmp_path: Path, lang: str = "en") -> str:
    r = cli("prepare-ticket", "--answers", _file(tmp_path, "t.json", TICKET), "--out", str(tmp_path),
            "--format", "json", "--lang", lang)
    assert r.code == 0, r.err
    return json.loads(r.out)["case_id"]


def _commands(case_id: str, tmp_path: Path) -> list[tuple[str, ...]]:
    """Every command of walletaid, with what it needs to run without a terminal (the destructive ones last)."""
    return [
        ("diagnose", "--answers", _file(tmp_path, "d.json", DIAGNOSE)),
        ("prepare-ticket", "--answers", _file(tmp_path, "t2.json", TICKET), "--out", str(tmp_path / "t2")),
        ("security-check", "--message", "您的账户涉嫌洗钱，请将资金转入安全账户"),
        ("contacts", "icbc"),
        ("contacts", "--verify", "95588"),
        ("schema", "answers-diagnose"),
        ("case", "list"),
        ("case", "show", case_id),
        ("case", "log", case_id, "--channel", "hotline", "--outcome", "pending", "--promised-by", "2026-11-01"),
        ("case", "escalate", case_id, "--out", str(tmp_path / "drafts")),
        ("case", "export", case_id, "--out", str(tmp_path / "export")),
        ("case", "close", case_id),
        ("case", "delete", case_id, "--yes"),
        ("case", "purge", "--yes"),
    ]


def test_every_command_prints_one_json_document_with_the_envelope(cli, tmp_path: Path) -> None:
    case_id = _case(cli, tmp_path)
    actions = {}
    for args in _commands(case_id, tmp_path):
        r = cli(*args, "--format", "json", "--lang", "zh")
        assert r.code == 0, (args, r.err)
        document = json.loads(r.out)  # exactly one document: anything else on stdout fails here
        if args[0] == "schema":
            assert document["$id"] == "walletaid:answers-diagnose"
            continue
        assert document["schema_version"] == 1 and document["lang"] == "zh", args
        assert document["command"] == args[0], args
        if args[0] == "case":
            actions[args[1]] = document["action"]
    assert actions == {name: name for name in ("list", "show", "log", "escalate", "export", "close", "delete",
                                               "purge")}


def test_case_actions_say_what_they_did_in_json(cli, tmp_path: Path) -> None:
    case_id = _case(cli, tmp_path)
    closed = json.loads(cli("case", "close", case_id, "--format", "json").out)
    assert closed["case_id"] == case_id and closed["status"] == "closed"
    exported = json.loads(cli("case", "export", case_id, "--out", str(tmp_path / "x"), "--format", "json").out)
    assert sorted(Path(p).name for p in exported["files"]) == [f"{case_id}.json", f"{case_id}.md"]
    deleted = json.loads(cli("case", "delete", case_id, "--yes", "--format", "json").out)
    assert deleted["deleted"] == 1 and json.loads(cli("case", "purge", "--yes", "--format", "json").out)["deleted"] == 0


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_line_ends_in_blanks_when_output_is_not_a_terminal(cli, tmp_path: Path, fmt: str, lang: str) -> None:
    case_id = _case(cli, tmp_path)
    cli("case", "log", case_id, "--channel", "app_chat", "--outcome", "unresolved")
    runs = _commands(case_id, tmp_path) + [
        ("schema", "nope"), ("case", "show", "WA-20260101-AAAA"), ("diagnose", "--nope"), ("case", "--help"),
        ("--help",), ("case", "log", "--help"),
        ("prepare-ticket", "--answers", _file(tmp_path, "bad.json", dict(TICKET, phone="123")),
         "--out", str(tmp_path)),
    ]
    for args in runs:
        r = cli(*args, "--format", fmt, "--lang", lang) if "--help" not in args else cli(*args, "--lang", lang)
        for stream in (r.out, r.err):
            padded = [line for line in stream.splitlines() if line != line.rstrip()]
            assert not padded, (args, padded[:3])


def test_rich_tables_are_unpadded_but_a_terminal_still_gets_the_full_width(tmp_path: Path) -> None:
    import io

    from walletaid.render.console import Unpadded, make_console
    from walletaid.env import using

    piped = io.StringIO()
    with using(stdout=piped):
        console = make_console()
        assert isinstance(console.file, Unpadded)
        from rich.table import Table

        table = Table("a", "b")
        table.add_row("1", "2")
        console.print(table)
        console.print("partial", end="")
    console.file.flush()
    assert piped.getvalue().endswith("partial")
    assert all(line == line.rstrip() for line in piped.getvalue().splitlines())


@pytest.mark.parametrize("lang, said", [("en", "Created the folder"), ("zh", "已创建文件夹")])
def test_export_and_escalate_make_a_missing_out_folder(cli, tmp_path: Path, lang: str, said: str) -> None:
    case_id = _case(cli, tmp_path)
    r = cli("case", "export", case_id, "--out", str(tmp_path / "a" / "b"), "--lang", lang)
    assert r.code == 0 and said in r.err and (tmp_path / "a" / "b" / f"{case_id}.md").exists()
    r = cli("case", "escalate", case_id, "--out", str(tmp_path / "c"), "--lang", lang)
    assert r.code == 0 and r.err.count(said) == 1 and list((tmp_path / "c").glob("*complaint*"))


# --- contacts counted per case; titles in the reader's language ------------------------------------------------


def test_contacts_are_numbered_within_their_case(cli, tmp_path: Path) -> None:
    first = _case(cli, tmp_path)
    second = _case(cli, tmp_path)
    said = []
    for case_id in (first, second, first, second, second):
        r = cli("case", "log", case_id, "--channel", "hotline", "--outcome", "unresolved", "--lang", "zh")
        said.append(re.search(r"第 (\d+) 次联系", r.err).group(1))
    assert said == ["1", "1", "2", "2", "3"]
    r = cli("case", "log", first, "--channel", "email", "--outcome", "pending", "--format", "json")
    document = json.loads(r.out)
    assert document["logged"] == 3 and [c["id"] for c in document["case"]["contacts"]] == [1, 2, 3]
    assert "Contact #3 logged" in r.err
    shown = cli("case", "show", second, "--format", "json").out
    assert [c["id"] for c in json.loads(shown)["case"]["contacts"]] == [1, 2, 3]


def test_a_promise_in_the_past_is_questioned_on_stderr_and_in_json(cli, tmp_path: Path) -> None:
    case_id = _case(cli, tmp_path)
    r = cli("case", "log", case_id, "--channel", "hotline", "--outcome", "pending", "--promised-by", "2026-01-05",
            "--format", "json", "--lang", "zh")
    assert r.code == 0 and "--promised-by" in r.err and "2026-01-05" in r.err and "已经过去" in r.err
    [warning] = json.loads(r.out)["warnings"]
    assert warning["field"] == "promised_by" and warning["id"] == "promise_in_past"
    later = cli("case", "log", case_id, "--channel", "hotline", "--outcome", "pending", "--promised-by", "2099-01-05",
                "--format", "json")
    assert json.loads(later.out)["warnings"] == [] and "--promised-by" not in later.err


def test_a_case_made_in_english_reads_in_chinese(cli, tmp_path: Path) -> None:
    case_id = _case(cli, tmp_path, lang="en")
    shown = cli("case", "show", case_id, "--lang", "zh")
    assert "中国银行" in shown.out and "Bank of China" not in shown.out
    listed = json.loads(cli("case", "list", "--lang", "zh", "--format", "json").out)
    assert "中国银行" in listed["cases"][0]["title"]
    assert "中国银行" in json.loads(cli("case", "show", case_id, "--lang", "zh", "--format", "json").out)["case"]["title"]
    english = json.loads(cli("case", "show", case_id, "--format", "json").out)["case"]["title"]
    assert "Bank of China" in english


def test_the_delete_question_names_the_case_in_the_readers_language(home: Path, cli, tmp_path: Path) -> None:
    from terminal import type_into

    case_id = _case(cli, tmp_path, lang="en")
    screen = type_into(["case", "delete", case_id], "n\r", home, lang="zh")
    assert "中国银行" in screen.prompts and "Bank of China" not in screen.all


# --- help with examples, in the run's language -------------------------------------------------------------------


def _all_commands() -> list[list[str]]:
    from typer.main import get_command

    from walletaid.cli import app

    top = get_command(app)
    ctx = top.make_context("walletaid", ["--help"], resilient_parsing=True)
    found = [[]]
    for name in top.list_commands(ctx):  # the public listing: the top group builds its commands when asked
        found.append([name])
        for sub in getattr(top.get_command(ctx, name), "commands", {}):
            found.append([name, sub])
    return found


def test_every_help_page_has_examples_and_fits_80_columns(cli) -> None:
    """Piped help is 80 columns wide; the examples (kept as written, never wrapped) must fit it too."""
    from unicodedata import east_asian_width

    commands = _all_commands()
    assert ["case", "purge"] in commands and [] in commands and ["case"] in commands
    for lang, heading in (("en", "Examples:"), ("zh", "示例：")):
        for path in commands:
            r = cli(*path, "--help", "--lang", lang, env={"COLUMNS": "80"})
            assert r.code == 0, path
            wide = [line for line in r.out.splitlines()
                    if sum(2 if east_asian_width(ch) in "WF" else 1 for ch in line) > 80]
            assert not wide, (lang, path, wide)
            after = r.out.split(heading, 1)
            assert len(after) == 2, (lang, path)
            assert after[1].strip().startswith("walletaid"), (lang, path)


@pytest.mark.parametrize("how", ["option", "env", "locale"])
def test_help_and_usage_errors_speak_chinese_in_a_chinese_run(cli, how: str) -> None:
    settings = {"option": ({}, ["--lang", "zh"]), "env": ({"WALLETAID_LANG": "zh"}, []),
                "locale": ({"LANG": "zh_CN.UTF-8"}, [])}[how]
    env, extra = settings

    def run(*args: str):
        return cli(*extra, *args, lang=env.get("WALLETAID_LANG", ""), env=env)  # walletaid --lang zh …

    helped = run("case", "log", "--help")
    for word in ("用法：", "参数：", "选项：", "显示这份帮助并退出", "[必填]", "默认："):
        assert word in helped.out, word
    for word in ("Usage", "Options", "Arguments", "Show this message", "required", "default"):
        assert word not in helped.out, word
    assert "命令：" in run("--help").out and "命令：" in run("case", "--help").out
    for args, said in ((("case", "log", "--nope"), "没有这个选项：--nope"), (("case", "log"), "缺少参数 'CASE_ID'"),
                       (("diagnose", "--format", "nope"), "的值无效"), (("nope",), "没有这个命令"),
                       (("case", "list", "extra"), "多了无法识别的参数"), (("case", "export", "X", "--out"), "需要跟一个值")):
        r = run(*args)
        assert r.code == 2, args
        assert said in r.err and "错误：" in r.err, (args, r.err)
        assert "用法：" in r.err or args[-1] == "--out", (args, r.err)  # Click has no usage line for that one
        assert "Error" not in r.err and "Usage" not in r.err and "Try '" not in r.err, (args, r.err)


def test_english_runs_keep_clicks_words(cli) -> None:
    r = cli("case", "log", "--nope")
    assert r.code == 2 and "Usage: walletaid case log" in r.err and "Error: No such option: --nope" in r.err
    assert "Show this message and exit." in cli("--help").out


def test_lang_before_the_command_sets_the_run_language(cli) -> None:
    r = cli("--lang", "zh", "security-check", "--message", "您的账户涉嫌洗钱，请将资金转入安全账户", "--format", "json")
    assert r.code == 0 and json.loads(r.out)["lang"] == "zh"
    assert "用法：" in cli("case", "--lang", "zh", "--help").out


# --- schemas list every allowed value --------------------------------------------------------------------------


@pytest.mark.parametrize("name, form", [("answers-diagnose", "diagnose_questions"),
                                        ("answers-ticket", "ticket_questions"),
                                        ("answers-security", "posture_questions")])
def test_every_choice_field_lists_every_allowed_value(cli, name: str, form: str) -> None:
    import importlib

    module = {"diagnose_questions": "diagnose", "ticket_questions": "ticket", "posture_questions": "security"}[form]
    questions = getattr(importlib.import_module(f"walletaid.forms.{module}"), form)()
    schema = json.loads(cli("schema", name).out)
    for question in questions:
        if not question.choices:
            continue
        node = schema["properties"][question.id]
        branches = [b for b in node.get("anyOf", [node]) if b.get("type") != "null"]
        listed = [b.get("enum") or b["items"]["enum"] for b in branches]
        assert listed == [question.choice_values()], question.id
        assert all(value in node["description"] for value in question.choice_values()), question.id
    asked = schema["properties"]["contact_asked_for"] if "contact_asked_for" in schema["properties"] else None
    if asked is not None:
        assert len(asked["anyOf"][0]["items"]["enum"]) == 10


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_schema_as_a_list_for_people(cli, fmt: str) -> None:
    r = cli("schema", "answers-diagnose", "--format", fmt, "--lang", "zh")
    assert r.code == 0 and "contact_asked_for" in r.out and "nothing_yet" in r.out and "必填" in r.out
    if fmt == "text":  # Chinese brackets around Chinese words
        assert "wallet（必填）" in r.out and "(必填)" not in r.out


def test_an_unknown_schema_names_the_documented_ones_and_claims_nothing_written(cli) -> None:
    documented = cli("schema", "--help").out
    for lang in ("en", "zh"):
        r = cli("schema", "nope", "--lang", lang)
        assert r.code == 2 and "NAME" in r.err
        assert "nothing was written" not in r.err and "没有写入" not in r.err
        names = re.findall(r"answers-[a-z]+|\bcase\b|\bdiagnosis\b", r.err)
        assert names and all(name in documented for name in names)


# --- --batch progress on a terminal's stderr only ----------------------------------------------------------------


class _Terminal:
    """A stream that says it is a terminal (what is written stays readable)."""

    def __init__(self) -> None:
        import io

        self.buffer = io.StringIO()

    def write(self, text: str) -> int:
        return self.buffer.write(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError("not a real terminal")


def _batch(tmp_path: Path, rows: int = 300) -> str:
    path = tmp_path / "chats.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": f"请把钱转入安全账户 {i}"}, ensure_ascii=False) + "\n"
                            for i in range(rows)), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("lang, said", [("en", "300 messages checked"), ("zh", "已检查 300 条")])
def test_batch_shows_progress_on_a_terminal_stderr(cli, tmp_path: Path, lang: str, said: str) -> None:
    from walletaid.env import using

    terminal = _Terminal()
    with using(stderr=terminal):
        r = cli("security-check", "--batch", _batch(tmp_path), "--format", "json", "--lang", lang)
    assert r.code == 0 and len(r.out.splitlines()) == 300  # the rows themselves are untouched on stdout
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.buffer.getvalue())
    assert said in shown


def test_batch_shows_no_progress_on_a_pipe_or_when_rows_stream_to_the_same_terminal(cli, tmp_path: Path) -> None:
    from walletaid.env import using

    r = cli("security-check", "--batch", _batch(tmp_path), "--format", "json")
    assert r.code == 0 and r.err == ""
    terminal = _Terminal()
    with using(stderr=terminal, stdout=terminal):
        cli("security-check", "--batch", _batch(tmp_path), "--format", "json")
    assert "checked" not in terminal.buffer.getvalue()


@pytest.mark.parametrize("lang, message", [("en", "no such file"), ("zh", "找不到这个文件")])
def test_a_long_path_in_an_error_is_folded_whole_and_its_message_kept(cli, tmp_path: Path, lang: str,
                                                                      message: str) -> None:
    """Not a terminal (80 columns or COLUMNS): a path longer than a third of the width goes on its own lines,
    folded, never cut with '…', and the message still follows it."""
    missing = tmp_path / ("a_long_folder_name_" * 4) / "answers_file_that_does_not_exist.yaml"
    r = cli("diagnose", "--answers", str(missing), lang=lang, env={"COLUMNS": "60"})
    assert r.code == 2 and "…" not in r.err and message in r.err
    assert str(missing) in "".join(line.strip() for line in r.err.splitlines())
    assert max(len(line) for line in r.err.splitlines()) <= 60


@pytest.mark.parametrize("lang, usage", [("en", "Usage: walletaid case show [OPTIONS] CASE_ID"),
                                         ("zh", "用法：walletaid case show [选项] CASE_ID")])
def test_usage_names_a_required_argument_bare_and_an_optional_one_in_brackets(cli, lang: str, usage: str) -> None:
    assert cli("case", "show", "--help", lang=lang).out.splitlines()[0] == usage
    assert cli("contacts", "--help", lang=lang).out.splitlines()[0].endswith(" [PROVIDER]")
    assert "{" not in cli("case", "show", lang=lang).err
