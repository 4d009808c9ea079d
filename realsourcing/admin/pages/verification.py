"""`/admin/verification`: the review queue, oldest first."""

from __future__ import annotations

import reflex as rx

from realsourcing.admin.states.verification import VerificationState
from realsourcing.profile.states.documents import DocumentView
from realsourcing.profile.terms import DOCUMENT_KINDS
from realsourcing.ui.i18n import name_of, pick, t
from realsourcing.ui.layout import loading, page


def _item(row: DocumentView) -> rx.Component:
    key = row["id"].to_string()
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.vstack(
                    rx.hstack(
                        rx.text(row["factory"], weight="bold", size="3"),
                        rx.cond(
                            row["expired_en"] != "",
                            rx.badge(
                                rx.icon("calendar-x", size=13),
                                pick(row["expired_en"], row["expired_zh"]),
                                color_scheme="red",
                                class_name="expired-flag",
                            ),
                        ),
                        align="center",
                        wrap="wrap",
                    ),
                    rx.cond(
                        (row["kind"] == "business_license") & (row["legal_names"] != ""),
                        rx.text(t("review.legal_names"), " ", row["legal_names"], size="2", class_name="legal-names"),
                    ),
                    rx.text(
                        name_of(row["kind"], DOCUMENT_KINDS),
                        " · ",
                        t("fac.number"),
                        " ",
                        row["number"],
                        " · ",
                        row["issuer"],
                        size="2",
                    ),
                    rx.text(
                        row["valid_from"],
                        " → ",
                        rx.cond(row["valid_until"] != "", row["valid_until"], t("fac.no_expiry")),
                        " · ",
                        t("review.waiting_since"),
                        " ",
                        row["uploaded"],
                        size="1",
                        color_scheme="gray",
                    ),
                    spacing="1",
                ),
                rx.spacer(),
                rx.link(
                    rx.button(rx.icon("eye", size=14), t("docs.view"), variant="soft", size="2"),
                    href="/api/documents/" + key,
                    is_external=True,
                    reload_document=True,
                    class_name="view-file",
                ),
                direction=rx.breakpoints(initial="column", sm="row"),
                spacing="3",
                width="100%",
            ),
            rx.flex(
                rx.input(
                    placeholder=t("review.reason_placeholder"),
                    aria_label=t("review.reason_placeholder"),
                    on_change=lambda v: VerificationState.set_reason(row["id"], v),
                    width="100%",
                    class_name="reject-reason",
                ),
                rx.button(
                    t("review.reject"),
                    color_scheme="red",
                    variant="soft",
                    on_click=VerificationState.decide(row["id"], False),
                    class_name="reject",
                ),
                rx.button(
                    rx.icon("check", size=14),
                    t("review.approve"),
                    color_scheme="green",
                    on_click=VerificationState.decide(row["id"], True),
                    class_name="approve",
                ),
                spacing="2",
                direction=rx.breakpoints(initial="column", sm="row"),
                width="100%",
            ),
            rx.cond(
                VerificationState.errors.contains(key),
                rx.text(VerificationState.errors[key], color_scheme="red", size="2", role="alert"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        class_name="review-item",
        custom_attrs={"data-factory": row["factory"], "data-kind": row["kind"]},
    )


def verification_page() -> rx.Component:
    return page(
        rx.cond(
            VerificationState.loaded,
            rx.vstack(
                rx.heading(t("review.title"), size="7", id="review-title"),
                rx.cond(
                    VerificationState.queue.length() > 0,
                    rx.foreach(VerificationState.queue, _item),
                    rx.callout(t("review.empty"), icon="badge-check", width="100%"),
                ),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
        width="900px",
    )
