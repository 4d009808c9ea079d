"""The member's product catalogue: list, create/edit, publish, duplicate, delete."""

from __future__ import annotations

from functools import partial
from typing import TypedDict

import reflex as rx

from realsourcing.accounts.identity import CurrentUser
from realsourcing.core import idempotency
from realsourcing.core.errors import NotFound
from realsourcing.core.money import format_money
from realsourcing.core.uploads import MAX_IMAGE_BYTES
from realsourcing.profile import catalog, media
from realsourcing.profile.terms import CATEGORIES, CUSTOMIZATION
from realsourcing.ui.session import SessionState, id_from_client, refusals_shown
from realsourcing.ui.uploading import store_each


class ProductView(TypedDict):
    id: int
    name_en: str
    name_zh: str
    category: str
    status: str
    sample_price: str
    moq: str
    image_key: str
    updated: str


class ProductsState(SessionState):
    loaded: bool = False
    rows: list[ProductView] = []

    def _reload(self) -> None:
        self.rows = [
            ProductView(
                id=p.id,
                name_en=p.name_en,
                name_zh=p.name_zh or p.name_en,
                category=p.category,
                status=p.status,
                sample_price=format_money(p.sample_price_cents, p.currency, self.lang)
                if p.sample_price_cents is not None
                else "",
                moq=str(p.moq or ""),
                image_key=p.image_key,
                updated=p.updated_at,
            )
            for p in catalog.my_products(self.user())
        ]
        self.loaded = True

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded = False
        self._reload()

    @rx.event
    @refusals_shown
    def publish(self, product_id: int, published: bool):
        catalog.set_published(self.user(), id_from_client(product_id), bool(published))
        self._reload()

    @rx.event
    @refusals_shown
    def duplicate(self, product_id: int):
        copy_id = catalog.duplicate(self.user(), id_from_client(product_id))
        return rx.redirect(f"/dashboard/products/{copy_id}")

    @rx.event
    @refusals_shown
    def delete(self, product_id: int):
        catalog.delete(self.user(), id_from_client(product_id))
        self._reload()
        return rx.toast.success(self.tr("prod.deleted"))  # said once it is done, never before


NEW_PRODUCT_FORM = "/dashboard/products/new"


class ImageView(TypedDict):
    id: int
    thumb_key: str


class ProductEditorState(SessionState):
    loaded: bool = False
    product_id: int = 0
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    customization: list[str] = []
    images: list[ImageView] = []
    image_problems: list[str] = []
    working: bool = False  # "Save" shows a spinner and takes no click while saving
    uploading: bool = False  # the images' button likewise while they are checked and stored
    _new_key: idempotency.FormKey = idempotency.FormKey()  # one product per key, however often "Save" is pressed

    def _load_images(self, user: CurrentUser) -> None:
        self.images = [
            ImageView(id=m.id, thumb_key=m.thumbnail_key) for m in media.my_product_images(user, self.product_id)
        ]

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded, self.working, self.uploading = False, False, False
        self.errors, self.image_problems = {}, []
        user = self.user()
        if self.path_segment(-1) == "new":
            catalog.my_products(user)  # membership check
            if made := self._new_key.unanswered(NEW_PRODUCT_FORM):  # created, but the answer never arrived
                return [rx.redirect(f"/dashboard/products/{made}"), rx.toast.success(self.tr("prod.saved"))]
            self._new_key = self._new_key.opened(NEW_PRODUCT_FORM)  # kept when a reconnect runs this again
            self.product_id, self.values, self.customization, self.images = (
                0,
                {"category": "", "status": "draft"},
                [],
                [],
            )
            self.loaded = True
            return
        try:
            self.product_id = id_from_client(self.path_segment(-1))
            if self.product_id == self._new_key.result_id:
                self._new_key = self._new_key.answered()  # "New product" makes another one from now on
            self.values = catalog.product_form(user, self.product_id)
        except NotFound:  # back to the list, which says so
            return [rx.redirect("/dashboard/products"), rx.toast.error(self.tr("err.not_found"))]
        self.customization = [c for c in self.values["customization"].split(",") if c]
        self._load_images(user)
        self.loaded = True

    @rx.event
    def set_category(self, value: str):
        if value in CATEGORIES:
            self.values = {**self.values, "category": value}

    @rx.event
    def toggle_option(self, key: str):
        if key in CUSTOMIZATION:
            self.customization = (
                [c for c in self.customization if c != key] if key in self.customization else [*self.customization, key]
            )

    @rx.event
    def save(self, form: dict):
        self.working = True
        yield  # the button shows it is working before the product is checked and stored
        try:
            yield self._save(form)
        finally:
            self.working = False

    @refusals_shown
    def _save(self, form: dict):
        user = self.user()
        values = {name: str(form.get(name, "") or "") for name in catalog.PRODUCT_FORM_FIELDS}
        values["category"] = self.values.get("category", "")
        values["customization"] = ",".join(self.customization)
        if not self.product_id:
            product_id = catalog.create_product(user, values, key=self._new_key.key)
            self._new_key = self._new_key.used_for(product_id)
            self.errors = {}
            return [rx.redirect(f"/dashboard/products/{product_id}"), rx.toast.success(self.tr("prod.saved"))]
        catalog.save_product(user, values, self.product_id)
        self.errors = {}
        self.values = catalog.product_form(user, self.product_id)
        return rx.toast.success(self.tr("prod.saved"))

    @rx.event
    @refusals_shown
    async def upload_images(self, files: list[rx.UploadFile]):
        user = self.user()
        self.uploading = True
        yield
        try:
            store = partial(media.add_media, user, product_id=self.product_id)
            _added, problems = await store_each(files[:10], MAX_IMAGE_BYTES, store, self.explain)
        finally:
            self.uploading = False
        self.image_problems = problems
        self._load_images(user)
        yield rx.clear_selected_files("product-images")

    @rx.event
    @refusals_shown
    def remove_image(self, asset_id: int):
        user = self.user()
        media.delete(user, id_from_client(asset_id))
        self._load_images(user)
