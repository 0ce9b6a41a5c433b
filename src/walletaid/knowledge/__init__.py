"""The knowledge base: data files inside the package, validated by Pydantic models when loaded.

Each ``<name>.json`` beside this file is read by :func:`load` and checked against
its schema (``knowledge/schemas/``, one module per file); the
validated result is kept in the compiled-knowledge cache (``matching/cache.py``)
until the file changes.  A broken file fails loudly at load and in the test suite,
never silently at a user's prompt.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


FOLDER = Path(__file__).resolve().parent
"""The data files ship as plain files in the package (read directly, like the message catalogues)."""


def read_json(name: str) -> object:
    """The parsed content of ``knowledge/<name>.json``."""
    return json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _load_cached(name: str, model: type[BaseModel]) -> BaseModel:
    # validated once per version of the file and of the schemas, then read back from the compiled-knowledge cache
    from walletaid.matching.cache import cached
    from walletaid.matching.knowledge import shapes

    return cached(f"kb-{name}-{model.__name__}", [FOLDER / f"{name}.json", *shapes()],
                  lambda: model.model_validate(read_json(name)))


def load(name: str, model: type[M]) -> M:
    """``knowledge/<name>.json`` validated as ``model``; loaded once per process."""
    return _load_cached(name, model)  # type: ignore[return-value]
