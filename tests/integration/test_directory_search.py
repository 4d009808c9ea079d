"""Directory search through the trigram index (issue 12): English and Chinese words of any length, filters,
ranking, honest capped counts, and an index that follows every change of factories and products."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from realsourcing.core.errors import ValidationFailed
from realsourcing.db import get_engine, session_scope
from realsourcing.profile import catalog, directory, factories
from realsourcing.profile.models import Factory
from realsourcing.profile.search_text import indexed_text
from tests.support.builders import a_factory, a_product


def a_tag() -> str:
    """A word no other factory holds."""
    return "zx" + uuid.uuid4().hex[:8]


def rare_chinese(count: int) -> list[str]:
    """Distinct CJK characters (Extension A) that no seeded text holds, different on every call."""
    start = 0x3400 + uuid.uuid4().int % 6000
    return [chr(start + i) for i in range(count)]


def named(owner, **changes: str) -> None:
    form = factories.profile_form(owner)
    form.update({"categories": form["categories"] or "home_kitchen", **changes})
    factories.update_profile(owner, form)


def slugs(**query) -> list[str]:
    return [card.slug for card in directory.search(directory.SearchQuery(**query)).cards]


def slug_of(owner) -> str:
    with session_scope() as db:
        return db.exec(select(Factory.slug).where(Factory.id == owner.factory_id)).one()


def test_english_words_match_anywhere_in_names_places_and_products():
    tag = a_tag()
    owner = a_factory(name=f"Lumen {tag} Works", city="Xiamen")
    a_product(owner, published=True, name_en="Rattan pendant lamp")
    slug = slug_of(owner)
    assert slugs(text=tag) == [slug]
    assert slugs(text=f"{tag.upper()} pendant") == [slug]  # any case, every word
    assert slugs(text=f"{tag} xiamen rattan") == [slug]
    assert slugs(text=f"{tag[2:]} endan") == [slug]  # parts of words too, as before
    assert slugs(text=f"{tag} bamboo") == []


def test_chinese_terms_of_one_two_and_three_characters():
    a, b, c, d, e = rare_chinese(5)
    owner = a_factory(name=f"Sino {a_tag()} Toys")
    named(owner, display_name_zh=f"{a}{b}{c}玩具厂")
    a_product(owner, published=True, name_en="Plush bear", name_zh=f"{d}{e}熊")
    slug = slug_of(owner)
    for text in (f"{a}{b}", f"{b}{c}", f"{a}{b}{c}", f"{a}{b}{c}玩具", b, f"{d}{e}", f"{a}{b} {d}{e}", f"{c} {a}"):
        assert slugs(text=text) == [slug], text
    assert slugs(text=f"{a}{c}") == []  # not next to each other in the text
    assert slugs(text=f"{c}{a}") == []
    assert slugs(text=f"{a}{b} {e}{d}") == []


def test_mixed_words_and_short_latin_words_with_filters():
    tag, (a, b) = a_tag(), rare_chinese(2)
    owner = a_factory(name=f"Vista {tag} Electronics", city="Shenzhen")
    named(owner, display_name_zh=f"{a}{b}电子", categories="electronics", typical_moq="200")
    a_product(owner, published=True, name_en="LED tv stand")
    slug = slug_of(owner)
    assert slugs(text=f"{a}{b} {tag}") == [slug]
    assert slugs(text=f"tv {tag}") == [slug]  # a two-letter word: LIKE on what the other words leave
    assert slugs(text=f"{tag} tv", category="electronics", province="440000", max_moq=500) == [slug]  # 广东
    assert slugs(text=f"{a}{b}", category="toys") == []
    assert slugs(text=f"{a}{b}", province="330000") == []  # 浙江
    assert slugs(text=f"{tag}", max_moq=100) == []
    assert slugs(text=f"{a}{b} tv", verified_only=True) == []  # a new factory is not verified
    assert slugs(text=f"{tag} 100%_off") == []  # LIKE wildcards stay literal
    assert slugs(text=f'{tag} "{tag}') == [] and slugs(text=f"{tag} OR NEAR(x*") == []  # FTS5 syntax is text


def test_the_factory_named_as_the_query_comes_first_then_names_holding_every_word():
    tag = a_tag()
    mention = a_factory(name="Harbour Crafts")
    a_product(mention, published=True, name_en=f"{tag} lantern")
    partial = a_factory(name=f"Great {tag} Lantern Works")
    exact = a_factory(name=f"{tag} Lantern")
    expected = [slug_of(exact), slug_of(partial), slug_of(mention)]
    assert slugs(text=f"{tag} lantern") == expected
    assert slugs(text=f"{tag.upper()}  LANTERN") == expected


def test_counts_stop_at_the_cap_and_say_so(monkeypatch):
    tag = a_tag()
    owners = [a_factory(name=f"{tag} Works {n}") for n in range(3)]
    exact = a_factory(name=f"{tag} works")
    monkeypatch.setattr(directory, "COUNT_CAP", 2)
    monkeypatch.setattr(directory, "PAGE_SIZE", 1)
    first = directory.search(directory.SearchQuery(text=f"{tag} works"))
    assert (first.total, first.total_capped, first.pages, first.page) == (2, True, 2, 1)
    assert [c.slug for c in first.cards] == [slug_of(exact)]  # past the cap, the exact name still leads
    last = directory.search(directory.SearchQuery(text=f"{tag} works", page=4))
    assert (last.total, last.total_capped, last.pages, last.page) == (4, False, 4, 4)
    beyond = directory.search(directory.SearchQuery(text=f"{tag} works", page=9))
    assert (beyond.total, beyond.total_capped, beyond.pages, beyond.page) == (4, False, 4, 4)
    every = set()
    for page in (1, 2, 3, 4):
        every |= {c.slug for c in directory.search(directory.SearchQuery(text=f"{tag} works", page=page)).cards}
    assert every == {slug_of(o) for o in [*owners, exact]}  # pages over the cap still reach every match


def test_index_follows_products_created_renamed_unpublished_and_deleted():
    tag, other, (a, b) = a_tag(), a_tag(), rare_chinese(2)
    owner = a_factory(name="Follow Works")
    slug = slug_of(owner)
    product_id = a_product(owner, name_en=f"{tag} kettle", name_zh=f"{a}{b}壶")
    assert slugs(text=tag) == [] and slugs(text=f"{a}{b}") == []  # a draft is not searchable
    catalog.set_published(owner, product_id, True)
    assert slugs(text=tag) == [slug] and slugs(text=f"{a}{b}") == [slug]
    form = catalog.product_form(owner, product_id)
    form.update(name_en=f"{other} kettle", name_zh="水壶")
    catalog.save_product(owner, form, product_id)
    assert slugs(text=tag) == [] and slugs(text=f"{a}{b}") == [] and slugs(text=other) == [slug]
    catalog.set_published(owner, product_id, False)
    assert slugs(text=other) == []
    catalog.set_published(owner, product_id, True)
    catalog.delete(owner, product_id)
    assert slugs(text=other) == []


def test_index_follows_factories_renamed_and_deleted():
    tag, renamed = a_tag(), a_tag()
    owner = a_factory(name=f"{tag} Ceramics")
    slug = slug_of(owner)
    assert slugs(text=tag) == [slug]
    named(owner, display_name_en=f"{renamed} Ceramics", legal_name_en=f"{renamed} Ceramics Co., Ltd.")
    assert slugs(text=tag) == [] and slugs(text=renamed) == [slug]
    gone = a_tag()
    with session_scope() as db:
        db.add(Factory(slug=f"gone-{gone}", legal_name_en=gone, display_name_en=gone, search_text=indexed_text([gone])))
    assert slugs(text=gone) == [f"gone-{gone}"]
    with session_scope() as db:
        db.delete(db.exec(select(Factory).where(Factory.slug == f"gone-{gone}")).one())
    assert slugs(text=gone) == []
    if get_engine().dialect.name == "sqlite":  # the FTS5 table let go of the row too
        with get_engine().connect() as connection:
            left = connection.exec_driver_sql(
                "SELECT count(*) FROM factory_search WHERE factory_search MATCH ?", (f'"{gone}"',)
            ).scalar_one()
        assert left == 0


@pytest.mark.parametrize("text", ["ningbo", "宁波", "toys", "玩具"])
def test_demo_marketplace_terms_find_what_like_found(text):
    """The seeded directory: the index finds exactly the factories whose text holds the word."""
    with session_scope() as db:
        expected = {f.slug for f in db.exec(select(Factory)).all() if text in f.search_text}
    result = directory.search(directory.SearchQuery(text=text))
    assert expected and result.total == len(expected) and not result.total_capped
    found = set()
    for page in range(1, result.pages + 1):
        found |= {c.slug for c in directory.search(directory.SearchQuery(text=text, page=page)).cards}
    assert found == expected


def test_a_factory_is_found_by_its_city_in_english_and_chinese_and_filtered_by_province_code():
    tag = a_tag()
    owner = a_factory(name=f"Harbour {tag} Works", city="宁波")
    slug = slug_of(owner)
    for text in (f"{tag} ningbo", f"{tag} 宁波", f"{tag} 宁波市", f"{tag} zhejiang", f"{tag} 浙江"):
        assert slugs(text=text) == [slug], text
    assert slugs(text=tag, province="330000") == [slug]  # 浙江
    assert slugs(text=tag, province="320000") == []  # 江苏
    named(owner, province="320000", city="320500")  # the owner moves the factory to 苏州
    assert slugs(text=f"{tag} suzhou") == [slug] and slugs(text=f"{tag} 苏州") == [slug]
    assert slugs(text=f"{tag} 宁波") == [] and slugs(text=tag, province="330000") == []


def test_the_profile_refuses_a_city_of_another_province_and_an_unknown_province():
    owner = a_factory(name=f"Harbour {a_tag()} Works")
    with pytest.raises(ValidationFailed) as wrong_city:
        named(owner, province="330000", city="320500")
    assert wrong_city.value.field_errors == {"city": "err.choose_city"}
    with pytest.raises(ValidationFailed) as typed:
        named(owner, province="Zhejiang", city="Ningbo")
    assert typed.value.field_errors == {"province": "err.choose_province"}
    with session_scope() as db:
        factory = db.get(Factory, owner.factory_id)
        assert (factory.province, factory.city) == ("330000", "330200")  # nothing saved
