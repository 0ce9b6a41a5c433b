"""Chinese texts use Chinese punctuation: no ASCII ,?!;:() touching Chinese characters (a native reader notices)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from walletaid.i18n import catalogue, catalogue_areas

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("zh_punctuation", ROOT / "scripts" / "zh_punctuation.py")
zh = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(zh)  # type: ignore[union-attr]


def _knowledge_texts(node: object, path: str = "") -> list[tuple[str, str]]:
    if isinstance(node, dict):
        found = [(path, node["zh"])] if isinstance(node.get("zh"), str) and "en" in node else []
        return found + [t for k, v in node.items() if k != "zh" for t in _knowledge_texts(v, f"{path}.{k}")]
    if isinstance(node, list):
        return [t for i, v in enumerate(node) for t in _knowledge_texts(v, f"{path}[{i}]")]
    return []


def _as_shown(text: str) -> str:
    """A message as a reader sees it: its placeholders filled, inside a Chinese sentence (most are)."""
    return "字" + re.sub(r"\{[a-z_0-9]*\}", "字", text) + "字"


@pytest.mark.parametrize("area", catalogue_areas())
def test_message_catalogues(area: str) -> None:
    """Also where a placeholder or the sentence around a fragment meets the punctuation ("{when},{what}")."""
    bad = {k: v for k, v in catalogue(area)["zh"].items() if zh.to_chinese_punctuation(_as_shown(v)) != _as_shown(v)}
    assert not bad, f"run scripts/zh_punctuation.py: {bad}"


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "src/walletaid/knowledge").glob("*.json")))
def test_knowledge_texts(name: str) -> None:
    data = json.loads((ROOT / f"src/walletaid/knowledge/{name}.json").read_text(encoding="utf-8"))
    bad = [(path, text) for path, text in _knowledge_texts(data) if zh.to_chinese_punctuation(_as_shown(text)) != _as_shown(text)]
    assert not bad, f"run scripts/zh_punctuation.py: {bad[:5]}"


def test_question_texts() -> None:
    from walletaid.forms.case import log_questions
    from walletaid.forms.diagnose import diagnose_questions
    from walletaid.forms.security import posture_questions
    from walletaid.forms.ticket import ticket_questions

    texts = []
    for question in (*ticket_questions(), *posture_questions(), *log_questions(), *diagnose_questions()):
        texts += [question.prompt.zh] + ([question.help.zh] if question.help else [])
        texts += [choice.label.zh for choice in question.choices]
    bad = [text for text in texts if zh.to_chinese_punctuation(text) != text]
    assert not bad, bad[:5]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("多少?", "多少？"),
        ("App,或", "App，或"),
        ("例如 128.50; 选填", "例如 128.50；选填"),
        ("(例如 2026-11-20 14:30)", "（例如 2026-11-20 14:30）"),
        ("金额 1,280.50 元", "金额 1,280.50 元"),
        ("walletaid case log {case_id}", "walletaid case log {case_id}"),
        ("下一步:walletaid", "下一步：walletaid"),
    ],
)
def test_conversion_touches_only_punctuation_next_to_chinese(raw: str, expected: str) -> None:
    assert zh.to_chinese_punctuation(raw) == expected
