"""Shell completion (``--install-completion``) works for bash and zsh: the scripts exist and complete for real."""

from __future__ import annotations

import os
import subprocess
import sys


def _complete(env_extra: dict[str, str]) -> str:
    """What the shell's completion hook prints (Click reads the ``_WALLETAID_COMPLETE`` variables), in-process."""
    from typer.testing import CliRunner

    from walletaid.cli import app

    done = CliRunner(env=env_extra).invoke(app, [], prog_name="walletaid", catch_exceptions=False)
    assert done.exit_code == 0, done.stderr
    return done.stdout


def test_bash_completes_commands() -> None:
    out = _complete({"_WALLETAID_COMPLETE": "complete_bash", "COMP_WORDS": "walletaid dia", "COMP_CWORD": "1"})
    assert out.split() == ["diagnose"]


def test_bash_completes_option_values() -> None:
    out = _complete({"_WALLETAID_COMPLETE": "complete_bash", "COMP_WORDS": "walletaid diagnose --format j",
                     "COMP_CWORD": "3"})
    assert out.split() == ["json"]


def test_zsh_completes_case_subcommands() -> None:
    out = _complete({"_WALLETAID_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "walletaid case l"})
    assert '"list"' in out and '"log"' in out and '"show"' not in out


def test_completion_scripts_are_offered_for_bash_and_zsh() -> None:
    # a real process: Typer decides how --show-completion reads its value when it builds the command line
    env = dict(os.environ, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    for shell, marker in (("bash", "complete -o default -F _walletaid_completion walletaid"),
                          ("zsh", "#compdef walletaid")):
        done = subprocess.run([sys.executable, "-m", "walletaid", "--show-completion", shell], env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and marker in done.stdout, shell


def test_zsh_completion_script_names_the_program() -> None:
    from typer._completion_shared import get_completion_script

    script = get_completion_script(prog_name="walletaid", complete_var="_WALLETAID_COMPLETE", shell="zsh")
    assert "#compdef walletaid" in script and "_WALLETAID_COMPLETE=complete_zsh" in script
