"""Answers files: read them safely and replay them through the same questions the wizard asks.

:func:`load_answers_file` refuses files over 1 MB, non-UTF-8 files and
anything that is not a mapping.  :func:`replay` runs the wizard's own loop
(:func:`walletaid.wizard.pipeline.collect`) with the file as the source of
answers: every key is checked against the questions, every value is parsed by
:func:`parse_answer`, the function the interactive prompts use too, and *all*
problems are reported at once.
"""

from __future__ import annotations

import difflib
import json
from datetime import date, datetime
from collections.abc import Mapping, Sequence
from typing import Any

from walletaid.errors import InputError, Problem
from walletaid.i18n import Lang, t
from walletaid.textsafe import clean
from walletaid.wizard.questions import Question

MAX_ANSWERS_BYTES = 1_000_000
_YAML_BOOLS = {True: "yes", False: "no"}


def _read_bytes(source: str, lang: Lang) -> bytes:
    """The answers file's bytes, read in chunks up to the limit (a device or a pipe reports no size)."""
    from walletaid.files.read import TooBig, read_source

    try:
        return read_source(source, MAX_ANSWERS_BYTES)
    except TooBig:
        raise _file_error(source, t("wizard.file_too_big", lang), lang) from None
    except FileNotFoundError:
        raise _file_error(source, t("wizard.file_missing", lang), lang) from None
    except IsADirectoryError:
        raise _file_error(source, t("wizard.file_is_dir", lang), lang) from None
    except PermissionError:
        raise _file_error(source, t("wizard.file_unreadable", lang), lang) from None
    except OSError as exc:
        raise _file_error(source, clean(exc.strerror or type(exc).__name__), lang) from None


def _file_error(source: str, message: str, lang: Lang) -> InputError:
    from walletaid.engines.redact import redact_echo

    return InputError([Problem(f"--answers {redact_echo(source, 200)}", message)])


def load_answers_file(source: str, lang: Lang) -> dict[str, Any]:
    """Parse an answers file (YAML or JSON; ``-`` is stdin) into a mapping, or raise :class:`InputError`."""
    data = _read_bytes(source, lang)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(source, t("wizard.file_not_utf8", lang), lang) from None
    try:
        if source.endswith(".json"):
            parsed = json.loads(text)
        else:
            import yaml

            parsed = yaml.safe_load(text)
    except Exception as exc:  # json.JSONDecodeError, yaml.YAMLError, RecursionError ...
        from walletaid.engines.redact import redact_echo

        detail = redact_echo(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, 200)
        raise _file_error(source, t("wizard.file_not_parsed", lang, detail=detail), lang) from None
    if not isinstance(parsed, dict):
        raise _file_error(source, t("wizard.file_not_mapping", lang), lang)
    return parsed


def _as_text(question: Question, raw: Any, lang: Lang) -> str:
    if isinstance(raw, (date, datetime)):  # YAML reads an unquoted 2026-11-20 [14:30] as a date
        raw = raw.isoformat(sep=" ") if isinstance(raw, datetime) else raw.isoformat()
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise ValueError(t("wizard.not_text", lang))
    text = clean(str(raw)).strip()
    if len(text) > question.max_length:
        raise ValueError(t("wizard.too_long", lang, limit=question.max_length))
    return text


def _as_choice(question: Question, raw: Any, lang: Lang) -> str:
    allowed = question.choice_values()
    if isinstance(raw, bool) and _YAML_BOOLS[raw] in allowed:
        raw = _YAML_BOOLS[raw]  # YAML reads an unquoted yes/no as a boolean
    if not isinstance(raw, str) or raw.strip() not in allowed:
        from walletaid.engines.redact import redact_echo

        shown = redact_echo(raw, 60)  # a secret typed into the wrong key is not echoed back
        raise ValueError(t("wizard.not_one_of", lang, value=shown, allowed=", ".join(allowed)))
    return raw.strip()


def _as_list(raw: Any, lang: Lang) -> list[Any]:
    if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
        return [raw]
    if not isinstance(raw, list):
        raise ValueError(t("wizard.not_list", lang))
    return raw


def parse_answer(question: Question, raw: Any, lang: Lang) -> Any:
    """Turn one raw answer (typed or from a file) into its value; ``ValueError`` says what is allowed.

    Empty answers come back as ``None`` (the caller decides whether the
    question was required).
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if question.kind == "select":
        value: Any = _as_choice(question, raw, lang)
    elif question.kind == "checkbox":  # in the order of the choices, each once: as the wizard gives them
        chosen = {_as_choice(question, item, lang) for item in _as_list(raw, lang)}
        value = [v for v in question.choice_values() if v in chosen]
    elif question.kind == "confirm":
        if not isinstance(raw, bool):
            raise ValueError(t("wizard.not_bool", lang))
        value = raw
    elif question.kind == "list":
        value = [_as_text(question, item, lang) for item in _as_list(raw, lang)]
        value = [item for item in value if item] or None
    else:
        value = _as_text(question, raw, lang) or None
    if value is not None and question.parse is not None:
        value = question.parse(value, lang)
    return value


def unknown_key_problem(key: object, known: Sequence[str], lang: Lang) -> Problem:
    from walletaid.engines.redact import redact_echo

    close = difflib.get_close_matches(str(key), known, n=1)
    message = t("wizard.unknown_key", lang, allowed=", ".join(known))
    if close:
        message = t("wizard.did_you_mean", lang, name=close[0]) + " " + message
    return Problem(redact_echo(key, 80) or repr(key), message)


def replay(questions: Sequence[Question], data: Mapping[str, Any], lang: Lang) -> dict[str, Any]:
    """Answer ``questions`` from ``data`` through the wizard's own loop; every problem is raised together.

    An answer for a question that does not apply (``operator`` for a crypto wallet) is dropped
    with a warning on stderr, exactly as the wizard would never ask it.
    """
    from walletaid.render.console import say
    from walletaid.wizard.pipeline import FileAnswers, collect

    return collect(questions, FileAnswers(data, questions, lang, warn=lambda text: say(f"[yellow]![/] {text}")))
