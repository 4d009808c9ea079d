"""A factory's workshop photos and videos: add, caption, reorder, choose the cover, remove.

Every function works on the actor's own factory; an asset id from the client is always checked
to belong to it. Every file counts against the factory's storage quota (profile/storage.py) and is
refused before anything is written when it would not fit. Checking and re-encoding a file is CPU
work: callers on the event loop run add_media and replace_logo off it (core/offload.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core import responsive
from realsourcing.core.errors import NotFound, ValidationFailed
from realsourcing.core.uploads import (
    IMAGE_TYPES,
    VIDEO_TYPES,
    prepare_image,
    prepare_video,
    remove_stored,
    sniff,
    write_prepared,
)
from realsourcing.db import id_of, session_scope
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.factories import set_logo
from realsourcing.profile.membership import require_member
from realsourcing.profile.models import Factory, MediaAsset, MediaKind
from realsourcing.profile.storage import lock_factory, require_room

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
    derivative_widths: str = ""
    width: int = 0
    height: int = 0


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
            a.derivative_widths,
            a.width or 0,
            a.height or 0,
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
    """Check and store one photo or video (or the logo, or a webinar cover); returns the new asset's id."""
    with session_scope() as db:
        factory_id = id_of(require_member(db, actor))
        if product_id is not None:
            product = db.get(Product, product_id)
            if product is None or product.factory_id != factory_id:
                raise NotFound()
        count = db.exec(select(func.count()).where(MediaAsset.factory_id == factory_id)).one()
        if count >= MAX_GALLERY_ITEMS * 4:
            raise ValidationFailed({"file": "err.gallery_full"})
        require_room(db, factory_id, 1, actor.language)  # full already: refused before any decoding
    is_video = kind == MediaKind.IMAGE.value and sniff(data[:64]) in VIDEO_TYPES
    # A logo is only ever shown small (its thumbnail): it gets no WebP derivatives.
    prepared = prepare_video(data) if is_video else prepare_image(data, derivatives=kind != MediaKind.LOGO.value)
    root = get_settings().media_dir
    stored = None
    try:
        with session_scope() as db:
            lock_factory(db, factory_id)
            require_room(db, factory_id, prepared.size_bytes, actor.language)
            next_position = db.exec(
                select(func.coalesce(func.max(MediaAsset.position), -1)).where(MediaAsset.factory_id == factory_id)
            ).one()
            stored = write_prepared(prepared, root, f"factories/{factory_id}")
            asset = MediaAsset(
                factory_id=factory_id,
                product_id=product_id,
                kind=MediaKind.VIDEO.value if is_video else kind,
                storage_key=stored.key,
                thumbnail_key=stored.thumbnail_key,
                content_type=stored.content_type,
                size_bytes=stored.size_bytes,
                width=stored.width,
                height=stored.height,
                derivative_widths=stored.derivative_widths,
                position=next_position + 1,
            )
            db.add(asset)
            db.flush()
            return id_of(asset)
    except BaseException:
        if stored is not None:  # the row was not saved: its files must not stay behind
            remove_stored(root, stored.key, stored.thumbnail_key, *stored.derivative_keys)
        raise


def replace_logo(actor: CurrentUser, data: bytes) -> int:
    """Check and store a new logo and show it; the logo it replaces is deleted (it is shown nowhere else)."""
    asset_id = add_media(actor, data, kind=MediaKind.LOGO.value)
    with session_scope() as db:
        factory = require_member(db, actor)
        previous = db.get(MediaAsset, factory.logo_asset_id) if factory.logo_asset_id else None
        previous_logo_id = previous.id if previous is not None and previous.kind == MediaKind.LOGO.value else None
    set_logo(actor, asset_id)
    if previous_logo_id is not None and previous_logo_id != asset_id:
        delete(actor, previous_logo_id)
    return asset_id


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
        keys = [
            asset.storage_key,
            asset.thumbnail_key,
            *responsive.derivative_keys(asset.storage_key, asset.derivative_widths),
        ]
        db.delete(asset)
    remove_stored(get_settings().media_dir, *keys)


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


def derive_missing(limit: int | None = None) -> int:
    """Write the WebP derivatives of every stored photo that has none yet (photos stored before they existed,
    the demo data); returns how many photos got them. Idempotent: a photo that has them is skipped.

    Its size on disk grows by the derivatives, as for a new upload (they count in the storage quota).
    A file missing or unreadable on disk is left as it is (shown without derivatives).
    """
    from PIL import Image, ImageOps

    from realsourcing.core.uploads import webp_derivatives

    root = get_settings().media_dir
    with session_scope() as db:
        query = select(MediaAsset.id).where(
            MediaAsset.derivative_widths == "",
            MediaAsset.kind != MediaKind.LOGO.value,
            col(MediaAsset.content_type).in_([t.value for t in IMAGE_TYPES]),
        )
        ids = list(db.exec(query.order_by(col(MediaAsset.id)).limit(limit)).all())
    done = 0
    for asset_id in ids:
        with session_scope() as db:
            asset = db.get(MediaAsset, asset_id)
            if asset is None or asset.derivative_widths:
                continue
            key = asset.storage_key
        try:
            with Image.open(root / key) as opened:
                image = ImageOps.exif_transpose(opened)
                image.load()
                derivatives = webp_derivatives(image)
                width, height = image.width, image.height
        except (OSError, ValueError, Image.DecompressionBombError):
            continue
        written = []
        try:
            for derivative_width, content in derivatives:
                written.append(responsive.derivative_key(key, derivative_width))
                (root / written[-1]).write_bytes(content)
            with session_scope() as db:
                asset = db.get(MediaAsset, asset_id)
                if asset is None or asset.derivative_widths or asset.storage_key != key:
                    raise LookupError  # deleted or derived meanwhile: the files written here must go
                asset.derivative_widths = responsive.record([w for w, _ in derivatives])
                asset.width, asset.height = width, height
                asset.size_bytes += sum(len(content) for _, content in derivatives)
                db.add(asset)
        except LookupError:
            remove_stored(root, *written)
            continue
        except BaseException:
            remove_stored(root, *written)
            raise
        done += 1
    return done
