"""UI text, one catalogue per language: realsourcing/core/locales/<language>.json (key → text).

Every visible string has a key; pages show it with `ui.i18n.t(key)` (switches in the browser without a
round trip) and services and emails with `translate(key, lang)`. Adding a language is adding a file
beside the others (its code is the file name); tests/unit/test_i18n.py fails on a key missing in any
language, on an empty text and on placeholders that differ from the English ones. New keys go into
every file (English first; keep the files in the same key order).
"""

from __future__ import annotations

import json
from pathlib import Path

DEFAULT_LANGUAGE = "en"
LOCALES = Path(__file__).with_name("locales")


def load_catalogues(folder: Path = LOCALES) -> dict[str, dict[str, str]]:
    """Every <language>.json in the folder: {language: {key: text}}."""
    found = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))}
    if DEFAULT_LANGUAGE not in found:
        raise RuntimeError(f"the {DEFAULT_LANGUAGE} catalogue is missing from {folder}")
    return found


def languages_of(catalogues: dict[str, dict[str, str]]) -> tuple[str, ...]:
    """The default language first, then the others by code: ("en", "zh")."""
    return (DEFAULT_LANGUAGE, *sorted(lang for lang in catalogues if lang != DEFAULT_LANGUAGE))


def messages_of(catalogues: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """key → {language → text}, in the default catalogue's order (a language lacking a key has no entry)."""
    languages = languages_of(catalogues)
    return {
        key: {lang: catalogues[lang][key] for lang in languages if key in catalogues[lang]}
        for key in catalogues[DEFAULT_LANGUAGE]
    }


CATALOGUES: dict[str, dict[str, str]] = load_catalogues()
LANGUAGES: tuple[str, ...] = languages_of(CATALOGUES)
MESSAGES: dict[str, dict[str, str]] = messages_of(CATALOGUES)


def supported(language: str | None) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, language: str | None = None, **params: object) -> str:
    """The text for key in language (English when missing), with {placeholders} filled."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(supported(language)) or entry[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def from_accept_language(header: str | None) -> str:
    """The best supported language for an Accept-Language header (zh-CN, zh-TW… count as zh)."""
    best, best_q = DEFAULT_LANGUAGE, -1.0
    for part in (header or "").split(","):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        q = 1.0
        for p in pieces[1:]:
            if p.strip().startswith("q="):
                try:
                    q = float(p.strip()[2:])
                except ValueError:
                    q = 0.0
        primary = tag.split("-")[0]
        if primary in LANGUAGES and q > best_q:
            best, best_q = primary, q
    return best
