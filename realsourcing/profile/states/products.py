"""The member's product catalogue: list, create/edit, publish, duplicate, delete."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from realsourcing.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from realsourcing.core.uploads import MAX_IMAGE_BYTES
from realsourcing.profile import catalog, media
from realsourcing.profile.terms import CATEGORIES, CUSTOMIZATION
from realsourcing.ui.session import SessionState
from realsourcing.ui.uploading import read_limited


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

    def _reload(self):
        user = self.current_user()
        try:
            products = catalog.my_products(user)
        except PermissionDenied:
            return self.refuse(user)
        self.rows = [
            ProductView(
                id=p.id,
                name_en=p.name_en,
                name_zh=p.name_zh or p.name_en,
                category=p.category,
                status=p.status,
                sample_price=catalog.cents_to_text(p.sample_price_cents),
                moq=str(p.moq or ""),
                image_key=p.image_key,
                updated=p.updated_at,
            )
            for p in products
        ]
        self.loaded = True

    @rx.event
    def open(self):
        self.loaded = False
        return self._reload()

    @rx.event
    def publish(self, product_id: int, published: bool):
        return self.act(lambda user: catalog.set_published(user, int(product_id), bool(published)), self._reload)

    @rx.event
    def duplicate(self, product_id: int):
        user = self.current_user()
        try:
            copy_id = catalog.duplicate(user, int(product_id))
        except (PermissionDenied, NotFound, ValueError, TypeError):
            return rx.toast.error(self.tr("err.not_found"))
        return rx.redirect(f"/dashboard/products/{copy_id}")

    @rx.event
    def delete(self, product_id: int):
        return self.act(lambda user: catalog.delete(user, int(product_id)), self._reload, "prod.deleted")


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

    def _load_images(self, user) -> None:
        self.images = [
            ImageView(id=m.id, thumb_key=m.thumbnail_key) for m in media.my_product_images(user, self.product_id)
        ]

    @rx.event
    def open(self):
        self.loaded = False
        self.errors, self.image_problems = {}, []
        user = self.current_user()
        ref = self.path_segment(-1)  # "new" or the product's id
        try:
            if ref == "new":
                catalog.my_products(user)  # membership check
                self.product_id, self.values, self.customization, self.images = (
                    0,
                    {"category": "", "status": "draft"},
                    [],
                    [],
                )
            else:
                self.product_id = int(ref)
                self.values = catalog.product_form(user, self.product_id)
                self.customization = [c for c in self.values["customization"].split(",") if c]
                self._load_images(user)
        except PermissionDenied:
            return self.refuse(user)
        except (NotFound, ValueError):
            return [rx.redirect("/dashboard/products"), rx.toast.error(self.tr("err.not_found"))]
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
        user = self.current_user()
        values = {name: str(form.get(name, "") or "") for name in catalog.PRODUCT_FORM_FIELDS}
        values["category"] = self.values.get("category", "")
        values["customization"] = ",".join(self.customization)
        try:
            product_id = catalog.save_product(user, values, self.product_id or None)
        except PermissionDenied:
            return self.refuse(user)
        except NotFound:
            return rx.toast.error(self.tr("err.not_found"))
        except ValidationFailed as exc:
            self.errors = {field: self.tr(key) for field, key in exc.field_errors.items()}
            return rx.toast.error(self.tr(exc.key))
        self.errors = {}
        if not self.product_id:
            return [rx.redirect(f"/dashboard/products/{product_id}"), rx.toast.success(self.tr("prod.saved"))]
        self.values = catalog.product_form(user, product_id)
        return rx.toast.success(self.tr("prod.saved"))

    @rx.event
    async def upload_images(self, files: list[rx.UploadFile]):
        user = self.current_user()
        problems = []
        for file in files[:10]:
            data = await read_limited(file, MAX_IMAGE_BYTES)
            try:
                media.add_media(user, data, product_id=self.product_id)
            except PermissionDenied:
                return self.refuse(user)
            except DomainError as exc:
                problems.append(f"{(file.filename or '?')[:80]}: {self.tr(exc.key, **exc.params)}")
        self.image_problems = problems
        self._load_images(user)
        return rx.clear_selected_files("product-images")

    @rx.event
    def remove_image(self, asset_id: int):
        user = self.current_user()
        try:
            media.delete(user, int(asset_id))
        except (PermissionDenied, NotFound, ValueError, TypeError):
            return rx.toast.error(self.tr("err.not_found"))
        self._load_images(user)
