"""Click's own words in the run's language: the usage line, section headings, the help option, usage errors.

Typer's copy of Click writes its words in English (``Usage:``, ``Options:``, ``Show this message and exit.``,
``No such option: …``).  The command classes here (passed as ``cls=`` to every Typer app and command) say
them from ``messages/click.json`` instead, in the language of the run: ``--lang`` anywhere on the command
line, else ``WALLETAID_LANG``, else the locale, resolved before Click parses anything.  The help texts of
walletaid's own commands and options (``messages/cli.json``) are looked up again at that moment, so a run
always speaks one language, even when the process was started in another (tests run many in one process).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import typer
from typer._click.core import Context
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

from walletaid.i18n import Lang, catalogue, resolve_lang, t

_RUN: list[Lang] = []
"""The language of the run in progress (set when the top command starts to parse)."""


def lang_of(args: Sequence[str]) -> Lang:
    """The language a command line asks for: ``--lang X`` / ``--lang=X``, else the environment."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return resolve_lang(args[i + 1])
        if arg.startswith("--lang="):
            return resolve_lang(arg.split("=", 1)[1])
    return resolve_lang(None)


def run_lang() -> Lang:
    """The language of the current run (the environment's when no run has started)."""
    return _RUN[-1] if _RUN else resolve_lang(None)


def c(key: str, **fields: object) -> str:
    """One of Click's words in the run's language."""
    return t(f"click.{key}", run_lang(), **fields)


@lru_cache(maxsize=1)
def _known_texts() -> dict[str, tuple[str, str]]:
    """Every help text of ``cli.json`` and every Click/Typer help text of ``click.json``, either language → key."""
    found = {}
    for area in ("cli", "click"):
        for lang in ("en", "zh"):
            for key, text in catalogue(area)[lang].items():
                found.setdefault(text, (area, key))
    return found


def swap(text: str | None) -> str | None:
    """A known help text in the run's language (the text as it is when it is not one of ours)."""
    if not text:
        return text
    known = _known_texts().get(text)
    return t(f"{known[0]}.{known[1]}", run_lang()) if known else text


_EXTRA = re.compile(r"  \[([^\[\]]+)\]$")


def _extras(text: str, param: Any) -> str:
    """``[default: text; required]`` at the end of an option's help, in the run's language (an on/off flag's
    default as the option itself: ``--save``, not ``save``)."""
    def one(part: str) -> str:
        if part == "required":
            return c("required")
        if part.startswith("default: "):
            value = part.removeprefix("default: ")
            if getattr(param, "secondary_opts", None):
                value = param.opts[-1] if param.default else param.secondary_opts[0]
            return c("default", value=value)
        return part

    return _EXTRA.sub(lambda m: "  [" + c("separator").join(one(p) for p in m.group(1).split("; ")) + "]", text)


_METAVARS = re.compile(r"<(str|text|path|int|integer)>")
_NO_LINE_START = frozenset("，。、；：？！）》」』”’,.;:?!)")


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes (a Chinese character takes two)."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _tokens(text: str) -> list[str]:
    """Where ``text`` may break: its words, each wide (CJK) character on its own, and one blank between words.

    A loop, not a regular expression: a character class of the CJK ranges costs more to compile (once per run,
    on every help page) than this costs on all the help texts together.
    """
    out: list[str] = []
    for word in text.split():
        if out:
            out.append(" ")
        if word.isascii():
            out.append(word)
            continue
        run = ""
        for char in word:
            if "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\uffef":
                if run:
                    out.append(run)
                    run = ""
                out.append(char)
            else:
                run += char
        if run:
            out.append(run)
    return out


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells: broken at spaces, or between Chinese characters (never
    before a closing punctuation mark)."""
    tokens = _tokens(text)
    lines: list[list[str]] = [[]]
    used = 0
    for token in tokens:
        size = cells(token)
        if token.isspace():
            if lines[-1]:
                lines[-1].append(" ")
                used += 1
            continue
        if used + size > width and lines[-1]:
            carried: list[str] = []
            if token[0] in _NO_LINE_START:  # never at the start of a line: the character before comes down too
                while len(lines[-1]) > 1 and lines[-1][-1][0] in _NO_LINE_START:
                    carried.insert(0, lines[-1].pop())
                if len(lines[-1]) > 1 and not lines[-1][-1].isspace():
                    carried.insert(0, lines[-1].pop())
            while lines[-1] and lines[-1][-1].isspace():
                lines[-1].pop()
            lines.append(carried)
            used = sum(cells(x) for x in carried)
        lines[-1].append(token)
        used += size
    return ["".join(line).rstrip() for line in lines if line]


class LocalizedFormatter(HelpFormatter):
    """Click's help formatter, measuring in terminal cells so Chinese help lines up and wraps.

    Click formats help for at least 50 columns; this one fits narrower terminals too (down to 30).
    """

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None) -> None:
        if width is None:
            from walletaid.env import current

            width = max(min(current().columns(), max_width or 80) - 2, 30)
        super().__init__(indent_increment, width, max_width)

    def getvalue(self) -> str:
        return "\n".join(line.rstrip() for line in super().getvalue().split("\n"))  # Click leaves some blanks

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}\n")  # the catalogue's heading has its colon

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        room = max(self.width - self.current_indent, 20)
        out = []
        for paragraph in text.split("\n\n"):
            lines = paragraph.splitlines()
            if lines and lines[0].strip() == "\b":  # Click's mark: keep these lines as written
                out.append("\n".join(indent + line for line in lines[1:]))
            else:
                out.append("\n".join(indent + line for line in wrap(" ".join(x.strip() for x in lines), room)))
        self.write("\n\n".join(out) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        col_max = min(col_max, self.width // 3)  # a narrow screen keeps room for the text
        first_col = min(max((cells(first) for first, _ in rows), default=0), col_max) + col_spacing
        room = max(self.width - first_col - self.current_indent, 10)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, room) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class LocalizedContext(Context):
    """A context whose help formatter measures in terminal cells."""

    formatter_class = LocalizedFormatter


class _Localized:
    """What the command classes below share: Click's words in the run's language, our help texts swapped."""

    context_class = LocalizedContext

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        prefix = c("usage")
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix if prefix.endswith("：") else prefix + " ")

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        names = {"[OPTIONS]": c("metavar_options"), "COMMAND [ARGS]...": c("metavar_command")}
        # Typer writes a required argument as {CASE_ID}; the usual convention (and the README) is a bare
        # CASE_ID, optional ones in brackets: braces read as something to type
        return [names.get(piece, piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece)
                for piece in pieces]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = c("help_option")
        return option

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        original = self.help  # type: ignore[has-type]
        self.help = swap(original)
        try:
            super().format_help_text(ctx, formatter)  # type: ignore[misc]
        finally:
            self.help = original

    def get_short_help_str(self, limit: int = 45) -> str:
        original = self.short_help, self.help  # type: ignore[has-type]
        self.short_help, self.help = swap(original[0]), swap(original[1])
        try:
            return super().get_short_help_str(limit)  # type: ignore[misc]
        finally:
            self.short_help, self.help = original

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            original = param.help
            param.help = swap(original)
            try:
                record = param.get_help_record(ctx)
            finally:
                param.help = original
            if record is None:
                continue
            names, text = record
            if param.param_type_name == "argument":
                names = names.split(" ")[0]  # CASE_ID, NAME: the placeholder says it all
            names = _METAVARS.sub(lambda m: c("metavar_text"), names)
            (arguments if param.param_type_name == "argument" else options).append((names, _extras(text, param)))
        for heading, rows in ((c("arguments"), arguments), (c("options"), options)):
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)
        if isinstance(self, TyperGroup):
            self._format_commands(ctx, formatter)

    def listed_command(self, ctx: Any, name: str) -> Any:
        """The command the command list of the help shows for ``name`` (a lazy group may give a stand-in)."""
        return self.get_command(ctx, name)  # type: ignore[attr-defined]

    def _format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):  # type: ignore[attr-defined]
            command = self.listed_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section(c("commands")):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in rows])


class LocalizedCommand(_Localized, TyperCommand):
    """A Typer command whose help and usage line speak the run's language."""


class LocalizedGroup(_Localized, TyperGroup):
    """A Typer group (the app, ``case``): help in the run's language; the top one also sets that language
    and says Click's usage errors in it."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        if parent is None:  # the top command: the run starts here
            _RUN[:] = [lang_of(args)]
        with _said_in_run_lang():
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        with _said_in_run_lang():
            return super().invoke(ctx)


class _said_in_run_lang:
    """Re-raise Click's usage errors as :class:`LocalizedUsageError` (the top group's parsing and invoking)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: Any, trace: Any) -> bool:
        from typer._click.exceptions import NoArgsIsHelpError, UsageError

        if isinstance(error, UsageError) and not isinstance(error, (NoArgsIsHelpError, LocalizedUsageError)):
            raise LocalizedUsageError(message(error), error.ctx) from None
        return False


def _hint(error: Any) -> str:
    from typer._click.exceptions import _join_param_hints

    if getattr(error, "param_hint", None) is not None:
        return _join_param_hints(error.param_hint) or ""
    param = getattr(error, "param", None)
    return _join_param_hints(param.get_error_hint()) or "" if param is not None else ""


_NOT_ONE_OF = re.compile(r"^(?:Value error, )?(.+?) is not one of (.+?)\.?$")
_NO_COMMAND = re.compile(r"^No such command (.+?)\.(?: Did you mean (.+)\?)?$")
_EXTRA_ARGS = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$")
_NEEDS_VALUE = re.compile(r"^Option (.+?) requires (?:an argument|\d+ arguments)\.$")
_NO_VALUE = re.compile(r"^Option (.+?) does not take a value\.$")


def message(error: Any) -> str:
    """The message of one of Click's usage errors in the run's language."""
    from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption

    if isinstance(error, NoSuchOption):
        text = c("no_such_option", name=error.option_name)
        if error.possibilities:
            text += ("" if run_lang() == "zh" else " ") + c("possible_options", names=", ".join(sorted(error.possibilities)))
        return text
    if isinstance(error, MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param is not None else "parameter")
        return c(f"missing_{kind}" if kind in ("argument", "option") else "missing_parameter", name=_hint(error))
    if isinstance(error, BadParameter):
        found = _NOT_ONE_OF.match(error.message)
        why = c("not_one_of", value=found.group(1), allowed=found.group(2)) if found else error.message
        return c("invalid_value", name=_hint(error), why=why)
    text = error.message
    for pattern, key in ((_NO_COMMAND, "no_such_command"), (_EXTRA_ARGS, "extra_arguments"),
                         (_NEEDS_VALUE, "needs_value"), (_NO_VALUE, "takes_no_value")):
        found = pattern.match(text)
        if found:
            said = c(key, name=found.group(1))
            if key == "no_such_command" and found.group(2):
                said += ("" if run_lang() == "zh" else " ") + c("did_you_mean", names=found.group(2))
            return said
    if text == "Missing command.":
        return c("missing_command")
    return text


class LocalizedUsageError(typer._click.exceptions.UsageError):  # type: ignore[name-defined]
    """A usage error said in the run's language: the usage line, how to get help, then what is wrong."""

    def show(self, file: Any = None) -> None:
        from typer._click.utils import echo

        if self.ctx is not None:
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = c("try_help", command=self.ctx.command_path, option=self.ctx.help_option_names[0]) + "\n"
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, err=True, color=self.ctx.color)
        echo(c("error", message=self.format_message()), file=file, err=True, color=self.ctx.color if self.ctx else None)
