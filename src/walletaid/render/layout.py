"""Layout pieces shared by the renderers, so Chinese and English both wrap well at any width.

Rich breaks lines only at spaces.  A Chinese sentence has none, so after a
prefix such as "• [高] " Rich moves the whole sentence to the next line and
leaves a nearly empty one, and when the sentence is longer than the screen it
chops it anywhere, even inside "walletaid" or "956196".  :class:`Prose` wraps
the way people read: between any two Chinese characters, at spaces, never
inside a Latin word, a number, a link, a phone number or a ``walletaid …``
command, never with "，" or "）" at the start of a line or "（" at the end.

The helpers build on it: :func:`item` and :func:`listing` lay out bullets and
numbered steps with a hanging indent, :func:`fields` lays out "label: value"
rows, and :func:`section` puts a title over a block.

Plain strings given to these helpers are passed through
:func:`walletaid.textsafe.clean` and put into ``rich.text.Text`` objects, which
are never parsed as markup, so user text is shown literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from rich.cells import cell_len, chop_cells
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from walletaid.i18n import Lang
from walletaid.textsafe import clean

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

Body = Union[str, Text, "RenderableType"]

# Characters that may break on either side: CJK ideographs, kana, hangul, CJK and full-width punctuation.
_CJK = "\u1100-\u11ff\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_EXT = "\U00020000-\U0003134f"
# One space next to a CJK character or full-width punctuation (single-character lookarounds: linear).
_CJK_SPACE = re.compile(r"(?<=[\u2190-\u21ff\u3000-\u9fff\uff00-\uffef]) | (?=[\u2190-\u21ff\u3000-\u9fff\uff00-\uffef])")
# Kept on one line: anything in `backticks`, a walletaid command as the messages quote it, and an
# international phone number written in groups ("+86 10 956196").  Each repetition starts with a
# space and a fixed word or digits, so matching stays linear.
KEEP = (
    r"`[^`\n]{1,80}`"
    r"|\+[0-9]{1,3}(?: [0-9]{1,6})+"
    r"|walletaid(?: (?:case|prepare-ticket|diagnose|security-check|contacts|schema|log|escalate|list|show"
    r"|close|delete|export|purge|--[a-z][a-z-]*|WA-[0-9]{8}-[0-9A-Z]{4}|ID|FILE|DIR))+"
)
_TOKEN = re.compile(rf"(?:{KEEP})|[{_CJK}{_CJK_EXT}]|[^\s`{_CJK}{_CJK_EXT}]+|`|\s+")
# A line may not start with these (they stick to what comes before) nor end with the openers.
NO_START = frozenset("，。、：；！？）」』】》〉”’…%％,.;:!?)]}·～—")
NO_END = frozenset("（「『【《〈“‘([{")


def flow(text: str, lang: Lang) -> str:
    """Text for the terminal: in Chinese, spaces next to CJK characters are dropped.

    "钱包 App 的支付设置" becomes "钱包App的支付设置", the way Chinese is
    usually set in a terminal.  English text is returned unchanged.
    """
    return _CJK_SPACE.sub("", text) if lang == "zh" else text


def units(plain: str) -> list[tuple[int, int]]:
    """(start, end) of each piece that must stay on one line, trailing spaces included.

    A piece is one CJK character, a run of other non-space characters (a word,
    a number, a link) or a quoted command; closing punctuation sticks to the
    piece before it and opening punctuation to the piece after it.  Leading
    spaces (an indent) stick to the first piece.
    """
    out: list[list[int]] = []
    joinable = False  # may the next token stick to the last piece?
    for match in _TOKEN.finditer(plain):
        start, end = match.span()
        token = match.group()
        if token.isspace():
            if out:
                out[-1][1], joinable = end, False
            else:
                out.append([start, end])
                joinable = True
            continue
        if out and joinable and (token[0] in NO_START or plain[out[-1][1] - 1] in NO_END
                                 or plain[out[-1][0]:out[-1][1]].isspace()):
            out[-1][1] = end
        else:
            out.append([start, end])
        joinable = True
    return [(s, e) for s, e in out]


def _place(pieces: Iterable[str], offset: int, width: int, col: int, breaks: list[int]) -> int:
    """Put pieces (strings starting at ``offset``) on lines of ``width`` cells; return the column reached."""
    for piece in pieces:
        need = cell_len(piece.rstrip())
        if col and col + need > width:
            breaks.append(offset)
            col = 0
        if need > width:  # longer than a whole line: split at its own spaces, then by cells
            words = re.findall(r"\S+\s*|\s+", piece)
            if len(words) > 1:
                col = _place(words, offset, width, col, breaks)
            else:
                chopped = chop_cells(piece, width)
                for n, part in enumerate(chopped):
                    if n:
                        breaks.append(offset + sum(len(p) for p in chopped[:n]))
                col = cell_len(chopped[-1])
        else:
            col += cell_len(piece)
        offset += len(piece)
    return col


def break_offsets(plain: str, width: int) -> list[int]:
    """Offsets in one line of text (no newline) where it should be broken to fit ``width`` cells."""
    breaks: list[int] = []
    width = max(1, width)
    col = 0
    for start, end in units(plain):
        col = _place([plain[start:end]], start, width, col, breaks)
    return breaks


@dataclass
class Prose:
    """A ``Text`` that wraps like Chinese and English are read (see the module docstring)."""

    text: Text

    def lines(self, width: int) -> list[Text]:
        """The text broken into lines of at most ``width`` cells, trailing spaces removed."""
        out: list[Text] = []
        for line in self.text.split("\n", allow_blank=True):
            for part in line.divide(break_offsets(line.plain, width)):
                part.rstrip()
                out.append(part)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            line.no_wrap, line.overflow, line.end = True, "fold", "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        widest = max((cell_len(line.rstrip()) for line in plain.split("\n")), default=0)
        longest = max((cell_len(plain[s:e].rstrip()) for s, e in units(plain)), default=0)
        return Measurement(min(longest, widest), widest).clamp(max_width=options.max_width)


def prose(body: str | Text, *, style: str | None = None) -> Prose:
    """``body`` as :class:`Prose`; a plain string is cleaned and never read as markup."""
    text = Text(clean(body)) if isinstance(body, str) else body.copy()
    if style:
        text.stylize(style)
    return Prose(text)


def _as_text(value: str | Text, style: str | None = None) -> Text:
    return Text(clean(value), style=style or "") if isinstance(value, str) else value


def _body(body: Body, style: str | None) -> RenderableType:
    return prose(body, style=style) if isinstance(body, (str, Text)) else body


def listing(rows: Iterable[tuple[str | Text, Body]], *, indent: int = 0, style: str | None = None,
            justify_prefix: str = "left") -> Table:
    """Rows of (prefix, body): the prefix never wraps, the body wraps in its own column (a hanging indent)."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(no_wrap=True, justify=justify_prefix)  # type: ignore[arg-type]
    grid.add_column()
    for prefix, body in rows:
        grid.add_row(_as_text(prefix, style), _body(body, style))
    return Padding(grid, (0, 0, 0, indent)) if indent else grid  # type: ignore[return-value]


def item(prefix: str | Text, body: Body, lang: Lang, *, style: str | None = None) -> RenderableType:
    """One bullet or numbered item: ``prefix`` stays whole, ``body`` folds under itself at the screen edge."""
    return listing([(prefix, body)], style=style)


def numbered(bodies: Iterable[Body], *, indent: int = 0, style: str | None = None, start: int = 1) -> RenderableType:
    """A numbered list (1. 2. … with the numbers right-aligned) with hanging indents."""
    return listing(((f"{n}.", b) for n, b in enumerate(bodies, start)), indent=indent, style=style,
                   justify_prefix="right")


def bullets(bodies: Iterable[Body], *, mark: str = "•", indent: int = 0, style: str | None = None) -> RenderableType:
    """A bulleted list with hanging indents."""
    return listing(((mark, b) for b in bodies), indent=indent, style=style)


@dataclass
class Fields:
    """"label: value" rows: labels in a column when they leave room for the values, else each above its value."""

    rows: list[tuple[Text, Body]]
    indent: int = 0

    def _side_by_side(self, console: Console, options: ConsoleOptions) -> bool:
        """Labels in a column when they take at most a third of the width, or half when most values then fit on one line."""
        avail = options.max_width - self.indent
        label_width = max((cell_len(label.plain) for label, _ in self.rows), default=0)
        if label_width <= avail // 3:
            return True
        unbounded = options.update(width=10_000)
        fitting = sum(Measurement.get(console, unbounded, _body(value, None)).maximum <= avail - label_width - 1
                      for _, value in self.rows)
        return label_width <= avail // 2 and 2 * fitting >= len(self.rows)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self._side_by_side(console, options):
            grid = Table.grid(padding=(0, 1), pad_edge=False)
            grid.add_column(no_wrap=True)
            grid.add_column()
            for label, value in self.rows:
                grid.add_row(label, _body(value, None))
            yield Padding(grid, (0, 0, 0, self.indent))
            return
        for label, value in self.rows:
            yield Padding(prose(label), (0, 0, 0, self.indent))
            yield Padding(_body(value, None), (0, 0, 0, self.indent + 2))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        label_width = max((cell_len(label.plain) for label, _ in self.rows), default=0)
        value_width = max((Measurement.get(console, options, _body(value, None)).maximum for _, value in self.rows),
                          default=0)
        widest = label_width + 1 + value_width + self.indent
        return Measurement(min(widest, 20), widest).clamp(max_width=options.max_width)


def colon(lang: Lang) -> str:
    """The colon that follows a label inline: "：" in Chinese, ": " in English."""
    return "：" if lang == "zh" else ": "


def label_text(label: str, lang: Lang, *, style: str = "bold") -> Text:
    """``label`` followed by a colon in the language's own form ("：" in Chinese), for a label column."""
    return Text(label + colon(lang).rstrip(), style=style)


def fields(rows: Iterable[tuple[str, Body]], lang: Lang, *, indent: int = 0, label_style: str = "bold") -> Fields:
    """"label: value" rows; labels are ours (message texts), values may be user text (cleaned, never markup)."""
    return Fields([(label_text(label, lang, style=label_style), value) for label, value in rows], indent)


@dataclass
class Alert:
    """A framed alarm whose heading is never cut: the panel's title when it fits, else the panel's first line."""

    heading: str
    body: RenderableType
    border_style: str = "bold red"
    heading_style: str | None = None  # the border's style when None

    def _panel(self, width: int) -> RenderableType:
        from rich.console import Group
        from rich.panel import Panel

        style = self.border_style if self.heading_style is None else self.heading_style
        heading = Text(clean(self.heading, keep_newlines=False), style=style)
        if cell_len(heading.plain) + 6 <= width:
            return Panel(self.body, title=heading, title_align="left", border_style=self.border_style)
        return Panel(Group(prose(heading), self.body), border_style=self.border_style)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._panel(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._panel(options.max_width))


def alert(heading: str, body: RenderableType, *, border_style: str = "bold red", heading_style: str | None = None) -> Alert:
    """A framed block whose heading is never cut (see :class:`Alert`); an alarm goes first in a report."""
    return Alert(heading, body, border_style, heading_style)


def paren(text: str, lang: Lang) -> str:
    """``text`` in brackets to put after a word: "（…）" in Chinese, " (…)" (with a space) in English."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def space(lang: Lang) -> str:
    """What separates two phrases: nothing in Chinese, a space in English."""
    return "" if lang == "zh" else " "


def column_widths(mins: list[int], maxs: list[int], room: int) -> list[int] | None:
    """Content widths for columns measured (min, max) in ``room`` cells, or None when even the minimums don't fit.

    Columns start at their widest; the excess is taken from the columns with
    the most slack, never below a column's minimum (Rich itself would squeeze a
    short column such as a date below it, splitting "2026-11-25").
    """
    widths = list(maxs)
    excess = sum(widths) - room
    slack = [max(0, hi - lo) for lo, hi in zip(mins, maxs)]
    if excess > sum(slack):
        return None
    for _ in range(excess):  # one cell at a time from the widest column that can still give
        i = max((n for n in range(len(widths)) if slack[n]), key=lambda n: widths[n])
        widths[i] -= 1
        slack[i] -= 1
    return widths


@dataclass
class Fit:
    """``table`` when its columns fit the width without cutting a word, else ``narrow`` (e.g. one block per row).

    ``least`` is the narrowest a column may become (if its content is wider):
    a column of Chinese text three characters wide fits, but reads badly.
    """

    table: Table
    narrow: RenderableType
    least: int = 0

    def _pick(self, console: Console, options: ConsoleOptions) -> RenderableType:
        wide = options.update(width=10_000)
        for column in self.table.columns:
            column.width = None
        mins, maxs = [], []
        for column in self.table.columns:
            sizes = [Measurement.get(console, wide, cell) for cell in (column.header, *column.cells)]
            maxs.append(max(m.maximum for m in sizes))
            mins.append(max(maxs[-1] if column.no_wrap else min(maxs[-1], self.least), *(m.minimum for m in sizes)))
        extra = Measurement.get(console, wide, self.table).maximum - sum(maxs)
        widths = column_widths(mins, maxs, options.max_width - extra)
        if widths is None:
            return self.narrow
        for column, width in zip(self.table.columns, widths):
            column.width = width
        return self.table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._pick(console, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._pick(console, options))


def indented(body: RenderableType, indent: int) -> RenderableType:
    """``body`` moved ``indent`` columns to the right (it wraps within what is left)."""
    return Padding(body, (0, 0, 0, indent))


def section(title: str, *body: RenderableType, style: str = "bold", gap: bool = True) -> RenderableType:
    """A title line (after a blank line when ``gap``) and the block under it."""
    from rich.console import Group

    head = [Text("")] if gap else []
    return Group(*head, prose(Text(clean(title), style=style)), *body)
