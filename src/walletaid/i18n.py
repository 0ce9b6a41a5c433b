"""Languages: which one to speak, and the catalogues of user-facing texts.

Every text a user sees lives in ``walletaid/messages/<area>.json`` as
``{"en": {"key": "..."}, "zh": {"key": "..."}}`` and is fetched with
``t("<area>.<key>", lang, **fields)``.  Both languages must have the same keys
(a test checks it).  Catalogues are loaded lazily, one area at a time, so the
start-up path reads only what it shows.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
MESSAGES = Path(__file__).resolve().parent / "messages"
"""The catalogues ship as plain files in the package (read directly: importlib.resources costs start-up time)."""


def lang_from_locale(env: Mapping[str, str]) -> Lang:
    """Pick the language from ``LC_ALL``, ``LC_MESSAGES`` then ``LANG`` (POSIX precedence)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def resolve_lang(cli_lang: str | None, env: Mapping[str, str] | None = None) -> Lang:
    """``--lang`` wins, then ``WALLETAID_LANG``, then the locale.

    An unknown value of ``WALLETAID_LANG`` is ignored (the locale decides);
    ``--lang`` itself is checked by the CLI.
    """
    env = os.environ if env is None else env
    if cli_lang in LANGS:
        return cli_lang  # type: ignore[return-value]
    from_env = env.get("WALLETAID_LANG", "").strip().lower()
    if from_env in LANGS:
        return from_env  # type: ignore[return-value]
    return lang_from_locale(env)


@lru_cache(maxsize=None)
def catalogue(area: str) -> dict[str, dict[str, str]]:
    """Load one area's catalogue: ``{"en": {...}, "zh": {...}}``."""
    return json.loads((MESSAGES / f"{area}.json").read_text(encoding="utf-8"))


def catalogue_areas() -> list[str]:
    """Names of every catalogue area shipped with the package."""
    return sorted(p.stem for p in MESSAGES.glob("*.json"))


def t(key: str, lang: Lang, **fields: object) -> str:
    """The text for ``area.key`` in ``lang``, with ``{fields}`` filled in."""
    area, _, name = key.partition(".")
    text = catalogue(area)[lang][name]
    return text.format(**fields) if fields else text
