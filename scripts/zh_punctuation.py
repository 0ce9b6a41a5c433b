"""Give Chinese texts Chinese punctuation: ASCII ``,?!;:()`` touching Chinese characters become full-width.

Run by hand after adding texts (``python scripts/zh_punctuation.py``); the test
``tests/test_zh_punctuation.py`` fails when a Chinese text still mixes in ASCII
punctuation.  It rewrites the ``zh`` side of ``messages/*.json`` (the
questions' words too: ``messages/form_*.json``) and every
``{"zh": …, "en": …}`` text in ``knowledge/*.json``.  Times (14:30), numbers (1,280.50), commands and
placeholders are left alone because only punctuation touching Chinese is changed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "walletaid"
WIDE = {",": "\uff0c", "?": "\uff1f", "!": "\uff01", ";": "\uff1b", ":": "\uff1a"}
OPEN, CLOSE = "\uff08", "\uff09"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(CJK.match(ch))


def _convert_marks(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        prev = out[-1] if out else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        after_space = text[i + 2] if nxt == " " and i + 2 < len(text) else ""
        if ch in WIDE and (_is_cjk(prev) or _is_cjk(nxt) or (prev not in ("", " ") and _is_cjk(after_space))):
            out.append(WIDE[ch])
            i += 2 if nxt == " " else 1  # full-width marks carry their own spacing
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _convert_parens(text: str) -> str:
    chars = list(text)
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            inner = "".join(chars[start + 1:i])
            outer = (chars[start - 1] if start else "") + (chars[i + 1] if i + 1 < len(chars) else "")
            if CJK.search(inner) or any(_is_cjk(c) for c in outer):
                chars[start], chars[i] = OPEN, CLOSE
    text = "".join(chars)
    return re.sub(f" ?([{OPEN}{CLOSE}]) ?", r"\1", text)


def to_chinese_punctuation(text: str) -> str:
    """``text`` with ASCII punctuation that touches Chinese made full-width."""
    return _convert_parens(_convert_marks(text))


def _walk(node: object) -> object:
    if isinstance(node, dict):
        if isinstance(node.get("zh"), str) and "en" in node:
            node = dict(node, zh=to_chinese_punctuation(node["zh"]))
        return {k: (v if k == "zh" else _walk(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_walk(v) for v in node]
    return node


def _rewrite_json(path: Path, messages: bool) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    if messages:
        data["zh"] = {k: to_chinese_punctuation(v) for k, v in data["zh"].items()}
    else:
        data = _walk(data)
    lines = path.read_text(encoding="utf-8").splitlines()
    indent = len(lines[1]) - len(lines[1].lstrip(" ")) if len(lines) > 1 else 2  # keep the file's own style
    path.write_text(json.dumps(data, ensure_ascii=False, indent=indent or 2) + "\n", encoding="utf-8")


def main(paths: list[str]) -> None:
    targets = [Path(p) for p in paths] or [*PKG.glob("messages/*.json"), *PKG.glob("knowledge/*.json")]
    for path in targets:
        if path.parent.name == "messages":
            _rewrite_json(path, messages=True)
        else:
            _rewrite_json(path, messages=False)  # only {"zh", "en"} texts change, never regexes


if __name__ == "__main__":
    main(sys.argv[1:])
