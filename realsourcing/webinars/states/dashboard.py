"""The factory's webinars: list with registrations and attendance, create/edit, schedule, cancel."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

import reflex as rx

from realsourcing.accounts.identity import CurrentUser
from realsourcing.core import idempotency, timefmt
from realsourcing.core.errors import DomainError, NotFound, PermissionDenied
from realsourcing.core.offload import run_cpu
from realsourcing.core.uploads import MAX_IMAGE_BYTES
from realsourcing.profile import catalog, media
from realsourcing.ui.session import SessionState, id_from_client, refusals_shown
from realsourcing.ui.uploading import read_upload
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

    def _reload(self) -> None:
        user = self.user()
        self.rows = [
            DashboardWebinarView(
                card=card_view(w.card, user.timezone, self.lang),
                attendees=w.attendees,
                minutes=w.attended_minutes,
                who=", ".join(f"{name} {minutes} min" for name, minutes in w.who),
            )
            for w in webinars.my_webinars(user)
        ]
        self.loaded = True

    @rx.event
    @refusals_shown
    async def open(self):
        self.loaded = False
        self._reload()
        editor = await self.get_state(WebinarEditorState)  # the answer to a create is this list
        editor._new_key = editor._new_key.answered()

    @rx.event
    def set_cancel_reason(self, value: str):
        self.cancel_reason = str(value)[:1000]

    @rx.event
    @refusals_shown
    def schedule(self, webinar_id: int):
        webinars.schedule(self.user(), id_from_client(webinar_id))
        self._reload()
        return rx.toast.success(self.tr("web.scheduled_ok"))

    @rx.event
    @refusals_shown
    def cancel(self, webinar_id: int):
        reason, self.cancel_reason = self.cancel_reason, ""
        webinars.cancel(self.user(), id_from_client(webinar_id), reason)
        self._reload()
        return rx.toast.success(self.tr("web.cancelled_ok"))


NEW_WEBINAR_FORM = "/dashboard/webinars/new"


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
    timezone: str = ""  # the factory's zone, named as people know it
    start_utc: str = ""
    start_yours: str = ""  # the typed start, in the editor's own zone
    cover_key: str = ""
    cover_error: str = ""
    working: bool = False  # "Save" shows a spinner and takes no click while saving
    uploading: bool = False  # the cover's button likewise while the image is checked and stored
    _new_key: idempotency.FormKey = idempotency.FormKey()  # one webinar per key, however often "Save" is pressed

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded, self.errors, self.working, self.uploading = False, {}, False, False
        user = self.user()
        webinar_id = self.path_id(2)  # dashboard/webinars/new | dashboard/webinars/<id>/edit
        if not webinar_id:
            if self._new_key.unanswered(NEW_WEBINAR_FORM):  # created, but the answer never arrived
                return [rx.redirect("/dashboard/webinars"), rx.toast.success(self.tr("web.saved"))]
            self._new_key = self._new_key.opened(NEW_WEBINAR_FORM)  # kept when a reconnect runs this again
        self.choices = [
            ProductChoice(id=str(p.id), name_en=p.name_en, name_zh=p.name_zh or p.name_en)
            for p in catalog.my_products(user)
            if p.status == "published"
        ]
        try:
            if webinar_id:
                self.webinar_id = webinar_id
                self.values = webinars.webinar_form(user, self.webinar_id)
            else:
                self.webinar_id, self.values = 0, {"duration_min": "60", "capacity": "100", "status": "draft"}
        except NotFound:  # back to the list, which says so
            return [rx.redirect("/dashboard/webinars"), rx.toast.error(self.tr("err.not_found"))]
        self._preview(user, self.values.get("start_local", ""))
        self.cover_key, self.cover_error = self.values.get("cover_key", ""), ""
        self.kind = self.values.get("kind", "workshop_tour")
        self.language = self.values.get("language", "en")
        self.chosen = [p for p in self.values.get("product_ids", "").split(",") if p]
        self.loaded = True

    @rx.event
    @refusals_shown
    def preview_start(self, value: str):
        self._preview(self.user(), str(value))

    def _preview(self, user: CurrentUser, typed: str) -> None:
        zone, self.start_utc = webinars.start_preview(user, typed)
        start = datetime.fromisoformat(self.start_utc) if self.start_utc else None
        self.timezone = timefmt.zone_label(zone, self.lang, start) if zone else ""
        self.start_yours = timefmt.moment(start, user.timezone, self.lang) if start else ""

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
        self.working = True
        yield  # the button shows it is working before the webinar is checked and stored
        try:
            yield self._save(form)
        finally:
            self.working = False

    @refusals_shown
    def _save(self, form: dict):
        user = self.user()
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
        schedule_now = bool(form.get("schedule_now")) and self.values.get("status", "draft") == "draft"
        if not self.webinar_id:
            created = webinars.create_webinar(user, values, key=self._new_key.key, schedule_now=schedule_now)
            self._new_key = self._new_key.used_for(created)
        else:
            webinars.save_webinar(user, values, self.webinar_id)
            if schedule_now:
                webinars.schedule(user, self.webinar_id)
        return [rx.redirect("/dashboard/webinars"), rx.toast.success(self.tr("web.saved"))]

    @rx.event
    @refusals_shown
    async def upload_cover(self, files: list[rx.UploadFile]):
        user = self.user()
        self.cover_error = ""
        if not files or not self.webinar_id:
            return
        self.uploading = True
        yield
        try:
            data = await read_upload(files[0], MAX_IMAGE_BYTES)
            asset_id = await run_cpu(media.add_media, user, data, kind="webinar_cover")  # off the event loop
            webinars.set_cover(user, self.webinar_id, asset_id)
        except PermissionDenied:
            raise  # not a member: refusals_shown sends them away
        except DomainError as exc:  # not an image, too large…: said next to the cover
            self.cover_error = self.explain(exc)
            return
        finally:
            self.uploading = False
        self.cover_key = webinars.webinar_form(user, self.webinar_id)["cover_key"]
        yield rx.clear_selected_files("webinar-cover")
