"""``walletaid security-check``: the habits check-up, or the scam check of one message or of a batch."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from walletaid.errors import InputError, Interrupted, Problem
from walletaid.flows.common import Format, collect_answers, emit, finish_draft, require_terminal, validate_model
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
    from walletaid.console import say

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
    """The text of ``--message-file`` (``-`` = stdin), size-limited and decoded as UTF-8."""
    field = f"--message-file {source}"
    if source == "-" and sys.stdin.isatty():
        return paste_message(lang)
    try:
        data = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1) if source == "-" else _read_limited(Path(source))
    except OSError as exc:
        raise InputError([Problem(field, exc.strerror or str(exc))]) from None
    if len(data) > MAX_MESSAGE_BYTES:
        raise _too_big(field, lang)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(field, t("wizard.file_not_utf8", lang))]) from None


def _read_limited(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(MAX_MESSAGE_BYTES + 1)


def check_one(text: str, lang: Lang, fmt: Format) -> int:
    """Check one message and print the verdict."""
    if not text.strip():
        raise InputError([Problem("--message", t("flows.message_empty", lang))])
    if len(text.encode("utf-8")) > MAX_MESSAGE_BYTES:
        raise _too_big("--message", lang)
    from walletaid.engines.scam import check_message

    emit(check_message(text, lang), fmt, lang, "scam")
    return 0


def _batch_items(lines: Iterable[bytes], lang: Lang) -> Iterator[tuple[int, Any, str | None, str | None]]:
    """``(line number, id, text, error)`` for each non-blank input line."""
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            yield n, None, None, t("flows.batch_not_json", lang)
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            yield n, item.get("id") if isinstance(item, dict) else None, None, t("flows.batch_not_object", lang)
        elif len(item["text"].encode("utf-8")) > MAX_MESSAGE_BYTES:
            yield n, item.get("id"), None, t("flows.message_too_big", lang, limit=MAX_MESSAGE_BYTES // 1_000_000)
        else:
            yield n, item.get("id"), item["text"], None


def run_batch(source: str, lang: Lang, fmt: Format) -> int:
    """JSON Lines in, one result per line out (in order); bad lines get an ``error`` line."""
    from walletaid import console
    from walletaid.engines.scam import check_message
    from walletaid.render import batch as batch_renderer

    field = f"--batch {source}"
    try:
        stream = sys.stdin.buffer if source == "-" else Path(source).open("rb")
    except OSError as exc:
        raise InputError([Problem(field, exc.strerror or str(exc))]) from None
    read = 0
    rows: list[dict[str, Any]] = []
    with stream:
        for n, item_id, text, error in _batch_items(stream, lang):
            if error is None:
                read += 1
                row = check_message(text or "", lang).model_dump(mode="json")
            else:
                row = {"schema_version": 1, "command": "security-check", "lang": lang, "mode": "message",
                       "line": n, "error": t("flows.batch_bad_line", lang, n=n, reason=error)}
            row["id"] = item_id
            if fmt == "json":
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                rows.append(row)
    if read == 0:
        raise InputError([Problem(field, t("flows.batch_no_lines", lang))])
    if fmt == "markdown":
        console.print_markdown(batch_renderer.render_markdown(rows, lang))
    elif fmt == "text":
        console.print_renderable(batch_renderer.render_text(rows, lang))
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
