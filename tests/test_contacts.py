"""The official-contacts directory and ``contacts --verify``."""

from __future__ import annotations

import socket

import pytest
from rich.console import Console

from walletaid.engines import contacts
from walletaid.i18n import t
from walletaid.render import contacts as render


@pytest.mark.parametrize(
    ("value", "verdict", "provider", "how"),
    [
        ("95588", "official", "icbc", "exact"),
        ("955 33", "official", "ccb", "exact"),
        ("+86 95566", "official", "boc", "exact"),
        ("021-95588", "official", "icbc", "exact"),  # a call centre may show an area code before 95xxx
        ("956196", "official", "ecny", "exact"),
        ("+86 10 956196", "official", "ecny", "exact"),
        ("+86 571 95017", "official", "wechat_pay", "exact"),
        ("400-820-5555", "official", "cmb", "exact"),
        ("96110", "official", "96110", "exact"),
        ("12381", "official", "12381", "exact"),
        ("9558八", "lookalike", "icbc", "spelled"),
        ("4OO-82O-5555", "lookalike", "cmb", "spelled"),
        ("400-95588", "unlisted", None, None),  # embedding an official number is no proof either way
        ("95588-0", "unlisted", None, None),
        ("95538", "unlisted", None, None),  # one digit from 95533: real 95xxx numbers differ by one digit too
        ("956169", "unlisted", None, None),
        ("0571-8765 4321", "unlisted", None, None),
        ("1069095599", "unlisted", None, None),
        ("+852 2189 5588", "unlisted", None, None),
        ("13812345678", "not_official", None, None),
        ("+86 170 1234 5678", "not_official", None, None),
        ("4OO-8O6-1234", "not_official", None, None),
    ],
)
def test_verify_phone_numbers(value: str, verdict: str, provider: str | None, how: str | None) -> None:
    result = contacts.verify(value, "en")
    assert result.kind == "phone"
    assert result.verdict == verdict
    if provider:
        assert (provider, how) in {(m.provider, m.how) for m in result.matches}
    else:
        assert result.matches == []


@pytest.mark.parametrize(
    ("value", "kind"),
    [("13812345678", "mobile"), ("0571-8765 4321", "landline"), ("400-820-5555", "toll_free"), ("95999", "service"),
     ("010-12393", "service"), ("1069095599", "sms_code"), ("+1 (808) 555-0143", "international"), ("12345", "service")],
)
def test_verify_says_what_kind_of_number_it_is(value: str, kind: str) -> None:
    assert contacts.verify(value, "en").number_kind == kind


def test_sms_code_is_a_gateway_not_a_brand() -> None:
    for lang in ("en", "zh"):
        result = contacts.verify("1069095599", lang)  # type: ignore[arg-type]
        assert result.verdict == "unlisted" and result.note and "10690" in result.note
    assert "not which brand" in (contacts.verify("1065123", "en").note or "")


@pytest.mark.parametrize("fake", ["12345678", "950011", "950-011"])
def test_known_fake_numbers_are_not_official_with_a_note(fake: str) -> None:
    result = contacts.verify(fake, "zh")
    assert result.verdict == "not_official"
    assert result.known_fake is True
    assert result.note and "伪造" in result.note


@pytest.mark.parametrize(
    ("value", "verdict", "how"),
    [
        ("www.icbc.com.cn", "official", "exact"),
        ("https://mybank.icbc.com.cn/login?x=1", "official", "exact"),
        ("abchina.com", "official", "exact"),
        ("http://www.boc.cn/", "official", "exact"),
        ("bankcomm.com", "official", "exact"),
        ("www.pbc.gov.cn", "official", "exact"),
        ("https://pilot.app.ecny.pbcdci.cn/download/index.html", "official", "exact"),
        ("https://pay.weixin.qq.com/index.php", "official", "exact"),
        ("kyfw.12306.cn", "official", "exact"),
        ("icbc-help.com", "lookalike", "brand_in_domain"),
        ("icbc-refund.top", "lookalike", "brand_in_domain"),
        ("myicbc.top", "lookalike", "brand_in_domain"),
        ("icbc.com.cn.verify-login.top", "lookalike", "embedded_domain"),
        ("icbc.com.cn.example.top", "lookalike", "embedded_domain"),
        ("https://www.icbc.com.cn-secure.xyz/a", "lookalike", "embedded_domain"),
        ("icbc.com", "lookalike", "wrong_suffix"),
        ("icbcc.com.cn", "lookalike", "edit_distance"),
        ("pbsc.com", "lookalike", "edit_distance"),
        ("1cbc.com.cn", "lookalike", "homoglyph"),
        ("abch1na.com", "lookalike", "homoglyph"),
        ("cmbchlna.com", "lookalike", "homoglyph"),
        ("rnybank.cn", "lookalike", "homoglyph"),
        ("іcbc.com.cn", "lookalike", "punycode"),
        ("xn--cbc-ihd.com.cn", "lookalike", "punycode"),
        ("ecny-wallet.top", "lookalike", "brand_in_domain"),
        ("e-cny-hongbao.cc", "lookalike", "brand_in_domain"),
        ("12306-ticket.top", "lookalike", "brand_in_domain"),
        ("example.com", "unlisted", None),
        ("example-shop.com", "unlisted", None),
        ("tobacco.com", "unlisted", None),
        ("bocconi.it", "unlisted", None),
        ("smartmall.com", "unlisted", None),  # 'tmall' inside an ordinary word is not Tmall
        ("chair.com", "unlisted", None),  # one letter from ceair.com, but an ordinary word
        ("jd.hk", "unlisted", None),  # a two-letter name under another ending proves nothing
        ("mp.weixin.qq.com/s/x", "unlisted", None),  # anyone can publish there: only WeChat Pay's own hosts are listed
    ],
)
def test_verify_domains(value: str, verdict: str, how: str | None) -> None:
    result = contacts.verify(value, "en")
    assert result.kind in ("domain", "url")
    assert result.verdict == verdict
    if how:
        assert how in {m.how for m in result.matches}
    else:
        assert result.matches == []


@pytest.mark.parametrize(
    ("value", "flag"),
    [("http://1.2.3.4/login", "raw_ip"), ("bit.ly/3abc", "shortener"), ("https://x.top/ecny.apk", "apk"),
     ("http://www.icbc.com.cn@evil.top/", "userinfo")],
)
def test_verify_flags_risky_links(value: str, flag: str) -> None:
    result = contacts.verify(value, "en")
    assert flag in result.flags
    assert result.verdict != "official"


def test_verify_does_not_touch_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from walletaid.engines import domains

    domains._extractor.cache_clear()
    domains.examine_host.cache_clear()
    domains.parse_host.cache_clear()
    assert contacts.verify("login.icbc.com.cn.example.co.uk", "en").verdict == "lookalike"


def test_directory_has_every_operator_and_public_channel() -> None:
    ids = contacts.provider_ids()
    for pid in ("ecny", "icbc", "abc", "boc", "ccb", "bocom", "psbc", "cmb", "cib", "mybank", "webank", "crypto",
                "12363", "12378", "96110", "12381", "110", "12348", "antifraud_app"):
        assert pid in ids


def test_the_operator_list_is_the_directory_everywhere() -> None:
    """The e-CNY operators are written once, as the directory's providers of group ``operator``: the answers
    model's ``Operator`` (spelled out for typing), the question's choices, the answers-file schema and the
    names in case titles all agree with it."""
    from typing import get_args

    from walletaid.engines.labels import operator_name
    from walletaid.flows.schema import with_questions
    from walletaid.forms.diagnose import diagnose_questions
    from walletaid.models.diagnose import DiagnoseAnswers, Operator

    listed = [p.id for p in contacts.operators()]
    assert listed and list(get_args(Operator)) == listed
    question = next(q for q in diagnose_questions() if q.id == "operator")
    assert question.choice_values() == [*listed, "not_sure"]
    assert [(c.label.zh, c.label.en) for c in question.choices[:-1]] == [(p.name.zh, p.name.en) for p in contacts.operators()]
    schema = with_questions(DiagnoseAnswers.model_json_schema(), "answers-diagnose")
    allowed = next(b for b in schema["properties"]["operator"]["anyOf"] if b.get("type") == "string")
    assert allowed["enum"] == [*listed, "not_sure"]
    assert operator_name("bocom", "en") == "Bank of Communications" and operator_name("icbc", "zh") == "工商银行"
    assert operator_name("nope", "en") == "nope" and operator_name("alipay", "en") == "alipay"  # not an operator


@pytest.mark.parametrize("pid", ["mybank", "webank", "crypto"])
def test_unconfirmed_hotlines_show_no_number(pid: str) -> None:
    assert not [c for c in contacts.provider_channels(pid, "en") if c.channel == "hotline"]


def test_every_entry_has_a_source_and_bilingual_name() -> None:
    for p in contacts.directory().providers:
        assert p.source.ref and p.name.zh and p.name.en
        assert all(ch.source.ref for ch in p.channels)


def test_abc_hotline_is_marked_verify() -> None:
    channel = next(c for c in contacts.provider_channels("abc", "en") if c.channel == "hotline")
    assert channel.value == "95599"
    assert channel.source and channel.source.startswith("verify")
    assert "check it against the back of your card" in (channel.note or "")
    assert t("contacts.verify_in_app", "en") not in (channel.note or "")  # one caveat, not two saying the same


@pytest.mark.parametrize(
    ("wallet", "operator", "first", "contains"),
    [("ecny", "icbc", "95588", "956196"), ("ecny", None, None, "956196"), ("crypto", None, None, None), ("other", None, None, None)],
)
def test_official_channels_for_diagnose(wallet: str, operator: str | None, first: str | None, contains: str | None) -> None:
    """One "who first" rule: the operator that holds the wallet (money, limits, freezes, complaints), then 956196."""
    channels = contacts.official_channels(wallet, operator, "en")
    assert channels
    values = [c.value for c in channels]
    if first:
        assert values[0] == first
    if wallet == "ecny" and not operator:
        assert channels[0].channel == "other" and channels[0].value == t("contacts.generic_value", "en")
    if contains:
        assert contains in values
    if wallet != "ecny":
        assert not any(v.isdigit() for v in values)
    assert "96110" not in values
    assert "96110" in [c.value for c in contacts.official_channels(wallet, operator, "en", include_antifraud=True)]


@pytest.mark.parametrize("key", ["12363", "12378", "12386", "96110", "110", "12348", "antifraud_app"])
def test_public_channel(key: str) -> None:
    channel = contacts.public_channel(key, "zh")
    assert channel.official and channel.name and channel.note
    if key != "antifraud_app":
        assert channel.value == key


def test_public_channel_rejects_unknown_key() -> None:
    with pytest.raises(KeyError):
        contacts.public_channel("icbc", "en")


@pytest.mark.parametrize(
    ("query", "pid"),
    [("ICBC", "icbc"), ("工商银行", "icbc"), ("e-CNY", "ecny"), ("支付宝", "alipay"), ("12306", "china_railway_12306"),
     ("交易所", "crypto"), ("电信", "china_telecom"), ("nope", None)],
)
def test_find_provider_by_name_or_alias(query: str, pid: str | None) -> None:
    found = contacts.find_provider(query)
    assert (found.id if found else None) == pid


def test_verify_json_document_shape() -> None:
    doc = contacts.verify("icbc-refund.top", "en").model_dump(mode="json")
    assert doc["schema_version"] == 1 and doc["command"] == "contacts" and doc["lang"] == "en"
    assert doc["verdict"] == "lookalike" and doc["matches"][0]["provider"] == "icbc"
    assert doc["matches"][0]["value"] == "icbc.com.cn" and doc["matches"][0]["source"].startswith("sourced: ")


def _plain(renderable: object) -> str:
    console = Console(width=140, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_directory_and_provider(lang: str) -> None:
    whole = _plain(render.render_text(contacts.contacts_doc(lang), lang))  # type: ignore[arg-type]
    assert "95588" in whole and "956196" in whole
    one = render.render_markdown(contacts.contacts_doc(lang, "icbc"), lang)  # type: ignore[arg-type]
    assert "95588" in one and "icbc.com.cn" in one and "95566" not in one


def test_render_verify_escapes_user_text() -> None:
    result = contacts.verify("[bold]evil[/bold].top", "en")
    assert "[bold]evil" in _plain(render.render_text(result, "en"))
    assert "[bold]evil[/bold].top" in render.render_markdown(result, "en")     # no Markdown syntax: kept as typed
    linked = contacts.verify("[pay](http://evil.top)", "en")
    assert "[pay\\](http\\://evil.top)" in render.render_markdown(linked, "en")  # a link would be: escaped


@pytest.mark.parametrize(
    ("value", "verdict", "flag"),
    [("binance-secure-verify.com", "not_official", "brand_in_host"), ("gov.cn.example.top", "not_official", "gov_in_host"),
     ("app.com.cn.download.top", "not_official", "embedded_domain"), ("yibao-gov.cn.vip", "lookalike", "gov_in_host"),
     ("http://icbc.com.cn.verify-login.xyz/a", "lookalike", "embedded_domain")],
)
def test_disguised_addresses(value: str, verdict: str, flag: str) -> None:
    """Dressed up as a listed brand: lookalike; as a site walletaid does not list ('gov', a brand beyond the
    directory, a whole domain inside another): not official."""
    result = contacts.verify(value, "en")
    assert result.verdict == verdict and flag in result.flags
    for lang in ("en", "zh"):
        assert all(t(f"contacts.flag_{f}", lang) for f in result.flags)  # every flag can be explained


def test_plain_unknown_site_is_unlisted() -> None:
    result = contacts.verify("example.com", "en")
    assert result.verdict == "unlisted" and not result.flags
    assert "back of your card" in result.advice[0]


@pytest.mark.parametrize(("value", "shown"), [
    ("13912345678", "139****5678"),  # a personal mobile: masked, as in every output
    ("+86 139 1234 5678", "139****5678"),
    ("6222021234567890128", "[REDACTED:bank_card]"),
    ("https://pay-help.cn/a?vcode=123456", "https://pay-help.cn/a?vcode=[REDACTED:verification_code]"),
    ("95588", "95588"),  # service numbers and domains are what the user asks about: whole
    ("400-820-0588", "400-820-0588"),
    ("www.pbc.gov.cn", "www.pbc.gov.cn"),
])
def test_verify_echoes_the_value_under_the_privacy_rules(value: str, shown: str) -> None:
    from walletaid.engines.contacts import verify

    assert verify(value, "en").input == shown


def test_a_masked_echo_keeps_the_verdict_of_the_whole_number() -> None:
    from walletaid.engines.contacts import verify

    result = verify("13912345678", "en")
    assert result.input == "139****5678" and result.verdict == "not_official" and result.number_kind == "mobile"
