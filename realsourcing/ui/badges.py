"""A coloured, translated badge for a status that is one value of an enum (orders, meetings)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import reflex as rx

from realsourcing.ui.i18n import t_of


def status_badge_of(
    status: rx.Var, key_prefix: str, colors: dict[Any, str], class_name: str, fallback: str = "gray", **props: Any
) -> rx.Component:
    """`key_prefix + status` from the catalogue, in the status's colour (`colors` maps enum members)."""
    keys = tuple(f"{key_prefix}{member.value}" for member in colors if isinstance(member, StrEnum))
    scheme = rx.match(status, *[(member.value, color) for member, color in colors.items()], fallback)
    return rx.badge(t_of(key_prefix + status, keys), color_scheme=scheme, class_name=class_name, **props)
