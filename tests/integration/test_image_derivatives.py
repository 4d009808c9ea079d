"""WebP derivatives against the real database and files (issue 17): an upload writes them beside the
photo and records them; they count in the storage quota; deleting the photo deletes them; the
`derive-images` backfill gives old photos theirs, once."""

from __future__ import annotations

import io

from PIL import Image

from realsourcing import cli
from realsourcing.config import get_settings
from realsourcing.core import responsive
from realsourcing.db import session_scope
from realsourcing.profile import media, storage
from realsourcing.profile.models import MediaAsset
from tests.support.builders import a_factory


def photo(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((width, height), 30).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


def test_an_upload_writes_webp_derivatives_at_the_slot_widths_and_records_them():
    owner = a_factory()
    asset_id = media.add_media(owner, photo(1500, 1000))
    root = get_settings().media_dir
    with session_scope() as db:
        asset = db.get(MediaAsset, asset_id)
        assert asset is not None
        key, recorded, size = asset.storage_key, asset.derivative_widths, asset.size_bytes
        assert (asset.width, asset.height) == (1500, 1000)
    assert recorded == "320,640,1280"
    on_disk = [root / key, root / key.replace(".jpg", "_thumb.jpg")]
    for width in (320, 640, 1280):
        path = root / responsive.derivative_key(key, width)
        on_disk.append(path)
        with Image.open(path) as image:
            assert image.format == "WEBP"
            assert image.size == (width, round(1000 * width / 1500))
    # the quota counts what is on disk, derivatives included
    assert size == sum(p.stat().st_size for p in on_disk)
    assert storage.my_storage(owner).used_bytes == size
    row = next(r for r in media.my_gallery(owner) if r.id == asset_id)
    assert (row.derivative_widths, row.width, row.height) == ("320,640,1280", 1500, 1000)

    media.delete(owner, asset_id)
    assert not any(p.exists() for p in on_disk)


def test_a_small_upload_is_not_upscaled():
    owner = a_factory()
    asset_id = media.add_media(owner, photo(500, 400))
    with session_scope() as db:
        asset = db.get(MediaAsset, asset_id)
        assert asset is not None and asset.derivative_widths == "320,500"
        with Image.open(get_settings().media_dir / responsive.derivative_key(asset.storage_key, 500)) as image:
            assert image.size == (500, 400)


def test_the_backfill_gives_old_photos_their_derivatives_once(capsys):
    owner = a_factory()
    asset_id = media.add_media(owner, photo(900, 600))
    root = get_settings().media_dir
    with session_scope() as db:  # as a photo stored before derivatives existed
        asset = db.get(MediaAsset, asset_id)
        assert asset is not None
        for derivative in responsive.derivative_keys(asset.storage_key, asset.derivative_widths):
            (root / derivative).unlink()
        asset.size_bytes = (root / asset.storage_key).stat().st_size + (root / asset.thumbnail_key).stat().st_size
        asset.derivative_widths = ""
        db.add(asset)
        key, old_size = asset.storage_key, asset.size_bytes

    assert cli.main(["derive-images"]) == 0
    assert "WebP derivatives written for" in capsys.readouterr().out
    with session_scope() as db:
        asset = db.get(MediaAsset, asset_id)
        assert asset is not None
        assert asset.derivative_widths == "320,640,900"
        derived_size = asset.size_bytes
    derivatives = [root / responsive.derivative_key(key, w) for w in (320, 640, 900)]
    for path in derivatives:
        with Image.open(path) as image:
            assert image.format == "WEBP"
    assert derived_size == old_size + sum(p.stat().st_size for p in derivatives)
    stamps = [p.stat().st_mtime_ns for p in derivatives]

    # run again: nothing changes (not written again, not counted twice)
    assert cli.main(["derive-images"]) == 0
    with session_scope() as db:
        asset = db.get(MediaAsset, asset_id)
        assert asset is not None
        assert (asset.derivative_widths, asset.size_bytes) == ("320,640,900", derived_size)
    assert [p.stat().st_mtime_ns for p in derivatives] == stamps
