"""Write each diagnose pattern's ``hint`` (its required literals) into ``knowledge/diagnose_rules.json``.

Run after editing a pattern: ``python scripts/pattern_hints.py``.  The test
``tests/test_knowledge_base.py::test_pattern_hints_are_current`` fails until
the hints match the regexes, so a stale hint can never hide a match.
"""

from __future__ import annotations

import json
from pathlib import Path

from walletaid.engines.literals import required_literals

RULES = Path(__file__).resolve().parent.parent / "src" / "walletaid" / "knowledge" / "diagnose_rules.json"


def main() -> None:
    data = json.loads(RULES.read_text(encoding="utf-8"))
    for key in ("patterns", "support_patterns"):
        for pattern in data.get(key, []):
            hint = required_literals(pattern["regex"])
            if hint is None:
                pattern.pop("hint", None)
            else:
                pattern["hint"] = hint
    RULES.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
