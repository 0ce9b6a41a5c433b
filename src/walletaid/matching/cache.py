"""A compiled-knowledge cache: rule files are parsed and compiled once, then reused while they are unchanged.

Parsing and compiling every YAML rule file costs more than the rest of a
``diagnose --answers`` run, and the files change only with walletaid itself.
The compiled result is pickled into the user's cache folder under a key made of
walletaid's version, the Python version and the bytes of every source file, so
an edited rule file is picked up at once.  Any problem with the cache (no
folder, full disk, a damaged or foreign file) only means compiling again: the
cache can never change an answer.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_PROTOCOL = 5
FORMAT = 3
"""The shape of the compiled objects: raise it whenever a cached class changes (a cache of another shape is
never read back, even for unchanged source files)."""


def cache_dir() -> Path | None:
    """``WALLETAID_CACHE`` ('off' disables it), else ``$WALLETAID_HOME/cache``, else the user cache folder."""
    chosen = os.environ.get("WALLETAID_CACHE")
    if chosen is not None:
        return None if chosen in ("", "off", "0") else Path(chosen).expanduser()
    home = os.environ.get("WALLETAID_HOME")
    if home:
        return Path(home).expanduser() / "cache"
    base = os.environ.get("XDG_CACHE_HOME") if sys.platform.startswith("linux") else None
    if base:
        return Path(base) / "walletaid"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("walletaid", appauthor=False))


def _key(name: str, sources: Sequence[Path]) -> str:
    from walletaid import __version__

    digest = hashlib.sha256(f"{name}|{__version__}|{sys.version_info[:2]}|{_PROTOCOL}|{FORMAT}".encode())
    for path in sorted(sources):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def cached(name: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """``build()``'s result, from the cache when ``sources`` are unchanged since it was stored."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{_key(name, sources)}.pickle"
    try:
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]  # noqa: S301 (our own 0600 file)
    except Exception:  # noqa: BLE001 - missing, damaged or foreign: only means compiling again
        pass
    value = build()
    _store(folder, path, name, value)
    return value


def _store(folder: Path, path: Path, name: str, value: object) -> None:
    """Write the cache file atomically (0600) and remove older versions of it; failures are ignored."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=_PROTOCOL)
        os.replace(tmp, path)
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
