"""Every flow in Chinese shows no stray English (issue 12, item 4): the whole screen of each run (stdout, stderr
and, for the wizards, the prompts as drawn) is scanned for Latin words, and every one must be on the list below:
brand and product names, units and standards, what the person typed, ids, option names and values, commands."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from terminal import CTRL_C, DOWN, ENTER, type_into

TYPED = {"description": "昨天有人自称 Alipay 客服，让我开 Zoom 共享屏幕，验证码 123456",
         "error_message": "Payment failed (code E1002)"}
"""What the person typed: shown back as typed, so its words may be English."""

ALLOWED = {
    # brands, products, apps and services named in the knowledge (they are written so in Chinese too)
    "e-CNY", "App", "APP", "Alipay", "WeChat", "Pay", "Apple", "Huawei", "Honor", "Xiaomi", "OPPO", "vivo",
    "Samsung", "OnePlus", "realme", "Meizu", "Mate", "iPhone", "HarmonyOS", "Android", "iOS", "iPadOS", "Zoom",
    "QQ", "EMS", "Discord", "UnionPay", "Binance", "OKX", "Coinbase", "Huobi", "HTX", "Bybit", "Kraken", "Bitget", "Gate", "KuCoin",
    "MetaMask", "imToken", "TokenPocket", "Trust", "Wallet", "Ledger", "Trezor", "Tether", "USDT", "USDC", "BTC",
    "ETH", "TRX", "TRON", "Bitcoin", "Ethereum", "Telegram", "WhatsApp", "Skype", "TeamViewer", "AnyDesk",
    "ToDesk", "SunLogin", "Wi-Fi", "WiFi", "SIM", "eSIM", "NFC", "PIN", "QR", "SMS", "VPN", "IP", "ID", "OTP",
    "CNY", "RMB", "HKD", "USD", "G", "MB", "KB", "GB", "SHA-256", "SHA", "JSON", "YAML", "Markdown", "ISO",
    "Schema", "zip", "PDF", "URL", "HTTPS", "www", "Ctrl-B", "Ctrl-C", "Enter", "Tab", "y", "n", "shell",
    "PBOC", "NFRA", "CBIRC", "CSRC", "ICP", "UTC", "GMT", "AM", "PM", "Google", "Authenticator", "Face",
    "Touch", "SDK", "OS", "DeFi", "NFT", "Web", "DApp", "USB", "Bluetooth", "CVV", "CVN", "U", "K", "V",
    # the commands, their options' values and placeholders (typed as they are shown)
    "walletaid", "diagnose", "prepare-ticket", "security-check", "contacts", "schema", "case", "list", "show", "log",
    "escalate", "export", "close", "delete", "purge", "text", "json", "markdown", "zh", "en", "hotline", "app_chat",
    "email", "branch", "social", "other", "resolved", "pending", "unresolved", "answers-diagnose", "answers-ticket",
    "answers-security", "diagnosis", "icbc", "alipay", "CASE_ID", "NAME", "PROVIDER", "WALLETAID_LANG", "LANG",
    "LC_ALL", "YYYY-MM-DD", "HH", "MM", "install-completion", "show-completion", "pbpaste", "chats", "jsonl",
    "problem", "yaml", "cases", "case", "schema", "official", "not_official", "lookalike", "unlisted", "md", "id",
    "TS123", "FA",  # 2FA
}
_STRIP = [
    r"https?\\?://\S+", r"GitHub \S+ \S+", r"domain-facts\.md[^|│]*",  # addresses, and the sources of facts
    r"[\w.+*\\-]+@[\w.-]+", r"(?:~|\.{0,2})/[\w./~()%-]*",  # e-mails, paths
    r"\b[\w.-]+\.(?:com|cn|net|org|top|io|gov|edu|xyz|info|hk)(?:\.[a-z]{2})?\b\S*",  # domains
    r"\bWA-\d{8}-[A-Z0-9]{4}\b", r"(?<![\w-])--?[a-z][a-z-]*",  # case ids, options
    r"\b\d{4}-\d{2}-\d{2}T[\d:+.]+", r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b", r"\[REDACTED:[a-z_]+\]",
    r"\b[0-9a-f]{64}\b", r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", r"\b\w+\.(?:json|md|yaml|jsonl|sqlite3|zip)\b",  # ids, file names
]
GRADES = {"A", "B", "C", "D", "F"}
"""The check-up's grades are letters in Chinese too."""


def stray_english(screen: str, typed: str = "", *, keys: bool = False) -> set[str]:
    """Latin words on ``screen`` that are neither allowed nor typed by the person (with ``keys``, the answers
    keys too: a run from an answers file may name the keys the file holds)."""
    for pattern in _STRIP:
        screen = re.sub(pattern, " ", screen)
    own = {w.lower().strip("'’") for w in re.findall(r"[A-Za-z][A-Za-z0-9'’-]*", typed)}
    words = set(re.findall(r"[A-Za-z][A-Za-z0-9'’-]*[A-Za-z0-9]|[A-Za-z]", screen))
    allowed = ALLOWED | GRADES | _values() | (_keys() if keys else set())
    return {w for w in words if w not in allowed and w.lower() not in own}


def _questions() -> tuple:
    from walletaid.forms.security import posture_questions
    from walletaid.forms.ticket import ticket_questions

    return ticket_questions() + posture_questions()


@lru_cache(maxsize=1)
def _values() -> set[str]:
    """The values of the choice questions and the provider ids: they are typed as they are shown."""
    from walletaid.engines.contacts import provider_ids

    return {v for q in _questions() for v in q.choice_values()} | set(provider_ids())


@lru_cache(maxsize=1)
def _keys() -> set[str]:
    return {q.id for q in _questions()}


def _file(tmp_path: Path, name: str, data: dict) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _runs(cli, tmp_path: Path) -> list[tuple[tuple[str, ...], str]]:
    ticket = {"wallet": "ecny", "operator": "icbc", "symptom": "unrecognized_transaction", "phone": "13812345678",
              "email": "zhang@example.com", "occurred_at": "2026年11月20日 晚上8点", "amount": "两万",
              "steps": ["打开 App", "看到一笔陌生扣款，卡号 6222021234567890128"], **TYPED}
    r = cli("prepare-ticket", "--answers", _file(tmp_path, "t.json", ticket), "--out", str(tmp_path / "out"),
            "--format", "json", "--lang", "zh")
    case_id = json.loads(r.out)["case_id"]
    posture = json.loads(cli("schema", "answers-security").out)["properties"]
    habits = {key: (p.get("enum") or p["anyOf"][0]["enum"])[-1] for key, p in posture.items()}
    runs = [
        (("prepare-ticket", "--answers", _file(tmp_path, "t2.json", ticket), "--out", str(tmp_path / "o2")), ""),
        (("diagnose", "--answers", _file(tmp_path, "d.json", {"wallet": "ecny", "symptom": "suspicious_contact",
                                                               **TYPED})), ""),
        (("security-check", "--answers", _file(tmp_path, "s.json", habits)), ""),
        (("security-check", "--message", "【工商银行】您的账户涉嫌洗钱，请立即点击 http://icbc-safe.top 转入安全账户"), ""),
        (("security-check", "--batch", "-"), '{"id": "甲", "text": "请把验证码发给我"}\n不是 JSON\n'),
        (("contacts",), ""), (("contacts", "icbc"), ""), (("contacts", "--verify", "95588"), ""),
        (("contacts", "--verify", "https://icbc-refund.top/login"), ""), (("contacts", "nope"), ""),
        (("case", "log", case_id, "--channel", "hotline", "--agent", "0421", "--promised-by", "上周五",
          "--outcome", "pending"), ""),
        (("case", "log", case_id, "--channel", "app_chat", "--promised-by", "明天", "--outcome", "unresolved"), ""),
        (("case", "list"), ""), (("case", "show", case_id), ""), (("case", "escalate", case_id, "--force", "--out",
                                                                   str(tmp_path / "esc")), ""),
        (("case", "export", case_id, "--force", "--out", str(tmp_path / "exp")), ""), (("case", "close", case_id), ""),
        (("schema", "answers-diagnose", "--format", "text"), ""), (("schema", "nope"), ""),
        (("case", "show", "WA-20260101-AAAA"), ""), (("diagnose", "--answers", _file(tmp_path, "bad.json",
                                                                                     {"wallet": "x", "symtom": 1})), ""),
        (("diagnose",), ""), (("case", "delete", case_id), ""),
    ]
    return runs


def test_every_command_speaks_chinese(cli, tmp_path: Path) -> None:
    found = {}
    for args, stdin in _runs(cli, tmp_path):
        for fmt in ("text", "markdown"):
            full = (*args, "--format", fmt) if args[0] != "contacts" or "nope" not in args else args
            r = cli(*full, stdin=stdin, lang="zh")
            files = [Path(args[i + 1]).read_text(encoding="utf-8") for i, a in enumerate(args) if a == "--answers"]
            typed = json.dumps(TYPED, ensure_ascii=False) + stdin + " ".join(files) + " ".join(args)
            stray = stray_english(r.out + r.err, typed, keys="--answers" in args or args[0] == "schema")
            if stray:
                found[" ".join(full[:3])] = sorted(stray)
    assert not found, found


def test_every_help_page_speaks_chinese(cli) -> None:
    from test_scripting import _all_commands

    found = {}
    for path in _all_commands():
        r = cli(*path, "--help", lang="zh")
        stray = stray_english(r.out + r.err)
        if stray:
            found[" ".join(path) or "walletaid"] = sorted(stray)
    assert not found, found


def _wizard(home: Path, args: list[str], keys: list[str] | str, stdin: str = "") -> set[str]:
    screen = type_into(args, keys, home, lang="zh", columns=100, stdin=stdin)
    return stray_english(screen.all, json.dumps(TYPED, ensure_ascii=False) + "".join(keys) + stdin)


def test_every_wizard_speaks_chinese(home: Path, cli, tmp_path: Path) -> None:
    found = {}
    diagnose = [DOWN * 1 + ENTER, DOWN * 8 + ENTER, DOWN + " " + ENTER, ENTER, TYPED["error_message"] + ENTER,
                TYPED["description"] + ENTER, ENTER, ENTER]
    found["diagnose"] = _wizard(home, ["diagnose"], diagnose + [CTRL_C])
    shot = tmp_path / "my shot.png"
    shot.write_bytes(b"png")
    ticket = [ENTER, ENTER, DOWN * 2 + ENTER, ENTER, ENTER, ENTER, ENTER,   # e-CNY, ICBC, balance wrong …
              "13812345678" + ENTER, ENTER, ENTER,                        # phone, e-mail, account name
              "昨天晚上8点" + ENTER, "n" + ENTER,                          # a reading refused …
              "\x7f" * 6 + "2026-11-20 20:00" + ENTER,                     # … and typed again
              "打开 App" + ENTER, ENTER,                                   # one step
              "5千" + ENTER, "y" + ENTER, ENTER, ENTER, ENTER,              # amount (confirmed), currency …
              "华为" + ENTER, ENTER, ENTER, ENTER, ENTER,                   # the device
              f"'{shot}'" + ENTER, ENTER,                                 # a dragged-in file, in quotes
              DOWN + ENTER, CTRL_C]                                       # review: edit, then stop
    found["prepare-ticket"] = _wizard(home, ["prepare-ticket", "--out", str(tmp_path)], ticket)
    found["security-check (habits)"] = _wizard(home, ["security-check"], [ENTER, DOWN + ENTER, ENTER, CTRL_C])
    found["security-check (message)"] = _wizard(home, ["security-check"], [DOWN + ENTER],
                                                stdin="您的账户涉嫌洗钱，请转入安全账户\n\n")
    answers = tmp_path / "t.json"
    answers.write_text(json.dumps({"wallet": "ecny", "operator": "boc", "symptom": "balance_wrong",
                                   "phone": "13712345678", "occurred_at": "2026-11-20"}), encoding="utf-8")
    case_id = json.loads(cli("prepare-ticket", "--answers", str(answers), "--out", str(tmp_path),
                             "--format", "json").out)["case_id"]
    found["case log"] = _wizard(home, ["case", "log", case_id], [ENTER, ENTER, ENTER, "明天" + ENTER, "y" + ENTER,
                                                                  ENTER, ENTER])
    found["case delete"] = _wizard(home, ["case", "delete", case_id], ["n" + ENTER])
    found = {name: sorted(words) for name, words in found.items() if words}
    assert not found, found


def test_the_scan_finds_english_where_it_should_not_be() -> None:
    assert stray_english("? 对方让您做了什么？（可多选） done (2 selections)") == {"done", "selections"}
    assert stray_english("! description：已删除验证码") == {"description"}
    assert stray_english("  • phone：手机号已打码") == {"phone"}
    assert stray_english("Usage: walletaid case log [OPTIONS]") == {"Usage", "OPTIONS"}
    assert stray_english("您在 App 里看到 e-CNY 的 --format json 和 WA-20261125-7KQ3") == set()
    assert stray_english("对方说 Zoom", "让我开 Zoom") == set()


def test_field_names_in_the_redaction_lists_are_in_the_readers_language() -> None:
    from walletaid.engines.redact import explain, redact_tree
    from walletaid.fieldnames import field_label, labelled

    assert field_label("issue.steps[1]", "zh") == "操作步骤（第 2 项）"
    assert field_label("phone", "zh") == "手机号" and field_label("description", "en") == "Description"
    assert field_label("something.unknown", "zh") == "something.unknown"
    _, found = redact_tree({"description": "验证码 482913", "steps": ["卡号 6222021234567890128"]})
    lines = explain(labelled(found, "zh"), "zh")
    assert any(line.startswith("情况说明：") for line in lines) and any("操作步骤（第 1 项）" in line for line in lines)
