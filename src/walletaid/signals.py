"""SIGTERM and SIGHUP end walletaid the way Ctrl-C does: the stack unwinds, so temporary files are removed.

The handler raises :class:`Terminated` (a ``BaseException``, so no ``except Exception`` swallows it); every
half-written file is removed by the ``finally`` / ``except BaseException`` blocks that already serve Ctrl-C.
At the top, :func:`end` then dies of the same signal, so the parent sees how the process ended.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import NoReturn

HANDLED = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(BaseException):
    """The process was asked to stop by a signal (``signum``)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: FrameType | None) -> None:
    for sig in HANDLED:  # a second signal must not cut the clean-up short
        signal.signal(sig, signal.SIG_IGN)
    raise Terminated(signum)


def behind(error: BaseException) -> Terminated | None:
    """The signal an error was raised while handling, if any: a clean-up that fails on the way out (a zip closed
    while one of its entries is half written) must not hide that the process was asked to stop."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, Terminated):
            return cause
        seen.add(id(cause))
        cause = cause.__context__
    return None


def install() -> None:
    """Turn SIGTERM and SIGHUP into :class:`Terminated` (main thread only, as Python requires)."""
    for sig in HANDLED:
        signal.signal(sig, _stop)


def end(stop: Terminated) -> NoReturn:
    """After the clean-up, end by the same signal (exit status 128 + its number where it cannot be re-raised)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    signal.signal(stop.signum, signal.SIG_DFL)
    os.kill(os.getpid(), stop.signum)
    raise SystemExit(128 + stop.signum)
