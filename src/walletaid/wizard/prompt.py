"""The interactive wizard: asks :class:`Question` definitions in a terminal with questionary.

Only interactive runs import this module (questionary and prompt_toolkit are
slow to import).  Every typed answer goes through
:func:`walletaid.wizard.replay.parse_answer`, the function ``--answers`` uses,
so a bad answer is re-asked with the same reason a file would get.  Ctrl-C or
end of input raises :class:`Interrupted` carrying the answers given so far.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import questionary
from questionary import Choice as QChoice
from questionary import Style

from walletaid.errors import Interrupted
from walletaid.i18n import Lang, t
from walletaid.wizard.questions import Question
from walletaid.wizard.replay import parse_answer

BeforeAsk = Callable[[Question, dict[str, Any]], None]
"""Called with a question and the answers so far just before the question is asked."""

STYLE = Style([("qmark", "fg:ansicyan bold"), ("question", "bold"), ("instruction", "fg:ansibrightblack")])


class WizardInterrupted(Interrupted):
    """Ctrl-C or end of input at a prompt; ``answers`` holds what was answered before."""

    def __init__(self, answers: dict[str, Any]) -> None:
        super().__init__("interrupted")
        self.answers = answers


def _validator(question: Question, lang: Lang) -> Callable[[str], bool | str]:
    def validate(raw: str) -> bool | str:
        try:
            value = parse_answer(question, raw, lang)
        except ValueError as exc:
            return wrap_hanging(str(exc), _width(), 0)
        if value is None and question.required:
            return t("wizard.required", lang)
        return True

    return validate


def let_errors_wrap(application: Any) -> int:
    """Let the line under a text prompt that says why an answer was refused grow to several lines.

    prompt_toolkit gives it one line, so on a narrow terminal the reason was cut off.
    Returns how many such windows were found (a test checks there is one: if prompt_toolkit
    changes, the reason goes back to one line, nothing breaks).
    """
    from prompt_toolkit.filters import to_filter

    found = 0
    for window in application.layout.find_all_windows():
        text = getattr(window.content, "text", None)
        if getattr(text, "__qualname__", "").startswith("ValidationToolbar."):
            window.height = None
            window.wrap_lines = to_filter(True)
            found += 1
    return found


def _message(question: Question, lang: Lang, step: int, questions: Sequence[Question]) -> str:
    """The prompt with where we are: ``[step 4]``, or ``[Account · step 4]`` when the form has sections.

    No total: follow-up questions appear with some answers, and a total that grows is worse than none.
    """
    sections = {q.section for q in questions if q.section}
    where = t("wizard.step", lang, n=step)
    if len(sections) > 1 and question.section:
        where = f"{t('sections.' + question.section, lang)} · {where}"
    return f"[{where}] {question.prompt.get(lang)}"


def _instruction(question: Question, lang: Lang, message: str, can_go_back: bool = False) -> str | None:
    """The grey hint after the question (its help, then how to answer), placed to fit the terminal.

    "Optional" is said once, here, for every question that may be left empty.
    """
    parts = [question.help.get(lang)] if question.help else []
    if question.kind == "select":
        parts.append(t("wizard.select_hint", lang))
    elif question.kind == "checkbox":
        parts.append(t("wizard.checkbox_hint", lang))
    if not question.required and question.kind != "select":
        parts.append(t("wizard.optional_hint", lang))
    if can_go_back:
        parts.append(t("wizard.back_hint", lang))
    return place_hint(message, hint(parts, lang), _width()) if parts else None


def place_hint(message: str, text: str, width: int) -> str:
    """``text`` as it follows ``message`` (after "? "): on the same line when it fits, else on lines of its own.

    prompt_toolkit would otherwise break the hint wherever the line ends, mid-word.
    """
    from rich.cells import cell_len

    lines = message.split("\n")
    used = cell_len(lines[-1]) + (QMARK_INDENT if len(lines) == 1 else 0) + 1
    if used + cell_len(text) <= width - 1:
        return text
    return "\n" + " " * QMARK_INDENT + wrap_hanging(text, width, QMARK_INDENT)


def hint(parts: Sequence[str], lang: Lang) -> str:
    """Grey hint text in brackets: ``(help; use ↑/↓ and Enter)`` or ``（说明；用 ↑/↓ 选择，回车确认）``."""
    from walletaid.render.layout import paren

    parts = [p.rstrip("。.;；") for p in parts[:-1]] + list(parts[-1:])
    return paren(_LIST_SEPARATOR[lang].join(parts), lang).lstrip()


# questionary draws a choice after a 3-cell pointer (" » "), a checkbox choice also after "○ ",
# and its list cuts lines at the terminal's edge (prompt_toolkit cannot wrap at word boundaries).
SELECT_INDENT = 3
CHECKBOX_INDENT = 5
QMARK_INDENT = 2  # a question follows "? "; wrapped at words, its later lines start under its text
_LIST_SEPARATOR = {"zh": "；", "en": "; "}


def _io() -> Mapping[str, Any]:
    """prompt_toolkit's input and output of this run (empty: the real terminal)."""
    from walletaid.env import current

    return current().prompt_io


def _started(prompt: Any) -> Any:
    """``prompt``, after telling the environment a prompt starts (tests type the keys meant for it)."""
    from walletaid.env import current

    hook = current().before_prompt
    if hook is not None:
        hook()
    return prompt


def _output() -> dict[str, Any]:
    return {"output": _io()["output"]} if "output" in _io() else {}


def _width() -> int:
    """The terminal's width in cells, read when a prompt is built."""
    from walletaid.env import current

    return current().columns()


def wrap_hanging(title: str, width: int, indent: int) -> str:
    """``title`` broken at word (or CJK character) boundaries to fit ``width`` cells after ``indent``.

    Later lines start with ``indent`` spaces (a hanging indent), so they line up under the first.
    """
    from rich.cells import cell_len

    from walletaid.render.layout import break_offsets

    room = max(10, width - indent - 1)  # one spare cell: writing the last one makes some terminals wrap
    if cell_len(title) <= room:
        return title
    cuts = [0, *break_offsets(title, room), len(title)]
    lines = [title[a:b].strip() for a, b in zip(cuts, cuts[1:])]
    return ("\n" + " " * indent).join(line for line in lines if line)


class ChoiceTitle(str):
    """A choice's title: the plain text, which questionary echoes as the answer, and its wrapped form.

    questionary draws the list with ``"{}".format(title)``, so ``__format__`` gives the wrapped
    lines there, while the echoed answer stays one line that the terminal wraps (a newline in the
    echo would make prompt_toolkit cut its first line).
    """

    wrapped: str

    def __new__(cls, text: str, width: int, indent: int) -> "ChoiceTitle":
        title = super().__new__(cls, text)
        title.wrapped = wrap_hanging(text, width, indent)
        return title

    def __format__(self, spec: str) -> str:
        return self.wrapped if not spec else str.__format__(self, spec)


def _choices(question: Question, lang: Lang, checked: Iterable[str] = ()) -> list[QChoice]:
    ticked = set(checked)
    width = _width()
    indent = CHECKBOX_INDENT if question.kind == "checkbox" else SELECT_INDENT
    return [QChoice(title=ChoiceTitle(c.label.get(lang), width, indent), value=c.value, checked=c.value in ticked)
            for c in question.choices]


def _select(message: str, choices: list[QChoice], how: str, lang: Lang, **options: Any) -> Any:
    """A select prompt outside the question forms: the message wrapped at words, the hint placed to fit."""
    width = _width()
    message = wrap_hanging(message, width, QMARK_INDENT)
    instruction = place_hint(message, hint([t(how, lang)], lang), width)
    return _started(questionary.select(message, choices=choices, style=STYLE, instruction=instruction, **options,
                                       **_io())).unsafe_ask()


def choose(message: str, options: Sequence[tuple[str, str]], lang: Lang, default: str | None = None) -> str:
    """One of ``options`` (value, label), picked with the arrow keys; hint in the user's language, long labels wrapped."""
    width = _width()
    choices = [QChoice(title=ChoiceTitle(label, width, SELECT_INDENT), value=value) for value, label in options]
    return _select(message, choices, "wizard.select_hint", lang, default=default)


def yes_no(message: str, lang: Lang, *, default: bool) -> bool:
    """A yes / no question in the user's language: ``y`` or ``n`` (or the arrows) picks, Enter confirms.

    questionary's own confirm says "(Y/n)" and echoes "Yes" / "No" in English only.
    """
    choices = [QChoice(title=t("wizard.yes", lang), value="yes", shortcut_key="y"),
               QChoice(title=t("wizard.no", lang), value="no", shortcut_key="n")]
    picked = _select(message, choices, "wizard.yes_no_hint", lang, use_shortcuts=True,
                     default="yes" if default else "no")
    return picked == "yes"


def _ask_one(question: Question, lang: Lang, message: str, default: Any, *, can_go_back: bool = False) -> Any:
    """Ask one question; the parsed value, or :data:`walletaid.wizard.pipeline.BACK` after Ctrl-B."""
    from walletaid.wizard.pipeline import BACK

    kind = question.kind
    hint_text = _instruction(question, lang, message, can_go_back)
    if kind in ("select", "checkbox"):
        values = question.choice_values()
        if kind == "select":
            prompt = questionary.select(message, choices=_choices(question, lang), style=STYLE, instruction=hint_text,
                                        default=default if default in values else None, **_io())
        else:
            prompt = questionary.checkbox(message, choices=_choices(question, lang, default or ()), style=STYLE,
                                          instruction=hint_text, **_io())
            localize_checkbox_echo(prompt.application, lang)
        raw = _run(prompt, can_go_back, "left")
        if raw is BACK:
            return BACK
        if kind == "checkbox":
            _echo_picks(question, lang, raw)
        return parse_answer(question, raw, lang)
    if kind == "confirm":
        return yes_no(message, lang, default=bool(default))
    if kind == "list":
        return _ask_list(question, lang, message, default or [], can_go_back)
    raw = _run(_text_prompt(question, lang, message, default, hint_text), can_go_back)
    if raw is BACK:
        return BACK
    value = parse_answer(question, raw, lang)
    shown = question.reading(raw, value, lang) if question.reading and value is not None else None
    if shown is not None and not yes_no(t("wizard.reading_right", lang, value=shown), lang, default=True):
        return _ask_one(question, lang, message, raw, can_go_back=can_go_back)  # again, with what was typed to edit
    return value


def _run(prompt: Any, can_go_back: bool, *extra_keys: str) -> Any:
    """Run a questionary prompt; Ctrl-B (and ``extra_keys``) end it with ``BACK`` when going back is possible."""
    if can_go_back:
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        from walletaid.wizard.pipeline import BACK

        keys = KeyBindings()
        for key in ("c-b", *extra_keys):
            keys.add(key, eager=True)(lambda event: event.app.exit(result=BACK))
        app = prompt.application
        app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
    return _started(prompt).unsafe_ask()


def _echo_picks(question: Question, lang: Lang, picked: Sequence[str]) -> None:
    labels = [c.label.get(lang) for c in question.choices if c.value in picked]
    if labels:
        picks = _LIST_SEPARATOR[lang].join(labels)
        questionary.print("  ✓ " + wrap_hanging(picks, _width(), 4), style="fg:ansicyan", **_output())


def localize_checkbox_echo(application: Any, lang: Lang) -> int:
    """questionary echoes a checkbox answer as "done (2 selections)", in English only: say it in ``lang``.

    The echo is the prompt session's message; the session is reached through the closure of the
    control that draws the question line.  Returns how many sessions were changed (a test checks
    there is at least one: if prompt_toolkit changes, the echo goes back to English, nothing breaks).
    """
    sessions = []
    for window in application.layout.find_all_windows():
        text = getattr(window.content, "text", None)
        if callable(text) and "_split_multiline_prompt" in getattr(text, "__qualname__", ""):
            cells = dict(zip(text.__code__.co_freevars, text.__closure__ or ()))
            getter = cells["get_prompt_text"].cell_contents if "get_prompt_text" in cells else None
            session = getattr(getter, "__self__", None)
            if session is not None and session not in sessions:
                session.message = _localized_echo(session.message, lang)
                sessions.append(session)
    return len(sessions)


def _localized_echo(message: Any, lang: Lang) -> Callable[[], list[Any]]:
    import re

    def localized() -> list[Any]:
        out = []
        for style, chunk, *rest in (message() if callable(message) else message):
            many = re.fullmatch(r"done \((\d+) selections\)", chunk)
            if many:
                chunk = t("wizard.checkbox_done_n", lang, n=many.group(1))
            elif style == "class:answer" and chunk.startswith("[") and chunk.endswith("]"):
                chunk = t("wizard.checkbox_done_n", lang, n=1)  # one pick: "[its title]" above the ✓ line said it twice
            elif chunk == "done":
                chunk = t("wizard.checkbox_done_none", lang)
            out.append((style, chunk, *rest))
        return out

    return localized


def _text_prompt(question: Question, lang: Lang, message: str, default: Any, hint_text: str | None = None) -> Any:
    """A text prompt: with path completion, with suggested answers, or plain."""
    common = {"default": str(default or ""), "validate": _validator(question, lang), "style": STYLE, **_io()}
    if question.paths:
        prompt = questionary.path(message, **common)
    elif question.suggestions:
        prompt = questionary.autocomplete(message, choices=list(question.suggestions), **common)
    else:
        prompt = questionary.text(message, instruction=hint_text, **common)
    let_errors_wrap(prompt.application)
    return prompt


def _ask_list(question: Question, lang: Lang, message: str, default: list[Any], can_go_back: bool) -> Any:
    """Ask for items one by one until an empty line; each item is validated on its own (Ctrl-B on the first goes back)."""
    from walletaid.wizard.pipeline import BACK

    questionary.print(message, style="bold", **_output())
    item_question = question.model_copy(update={"kind": "text", "required": False})
    items: list[Any] = []
    while True:
        n = len(items) + 1
        preset = default[n - 1] if n - 1 < len(default) else ""
        prompt = _text_prompt(item_question, lang, "  " + t("wizard.list_item", lang, n=n), preset)
        raw = _run(prompt, can_go_back and not items)
        if raw is BACK:
            return BACK
        value = parse_answer(item_question, raw, lang)
        if value is None:
            return items or None
        items.append(value)


class Prompter:
    """The interactive source of answers (:mod:`walletaid.wizard.pipeline`): one prompt per question."""

    def __init__(self, lang: Lang, questions: Sequence[Question], only: Iterable[str] | None = None,
                 before: BeforeAsk | None = None) -> None:
        self.lang = lang
        self.questions = questions
        self.only = set(only) if only is not None else None  # editing one section: the others are not asked
        self.before = before

    def answer(self, question: Question, answers: dict[str, Any], step: int, default: Any) -> Any:
        from walletaid.wizard.pipeline import SKIP

        if self.only is not None and question.id not in self.only:
            return SKIP
        message = wrap_hanging(_message(question, self.lang, step, self.questions), _width(), QMARK_INDENT)
        try:
            if self.before is not None:
                self.before(question, answers)
            return _ask_one(question, self.lang, message, default, can_go_back=step > 1)
        except (KeyboardInterrupt, EOFError):
            raise WizardInterrupted(answers) from None

    def not_asked(self, question: Question) -> None:
        """Nothing to do: a question that does not apply is simply not asked."""

    def finish(self, answers: dict[str, Any]) -> None:
        """Nothing to do: every answer was checked when it was typed."""


def ask(
    questions: Sequence[Question],
    lang: Lang,
    answers: dict[str, Any] | None = None,
    *,
    only: Iterable[str] | None = None,
    on_change: Callable[[dict[str, Any]], None] | None = None,
    before: BeforeAsk | None = None,
) -> dict[str, Any]:
    """Ask every question that applies and is not answered yet (or those in ``only``, to edit them).

    ``on_change`` is called with the answers after each question (drafts); ``before`` just
    before a question is asked (``diagnose`` shows its alarm there).  An edit that makes a
    follow-up question irrelevant drops its stale answer.
    """
    from walletaid.wizard.pipeline import collect

    known = dict(answers or {})
    redo = {key: known.pop(key) for key in list(known) if key in set(only or ())}
    return collect(questions, Prompter(lang, questions, only, before), known, defaults=redo, on_change=on_change)
