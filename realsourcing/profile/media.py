"""A factory's workshop photos and videos: add, caption, reorder, choose the cover, remove.

Every function works on the actor's own factory; an asset id from the client is always checked
to belong to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core.errors import NotFound, ValidationFailed
from realsourcing.core.uploads import VIDEO_TYPES, sniff, store_image, store_video
from realsourcing.db import id_of, session_scope
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.membership import require_member
from realsourcing.profile.models import Factory, MediaAsset, MediaKind

MAX_GALLERY_ITEMS = 60


@dataclass(frozen=True)
class MediaRow:
    id: int
    kind: str
    key: str
    thumbnail_key: str
    content_type: str
    caption_en: str
    caption_zh: str
    is_cover: bool
    position: int


def _owned(db: Session, factory: Factory, asset_id: int) -> MediaAsset:
    asset = db.get(MediaAsset, asset_id)
    if asset is None or asset.factory_id != factory.id:
        raise NotFound()
    return asset


def _gallery(db: Session, factory_id: int, product_id: int | None = None) -> list[MediaAsset]:
    query = select(MediaAsset).where(
        MediaAsset.factory_id == factory_id, col(MediaAsset.kind).in_([MediaKind.IMAGE.value, MediaKind.VIDEO.value])
    )
    query = (
        query.where(MediaAsset.product_id == product_id)
        if product_id
        else query.where(col(MediaAsset.product_id).is_(None))
    )
    return list(db.exec(query.order_by(col(MediaAsset.position), col(MediaAsset.id))).all())


def rows(assets: list[MediaAsset]) -> list[MediaRow]:
    return [
        MediaRow(
            id_of(a),
            a.kind,
            a.storage_key,
            a.thumbnail_key or a.storage_key,
            a.content_type,
            a.caption_en,
            a.caption_zh,
            a.is_cover,
            a.position,
        )
        for a in assets
    ]


def my_gallery(actor: CurrentUser) -> list[MediaRow]:
    with session_scope() as db:
        factory = require_member(db, actor)
        return rows(_gallery(db, id_of(factory)))


def add_media(
    actor: CurrentUser, data: bytes, *, product_id: int | None = None, kind: str = MediaKind.IMAGE.value
) -> int:
    """Check and store one photo or video (or the logo); returns the new asset's id."""
    with session_scope() as db:
        factory_id = id_of(require_member(db, actor))
        if product_id is not None:
            product = db.get(Product, product_id)
            if product is None or product.factory_id != factory_id:
                raise NotFound()
        count = db.exec(select(func.count()).where(MediaAsset.factory_id == factory_id)).one()
        if count >= MAX_GALLERY_ITEMS * 4:
            raise ValidationFailed({"file": "err.gallery_full"})
        next_position = (
            db.exec(
                select(func.coalesce(func.max(MediaAsset.position), -1)).where(MediaAsset.factory_id == factory_id)
            ).one()
            + 1
        )
    root = get_settings().media_dir
    folder = f"factories/{factory_id}"
    if kind == MediaKind.IMAGE.value and sniff(data[:64]) in VIDEO_TYPES:
        stored = store_video(data, root, folder)
        asset = MediaAsset(
            factory_id=factory_id,
            kind=MediaKind.VIDEO.value,
            storage_key=stored.key,
            content_type=stored.content_type,
            size_bytes=stored.size_bytes,
        )
    else:
        image = store_image(data, root, folder)
        asset = MediaAsset(
            factory_id=factory_id,
            kind=kind,
            storage_key=image.key,
            thumbnail_key=image.thumbnail_key,
            content_type=image.content_type,
            size_bytes=image.size_bytes,
            width=image.width,
            height=image.height,
        )
    asset.product_id = product_id
    asset.position = next_position
    with session_scope() as db:
        db.add(asset)
        db.flush()
        return id_of(asset)


def update_caption(actor: CurrentUser, asset_id: int, caption_en: str, caption_zh: str) -> None:
    with session_scope() as db:
        asset = _owned(db, require_member(db, actor), asset_id)
        asset.caption_en = " ".join((caption_en or "").split())[:300]
        asset.caption_zh = " ".join((caption_zh or "").split())[:300]
        db.add(asset)


def move(actor: CurrentUser, asset_id: int, offset: int) -> None:
    """Move an item earlier (-1) or later (+1) in its gallery."""
    with session_scope() as db:
        factory = require_member(db, actor)
        asset = _owned(db, factory, asset_id)
        gallery = _gallery(db, id_of(factory), asset.product_id)
        index = next(i for i, a in enumerate(gallery) if a.id == asset.id)
        target = max(0, min(len(gallery) - 1, index + (1 if offset > 0 else -1)))
        gallery.insert(target, gallery.pop(index))
        for position, item in enumerate(gallery):
            item.position = position
            db.add(item)


def set_cover(actor: CurrentUser, asset_id: int) -> None:
    with session_scope() as db:
        factory = require_member(db, actor)
        asset = _owned(db, factory, asset_id)
        if asset.kind != MediaKind.IMAGE.value or asset.product_id is not None:
            raise ValidationFailed({"file": "err.cover_must_be_photo"})
        for item in _gallery(db, id_of(factory)):
            item.is_cover = item.id == asset.id
            db.add(item)


def delete(actor: CurrentUser, asset_id: int) -> None:
    with session_scope() as db:
        factory = require_member(db, actor)
        asset = _owned(db, factory, asset_id)
        if factory.logo_asset_id == asset.id:
            factory.logo_asset_id = None
            db.add(factory)
        keys = [asset.storage_key, asset.thumbnail_key]
        db.delete(asset)
    root = get_settings().media_dir
    for key in keys:
        if key:
            (root / key).unlink(missing_ok=True)


def public_gallery(db: Session, factory_id: int) -> list[MediaRow]:
    return rows(_gallery(db, factory_id))


def product_images(db: Session, product_id: int) -> list[MediaRow]:
    assets = db.exec(
        select(MediaAsset)
        .where(MediaAsset.product_id == product_id)
        .order_by(col(MediaAsset.position), col(MediaAsset.id))
    ).all()
    return rows(list(assets))


def my_product_images(actor: CurrentUser, product_id: int) -> list[MediaRow]:
    with session_scope() as db:
        factory = require_member(db, actor)
        product = db.get(Product, product_id)
        if product is None or product.factory_id != factory.id:
            raise NotFound()
        return product_images(db, product_id)
