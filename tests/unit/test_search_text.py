"""What the directory index holds (Chinese grams after the text) and how query words are looked up."""

from realsourcing.profile.search_text import (
    MAX_TERMS,
    cjk_grams,
    fts5_query,
    indexed_form,
    indexed_text,
    search_terms,
)


def test_chinese_runs_give_every_character_and_adjacent_pair_once():
    assert cjk_grams("宁波市 toys 宁波") == ["宁", "宁波", "波", "波市", "市"]
    assert cjk_grams("steel bottles") == []


def test_indexed_text_is_lower_case_with_standalone_grams_after_it():
    assert indexed_text(["Ningbo Toys", " ", "", "玩具厂"]) == "ningbo toys 玩具厂  玩 玩具 具 具厂 厂 "
    assert indexed_text(["Steel  Works", "Xiamen"]) == "steel  works xiamen"


def test_query_words_lower_case_without_repeats_and_at_most_eight():
    assert search_terms("  LED led Lamp 宁波 ") == ["led", "lamp", "宁波"]
    assert len(search_terms(" ".join(f"w{n}x" for n in range(20)))) == MAX_TERMS


def test_each_word_is_looked_up_as_itself_a_standalone_gram_or_not_at_all():
    assert indexed_form("lamp") == "lamp"
    assert indexed_form("玩具厂") == "玩具厂"
    assert indexed_form("宁波") == " 宁波 "
    assert indexed_form("鞋") == " 鞋 "
    assert indexed_form("tv") is None
    assert indexed_form("3号") is None


def test_fts5_query_quotes_every_form_so_nothing_is_syntax():
    assert fts5_query(["lamp", " 宁波 "]) == '"lamp" AND " 宁波 "'
    assert fts5_query(['a"b OR', "NEAR(x*"]) == '"a""b OR" AND "NEAR(x*"'
