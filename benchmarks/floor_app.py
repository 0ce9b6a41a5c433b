"""The least any Typer + Pydantic + PyYAML program pays for ``diagnose --answers F --format json``.

A one-command Typer app that reads the same answers file into a four-field
Pydantic model and prints it as JSON: no knowledge base, no engine, no
redaction.  ``benchmarks/startup.py`` times it beside walletaid, so the report
shows how much of walletaid's start-up is the stack itself (``import pydantic``
is lazy: the baseline ``import typer, pydantic, rich`` does not yet load the
machinery that creating a model needs) and how much is walletaid's own.
"""

import json
from typing import Optional

import typer
import yaml
from pydantic import BaseModel


class Answers(BaseModel):
    wallet: str
    operator: Optional[str] = None
    symptom: str
    error_message: Optional[str] = None


app = typer.Typer(add_completion=False)


@app.callback()
def main() -> None:
    """A floor for the start-up benchmark."""


@app.command()
def diagnose(
    answers: str = typer.Option(..., "--answers"),
    format: str = typer.Option("text", "--format"),  # noqa: A002 - the option's name
) -> None:
    """Read the answers file, validate it, print it as JSON."""
    with open(answers, encoding="utf-8") as handle:
        data = Answers.model_validate(yaml.safe_load(handle))
    print(json.dumps(data.model_dump(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    app()
