"""Translated text in components: switches language in the browser, without a round trip."""

from __future__ import annotations

import reflex as rx

from realsourcing.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, MESSAGES
from realsourcing.ui.session import SessionState


def t(key: str) -> rx.Var:
    """The text for key in the visitor's current language."""
    entry = MESSAGES[key]  # KeyError at compile time: a typo never reaches a user
    default = entry[DEFAULT_LANGUAGE]
    others = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    if len(others) == 1:
        return rx.cond(SessionState.lang == others[0], entry.get(others[0], default), default)
    return rx.match(SessionState.lang, *[(lang, entry.get(lang, default)) for lang in others], default)


def pick(en: rx.Var | str, zh: rx.Var | str) -> rx.Var:
    """Choose between two data values (e.g. a factory's English and Chinese names)."""
    return rx.cond(SessionState.lang == "zh", zh, en)


def t_of(key: rx.Var, keys: tuple[str, ...] | list[str]) -> rx.Var:
    """Translated text for a key chosen at run time among known keys (e.g. a next step)."""
    return rx.match(key, *[(k, t(k)) for k in keys], key)


def name_of(key: rx.Var, names: dict[str, tuple[str, str]]) -> rx.Var:
    """The English or Chinese name of a vocabulary key (category, document kind…)."""
    return rx.match(key, *[(k, rx.cond(SessionState.lang == "zh", zh, en)) for k, (en, zh) in names.items()], key)


def moment_locale() -> rx.Var:
    """Dates and "in 2 days" countdowns in the visitor's language."""
    return rx.cond(SessionState.lang == "zh", "zh-cn", "en")
