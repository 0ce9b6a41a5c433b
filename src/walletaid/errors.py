"""The errors walletaid turns into exit codes and calm messages (never a traceback)."""

from __future__ import annotations

from dataclasses import dataclass, field


EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


@dataclass
class Problem:
    """One thing wrong with the input: which field (answers key, option, line) and why."""

    field: str
    message: str


class WalletaidError(Exception):
    """Base of every error shown to the user as a message; ``exit_code`` is what the process returns."""

    exit_code = 1


@dataclass
class InputError(WalletaidError):
    """Invalid usage or input (exit 2). Lists every problem at once; nothing has been written."""

    problems: list[Problem] = field(default_factory=list)
    hint: str | None = None
    exit_code: int = EXIT_USAGE
    nothing_written: bool = True
    """Whether to say "nothing was written" (false for a command that never writes, like ``schema``)."""

    def __str__(self) -> str:
        lines = [f"{p.field}: {p.message}" for p in self.problems]
        if self.hint:
            lines.append(self.hint)
        return "\n".join(lines)


class Interrupted(WalletaidError):
    """The user pressed Ctrl-C or ended input at a prompt (exit 130)."""

    exit_code = EXIT_INTERRUPTED
    message_key = "common.interrupted"
    """The calm line shown: it says what became of the answers given so far."""
