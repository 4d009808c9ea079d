"""Editing the factory profile (members only)."""

from __future__ import annotations

import reflex as rx

from realsourcing.core.errors import DomainError, PermissionDenied, ValidationFailed
from realsourcing.core.uploads import MAX_IMAGE_BYTES
from realsourcing.profile import factories, media
from realsourcing.profile.terms import CATEGORIES
from realsourcing.ui.session import SessionState
from realsourcing.ui.uploading import read_limited


class ProfileState(SessionState):
    loaded: bool = False
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    categories: list[str] = []
    dirty: bool = False
    logo_key: str = ""
    logo_error: str = ""

    def _load(self):
        user = self.current_user()
        try:
            values = factories.profile_form(user)
        except PermissionDenied:
            return self.refuse(user)
        self.values = values
        self.categories = [c for c in values["categories"].split(",") if c]
        self.logo_key = values["logo_key"]
        self.errors, self.dirty, self.logo_error = {}, False, ""
        self.loaded = True

    @rx.event
    def open(self):
        self.loaded = False
        return self._load()

    @rx.event
    def discard(self):
        self.loaded = False  # re-mounts the form with the saved values
        yield
        yield self._load()

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
    def save(self, form: dict):
        user = self.current_user()
        values = {name: str(form.get(name, "") or "") for name in factories.PROFILE_FIELDS}
        values["categories"] = ",".join(self.categories)
        try:
            factories.update_profile(user, values)
        except PermissionDenied:
            return self.refuse(user)
        except ValidationFailed as exc:
            self.errors = {field: self.tr(key) for field, key in exc.field_errors.items()}
            return rx.toast.error(self.tr(exc.key))
        self.errors, self.dirty = {}, False
        self.values = factories.profile_form(user)
        return rx.toast.success(self.tr("profile.saved"))

    @rx.event
    async def upload_logo(self, files: list[rx.UploadFile]):
        user = self.current_user()
        self.logo_error = ""
        if not files:
            self.logo_error = self.tr("docs.no_file")
            return
        data = await read_limited(files[0], MAX_IMAGE_BYTES)
        try:
            asset_id = media.add_media(user, data, kind="logo")
            factories.set_logo(user, asset_id)
        except PermissionDenied:
            return self.refuse(user)
        except DomainError as exc:
            self.logo_error = self.tr(exc.key, **exc.params)
            return
        self.logo_key = factories.profile_form(user)["logo_key"]
        return rx.clear_selected_files("logo")
