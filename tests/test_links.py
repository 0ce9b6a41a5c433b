"""Phone-number and link analysis used by verify and the message check."""

from __future__ import annotations

import pytest

from walletaid.engines import links


@pytest.mark.parametrize(
    ("raw", "national", "had_cc", "disguised"),
    [("+86 955-88", "95588", True, False), ("0086 10 956196", "10956196", True, False), ("95588", "95588", False, False),
     ("9558八", "95588", False, True), ("9558８", "95588", False, False), ("95５88", "95588", False, False)],
)
def test_normalise_phone(raw: str, national: str, had_cc: bool, disguised: bool) -> None:
    key = links.normalise_phone(raw)
    assert (key.national, key.had_cc, key.disguised) == (national, had_cc, disguised)


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
