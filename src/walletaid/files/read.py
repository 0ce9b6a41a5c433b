"""Reading input with a size limit, in chunks: endless or huge input (``/dev/zero``, a pipe) is refused, never slurped.

Every file or stream a user hands walletaid (``--answers``, ``--message-file``,
``--batch``, ``-`` for stdin) is read through here, so memory stays bounded
whatever is on the other end: a stat size is never trusted (a device or a pipe
reports 0), the bytes read are counted instead.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import BinaryIO

CHUNK = 64 * 1024


class TooBig(Exception):
    """The input holds more than the limit allows (what was read so far is dropped)."""


class LineTooLong:
    """Stands for a line longer than the line limit (skipped, never held in memory)."""

    __slots__ = ()


LINE_TOO_LONG = LineTooLong()


def open_source(source: str) -> BinaryIO:
    """``source`` opened for reading bytes: stdin for ``-``, else the file (``OSError`` when it cannot be opened)."""
    if source == "-":
        return sys.stdin.buffer
    return open(source, "rb")  # noqa: SIM115 - the caller closes it


def read_limited(stream: BinaryIO, limit: int) -> bytes:
    """All of ``stream`` if it holds at most ``limit`` bytes, else :class:`TooBig` (read in chunks, never more)."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            raise TooBig()


def read_source(source: str, limit: int) -> bytes:
    """The bytes of a file or of stdin (``-``), at most ``limit`` of them (:class:`TooBig` beyond)."""
    stream = open_source(source)
    if source == "-":
        return read_limited(stream, limit)
    with stream:
        return read_limited(stream, limit)


def _skip_line(stream: BinaryIO, budget: int) -> int:
    """Read past the rest of a line without keeping it; return how many bytes that took (at most ``budget + 1``)."""
    used = 0
    while used <= budget:
        chunk = stream.readline(min(CHUNK, budget + 1 - used))
        if not chunk:
            break
        used += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return used


def limited_lines(stream: BinaryIO, *, line_limit: int, total_limit: int, max_lines: int
                  ) -> Iterator[bytes | LineTooLong]:
    """The lines of ``stream``; a line over ``line_limit`` bytes comes as :data:`LINE_TOO_LONG`.

    :class:`TooBig` is raised (after the lines before it were yielded) once the
    input goes past ``total_limit`` bytes or ``max_lines`` lines.
    """
    total = 0
    count = 0
    while True:
        line = stream.readline(line_limit + 1)
        if not line:
            return
        total += len(line)
        if len(line) > line_limit and not line.endswith(b"\n"):
            total += _skip_line(stream, total_limit - total)
            line = LINE_TOO_LONG  # type: ignore[assignment]
        count += 1
        if total > total_limit or count > max_lines:
            raise TooBig()
        yield line
