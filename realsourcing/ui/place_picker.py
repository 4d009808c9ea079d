"""Province then city: two native selects (keyboard-usable, type-ahead), labels in the visitor's language.

The city select lists only the chosen province's cities (at most ~20, so no search box is needed); a
municipality, SAR or Taiwan is its own single city and is chosen with its province. The server checks
the pair again (core.divisions.place_errors): these pickers only make the right choice easy.
"""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from realsourcing.core import divisions
from realsourcing.ui.forms import field_error
from realsourcing.ui.i18n import pick, t


class PlaceOption(TypedDict):
    value: str
    en: str
    zh: str


def _options(items: tuple[divisions.Division, ...]) -> list[PlaceOption]:
    # English alphabetical order; for Chinese readers that is pinyin order, as Chinese pickers often use.
    return [PlaceOption(value=d.code, en=d.en, zh=d.zh) for d in sorted(items, key=lambda d: d.en.casefold())]


PROVINCE_OPTIONS = _options(divisions.provinces())


class PlaceChoice(rx.State, mixin=True):
    """The province and city a form is choosing (mix into the form's page state)."""

    place_province: str = ""
    place_city: str = ""

    @rx.var
    def city_options(self) -> list[PlaceOption]:
        return _options(divisions.cities_of(self.place_province))

    def _show_place(self, province: str, city: str) -> None:
        """Start from stored values; a place typed before the pickers existed starts unchosen."""
        self.place_province = province if divisions.is_province(province) else ""
        self.place_city = city if divisions.city_in_province(city, self.place_province) else ""

    @rx.event
    def choose_province(self, code: str):
        code = str(code)
        self.place_province = code if divisions.is_province(code) else ""
        cities = divisions.cities_of(self.place_province)
        if len(cities) == 1:
            self.place_city = cities[0].code  # Shanghai is its own city
        elif not divisions.city_in_province(self.place_city, self.place_province):
            self.place_city = ""

    @rx.event
    def choose_city(self, code: str):
        code = str(code)
        self.place_city = code if divisions.city_in_province(code, self.place_province) else ""


_SELECT_STYLE = {
    "width": "100%",
    "height": "40px",
    "border-radius": "6px",
    "padding": "0 8px",
    "border": f"1px solid {rx.color('gray', 7)}",
    "background": rx.color("gray", 1),
    "color": rx.color("gray", 12),
    "font-size": "14px",
}


def _label(key: str, name: str) -> rx.Component:
    return rx.el.label(
        t(key),
        html_for=name,
        style={"font-weight": "500", "font-size": "14px"},
    )


def place_pickers(
    state: type[PlaceChoice],
    *,
    province_name: str,
    city_name: str,
    province_error: rx.Var,
    city_error: rx.Var,
    province_label: str = "place.province",
    city_label: str = "place.city",
    on_change: rx.EventHandler | None = None,
) -> rx.Component:
    """The two selects side by side (stacked on a phone), named for the form that holds them.

    on_change(name, value), when given, also hears each choice (the profile editor's "unsaved" flag).
    """

    def heard(handler, name: str):
        return (lambda v: [handler(v), on_change(name, v)]) if on_change is not None else handler

    province = rx.vstack(
        _label(province_label, province_name),
        rx.el.select(
            rx.el.option(t("place.choose_province"), value=""),
            *[rx.el.option(pick(o["en"], o["zh"]), value=o["value"]) for o in PROVINCE_OPTIONS],
            id=province_name,
            name=province_name,
            value=state.place_province,
            on_change=heard(state.choose_province, province_name),
            required=True,
            aria_invalid=rx.cond(province_error != "", "true", "false"),
            aria_describedby=f"{province_name}-error",
            style=_SELECT_STYLE,
        ),
        field_error(province_error, f"{province_name}-error"),
        spacing="1",
        width="100%",
    )
    city = rx.vstack(
        _label(city_label, city_name),
        rx.el.select(
            rx.el.option(
                rx.cond(state.place_province == "", t("place.choose_province_first"), t("place.choose_city")),
                value="",
            ),
            rx.foreach(state.city_options, lambda o: rx.el.option(pick(o["en"], o["zh"]), value=o["value"])),
            id=city_name,
            name=city_name,
            value=state.place_city,
            on_change=heard(state.choose_city, city_name),
            disabled=state.place_province == "",
            required=True,
            aria_invalid=rx.cond(city_error != "", "true", "false"),
            aria_describedby=f"{city_name}-error",
            style=_SELECT_STYLE,
        ),
        field_error(city_error, f"{city_name}-error"),
        spacing="1",
        width="100%",
    )
    return rx.grid(province, city, columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%")
