"""Start-up speed as ratios against the libraries' own start-up, in CPU time (user + system).

Runs every command several times, interleaved so machine noise hits all of
them alike, and reports the median of the per-round ratios (with the middle half):

* ``walletaid --help``                       vs ``python -c "import typer"``   (target ≤ 1.15)
* ``walletaid diagnose --answers F --format json`` vs ``floor_app.py``          (target ≤ 1.20)

``floor_app.py`` is a one-command Typer app that reads the same answers file
into one Pydantic model and prints JSON: the least any program on this stack
pays for that path.  CPU time of the child (``os.wait4``) rather than wall time,
so a busy machine (other processes, a slow disk) does not move the ratios.
It also reports whether the non-interactive path imported questionary or
prompt_toolkit (it must not).  Usage: ``python benchmarks/startup.py [--runs N]``.
Exit status 1 when a target is missed, so it can gate a release by hand.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ANSWERS = "wallet: ecny\noperator: icbc\nsymptom: payment_failed\nerror_message: 超过钱包年累计支付额度\n"


def walletaid_command() -> list[str]:
    """How to run the installed ``walletaid``: its script beside this Python, else on PATH, else ``-m``."""
    script = Path(sys.executable).with_name("walletaid")
    if script.exists():
        return [str(script)]
    found = shutil.which("walletaid")
    return [found] if found else [sys.executable, "-m", "walletaid"]


def _time(cmd: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) the command took, its children included."""
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped above; keeps Popen from waiting again
    return usage.ru_utime + usage.ru_stime


def _imported_prompt_libs(answers: Path, env: dict[str, str]) -> list[str]:
    code = (
        "import sys\nfrom walletaid.cli import app\n"
        f"try:\n    app(['diagnose', '--answers', {str(answers)!r}, '--format', 'json'])\nexcept SystemExit:\n    pass\n"
        "print(','.join(m for m in ('questionary', 'prompt_toolkit') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    last = done.stderr.strip().splitlines()[-1:] or [""]
    return [m for m in last[0].split(",") if m]


FLOOR = "floor: Typer app, YAML answers -> 1 Pydantic model -> JSON"
DIAGNOSE = "walletaid diagnose --answers F --format json"


def _cases(answers: Path) -> dict[str, list[str]]:
    return {
        "import typer": [sys.executable, "-c", "import typer"],
        "walletaid --help": [*walletaid_command(), "--help"],
        "import typer, pydantic, rich": [sys.executable, "-c", "import typer, pydantic, rich"],
        DIAGNOSE: [*walletaid_command(), "diagnose", "--answers", str(answers), "--format", "json"],
        FLOOR: [sys.executable, str(Path(__file__).with_name("floor_app.py")), "diagnose", "--answers", str(answers),
                "--format", "json"],
    }


def _samples(cases: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, list[float]]:
    for cmd in cases.values():  # warm the OS cache and byte-code
        _time(cmd, env)
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, cmd in cases.items():
            samples[name].append(_time(cmd, env))
    return samples


def _ratio(samples: dict[str, list[float]], top: str, bottom: str) -> tuple[float, float, float]:
    """Median and middle half of the per-round ratios: each round ran both commands back to back,
    so a slow moment of the machine hits both sides of a ratio alike."""
    ratios = [a / b for a, b in zip(samples[top], samples[bottom])]
    q1, q2, q3 = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else (ratios[0],) * 3
    return q2, q1, q3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        answers = Path(home) / "answers.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        env = dict(os.environ, WALLETAID_HOME=home, WALLETAID_LANG="en")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # any value, "0" too, stops the warm-up run writing byte-code
        samples = _samples(_cases(answers), env, runs)
        prompt_libs = _imported_prompt_libs(answers, env)
    for name, values in samples.items():
        print(f"{name:<62} {statistics.median(values) * 1000:7.1f} ms CPU (median of {runs})")
    print("ratios: median of the per-round ratios [middle half]")
    ok = True
    for label, top, bottom, target in (
        ("walletaid --help / import typer", "walletaid --help", "import typer", 1.15),
        ("diagnose --answers json / floor app", DIAGNOSE, FLOOR, 1.20),
        ("context: floor app / import typer+pydantic+rich", FLOOR, "import typer, pydantic, rich", None),
    ):
        mid, low, high = _ratio(samples, top, bottom)
        if target is None:
            verdict = "(the stack's own cost)"
        else:
            verdict = f"(target ≤ {target}) " + ("ok" if mid <= target else "MISSED")
            ok &= mid <= target
        print(f"{label:<54} {mid:5.2f} [{low:4.2f}–{high:4.2f}] {verdict}")
    print("prompt libraries imported on the non-interactive path:", ", ".join(prompt_libs) or "none")
    return 0 if ok and not prompt_libs else 1


if __name__ == "__main__":
    sys.exit(main())
