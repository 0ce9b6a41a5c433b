"""``walletaid security-check``: the habits check-up, or the scam check of one message or of a batch."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from walletaid.files.read import LineTooLong
from walletaid.errors import EXIT_USAGE, InputError, Interrupted, Problem, WalletaidError
from walletaid.flows.common import (
    Format, collect_answers, emit, finish_draft, require_terminal, stdin_is_terminal, validate_model,
)
from walletaid.i18n import Lang, t

MAX_MESSAGE_BYTES = 2_000_000


def run(*, lang: Lang, fmt: Format, answers_file: str | None, message: str | None, message_file: str | None,
        batch: str | None, resume: bool | None) -> int:
    """Dispatch to the check-up, the message check or the batch check."""
    given = [x for x in (answers_file, message, message_file, batch) if x is not None]
    if len(given) > 1:
        raise InputError([Problem("--message/--message-file/--batch/--answers", t("flows.one_message_source", lang))])
    if batch is not None:
        return run_batch(batch, lang, fmt)
    if message is not None or message_file is not None:
        text = message if message is not None else read_message_file(message_file or "-", lang)
        return check_one(text, lang, fmt)
    if answers_file is None and _wants_message_check(lang):
        return check_one(paste_message(lang), lang, fmt)
    return run_posture(lang, fmt, answers_file, resume)


def _wants_message_check(lang: Lang) -> bool:
    require_terminal("security-check", "answers-security", lang)
    from walletaid.wizard.prompt import choose

    try:
        mode = choose(t("flows.mode_question", lang), [("posture", t("flows.mode_posture", lang)),
                                                       ("message", t("flows.mode_message", lang))], lang)
    except (KeyboardInterrupt, EOFError):
        raise Interrupted() from None
    return mode == "message"


def paste_message(lang: Lang) -> str:
    """Read a pasted message from the terminal until an empty line (or end of input)."""
    from walletaid.render.console import say

    say(t("flows.paste_message", lang))
    lines: list[str] = []
    size = 0
    try:
        for line in iter(sys.stdin.readline, ""):
            if not line.strip() and lines:
                break
            lines.append(line.rstrip("\n"))
            size += len(line.encode("utf-8"))
            if size > MAX_MESSAGE_BYTES:
                raise _too_big("--message", lang)
    except KeyboardInterrupt:
        sys.stderr.write("\n")  # the terminal echoed "^C" mid-line; the calm line goes on a line of its own
        raise Interrupted() from None
    return "\n".join(lines)


def _too_big(field: str, lang: Lang) -> InputError:
    return InputError([Problem(field, t("flows.message_too_big", lang, limit=MAX_MESSAGE_BYTES // 1_000_000))])


def read_message_file(source: str, lang: Lang) -> str:
    """The text of ``--message-file`` (``-`` = stdin), read in chunks up to the limit and decoded as UTF-8."""
    from walletaid.files.read import TooBig, read_source

    field = f"--message-file {source}"
    if source == "-" and stdin_is_terminal():
        return paste_message(lang)
    try:
        data = read_source(source, MAX_MESSAGE_BYTES)
    except TooBig:
        raise _too_big(field, lang) from None
    except OSError as exc:
        raise InputError([Problem(field, exc.strerror or str(exc))]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(field, t("wizard.file_not_utf8", lang))]) from None


def check_one(text: str, lang: Lang, fmt: Format) -> int:
    """Check one message and print the verdict."""
    if not text.strip():
        raise InputError([Problem("--message", t("flows.message_empty", lang))])
    if len(text.encode("utf-8")) > MAX_MESSAGE_BYTES:
        raise _too_big("--message", lang)
    from walletaid.engines.scam import check_message

    emit(check_message(text, lang), fmt, lang, "scam")
    return 0


MAX_BATCH_LINE_BYTES = 4 * MAX_MESSAGE_BYTES
"""A line holds one message (at most 2 MB of text) and its JSON escapes."""
MAX_BATCH_BYTES = 100_000_000
MAX_BATCH_LINES = 100_000
MAX_TABLE_LINES = 10_000
"""Text and Markdown keep every row for one table: fewer lines there, so memory stays small."""


class BatchTooBig(WalletaidError):
    """``--batch`` input past the total limit: the lines before it were checked and printed, the rest not read."""

    exit_code = EXIT_USAGE

    def __init__(self, source: str, checked: int, max_lines: int) -> None:
        super().__init__(source)
        self.source = source
        self.checked = checked
        self.max_lines = max_lines

    def message(self, lang: Lang) -> str:
        """The refusal in the user's language, naming the option, the limits and what was checked."""
        text = t("flows.batch_too_big", lang, field=f"--batch {self.source}", mb=MAX_BATCH_BYTES // 1_000_000,
                 lines=self.max_lines, n=self.checked)
        return text + (t("flows.batch_table_hint", lang, lines=MAX_BATCH_LINES) if self.max_lines < MAX_BATCH_LINES else "")


def _parse_line(raw: bytes | LineTooLong, lang: Lang) -> tuple[Any, str | None, str | None]:
    """``(id, text, error)`` of one input line."""
    if isinstance(raw, LineTooLong):
        return None, None, t("flows.batch_line_too_long", lang, limit=MAX_BATCH_LINE_BYTES // 1_000_000)
    try:
        item = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: thousands of nested brackets
        return None, None, t("flows.batch_not_json", lang)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return item.get("id") if isinstance(item, dict) else None, None, t("flows.batch_not_object", lang)
    if len(item["text"].encode("utf-8")) > MAX_MESSAGE_BYTES:
        return item.get("id"), None, t("flows.message_too_big", lang, limit=MAX_MESSAGE_BYTES // 1_000_000)
    return item.get("id"), item["text"], None


def _batch_rows(stream: BinaryIO, lang: Lang, max_lines: int) -> Iterator[dict[str, Any]]:
    """One result row per non-blank input line, in order; :class:`TooBig` past the total limit."""
    from walletaid.files.read import limited_lines
    from walletaid.engines.scam import check_message

    lines = limited_lines(stream, line_limit=MAX_BATCH_LINE_BYTES, total_limit=MAX_BATCH_BYTES,
                          max_lines=max_lines)
    for n, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes) and not raw.strip():
            continue
        item_id, text, error = _parse_line(raw, lang)
        if error is None:
            row = check_message(text or "", lang).model_dump(mode="json")
        else:
            row = {"schema_version": 1, "command": "security-check", "lang": lang, "mode": "message",
                   "line": n, "error": t("flows.batch_bad_line", lang, n=n, reason=error)}
        row["id"] = item_id
        yield row


def _table_row(row: dict[str, Any]) -> dict[str, Any]:
    """What the text and Markdown table needs of a row (a batch can hold 100,000 of them)."""
    kept = {key: row[key] for key in ("id", "line", "error", "verdict") if key in row}
    kept["signals"] = [{"id": s["id"]} for s in row.get("signals", [])]
    return kept


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _Progress:
    """Rows done and rows a second on stderr while a batch runs, when stderr is a terminal (nothing on a pipe).

    Not when the rows themselves stream onto the same screen (``--format json`` to a terminal): they show the
    progress, and a redrawn line would tear through them.
    """

    def __init__(self, lang: Lang, streaming: bool) -> None:
        from walletaid.env import current

        env = current()
        self.lang = lang
        self.bar: Any = None
        self.shown = _is_terminal(env.err()) and not (streaming and _is_terminal(env.out()))

    def __enter__(self) -> "_Progress":
        if self.shown:
            from rich.progress import Progress, ProgressColumn, SpinnerColumn
            from rich.text import Text

            from walletaid.render.console import make_console

            lang = self.lang

            class Done(ProgressColumn):
                def render(self, task: Any) -> Text:
                    return Text(t("batch.progress", lang, n=int(task.completed), speed=int(task.speed or 0)))

            self.bar = Progress(SpinnerColumn(), Done(), console=make_console(stderr=True), transient=True,
                                refresh_per_second=4, redirect_stdout=False, redirect_stderr=False)
            self.bar.start()
            self.task = self.bar.add_task("batch", total=None)
        return self

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def run_batch(source: str, lang: Lang, fmt: Format) -> int:
    """JSON Lines in, one result per line out (in order); bad lines get an ``error`` line."""
    from walletaid.render import console
    from walletaid.files.read import TooBig, open_source

    field = f"--batch {source}"
    try:
        stream = open_source(source)
    except OSError as exc:
        raise InputError([Problem(field, exc.strerror or str(exc))]) from None
    read = done = 0
    rows: list[dict[str, Any]] = []
    too_big = False
    max_lines = MAX_BATCH_LINES if fmt == "json" else MAX_TABLE_LINES
    with stream, _Progress(lang, streaming=fmt == "json") as progress:
        write, encode = console.LineWriter(), json.JSONEncoder(ensure_ascii=False).encode  # once, not per line
        try:
            for row in _batch_rows(stream, lang, max_lines):
                read += "error" not in row
                done += 1
                progress.advance()
                if fmt == "json":
                    write(encode(row))
                else:
                    rows.append(_table_row(row))
        except TooBig:
            too_big = True
    if rows:
        from walletaid.render import batch as batch_renderer  # only for a table: ~25 ms of imports JSON never needs
    if rows and fmt == "markdown":
        console.print_markdown(batch_renderer.render_markdown(rows, lang))
    elif rows and fmt == "text":
        console.print_renderable(batch_renderer.render_text(rows, lang))
    if too_big:
        raise BatchTooBig(source, done, max_lines)
    if read == 0:
        raise InputError([Problem(field, t("flows.batch_no_lines", lang))])
    return 0


def run_posture(lang: Lang, fmt: Format, answers_file: str | None, resume: bool | None) -> int:
    """The habits check-up: questions → score and grade → findings with fixes."""
    from walletaid.engines.posture import score_posture
    from walletaid.forms.security import posture_questions
    from walletaid.models.posture import PostureAnswers

    raw = collect_answers("security-check", posture_questions(), lang, answers_file=answers_file, resume=resume,
                          schema="answers-security")
    result = score_posture(validate_model(PostureAnswers, raw, lang), lang)
    emit(result, fmt, lang, "posture")
    finish_draft("security-check", answers_file)
    return 0
