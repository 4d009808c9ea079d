"""Editing the factory profile (members only)."""

from __future__ import annotations

import reflex as rx

from realsourcing.core.errors import DomainError, PermissionDenied
from realsourcing.core.offload import run_cpu
from realsourcing.core.uploads import MAX_IMAGE_BYTES
from realsourcing.profile import factories, media
from realsourcing.profile.terms import CATEGORIES
from realsourcing.ui.place_picker import PlaceChoice
from realsourcing.ui.session import SessionState, refusals_shown
from realsourcing.ui.uploading import read_upload


class ProfileState(PlaceChoice, SessionState):
    loaded: bool = False
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    categories: list[str] = []
    dirty: bool = False
    logo_key: str = ""
    logo_error: str = ""

    def _load(self) -> None:
        values = factories.profile_form(self.user())
        self.values = values
        self.categories = [c for c in values["categories"].split(",") if c]
        self.logo_key = values["logo_key"]
        self._show_place(values["province"], values["city"])
        self.errors, self.dirty, self.logo_error = {}, False, ""
        self.loaded = True

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded = False
        self._load()

    @rx.event
    @refusals_shown
    def discard(self):
        self.loaded = False  # re-mounts the form with the saved values
        yield
        self._load()

    @rx.event
    def check_dirty(self, name: str, value: str):
        if not self.dirty and str(value).strip() != self.values.get(name, "").strip():
            self.dirty = True

    @rx.event
    def toggle_category(self, key: str):
        if key not in CATEGORIES:
            return
        self.categories = (
            [c for c in self.categories if c != key] if key in self.categories else [*self.categories, key][:5]
        )
        self.dirty = True

    @rx.event
    @refusals_shown
    def save(self, form: dict):
        user = self.user()
        values = {name: str(form.get(name, "") or "") for name in factories.PROFILE_FIELDS}
        values["categories"] = ",".join(self.categories)
        factories.update_profile(user, values)
        self.errors, self.dirty = {}, False
        self.values = factories.profile_form(user)
        self._show_place(self.values["province"], self.values["city"])
        return rx.toast.success(self.tr("profile.saved"))

    @rx.event
    @refusals_shown
    async def upload_logo(self, files: list[rx.UploadFile]):
        user = self.user()
        self.logo_error = ""
        if not files:
            self.logo_error = self.tr("docs.no_file")
            return
        try:
            data = await read_upload(files[0], MAX_IMAGE_BYTES)
            await run_cpu(media.replace_logo, user, data)  # decoding and re-encoding: off the event loop
        except PermissionDenied:
            raise  # not a member: refusals_shown sends them away
        except DomainError as exc:  # not an image, too large…: said next to the logo
            self.logo_error = self.explain(exc)
            return
        self.logo_key = factories.profile_form(user)["logo_key"]
        return rx.clear_selected_files("logo")
