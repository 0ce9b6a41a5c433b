"""Phone-number and link analysis used by verify and the message check."""

from __future__ import annotations

import pytest

from walletaid.engines import links


@pytest.mark.parametrize(
    ("raw", "national", "kind", "disguised"),
    [("+86 955-88", "95588", "service", False), ("0086 10 956196", "956196", "service", False), ("95588", "95588", "service", False),
     ("9558八", "95588", "service", True), ("9558８", "95588", "service", False), ("95５88", "95588", "service", False),
     ("+86 138 0000 0000", "13800000000", "mobile", False), ("106550", "106550", "sms_code", False),
     ("010-65123456", "1065123456", "landline", False), ("4008-100-999", "4008100999", "toll_free", False)],
)
def test_classify_number_reads_every_spelling(raw: str, national: str, kind: str, disguised: bool) -> None:
    info = links.classify_number(raw)
    assert (info.national, info.kind, info.disguised) == (national, kind, disguised)


def test_message_check_api_shapes() -> None:
    """What the message check relies on: plain tuples, lower-case aliases, longest first, no public lines."""
    aliases = links.brand_aliases()
    assert ("工行", "icbc") in aliases and ("支付宝", "alipay") in aliases and ("icbc", "icbc") in aliases
    assert all(alias == alias.lower() for alias, _ in aliases)
    assert [len(a) for a, _ in aliases] == sorted((len(a) for a, _ in aliases), reverse=True)
    assert not {pid for _, pid in aliases} & {"12363", "12378", "96110", "12381", "110", "12348"}
    number = links.classify_number("95588")
    assert (number.verdict, number.kind, number.providers, number.known_fake, number.national) == ("official", "service", ("icbc",), False, "95588")
    host = links.classify_host("https://icbc.com.cn.example.top/login")
    assert (host.verdict, host.host, host.registered_domain, host.providers, host.imitates) == (
        "lookalike", "icbc.com.cn.example.top", "example.top", (), ("icbc",))
    assert set(host.flags) == {"risky_tld", "embedded_domain"}


@pytest.mark.parametrize(
    "alias", ["移动", "平安", "电信", "民生", "华夏", "邮政", "abc", "exchange", "交易所"],
)
def test_ordinary_words_are_not_brand_aliases(alias: str) -> None:
    """Aliases detect a brand named in a message: a word with an ordinary sense would name brands that are not there
    (电信 as in 电信诈骗, 平安, 民生, 华夏)."""
    assert alias not in {a for a, _ in links.brand_aliases()}


@pytest.mark.parametrize(("raw", "is_phone"), [("95588", True), ("+86 138 0000 0000", True), ("icbc.com.cn", False), ("https://a.b/1234", False)])
def test_looks_like_phone(raw: str, is_phone: bool) -> None:
    assert links.looks_like_phone(raw) is is_phone


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("点击 http://abc.top/x 领取", ["http://abc.top/x"]),
        ("see www.icbc.com.cn.", ["www.icbc.com.cn"]),
        ("go to bit.ly/3xY now", ["bit.ly/3xY"]),
        ("Hi.how are you? e.g. this", []),
        ("请访问icbc-help.com办理", ["icbc-help.com"]),
    ],
)
def test_find_links(text: str, urls: list[str]) -> None:
    found = [u for _, _, u in links.find_links(text, frozenset({"com", "top", "cn", "ly"}))]
    assert found == urls
    assert [u for _, _, u in links.find_links(text)] == urls  # the common endings of links.json


def test_find_ip_links() -> None:
    assert [u for _, _, u in links.find_ip_links("pay at http://45.76.1.9/ems now")] == ["http://45.76.1.9/ems"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("致电 400-95588 处理", ["400-95588"]), ("余额 12 元", []), ("call 110 now", ["110"]), ("no numbers", []),
     ("客服电话4001865523转人工", ["4001865523"]), ("call +1 (808) 555-0143", ["+1 (808) 555-0143"]), ("order A12345", [])],
)
def test_find_phones(text: str, expected: list[str]) -> None:
    assert [raw for _, _, raw in links.find_phones(text)] == expected


@pytest.mark.parametrize(("a", "b", "same"), [("abch1na", "abchina", True), ("rnybank", "mybank", True), ("іcbc", "icbc", True), ("abc", "abd", False)])
def test_skeleton_collapses_confusables(a: str, b: str, same: bool) -> None:
    assert (links.skeleton(a) == links.skeleton(b)) is same


BRANDS = frozenset({"paypal", "amazon", "sfexpress", "okx", "apple", "appleid", "hmrc"})
RISKY = frozenset({"top", "xyz", "vip"})


@pytest.mark.parametrize(
    ("url", "signs"),
    [
        ("https://paypal-secure-login.com/x", ["brand_in_host"]),
        ("sf-express.delivery-cn.top", ["brand_in_host", "risky_tld"]),
        ("appleid-unlock.com", ["brand_in_host"]),
        ("yibao-gov.cn.vip/check", ["gov_in_host", "embedded_domain", "risky_tld"]),
        ("app.com.cn.download.top", ["embedded_domain", "risky_tld"]),
        ("hmrc-refund.uk.com", ["brand_in_host", "embedded_domain"]),
        ("www.sf-express.com", ["brand_own_domain"]),
        ("support.okx.com", ["brand_own_domain"]),
        ("appleid.apple.com", ["brand_own_domain"]),
        ("www.amazon.co.uk/gp", ["brand_own_domain"]),
        ("pineapple.com", []),  # a brand inside an ordinary word is not a brand
        ("www.gov.uk", []),
        ("example.xyz", ["risky_tld"]),
    ],
)
def test_host_signs(url: str, signs: list[str]) -> None:
    assert links.host_signs(links.parse_host(url), BRANDS, RISKY, frozenset({"secure", "login"})) == signs


def test_hyphenated_directory_brand_is_a_lookalike() -> None:
    verdict, matches = links.match_host(links.parse_host("e-cny-hongbao.cc"), "en")
    assert verdict == "lookalike" and matches[0].provider == "ecny"
