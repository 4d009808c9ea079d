"""Products: a factory's catalogue and its sample terms.

Rules:
- Members manage their own factory's products only; a product id from the client is always checked.
- Deleting is soft (deleted_at): orders keep pointing at the product.
- Drafts and deleted products are never shown to buyers.
- Prices are integer cents; a sample price of "" means samples are not offered.
- A product is created once per form key (core/idempotency.py): a double click on the editor's save, or
  a retry of it, answers with the first product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.core import idempotency, responsive
from realsourcing.core.errors import NotFound, ValidationFailed
from realsourcing.db import id_of, session_scope, utcnow
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.factories import refresh_search_text
from realsourcing.profile.membership import require_member
from realsourcing.profile.models import Factory, MediaAsset
from realsourcing.profile.terms import CATEGORIES, CUSTOMIZATION

MAX_SPECS = 20
PRODUCT_FORM_FIELDS = (
    "name_en",
    "name_zh",
    "category",
    "description_en",
    "description_zh",
    "price_min",
    "price_max",
    "moq",
    "sample_price",
    "sample_max_qty",
    "sample_lead_time_days",
    "customization",
    "specifications",
)


@dataclass(frozen=True)
class ProductRow:
    id: int
    name_en: str
    name_zh: str
    category: str
    status: str
    sample_price_cents: int | None
    currency: str
    moq: int | None
    image_key: str
    updated_at: str


def _owned(db: Session, factory: Factory, product_id: int) -> Product:
    product = db.get(Product, product_id)
    if product is None or product.factory_id != factory.id or product.deleted_at is not None:
        raise NotFound()
    return product


def money_to_cents(raw: str) -> int | None:
    """'12.5' → 1250; '' → None; anything else raises ValueError."""
    raw = (raw or "").strip().replace(",", "")
    if not raw:
        return None
    if not re.fullmatch(r"\d{1,7}(\.\d{1,2})?", raw):
        raise ValueError(raw)
    return int(Decimal(raw) * 100)


def cents_to_text(cents: int | None) -> str:
    """Cents as the plain "12.50" a form's input holds (people read amounts through core.money.format_money)."""
    return "" if cents is None else f"{Decimal(cents) / 100:.2f}"


def parse_specifications(raw: str) -> dict[str, str]:
    """'Material: steel' lines → {'Material': 'steel'}; raises ValueError on a line without ':'."""
    specs: dict[str, str] = {}
    for line in (raw or "").splitlines():
        if not line.strip():
            continue
        if ":" not in line and "：" not in line:
            raise ValueError(line)
        key, value = re.split(r"[:：]", line, maxsplit=1)
        key, value = " ".join(key.split())[:60], " ".join(value.split())[:200]
        if key and value:
            specs[key] = value
    if len(specs) > MAX_SPECS:
        raise ValueError("too many")
    return specs


def _clean(form: dict[str, str]) -> dict[str, object]:
    errors: dict[str, str] = {}
    clean: dict[str, object] = {}
    for name, limit, required in (
        ("name_en", 200, True),
        ("name_zh", 200, False),
        ("description_en", 4000, False),
        ("description_zh", 4000, False),
    ):
        value = str(form.get(name, "") or "").strip()
        if not name.startswith("description"):
            value = " ".join(value.split())
        if required and len(value) < 2:
            errors[name] = "err.required"
        elif len(value) > limit:
            errors[name] = "err.too_long"
        clean[name] = value
    category = str(form.get("category", "") or "")
    if category not in CATEGORIES:
        errors["category"] = "err.choose_category"
    clean["category"] = category
    for name, field_name in (
        ("price_min", "price_min_cents"),
        ("price_max", "price_max_cents"),
        ("sample_price", "sample_price_cents"),
    ):
        try:
            clean[field_name] = money_to_cents(str(form.get(name, "") or ""))
        except ValueError:
            errors[name] = "err.money"
    price_min, price_max = clean.get("price_min_cents"), clean.get("price_max_cents")
    if (
        not errors.get("price_max")
        and isinstance(price_min, int)
        and isinstance(price_max, int)
        and price_max < price_min
    ):
        errors["price_max"] = "err.max_below_min"
    for name, low, high in (("moq", 1, 10_000_000), ("sample_max_qty", 0, 100), ("sample_lead_time_days", 1, 120)):
        raw = str(form.get(name, "") or "").strip()
        if not raw:
            clean[name] = None
        elif not re.fullmatch(r"\d+", raw) or not low <= int(raw) <= high:
            errors[name] = "err.out_of_range"
        else:
            clean[name] = int(raw)
    if clean.get("sample_price_cents") is not None:
        if not clean.get("sample_max_qty"):
            errors["sample_max_qty"] = "err.sample_qty_required"
        if clean.get("sample_lead_time_days") is None:
            errors["sample_lead_time_days"] = "err.required"
    clean["sample_max_qty"] = clean.get("sample_max_qty") or 0
    options = [o for o in str(form.get("customization", "") or "").split(",") if o]
    if any(o not in CUSTOMIZATION for o in options):
        errors["customization"] = "err.unknown_option"
    clean["customization"] = options
    try:
        clean["specifications"] = parse_specifications(str(form.get("specifications", "") or ""))
    except ValueError:
        errors["specifications"] = "err.specifications"
    if errors:
        raise ValidationFailed(errors)
    return clean


def my_products(actor: CurrentUser) -> list[ProductRow]:
    with session_scope() as db:
        factory = require_member(db, actor)
        products = db.exec(
            select(Product)
            .where(Product.factory_id == factory.id, col(Product.deleted_at).is_(None))
            .order_by(col(Product.updated_at).desc(), col(Product.id).desc())
        ).all()
        images = first_images(db, [id_of(p) for p in products])
        return [
            ProductRow(
                id_of(p),
                p.name_en,
                p.name_zh,
                p.category,
                p.status,
                p.sample_price_cents,
                p.currency,
                p.moq,
                images.get(id_of(p), ""),
                p.updated_at.strftime("%Y-%m-%d"),
            )
            for p in products
        ]


def first_images(db: Session, product_ids: list[int]) -> dict[int, str]:
    """Each product's first image's thumbnail key."""
    return {product_id: image.thumb for product_id, image in first_card_images(db, product_ids).items()}


def first_card_images(db: Session, product_ids: list[int]) -> dict[int, responsive.CardImage]:
    """Each product's first image for its card: thumbnail and WebP derivatives (one statement)."""
    if not product_ids:
        return {}
    rows = db.exec(
        select(MediaAsset)
        .where(col(MediaAsset.product_id).in_(product_ids))
        .order_by(col(MediaAsset.position), col(MediaAsset.id))
    ).all()
    images: dict[int, responsive.CardImage] = {}
    for a in rows:
        if a.product_id is not None and a.product_id not in images:  # the query asked for these product ids only
            images[a.product_id] = responsive.card_image(
                a.thumbnail_key, a.storage_key, a.derivative_widths, a.width, a.height
            )
    return images


def product_form(actor: CurrentUser, product_id: int) -> dict[str, str]:
    with session_scope() as db:
        product = _owned(db, require_member(db, actor), product_id)
        return {
            "name_en": product.name_en,
            "name_zh": product.name_zh,
            "category": product.category,
            "description_en": product.description_en,
            "description_zh": product.description_zh,
            "price_min": cents_to_text(product.price_min_cents),
            "price_max": cents_to_text(product.price_max_cents),
            "moq": str(product.moq or ""),
            "sample_price": cents_to_text(product.sample_price_cents),
            "sample_max_qty": str(product.sample_max_qty or ""),
            "sample_lead_time_days": str(product.sample_lead_time_days or ""),
            "customization": ",".join(product.customization),
            "specifications": "\n".join(f"{k}: {v}" for k, v in product.specifications.items()),
            "status": product.status,
        }


PRODUCT_KIND = "product"


@idempotency.once(PRODUCT_KIND)
def create_product(actor: CurrentUser, form: dict[str, str], *, key: str) -> int:
    """A new draft product of the actor's factory; returns its id (the first one's for a repeated key)."""
    with session_scope() as db:
        require_member(db, actor)  # before validating anything
    clean = _clean(form)
    with session_scope() as db:
        factory = require_member(db, actor)
        product = Product(factory_id=id_of(factory), name_en="", category="")
        _write(db, factory, product, clean)
        idempotency.remember(db, id_of(product))
        return id_of(product)


def save_product(actor: CurrentUser, form: dict[str, str], product_id: int | None = None) -> int:
    """Update a product of the actor's factory (or, with no id, create one with a key of its own); returns its id.

    The browser creates through `create_product` with its form's key; this is for server-side callers.
    """
    if not product_id:
        return create_product(actor, form, key=idempotency.new_key())
    with session_scope() as db:
        _owned(db, require_member(db, actor), product_id)
    clean = _clean(form)
    with session_scope() as db:
        factory = require_member(db, actor)
        _write(db, factory, _owned(db, factory, product_id), clean)
        return product_id


def _write(db: Session, factory: Factory, product: Product, clean: dict[str, object]) -> None:
    for name, value in clean.items():
        setattr(product, name, value)  # names from _clean's fixed list, never from the client
    product.updated_at = utcnow()
    db.add(product)
    db.flush()
    refresh_search_text(db, factory)


def set_published(actor: CurrentUser, product_id: int, published: bool) -> None:
    with session_scope() as db:
        factory = require_member(db, actor)
        product = _owned(db, factory, product_id)
        product.status = ProductStatus.PUBLISHED.value if published else ProductStatus.DRAFT.value
        product.updated_at = utcnow()
        db.add(product)
        db.flush()
        refresh_search_text(db, factory)


def duplicate(actor: CurrentUser, product_id: int) -> int:
    """A draft copy (same terms, "(copy)" in the name) to start a variant from."""
    with session_scope() as db:
        factory = require_member(db, actor)
        source = _owned(db, factory, product_id)
        copy = Product(
            **source.model_dump(
                exclude={"id", "created_at", "updated_at", "status", "deleted_at", "name_en", "name_zh"}
            ),
            name_en=f"{source.name_en} (copy)"[:200],
            name_zh=f"{source.name_zh}（副本）"[:200] if source.name_zh else "",
            status=ProductStatus.DRAFT.value,
        )
        db.add(copy)
        db.flush()
        return id_of(copy)


def delete(actor: CurrentUser, product_id: int) -> None:
    """Soft delete: hidden everywhere, kept for the orders that name it."""
    with session_scope() as db:
        factory = require_member(db, actor)
        product = _owned(db, factory, product_id)
        product.deleted_at = utcnow()
        product.status = ProductStatus.DRAFT.value
        db.add(product)
        db.flush()
        refresh_search_text(db, factory)
