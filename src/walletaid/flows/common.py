"""What every command's flow shares: getting answers (file or wizard), resuming drafts, printing results."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from walletaid.errors import InputError, Interrupted, Problem
from walletaid.i18n import Lang, t
from walletaid.wizard.questions import Question

if TYPE_CHECKING:
    from walletaid.wizard.prompt import BeforeAsk

Format = Literal["text", "json", "markdown"]
M = TypeVar("M", bound=BaseModel)


class DraftKept(Interrupted):
    """Interrupted, and the answers so far were saved as a draft."""

    message_key = "common.interrupted_draft"


class DraftLost(Interrupted):
    """Interrupted, and the answers so far could not be saved as a draft (full disk, data folder in trouble)."""

    message_key = "faults.interrupted_no_draft"


class Autosave:
    """Saves a wizard's answers as a draft after each one; when that fails it says so once, and the wizard goes on."""

    def __init__(self, command: str, lang: Lang) -> None:
        self.command = command
        self.lang = lang
        self.warned = False

    def __call__(self, answers: dict[str, Any]) -> bool:
        """Save the draft; whether that worked."""
        from walletaid.wizard import drafts

        try:
            drafts.save(self.command, answers)
        except OSError as exc:
            if not self.warned:
                from walletaid.render.console import say
                from walletaid.faults import why

                say(f"[yellow]![/] {t('faults.draft_not_saved', self.lang, why=why(exc.errno, self.lang))}")
                self.warned = True
            return False
        return True

    def stopped(self, answers: dict[str, Any]) -> Interrupted:
        """What to raise on Ctrl-C: :class:`DraftKept` when the answers were saved as a draft, else :class:`DraftLost`."""
        return DraftKept() if self(answers) else DraftLost()


def stdin_is_terminal() -> bool:
    """Whether questions can be asked (stdin is a terminal)."""
    from walletaid.env import current

    return current().interactive()


def require_terminal(command: str, schema: str, lang: Lang) -> None:
    """Refuse (exit 2) to start a wizard without a terminal, saying how to use ``--answers``."""
    if not stdin_is_terminal():
        raise InputError([], hint=t("common.no_terminal", lang, command=command, schema=schema))


def _local_time(iso: str) -> str:
    """``2026-11-25 20:46`` in the local zone, for people; the raw text if it does not parse."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _resume_answers(command: str, lang: Lang, resume: bool | None) -> dict[str, Any]:
    from walletaid.render.console import say
    from walletaid.wizard import drafts

    found = drafts.load(command)
    if found is None:
        return {}
    if resume is False:
        drafts.discard(command)
        return {}
    if resume is None:
        from walletaid.wizard.prompt import yes_no

        try:
            keep = yes_no(t("wizard.draft_found", lang, when=_local_time(found[0])), lang, default=True)
        except (KeyboardInterrupt, EOFError):
            raise Interrupted() from None
        if not keep:
            drafts.discard(command)
            say(t("wizard.draft_fresh", lang))
            return {}
    say(t("wizard.draft_resumed", lang))
    return found[1]


def ask_interactively(
    command: str, questions: Sequence[Question], lang: Lang, resume: bool | None, schema: str,
    before: BeforeAsk | None = None,
) -> dict[str, Any]:
    """Run the wizard (resuming a draft if wanted); on Ctrl-C the answers so far become a draft."""
    require_terminal(command, schema, lang)
    from walletaid.wizard.prompt import WizardInterrupted, ask

    initial = _resume_answers(command, lang, resume)
    autosave = Autosave(command, lang)
    try:
        return ask(questions, lang, initial, on_change=autosave, before=before)
    except WizardInterrupted as stop:
        if stop.answers:
            raise autosave.stopped(stop.answers) from None
        raise Interrupted() from None


def collect_answers(
    command: str,
    questions: Sequence[Question],
    lang: Lang,
    *,
    answers_file: str | None,
    resume: bool | None,
    schema: str,
) -> dict[str, Any]:
    """Answers from ``--answers`` (replayed, every problem at once) or from the wizard."""
    if answers_file is not None:
        from walletaid.wizard.replay import load_answers_file, replay

        return replay(questions, load_answers_file(answers_file, lang), lang)
    return ask_interactively(command, questions, lang, resume, schema)


def finish_draft(command: str, answers_file: str | None) -> None:
    """A run that got this far no longer needs its draft."""
    if answers_file is None:
        from walletaid.wizard import drafts

        drafts.discard(command)


def validate_model(model: type[M], data: dict[str, Any], lang: Lang = "en") -> M:
    """Build ``model`` from ``data``; Pydantic errors become an :class:`InputError` naming each field.

    The model's own validators get ``{"lang": lang}`` as context, so their
    messages come in the user's language.
    """
    try:
        return model.model_validate(data, context={"lang": lang})
    except ValidationError as exc:
        problems = [
            Problem(".".join(str(p) for p in err["loc"]) or "answers", err["msg"].removeprefix("Value error, "))
            for err in exc.errors()
        ]
        raise InputError(problems) from None


def emit(result: BaseModel, fmt: Format, lang: Lang, renderer: str) -> None:
    """Print ``result`` as Rich text, Markdown or one JSON document on stdout.

    ``renderer`` names a module of ``walletaid.render``; it is imported only for
    text and Markdown, so ``--format json`` never loads Rich.
    """
    from walletaid.render import console

    if fmt == "json":
        console.print_json(result)
        return
    module = importlib.import_module(f"walletaid.render.{renderer}")
    if fmt == "markdown":
        console.print_markdown(module.render_markdown(result, lang))
    else:
        console.print_renderable(module.render_text(result, lang))


def check_out_dir(out: str, lang: Lang) -> Path:
    """The ``--out`` folder, checked before anything is asked or built: an existing folder that can be written,
    or one that can be made (its nearest existing parent is a folder that can be written); :func:`make_out_dir`
    makes it when the files are written."""
    path = Path(out).expanduser()
    existing = next((p for p in (path, *path.parents) if p.exists() or p.is_symlink()), None)
    if existing is None or not existing.is_dir():
        raise InputError([Problem("--out", t("ticket_flow.out_not_dir", lang, path=out))])
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError([Problem("--out", t("ticket_flow.out_not_writable", lang, path=out))])
    return path


def make_out_dir(path: Path, lang: Lang) -> None:
    """Make the ``--out`` folder if it is missing (0700, like every folder walletaid makes) and say so on stderr."""
    missing = [p for p in (path, *path.parents) if not (p.exists() or p.is_symlink())]
    if not missing:
        return
    for folder in reversed(missing):
        os.mkdir(folder, 0o700)
        os.chmod(folder, 0o700)
    from walletaid.render.console import say
    from walletaid.textsafe import for_rich

    say(t("ticket_flow.out_created", lang, path=for_rich(str(path))))


def check_store() -> None:
    """Open the case store once before anything is asked or written, so a fault of it stops the run early."""
    from walletaid.faults import opened

    with opened():
        pass


@contextmanager
def writing(out_dir: Path, lang: Lang) -> Iterator[None]:
    """Files written into ``out_dir`` inside the block: the folder made when missing; a file already there is
    refused naming ``--force`` (exit 2, nothing written); a fault of the machine (a full disk, a read-only or
    pseudo folder such as ``--out /proc``) is :class:`~walletaid.faults.WriteFailed`."""
    from walletaid.faults import WriteFailed
    from walletaid.files.write import FileExists

    try:
        make_out_dir(out_dir, lang)
        yield
    except FileExists as exists:
        raise InputError([Problem("--out", t("ticket_flow.file_exists", lang, path=str(exists.path)))]) from None
    except OSError as exc:  # the writer removed what it began
        raise WriteFailed(out_dir, exc) from None


def tell_written(written: Sequence[Path], lang: Lang) -> None:
    """List the files just written (on stderr)."""
    from walletaid.render.console import say
    from walletaid.textsafe import for_rich

    say(t("ticket_flow.written", lang))
    for path in written:
        say(f"  {for_rich(str(path))}")
