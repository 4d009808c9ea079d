"""Countries and phone numbers as structure: ISO 3166 codes named by Babel, numbers checked by phonenumbers.

A country is stored as its ISO 3166-1 alpha-2 code and named in the reader's language ("DE" →
"Germany" / "德国"); the list is the regions both Babel names and phonenumbers knows, so every
country offered can also check its phone numbers. A phone number is parsed in the context of the
country it is for, refused when it cannot be a real number there, and kept in international format
("+1 503-555-0100") so a factory in another country can dial it.
"""

from __future__ import annotations

from functools import cache

import phonenumbers
from babel import Locale

LOCALES = {"en": "en", "zh": "zh_Hans"}


@cache
def _names(lang: str) -> dict[str, str]:
    territories = Locale.parse(LOCALES.get(lang, "en")).territories
    return {code: territories[code] for code in phonenumbers.SUPPORTED_REGIONS if code in territories}


def country_codes() -> frozenset[str]:
    return frozenset(_names("en"))


def is_country(code: object) -> bool:
    return isinstance(code, str) and code.upper() in _names("en")


def country_name(code: str, lang: str) -> str:
    """The country as the reader calls it; an unknown code is shown as it is."""
    return _names(lang).get(code.upper(), code)


@cache
def country_choices(lang: str) -> tuple[tuple[str, str], ...]:
    """(code, name) for a picker, in the reader's alphabetical order of names."""
    names = _names(lang)
    return tuple(sorted(names.items(), key=lambda item: item[1].casefold()))


def international_phone(number: str, country: str) -> str | None:
    """The number in international format when it can be a real number for `country`, else None.

    A number written with its own + prefix is read as such (a buyer may give a phone of another country).
    """
    try:
        parsed = phonenumbers.parse(number, country.upper() if is_country(country) else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def example_phone(country: str) -> str:
    """A real-looking number of that country, for the field's hint ("+49 30 123456")."""
    example = phonenumbers.example_number(country.upper()) if is_country(country) else None
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL) if example else ""
