"""Make user-supplied text safe to show or export.

Anything a user typed, pasted or named (answers, messages, file names) passes
through :func:`clean` before it reaches the screen or a file: terminal escape
sequences and control characters are removed, so a pasted ``\\x1b[2J`` can
never clear the screen.  :func:`for_rich` also escapes Rich markup, so
``[bold]`` typed by a user is printed literally; :func:`for_markdown` does the
same for Markdown files (no links, emphasis, HTML or table breaks of the user's).
"""

from __future__ import annotations

import re

# CSI, OSC (ended by BEL or ST), and other two-byte ESC sequences.  All
# quantifiers are over disjoint classes, so matching stays linear.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS / SOS / PM / APC strings
    r"|\x1b[@-Z\\-_]"  # two-byte sequences
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
# C0 controls except tab and newline, DEL, C1 controls, and bidi overrides that
# can make text read differently from what it is.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str, *, keep_newlines: bool = True) -> str:
    """Remove terminal escape sequences and control characters (tab and newline kept)."""
    text = _ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    if not keep_newlines:
        text = " ".join(text.split("\n"))
    return text


def for_rich(text: str) -> str:
    """:func:`clean`, then escape Rich markup so the text is printed literally."""
    from rich.markup import escape

    return escape(clean(text))


# What makes Markdown syntax inside a line (CommonMark, GitHub's tables and strikethrough), each
# escaped with a backslash: the escape character itself, table pipes, raw HTML and autolinks ("<"),
# "_" unless it stands between two letters or digits, "]" that opens a link target ("](" or "]["),
# and entity references ("&amp;").  Everything else stays as typed, so the file reads well as text.
_MARKDOWN = re.compile(r"[\\|<]|(?<![^\W_])_|_(?![^\W_])|\](?=[(\[])|&(?=#?\w+;)")
# Emphasis, strikethrough and code need two runs of their character ("**a**", "~~a~~", "`a`"); one run,
# such as the mask in "138****5678", shows as typed and is left alone.
_PAIRED = re.compile(r"\*+|~+|`+")
# Web addresses that GitHub-style Markdown links by itself: "http://…", "www.…".
_BARE_LINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<![\w.])(www)(\.)")


def for_markdown(text: str) -> str:
    """:func:`clean` on one line, with Markdown syntax escaped so a viewer shows it literally.

    ``[pay here](http://x)``, ``<img …>``, ``**bold**`` and ``|`` typed by a user stay text, and
    bare web addresses are not turned into links.
    """
    out = clean(text, keep_newlines=False)
    runs = [m.group(0)[0] for m in _PAIRED.finditer(out)]
    paired = "".join(ch for ch in "*~`" if runs.count(ch) > 1)
    out = _MARKDOWN.sub(lambda m: "\\" + m.group(0), out)
    if paired:
        out = "".join("\\" + ch if ch in paired else ch for ch in out)
    return _BARE_LINK.sub(lambda m: "\\:" if m.group(1) else m.group(2) + "\\.", out)
