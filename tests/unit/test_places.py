"""Countries are codes named in the reader's language; phone numbers are checked for the country they are for."""

from __future__ import annotations

import pytest

from realsourcing.core import places


def test_every_country_offered_is_an_iso_code_with_a_name_in_both_languages():
    codes = places.country_codes()
    assert {"US", "DE", "AU", "CN", "GB", "JP", "BR"} <= codes
    assert not codes & {"EU", "UN", "ZZ", "001"}  # groupings and unknowns are not countries
    for code in codes:
        assert len(code) == 2 and code.isupper()
        assert places.country_name(code, "en") != code
        assert places.country_name(code, "zh") != code


def test_countries_are_named_and_ordered_for_the_reader():
    assert places.country_name("DE", "en") == "Germany"
    assert places.country_name("DE", "zh") == "德国"
    assert places.country_name("de", "en") == "Germany"
    names = [name for _, name in places.country_choices("en")]
    assert names == sorted(names, key=str.casefold)
    assert places.country_name("XX", "en") == "XX"  # unknown codes are shown as they are, never invented


@pytest.mark.parametrize(
    ("number", "country", "expected"),
    [
        ("503 555 0100", "US", "+1 503-555-0100"),
        ("+1 (503) 555-0100", "US", "+1 503-555-0100"),
        ("030 123456", "DE", "+49 30 123456"),
        ("138 1234 5678", "CN", "+86 138 1234 5678"),
        ("+86 138 1234 5678", "US", "+86 138 1234 5678"),  # a number with its own prefix keeps it
    ],
)
def test_real_numbers_are_kept_in_international_format(number: str, country: str, expected: str):
    assert places.international_phone(number, country) == expected


@pytest.mark.parametrize(
    ("number", "country"),
    [("12", "US"), ("555 0100", "US"), ("call me", "DE"), ("", "AU"), ("138 1234", "CN"), ("503 555 0100", "")],
)
def test_numbers_that_cannot_be_dialled_are_refused(number: str, country: str):
    assert places.international_phone(number, country) is None


def test_the_phone_hint_shows_a_number_of_the_chosen_country():
    assert places.example_phone("DE").startswith("+49 ")
    assert places.example_phone("") == ""
