"""The factory's webinars: list with registrations and attendance, create/edit, schedule, cancel."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from realsourcing.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from realsourcing.core.uploads import MAX_IMAGE_BYTES
from realsourcing.profile import catalog, media
from realsourcing.ui.session import SessionState
from realsourcing.ui.uploading import read_limited
from realsourcing.webinars import service as webinars
from realsourcing.webinars.service import WebinarForm
from realsourcing.webinars.states.public import WebinarCardView, card_view


class DashboardWebinarView(TypedDict):
    card: WebinarCardView
    attendees: int
    minutes: int
    who: str  # "Maya Thompson 42 min, Lukas Becker 30 min"


class DashboardWebinarsState(SessionState):
    loaded: bool = False
    rows: list[DashboardWebinarView] = []
    cancel_reason: str = ""

    def _reload(self):
        user = self.current_user()
        try:
            items = webinars.my_webinars(user)
        except PermissionDenied:
            return self.refuse(user)
        self.rows = [
            DashboardWebinarView(
                card=card_view(w.card),
                attendees=w.attendees,
                minutes=w.attended_minutes,
                who=", ".join(f"{name} {minutes} min" for name, minutes in w.who),
            )
            for w in items
        ]
        self.loaded = True

    @rx.event
    def open(self):
        self.loaded = False
        return self._reload()

    @rx.event
    def set_cancel_reason(self, value: str):
        self.cancel_reason = str(value)[:1000]

    @rx.event
    def schedule(self, webinar_id: int):
        return self.act(lambda user: webinars.schedule(user, int(webinar_id)), self._reload, "web.scheduled_ok")

    @rx.event
    def cancel(self, webinar_id: int):
        reason, self.cancel_reason = self.cancel_reason, ""
        return self.act(lambda user: webinars.cancel(user, int(webinar_id), reason), self._reload, "web.cancelled_ok")


class ProductChoice(TypedDict):
    id: str
    name_en: str
    name_zh: str


class WebinarEditorState(SessionState):
    loaded: bool = False
    webinar_id: int = 0
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    kind: str = "workshop_tour"
    language: str = "en"
    chosen: list[str] = []
    choices: list[ProductChoice] = []
    timezone: str = ""
    start_utc: str = ""
    cover_key: str = ""
    cover_error: str = ""

    @rx.event
    def open(self):
        self.loaded, self.errors = False, {}
        user = self.current_user()
        webinar_id = self.path_id(2)  # dashboard/webinars/new | dashboard/webinars/<id>/edit
        try:
            self.choices = [
                ProductChoice(id=str(p.id), name_en=p.name_en, name_zh=p.name_zh or p.name_en)
                for p in catalog.my_products(user)
                if p.status == "published"
            ]
            if webinar_id:
                self.webinar_id = webinar_id
                self.values = webinars.webinar_form(user, self.webinar_id)
            else:
                self.webinar_id, self.values = 0, {"duration_min": "60", "capacity": "100", "status": "draft"}
        except PermissionDenied:
            return self.refuse(user)
        except NotFound:
            return [rx.redirect("/dashboard/webinars"), rx.toast.error(self.tr("err.not_found"))]
        self.timezone, self.start_utc = webinars.start_preview(user, self.values.get("start_local", ""))
        self.cover_key, self.cover_error = self.values.get("cover_key", ""), ""
        self.kind = self.values.get("kind", "workshop_tour")
        self.language = self.values.get("language", "en")
        self.chosen = [p for p in self.values.get("product_ids", "").split(",") if p]
        self.loaded = True

    @rx.event
    def preview_start(self, value: str):
        self.timezone, self.start_utc = webinars.start_preview(self.current_user(), str(value))

    @rx.event
    def set_kind(self, value: str):
        self.kind = value

    @rx.event
    def set_language(self, value: str):
        self.language = value

    @rx.event
    def toggle_product(self, product_id: str):
        self.chosen = (
            [p for p in self.chosen if p != product_id] if product_id in self.chosen else [*self.chosen, product_id][:6]
        )

    @rx.event
    def save(self, form: dict):
        user = self.current_user()
        values = WebinarForm(
            title_en=str(form.get("title_en", "")),
            title_zh=str(form.get("title_zh", "")),
            kind=self.kind,
            description=str(form.get("description", "")),
            start_local=str(form.get("start_local", "")),
            duration_min=str(form.get("duration_min", "")),
            language=self.language,
            capacity=str(form.get("capacity", "")),
            product_ids=tuple(int(p) for p in self.chosen if p.isdigit()),
        )
        try:
            webinar_id = webinars.save_webinar(user, values, self.webinar_id or None)
            if form.get("schedule_now") and self.values.get("status", "draft") == "draft":
                webinars.schedule(user, webinar_id)
        except PermissionDenied:
            return self.refuse(user)
        except ValidationFailed as exc:
            self.errors = {field: self.tr(key) for field, key in exc.field_errors.items()}
            return rx.toast.error(self.tr(exc.key))
        except (NotFound, DomainError) as exc:
            return rx.toast.error(self.tr(exc.key))
        return [rx.redirect("/dashboard/webinars"), rx.toast.success(self.tr("web.saved"))]

    @rx.event
    async def upload_cover(self, files: list[rx.UploadFile]):
        user = self.current_user()
        self.cover_error = ""
        if not files or not self.webinar_id:
            return
        data = await read_limited(files[0], MAX_IMAGE_BYTES)
        try:
            asset_id = media.add_media(user, data, kind="webinar_cover")
            webinars.set_cover(user, self.webinar_id, asset_id)
        except PermissionDenied:
            return self.refuse(user)
        except DomainError as exc:
            self.cover_error = self.tr(exc.key, **exc.params)
            return
        self.cover_key = webinars.webinar_form(user, self.webinar_id)["cover_key"]
        return rx.clear_selected_files("webinar-cover")
