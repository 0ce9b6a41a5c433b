"""Pydantic plugin lookup switched off, without paying for ``importlib.metadata``.

walletaid uses no Pydantic plugins, so the CLI sets ``PYDANTIC_DISABLE_PLUGINS``
(a value the user set still wins). Pydantic reads that setting only after its
plugin loader has imported ``importlib.metadata`` (and with it ``email``,
``zipfile``, ``csv``): 12–15 ms of every start-up, for nothing.

:func:`install` registers a stand-in for that loader module. While the setting
disables every plugin, the stand-in answers "no plugins" as the real loader
would. Any other question (plugins switched back on, or a name pydantic asks for
that the stand-in does not have) is handed to the real loader, imported then.
"""

from __future__ import annotations

import importlib
import os
import sys
from types import ModuleType
from typing import Any

LOADER = "pydantic.plugin._loader"
_ALL_OFF = ("__all__", "1", "true")


def plugins_off() -> bool:
    """Whether the environment switches every Pydantic plugin off (pydantic's own reading of it)."""
    return os.environ.get("PYDANTIC_DISABLE_PLUGINS") in _ALL_OFF


def _real_loader() -> ModuleType:
    """Replace the stand-in by pydantic's own loader and return that."""
    if getattr(sys.modules.get(LOADER), "__walletaid_stand_in__", False):
        del sys.modules[LOADER]
    return importlib.import_module(LOADER)


def _get_plugins() -> Any:
    if plugins_off():
        return ()
    return _real_loader().get_plugins()


def _other(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(_real_loader(), name)


def install() -> None:
    """Switch plugins off by default and register the stand-in, unless the real loader is already in use."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if LOADER in sys.modules or not plugins_off():
        return
    stand_in = ModuleType(LOADER, "walletaid's stand-in: no plugins while PYDANTIC_DISABLE_PLUGINS turns them all off")
    stand_in.__walletaid_stand_in__ = True  # type: ignore[attr-defined]
    stand_in.get_plugins = _get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = _other  # type: ignore[attr-defined]
    sys.modules[LOADER] = stand_in
