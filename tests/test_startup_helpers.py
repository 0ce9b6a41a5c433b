"""The start-up savings must not change behaviour: lazy regexes, the plugin stand-in."""

import os
import re
import subprocess
import sys

from walletaid.lazyre import compile_lazily


def test_lazy_pattern_behaves_as_the_compiled_one() -> None:
    lazy = compile_lazily(r"(?P<word>code)\s*(\d+)", re.IGNORECASE)
    eager = re.compile(r"(?P<word>code)\s*(\d+)", re.IGNORECASE)
    text = "CODE 123, code 45"
    assert [m.groups() for m in lazy.finditer(text)] == [m.groups() for m in eager.finditer(text)]
    assert lazy.sub("x", text) == eager.sub("x", text)
    assert lazy.pattern == eager.pattern and lazy.flags == eager.flags
    assert lazy.search("no digits here") is None


def test_lazy_pattern_reports_a_bad_regex_when_first_used() -> None:
    broken = compile_lazily(r"(unclosed")
    try:
        broken.search("x")
    except re.error:
        return
    raise AssertionError("a broken pattern must raise re.error on first use")


def _run(code: str, **env: str) -> str:
    full_env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    full_env.update(env)
    done = subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


_PROBE = (
    "import sys\n"
    "from walletaid import pydantic_plugins\n"
    "pydantic_plugins.install()\n"
    "from pydantic import BaseModel\n"
    "class M(BaseModel):\n    a: int\n"
    "assert M.model_validate({'a': '3'}).a == 3\n"
    "from pydantic.plugin._loader import get_plugins\n"
    "print('importlib.metadata' in sys.modules, list(get_plugins()))\n"
)


def test_plugins_off_means_no_metadata_scan_and_no_plugins() -> None:
    assert _run(_PROBE) == "False []"


def test_plugins_switched_on_by_the_user_use_pydantic_s_own_loader() -> None:
    # an explicit empty setting means "plugins allowed": the real loader must answer
    assert _run(_PROBE, PYDANTIC_DISABLE_PLUGINS="").startswith("True")


def test_the_diagnose_path_does_not_import_importlib_metadata(tmp_path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("wallet: ecny\nsymptom: payment_failed\nerror_message: 余额不足\n", encoding="utf-8")
    code = (
        "import sys\nfrom walletaid.cli import app\n"
        f"try:\n    app(['diagnose', '--answers', {str(answers)!r}, '--format', 'json'])\nexcept SystemExit:\n    pass\n"
        "print('importlib.metadata' in sys.modules, file=sys.stderr)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["WALLETAID_HOME"] = str(tmp_path / "home")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert '"command": "diagnose"' in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "False"


def test_after_first_use_calls_go_straight_to_the_compiled_pattern() -> None:
    # hot loops (1 MB of text) call .search hundreds of thousands of times: no __getattr__ detour then
    lazy = compile_lazily(r"\d+")
    assert "search" not in vars(lazy)
    assert lazy.search("a1").group() == "1"
    assert {"search", "finditer", "sub", "pattern"} <= set(vars(lazy))
