"""Factory slugs read well: Chinese names as pinyin words, Latin names as they are, short enough for a URL."""

import pytest

from realsourcing.core.slugs import MAX_SLUG_LENGTH, slug_of, with_suffix


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("宁波海天塑料", "ningbo-haitian-suliao"),
        ("深圳市华强电子有限公司", "shenzhenshi-huaqiang-dianzi-youxiangongsi"),
        ("佛山市顺德区美的家电", "foshanshi-shundequ-meide-jiadian"),
        ("重庆长安", "chongqing-changan"),  # polyphones read in context: chong-, chang-
        ("绿色", "lvse"),  # ü written as v, as in URLs and pinyin keyboards
    ],
)
def test_chinese_names_become_toneless_pinyin_words(name, slug):
    assert slug_of(name) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("广州 ABC 五金厂", "guangzhou-abc-wujinchang"),
        ("海天 Plastics（宁波）", "haitian-plastics-ningbo"),
        ("ＡＢＣ工厂", "abc-gongchang"),  # full-width letters as typed on a Chinese keyboard
    ],
)
def test_mixed_names_keep_their_latin_words_and_their_order(name, slug):
    assert slug_of(name) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ningbo Haitian Plastics Co., Ltd.", "ningbo-haitian-plastics-co-ltd"),
        ("Müller & Söhne", "muller-sohne"),
        ("  --Acme   Works--  ", "acme-works"),
    ],
)
def test_latin_names_are_lower_case_ascii_words(name, slug):
    assert slug_of(name) == slug


@pytest.mark.parametrize("name", ["", "   ", "!!!", "—·—"])
def test_a_name_with_nothing_readable_gives_no_slug(name):
    assert slug_of(name) == ""


def test_long_names_are_cut_at_a_word_boundary():
    slug = slug_of("宁波海天塑料" * 10)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slug == "ningbo-haitian-suliao-ningbo-haitian-suliao-ningbo-haitian"
    latin = slug_of("Extraordinarily Long Factory Name " * 5)
    assert len(latin) <= MAX_SLUG_LENGTH and not latin.endswith("-")
    assert all(word in {"extraordinarily", "long", "factory", "name"} for word in latin.split("-"))


def test_clash_suffixes_count_from_two():
    assert [with_suffix("acme", n) for n in (1, 2, 3)] == ["acme", "acme-2", "acme-3"]
