"""Shell completion (``--install-completion``) works for bash and zsh: the scripts exist and complete for real."""

from __future__ import annotations

import os
import subprocess
import sys


def _complete(env_extra: dict[str, str]) -> str:
    env = dict(os.environ, **env_extra)
    code = "from walletaid.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
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


def test_completion_scripts_are_offered_for_bash_and_zsh(cli) -> None:
    for shell, marker in (("bash", "complete -o default -F _walletaid_completion walletaid"),
                          ("zsh", "#compdef walletaid")):
        r = cli("--show-completion", shell, env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
        assert r.code == 0 and marker in r.out, shell


def test_zsh_completion_script_names_the_program() -> None:
    from typer._completion_shared import get_completion_script

    script = get_completion_script(prog_name="walletaid", complete_var="_WALLETAID_COMPLETE", shell="zsh")
    assert "#compdef walletaid" in script and "_WALLETAID_COMPLETE=complete_zsh" in script
