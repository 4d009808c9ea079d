"""`/dashboard/documents`: upload the licence and certificates; see each one's review status."""

from __future__ import annotations

import reflex as rx

from realsourcing.core.uploads import MAX_DOCUMENT_BYTES
from realsourcing.profile.pages.storage import storage_meter
from realsourcing.profile.states.documents import DocumentsState, DocumentView
from realsourcing.profile.terms import DOCUMENT_KINDS
from realsourcing.ui.dashboard import dashboard_page, status_badge
from realsourcing.ui.forms import SECOND_CLICK_MS, field_error, labelled
from realsourcing.ui.i18n import name_of, pick, t
from realsourcing.ui.uploading import refused_files

E = DocumentsState.errors


def _input(label_key: str, name: str, value: rx.Var, type_: str = "text") -> rx.Component:
    return labelled(
        label_key,
        f"doc-{name}",
        rx.input(
            id=f"doc-{name}",
            type=type_,
            value=value,
            on_change=lambda v: DocumentsState.set_field(name, v),
            size="3",
            width="100%",
        ),
        E.get(name, ""),
    )


def _upload_form() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("docs.add"), size="4"),
            rx.text(t("docs.help"), size="2", color_scheme="gray"),
            rx.grid(
                labelled(
                    "docs.kind",
                    "doc-kind",
                    rx.select.root(
                        rx.select.trigger(id="doc-kind", width="100%"),
                        rx.select.content(
                            *[rx.select.item(pick(en, zh), value=key) for key, (en, zh) in DOCUMENT_KINDS.items()]
                        ),
                        value=DocumentsState.kind,
                        on_change=DocumentsState.set_kind,
                        size="3",
                    ),
                    E.get("kind", ""),
                ),
                _input("docs.number", "number", DocumentsState.number),
                _input("docs.issuer", "issuer", DocumentsState.issuer),
                rx.grid(
                    _input("docs.valid_from", "valid_from", DocumentsState.valid_from, "date"),
                    _input("docs.valid_until", "valid_until", DocumentsState.valid_until, "date"),
                    columns="2",
                    spacing="3",
                ),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="4",
                width="100%",
            ),
            rx.upload.root(
                rx.vstack(
                    rx.icon("file-up", size=28, color=rx.color("accent", 9)),
                    rx.text(t("docs.choose_file"), size="2"),
                    rx.foreach(rx.selected_files("document"), lambda f: rx.badge(f, variant="soft")),
                    align="center",
                    spacing="2",
                ),
                id="document",
                accept={"application/pdf": [".pdf"], "image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"]},
                max_files=1,
                max_size=MAX_DOCUMENT_BYTES,  # a larger file is refused when chosen, never sent
                on_drop_rejected=lambda rejected: DocumentsState.refused_at_selection(refused_files(rejected)),
                multiple=False,
                border=f"2px dashed {rx.color('gray', 7)}",
                border_radius="8px",
                padding="1.25em",
                width="100%",
                cursor="pointer",
            ),
            field_error(E.get("file", ""), "doc-file-error"),
            field_error(E.get("form", ""), "doc-form-error"),
            rx.button(
                rx.icon("send", size=15),
                t("docs.submit"),
                on_click=DocumentsState.upload(rx.upload_files(upload_id="document")).throttle(SECOND_CLICK_MS),
                loading=DocumentsState.working,
                disabled=DocumentsState.working,
                id="doc-submit",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _row(row: DocumentView) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.vstack(
                rx.hstack(
                    rx.text(name_of(row["kind"], DOCUMENT_KINDS), weight="bold"),
                    status_badge(row["status"]),
                    align="center",
                    wrap="wrap",
                ),
                rx.text(t("fac.number"), " ", row["number"], " · ", row["issuer"], size="2", color_scheme="gray"),
                rx.text(
                    row["valid_from"],
                    " → ",
                    rx.cond(row["valid_until"] != "", row["valid_until"], t("fac.no_expiry")),
                    size="2",
                    color_scheme="gray",
                ),
                rx.cond(
                    row["status"] == "rejected",
                    rx.callout(
                        rx.text(t("docs.reason"), ": ", row["reason"]),
                        icon="circle-alert",
                        color_scheme="red",
                        size="1",
                        class_name="rejection-reason",
                    ),
                ),
                spacing="1",
            ),
            rx.spacer(),
            rx.hstack(
                rx.link(
                    rx.button(rx.icon("eye", size=14), t("docs.view"), variant="soft", size="1"),
                    href="/api/documents/" + row["id"].to_string(),
                    is_external=True,
                    reload_document=True,
                ),
                rx.button(
                    t("docs.remove"),
                    variant="ghost",
                    color_scheme="red",
                    size="1",
                    on_click=DocumentsState.remove(row["id"]),
                ),
            ),
            direction=rx.breakpoints(initial="column", sm="row"),
            spacing="3",
        ),
        width="100%",
        class_name="document-row",
    )


def dashboard_documents_page() -> rx.Component:
    return dashboard_page(
        "documents",
        DocumentsState.loaded,
        rx.heading(t("docs.title"), size="6"),
        storage_meter(DocumentsState.storage),
        _upload_form(),
        rx.cond(
            DocumentsState.rows.length() > 0,
            rx.foreach(DocumentsState.rows, _row),
            rx.callout(t("docs.none"), icon="info", width="100%"),
        ),
    )
