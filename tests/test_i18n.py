"""Languages: how the language is chosen, and that the catalogues are complete in both."""

from __future__ import annotations

import string

import pytest

from walletaid.i18n import LANGS, catalogue, catalogue_areas, lang_from_locale, resolve_lang, t


@pytest.mark.parametrize(
    ("cli", "env", "expected"),
    [
        ("en", {"WALLETAID_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "en"),
        ("zh", {"LANG": "en_US.UTF-8"}, "zh"),
        (None, {"WALLETAID_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        (None, {"WALLETAID_LANG": "EN", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"WALLETAID_LANG": "fr", "LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US"}, "zh"),
        (None, {"LC_ALL": "C", "LANG": "zh_CN"}, "en"),
        (None, {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_GB"}, "zh"),
        (None, {"LANG": "zh_CN.GB18030"}, "zh"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_language_precedence(cli: str | None, env: dict[str, str], expected: str) -> None:
    assert resolve_lang(cli, env) == expected


def test_empty_locale_variables_are_skipped() -> None:
    assert lang_from_locale({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_SG.UTF-8"}) == "zh"


@pytest.mark.parametrize("area", catalogue_areas())
def test_catalogue_has_same_keys_and_no_empty_text(area: str) -> None:
    data = catalogue(area)
    assert set(data) == set(LANGS), f"{area}: languages must be exactly zh and en"
    assert set(data["zh"]) == set(data["en"]), f"{area}: keys differ: {set(data['zh']) ^ set(data['en'])}"
    for lang in LANGS:
        for key, text in data[lang].items():
            assert isinstance(text, str) and text.strip(), f"{area}.{key} is empty in {lang}"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("area", catalogue_areas())
def test_catalogue_placeholders_match_between_languages(area: str) -> None:
    data = catalogue(area)
    for key in data["en"]:
        assert _fields(data["en"][key]) == _fields(data["zh"][key]), f"{area}.{key}: placeholders differ"


def test_t_fills_fields_in_each_language() -> None:
    assert "WA-1" in t("flows.saved_case", "en", case_id="WA-1")
    assert "WA-1" in t("flows.saved_case", "zh", case_id="WA-1")
    assert t("common.interrupted", "zh") != t("common.interrupted", "en")
