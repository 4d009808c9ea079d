"""China's provinces and cities: the data is whole, codes name places in both languages, typed names match."""

import json
import re

import pytest

from realsourcing.core import divisions

RAW = json.loads(divisions.DATA_FILE.read_text(encoding="utf-8"))
CJK = re.compile(r"^[\u4e00-\u9fff]+$")


# ---------------------------------------------------------------- the data


def test_there_are_34_provincial_level_divisions_including_taiwan_hong_kong_and_macau():
    codes = {p.code for p in divisions.provinces()}
    assert len(codes) == 34
    assert {"710000", "810000", "820000"} <= codes
    assert len(RAW["provinces"]) == 34  # nothing in the file collapsed on load


def test_codes_are_unique_six_digit_gb_t_2260_codes():
    all_codes = [p["code"] for p in RAW["provinces"]] + [c["code"] for c in RAW["cities"] if c["code"] != c["province"]]
    assert len(all_codes) == len(set(all_codes))
    assert all(re.fullmatch(r"\d{6}", code) for code in all_codes)
    assert all(p["code"].endswith("0000") for p in RAW["provinces"])


def test_every_city_sits_under_a_province_that_shares_its_first_two_digits():
    provinces = {p["code"] for p in RAW["provinces"]}
    for c in RAW["cities"]:
        assert c["province"] in provinces, c
        assert c["code"][:2] == c["province"][:2], c
    assert 330 <= len(RAW["cities"]) <= 400


def test_every_province_has_at_least_one_city_to_pick():
    assert all(divisions.cities_of(p.code) for p in divisions.provinces())


def test_every_entry_has_an_english_and_a_chinese_name():
    for d in (*divisions.provinces(), *(divisions.city(c["code"]) for c in RAW["cities"])):
        assert d is not None
        assert d.en and d.en.isascii() or "ü" in d.en, d
        assert d.en[0].isupper(), d
        assert CJK.match(d.zh) and CJK.match(d.zh_short), d


def test_official_english_names_are_not_plain_pinyin_where_they_differ():
    names = {p.code: p.en for p in divisions.provinces()}
    assert names["150000"] == "Inner Mongolia"
    assert names["140000"] == "Shanxi" and names["610000"] == "Shaanxi"
    assert names["810000"] == "Hong Kong" and names["820000"] == "Macau"
    assert names["540000"] == "Xizang"
    assert divisions.city("150100").en == "Hohhot"
    assert divisions.city("650100").en == "Urumqi"
    assert divisions.city("610100").en == "Xi'an"
    assert divisions.city("500000").en == "Chongqing"


# ---------------------------------------------------------------- lookups and names


def test_a_city_belongs_to_its_province_only():
    assert divisions.city_in_province("330200", "330000")
    assert not divisions.city_in_province("330200", "320000")
    assert not divisions.city_in_province("nowhere", "330000")


def test_directly_governed_county_level_cities_are_cities_of_their_province():
    assert "429004" in {c.code for c in divisions.cities_of("420000")}  # 仙桃
    assert divisions.city("429004").zh == "仙桃市"
    assert "429000" not in {c.code for c in divisions.cities_of("420000")}  # the group itself is not a city


def test_a_municipality_is_its_own_single_city():
    assert [c.code for c in divisions.cities_of("310000")] == ["310000"]
    assert divisions.place("310000", "310000", "en") == "Shanghai"
    assert divisions.place("310000", "310000", "zh") == "上海市"


def test_a_place_is_named_in_the_readers_language():
    assert divisions.place("330200", "330000", "en") == "Ningbo, Zhejiang"
    assert divisions.place("330200", "330000", "zh") == "浙江省宁波市"
    assert divisions.province_name("330000", "zh") == "浙江省"
    assert divisions.city_name("330200", "en") == "Ningbo"


def test_a_value_that_is_not_a_code_is_shown_as_typed():
    assert divisions.place("Yiwu Futian", "Zhejiang", "zh") == "Yiwu Futian, Zhejiang"
    assert divisions.place("", "330000", "en") == "Zhejiang"
    assert divisions.city_name("义乌", "en") == "义乌"


def test_pickers_list_english_alphabetically_and_chinese_in_code_order():
    english = [name for _, name in divisions.province_choices("en")]
    assert english == sorted(english, key=str.casefold)
    chinese = [code for code, _ in divisions.province_choices("zh")]
    assert chinese[:3] == ["110000", "120000", "130000"]
    assert ("330200", "宁波市") in divisions.city_choices("330000", "zh")
    assert divisions.city_choices("nowhere", "en") == ()


def test_search_names_give_both_languages():
    assert divisions.search_names("330200") == ["Ningbo", "宁波市", "宁波"]
    assert divisions.search_names("Yiwu") == ["Yiwu"]
    assert divisions.search_names("") == []


# ---------------------------------------------------------------- free text to codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("浙江省", "330000"),
        ("浙江", "330000"),
        ("Zhejiang", "330000"),
        ("zhejiang province", "330000"),
        ("ZHEJIANG", "330000"),
        ("内蒙古自治区", "150000"),
        ("内蒙古", "150000"),
        ("Inner Mongolia", "150000"),
        ("广西壮族自治区", "450000"),
        ("Guangxi", "450000"),
        ("Tibet", "540000"),
        ("西藏", "540000"),
        ("Shaanxi", "610000"),
        ("Shanxi", "140000"),
        ("Hong Kong SAR", "810000"),
        ("hongkong", "810000"),
        ("Macao", "820000"),
        ("330000", "330000"),
    ],
)
def test_typed_province_names_match_their_code(text, code):
    assert divisions.match_province(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("宁波", "330200"),
        ("宁波市", "330200"),
        ("Ningbo", "330200"),
        ("NINGBO CITY", "330200"),
        ("ningbo shi", "330200"),
        ("Xi'an", "610100"),
        ("xian", "610100"),
        ("Urumqi", "650100"),
        ("恩施", "422800"),
        ("恩施土家族苗族自治州", "422800"),
        ("Shanghai", "310000"),
        ("Huangshi", "420200"),
    ],
)
def test_typed_city_names_match_their_code(text, code):
    assert divisions.match_city(text) == code


def test_an_ambiguous_city_name_matches_only_within_its_province():
    assert divisions.match_city("Suzhou") is None  # 苏州 (Jiangsu) and 宿州 (Anhui)
    assert divisions.match_city("Suzhou", "320000") == "320500"
    assert divisions.match_city("Suzhou", "340000") == "341300"
    assert divisions.match_city("Ningbo", "320000") is None


def test_unknown_names_match_nothing():
    assert divisions.match_province("Atlantis") is None
    assert divisions.match_city("") is None
    assert divisions.match_province("Ningbo") is None
