"""The directory against ``../shared/domain-facts.md``, and ``contacts --verify`` against its contract.

Each test walks every row and reports every failing one at once.  The facts file lives in the ``shared`` folder
beside the checkout (``WALLETAID_SHARED`` may point elsewhere); without it those tests skip, and fail when ``CI``
is set.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from rich.console import Console

from walletaid.engines import contacts
from walletaid.knowledge import read_json
from walletaid.render import contacts as render

SHARED = Path(os.environ.get("WALLETAID_SHARED") or Path(__file__).resolve().parents[2] / "shared")
FACTS = SHARED / "domain-facts.md"
NUMBER = re.compile(r"\+?\d[\d\- ]*\d")
DOMAIN = re.compile(r"(?<![\w@.])[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]{2,})+")
UNCONFIRMED = ("not confirmed", "none confirmed", "unconfirmed", "no consumer hotline")


def _facts() -> str:
    if not FACTS.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{FACTS} is missing: the directory cannot be checked against the facts")
        pytest.skip(f"{FACTS} not beside the checkout (set WALLETAID_SHARED to its folder)")
    return FACTS.read_text(encoding="utf-8")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _section(facts: str, number: int) -> str:
    start = facts.index(f"\n## {number}.")
    end = facts.find("\n## ", start + 1)
    return facts[start : end if end > 0 else len(facts)]


def _table_rows(section: str) -> list[list[str]]:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in section.splitlines() if line.startswith("| ")]
    return [r for r in rows[1:] if not set(r[0]) <= {"-", " "}]


def _confirmed(cell: str) -> bool:
    return not any(word in cell.lower() for word in UNCONFIRMED)


def brand_entries(facts: str) -> list[tuple[str, str]]:
    """(row name, number or domain) of every brand number and domain the facts file states (§2, §3, §7)."""
    out = []
    for row in _table_rows(_section(facts, 7)):
        name, hotline, domains = row[0], row[2], row[3]
        out += [(name, n.strip()) for n in NUMBER.findall(hotline)] if _confirmed(hotline) else []
        out += [(name, d) for d in DOMAIN.findall(domains)] if _confirmed(domains) else []
    for row in _table_rows(_section(facts, 2)):
        out += [(row[0], n.strip()) for n in NUMBER.findall(row[2])] if _confirmed(row[2]) else []
        out += [(row[0], d) for d in DOMAIN.findall(row[3])]
    for row in _table_rows(_section(facts, 3)):
        out += [(row[0], n) for n in re.findall(r"^\d{3,}$", row[1])]
    return out


def test_every_brand_number_and_domain_of_the_facts_verifies_official() -> None:
    entries = brand_entries(_facts())
    assert len(entries) > 80  # the parser still reads the tables
    wrong = [(name, value, r.verdict) for name, value in entries if (r := contacts.verify(value, "en")).verdict != "official"]
    assert not wrong, wrong


def _statements(node: object, key: str = "") -> list[tuple[str, str]]:
    """(key, text) of every string in a knowledge file except sources (addresses and dates, not statements)."""
    if isinstance(node, dict):
        return [s for k, v in node.items() if k not in ("source", "complaint_rule_source") for s in _statements(v, k)]
    if isinstance(node, list):
        return [s for v in node for s in _statements(v, key)]
    return [(key, node)] if isinstance(node, str) else []


@pytest.mark.parametrize("name", ["contacts", "escalation"])
def test_every_number_and_domain_in_the_knowledge_is_in_the_facts(name: str) -> None:
    facts = _facts()
    fact_digits = {_digits(n) for n in NUMBER.findall(facts)} | set(re.findall(r"\d+", facts))
    fact_text = facts.lower()
    missing = []
    for key, text in _statements(read_json(name)):
        if key == "brands":
            continue  # brand words ('icbc', 'ecny'), not addresses
        for found in NUMBER.findall(text):
            if _digits(found) not in fact_digits and not all(part in fact_digits for part in re.findall(r"\d+", found)):
                missing.append((key, found))
        for domain in DOMAIN.findall(text.lower()):
            if domain.removeprefix("www.") not in fact_text and not re.fullmatch(r"[\d.]+", domain):
                missing.append((key, domain))
    assert not missing, missing


EQUIVALENT_956196 = ["956196", "010-956196", "+86 10 956196", "8610956196", "+8610956196", "0086 10 956196", "(010) 956196"]
CONTRACT = [
    *[(v, "official") for v in EQUIVALENT_956196],
    *[(v, "official") for v in ("95558", "95595", "95568", "95508", "95528", "95511", "95516", "95188")],
    ("www.pbc.gov.cn", "official"), ("pilot.app.ecny.pbcdci.cn/download", "official"),
    ("https://anything.pbcdci.cn/x", "official"),
    ("95999", "unlisted"), ("95123", "unlisted"), ("96123", "unlisted"), ("12399", "unlisted"), ("10011", "unlisted"),
    ("example-shop.com", "unlisted"),
    ("12345678", "not_official"), ("950011", "not_official"), ("950-011", "not_official"),
    ("13912345678", "not_official"), ("http://203.0.113.7/login", "not_official"),
    ("icbc-refund.top", "lookalike"), ("https://icbc-refund.top/login", "lookalike"),
    ("icbc.com.cn.example.top", "lookalike"), ("1cbc.com.cn", "lookalike"), ("xn--cbc-ihd.com.cn", "lookalike"),
    ("icbc.com", "lookalike"), ("9558八", "lookalike"), ("九五五八八", "lookalike"),
]


def test_verify_follows_the_contract() -> None:
    """contracts.md: official / not_official / lookalike / unlisted; one verdict for equivalent spellings."""
    wrong = [(value, expected, got) for value, expected in CONTRACT if (got := contacts.verify(value, "en").verdict) != expected]
    assert not wrong, wrong
    nationals = {contacts.verify(v, "en").matches[0].value for v in EQUIVALENT_956196}
    assert nationals == {"956196"}


def _plain(renderable: object, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def _squash(text: str) -> str:
    return re.sub(r"[\s│|]", "", text)


def test_every_verify_caveat_is_shown_wherever_the_entry_is() -> None:
    """A [verify] fact keeps its caveat in `contacts`, `contacts X`, `--verify`, in text, Markdown and JSON."""
    missing = []
    for lang in ("en", "zh"):
        directory_text = _squash(_plain(render.render_text(contacts.contacts_doc(lang), lang), 1000))  # type: ignore[arg-type]
        for provider in contacts.directory().providers:
            one = contacts.contacts_doc(lang, provider.id)  # type: ignore[arg-type]
            one_json = json.dumps(one.model_dump(mode="json"), ensure_ascii=False)
            for ch in provider.channels:
                caveat = contacts.channel_note(provider, ch, lang)  # type: ignore[arg-type]
                if ch.source.confidence != "verify" or not caveat:
                    continue
                where = [("contacts", _squash(caveat) in directory_text), (f"contacts {provider.id} json", caveat in one_json)]
                if ch.value and ch.channel in ("hotline", "website"):
                    result = contacts.verify(ch.value, lang)  # type: ignore[arg-type]
                    doc = json.dumps(result.model_dump(mode="json"), ensure_ascii=False)
                    where += [("--verify json", caveat in doc),
                              ("--verify text", _squash(caveat) in _squash(_plain(render.render_text(result, lang), 100))),  # type: ignore[arg-type]
                              ("--verify markdown", caveat in render.render_markdown(result, lang))]  # type: ignore[arg-type]
                missing += [(lang, provider.id, ch.value, place) for place, ok in where if not ok]
    assert not missing, missing


def test_footer_does_not_claim_only_confirmed_entries() -> None:
    for lang in ("en", "zh"):
        footer = _plain(render.render_text(contacts.contacts_doc(lang), lang), 200)  # type: ignore[arg-type]
        assert "only confirmed" not in footer and "只列出经过确认" not in footer
