"""`/dashboard/profile`: everything a buyer wants to know about the factory, in EN and ZH."""

from __future__ import annotations

import reflex as rx

from realsourcing.profile.states.profile_editor import ProfileState
from realsourcing.profile.terms import CATEGORIES
from realsourcing.ui.dashboard import dashboard_page
from realsourcing.ui.forms import check_label, field_error, section, text_area, text_field
from realsourcing.ui.i18n import pick, t
from realsourcing.ui.place_picker import place_pickers

V, E = ProfileState.values, ProfileState.errors


def _watch(name: str):
    """Compare a field with its saved value when the user leaves it (the unsaved-changes bar)."""
    return lambda value: ProfileState.check_dirty(name, value)


def _f(name: str, *, type_: str = "text", required: bool = False, **props) -> rx.Component:
    return text_field(
        f"profile.{name}",
        name,
        E.get(name, ""),
        value=V.get(name, ""),
        type_=type_,
        required=required,
        on_blur=_watch(name),
        **props,
    )


def _number(name: str) -> rx.Component:
    return _f(name, input_mode="numeric")


def _logo() -> rx.Component:
    return rx.card(
        rx.flex(
            rx.cond(
                ProfileState.logo_key != "",
                rx.image(
                    src=rx.get_upload_url(ProfileState.logo_key),
                    width="96px",
                    height="96px",
                    object_fit="contain",
                    border_radius="8px",
                    id="logo-preview",
                ),
                rx.center(
                    rx.icon("image", size=32, color=rx.color("gray", 8)),
                    width="96px",
                    height="96px",
                    background=rx.color("gray", 3),
                    border_radius="8px",
                ),
            ),
            rx.vstack(
                rx.text(t("profile.logo"), weight="bold"),
                rx.text(t("profile.logo_help"), size="1", color_scheme="gray"),
                rx.upload.root(
                    rx.button(
                        rx.icon("upload", size=14), t("profile.upload_logo"), variant="soft", size="2", type="button"
                    ),
                    id="logo",
                    accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]},
                    max_files=1,
                    multiple=False,
                    no_drag=True,
                    on_drop=ProfileState.upload_logo(rx.upload_files(upload_id="logo")),
                ),
                field_error(ProfileState.logo_error, "logo-error"),
                spacing="2",
            ),
            spacing="4",
            align="center",
        ),
        width="100%",
    )


def _categories() -> rx.Component:
    return rx.vstack(
        rx.text(t("profile.categories"), weight="medium", size="2"),
        rx.grid(
            *[
                check_label(
                    rx.checkbox(
                        checked=ProfileState.categories.contains(key),
                        on_change=lambda _checked, key=key: ProfileState.toggle_category(key),
                        id=f"cat-{key}",
                    ),
                    pick(en, zh),
                )
                for key, (en, zh) in CATEGORIES.items()
            ],
            columns=rx.breakpoints(initial="2", md="4"),
            spacing="2",
            width="100%",
        ),
        field_error(E.get("categories", ""), "categories-error"),
        width="100%",
        grid_column="1 / -1",
    )


def _save_bar() -> rx.Component:
    return rx.box(
        rx.flex(
            rx.cond(
                ProfileState.dirty, rx.text(t("profile.unsaved"), weight="medium", id="unsaved-warning"), rx.spacer()
            ),
            rx.spacer(),
            rx.cond(
                ProfileState.dirty,
                rx.button(
                    t("profile.discard"),
                    variant="soft",
                    color_scheme="gray",
                    type="button",
                    on_click=ProfileState.discard,
                ),
            ),
            rx.button(rx.icon("save", size=15), t("common.save"), type="submit", id="profile-save"),
            spacing="3",
            align="center",
            width="100%",
        ),
        position="sticky",
        bottom="0",
        padding="0.75em 1em",
        background=rx.cond(ProfileState.dirty, rx.color("amber", 3), rx.color("gray", 2)),
        border_top=f"1px solid {rx.color('gray', 5)}",
        border_radius="8px",
        width="100%",
        z_index="5",
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            section(
                "profile.identity",
                _f("legal_name_en", required=True),
                _f("legal_name_zh"),
                _f("display_name_en", required=True),
                _f("display_name_zh"),
            ),
            section(
                "profile.location",
                rx.box(
                    place_pickers(
                        ProfileState,
                        province_name="province",
                        city_name="city",
                        province_error=E.get("province", ""),
                        city_error=E.get("city", ""),
                        province_label="profile.province",
                        city_label="profile.city",
                        on_change=ProfileState.check_dirty,
                    ),
                    grid_column="1 / -1",
                ),
                rx.box(_f("address"), grid_column="1 / -1"),
            ),
            section(
                "profile.size", _number("founded_year"), _number("staff_count"), _number("floor_area_m2"), columns="3"
            ),
            section(
                "profile.trade",
                _categories(),
                _f("main_markets"),
                _number("export_share_pct"),
                _number("production_lines"),
                _f("monthly_capacity"),
                _number("typical_moq"),
                _number("lead_time_days"),
                _f("languages"),
            ),
            section(
                "profile.story",
                text_area(
                    "profile.about_en",
                    "about_en",
                    E.get("about_en", ""),
                    value=V.get("about_en", ""),
                    rows="6",
                    on_blur=_watch("about_en"),
                ),
                text_area(
                    "profile.about_zh",
                    "about_zh",
                    E.get("about_zh", ""),
                    value=V.get("about_zh", ""),
                    rows="6",
                    on_blur=_watch("about_zh"),
                ),
            ),
            section(
                "profile.contact",
                _f("contact_name"),
                _f("contact_email", type_="email"),
                _f("contact_phone", type_="tel"),
                columns="3",
            ),
            _save_bar(),
            spacing="4",
            width="100%",
        ),
        on_submit=ProfileState.save,
        width="100%",
    )


def dashboard_profile_page() -> rx.Component:
    return dashboard_page("profile", ProfileState.loaded, rx.heading(t("profile.title"), size="6"), _logo(), _form())
