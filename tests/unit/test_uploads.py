"""Upload checks: by content, by size, against bombs and tricks; nothing stored when refused."""

import io
import struct
import zlib

import pytest
from PIL import Image

from realsourcing.core import uploads
from realsourcing.core.uploads import UploadRejected, sniff, store_document, store_image, store_video
from tests.support.media import a_video, frame_count, tags_of


def jpeg(width=64, height=48, exif_gps=False) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    buffer = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "SpyCam"  # Make
        exif[0x8825] = {2: (48.0, 51.0, 24.0), 1: "N"}  # GPS info
        image.save(buffer, "JPEG", exif=exif)
    else:
        image.save(buffer, "JPEG")
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height (a decompression bomb's trick)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + chunk(b"IEND", b"")
    )


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def test_types_are_told_by_content_not_by_name():
    assert sniff(jpeg()) == uploads.Sniffed.JPEG
    assert sniff(PDF) == uploads.Sniffed.PDF
    assert sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert sniff(b"<!doctype html><script>alert(1)</script>") is None
    assert sniff(b"\x00\x00\x00\x18ftypisom" + b"\x00" * 20) == uploads.Sniffed.MP4
    assert sniff(b"\x1a\x45\xdf\xa3" + b"\x00" * 10 + b"webm" + b"\x00" * 10) == uploads.Sniffed.WEBM


def test_photo_is_reencoded_without_exif_or_gps_and_gets_a_thumbnail(tmp_path):
    stored = store_image(jpeg(1000, 800, exif_gps=True), tmp_path, "factories/1")
    with Image.open(tmp_path / stored.key) as saved:
        assert saved.getexif() == {} or 0x8825 not in saved.getexif()
        assert 0x010F not in saved.getexif()
        assert (saved.width, saved.height) == (1000, 800)
    with Image.open(tmp_path / stored.thumbnail_key) as thumb:
        assert max(thumb.size) <= uploads.THUMBNAIL_SIDE


def test_stored_names_are_random_and_never_the_clients(tmp_path):
    first = store_image(jpeg(), tmp_path, "factories/1")
    second = store_image(jpeg(), tmp_path, "factories/1")
    assert first.key != second.key
    assert first.key.startswith("factories/1/") and ".." not in first.key


@pytest.mark.parametrize(
    "data, key",
    [
        (b"", "err.upload_empty"),
        (PDF, "err.upload_wrong_type"),  # a "JPEG" that is really a PDF
        (b"<svg onload=alert(1)></svg>", "err.upload_wrong_type"),
        (b"<html><body>hi</body></html>", "err.upload_wrong_type"),
        (b"PK\x03\x04" + b"\x00" * 100, "err.upload_wrong_type"),  # a zip
        (png_header_only(60000, 60000), "err.upload_image_too_big"),  # decompression bomb
        (png_header_only(0, 0), "err.upload_unreadable"),  # 0×0 image
        (b"\xff\xd8\xff\xe0" + b"\x00" * 50, "err.upload_unreadable"),  # JPEG header, no image
    ],
)
def test_bad_images_are_refused_with_a_reason_and_nothing_is_stored(tmp_path, data, key):
    with pytest.raises(UploadRejected) as refused:
        store_image(data, tmp_path, "factories/1")
    assert refused.value.key == key
    assert stored_files(tmp_path) == []


def test_a_30_mb_file_is_refused_before_it_is_decoded(tmp_path):
    with pytest.raises(UploadRejected) as refused:
        store_image(b"\xff\xd8\xff" + b"\x00" * (30 * 1024 * 1024), tmp_path, "factories/1")
    assert refused.value.key == "err.upload_too_large"
    assert refused.value.params == {"limit_mb": 15}
    assert stored_files(tmp_path) == []


def test_documents_accept_pdf_and_images_only(tmp_path):
    stored = store_document(PDF, tmp_path, "documents/3")
    assert stored.content_type == "application/pdf" and (tmp_path / stored.key).read_bytes() == PDF
    assert store_document(jpeg(), tmp_path, "documents/3").content_type == "image/jpeg"
    for bad in (b"%PDF-1.4 truncated with no end", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 20):
        with pytest.raises(UploadRejected):
            store_document(bad, tmp_path, "documents/3")


def test_videos_accept_mp4_and_webm_only(tmp_path):
    stored = store_video(a_video("mp4"), tmp_path, "factories/2")
    assert stored.content_type == "video/mp4" and stored.key.endswith(".mp4")
    stored = store_video(a_video("webm"), tmp_path, "factories/2")
    assert stored.content_type == "video/webm" and stored.key.endswith(".webm")
    with pytest.raises(UploadRejected):
        store_video(jpeg(), tmp_path, "factories/2")


@pytest.mark.parametrize("container", ["mp4", "webm"])
def test_videos_lose_their_location_and_every_tag_but_keep_every_frame(tmp_path, container):
    sent = a_video(container, frames=12)
    assert any("+40.7128" in value for value in tags_of(sent).values())  # the phone's GPS tag is there

    stored = store_video(sent, tmp_path, "factories/2")
    kept = (tmp_path / stored.key).read_bytes()
    tags = tags_of(kept)
    assert not any("+40.7128" in value or "factory gate" in value for value in tags.values()), tags
    assert not any(key.lower().startswith(("location", "title")) for key in tags), tags
    assert b"+40.7128" not in kept
    assert frame_count(kept) == 12
    assert stored.size_bytes == len(kept)


def test_an_mp4_is_stored_fast_start_so_browsers_can_play_it_while_loading(tmp_path):
    kept = (tmp_path / store_video(a_video("mp4"), tmp_path, "f").key).read_bytes()
    assert kept.index(b"moov") < kept.index(b"mdat")


def test_a_video_ffmpeg_cannot_read_is_refused_and_nothing_is_written(tmp_path):
    for broken in (b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 2000, a_video("mp4")[:300]):
        with pytest.raises(UploadRejected) as refused:
            store_video(broken, tmp_path, "factories/2")
        assert refused.value.key == "err.upload_unreadable"
    assert stored_files(tmp_path) == []


def test_a_36_megapixel_photo_is_stored_at_the_stored_size_with_its_shape(tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (7360, 4912), (90, 140, 60)).save(buffer, "JPEG")
    stored = store_image(buffer.getvalue(), tmp_path, "factories/1")
    assert (stored.width, stored.height) == (uploads.MAX_IMAGE_SIDE, round(uploads.MAX_IMAGE_SIDE * 4912 / 7360))
    with Image.open(tmp_path / stored.key) as saved:
        assert saved.size == (stored.width, stored.height)


def test_preparing_writes_nothing_and_the_prepared_size_is_what_lands_on_disk(tmp_path):
    prepared = uploads.prepare_image(jpeg(1000, 800))
    assert stored_files(tmp_path) == []
    stored = uploads.write_prepared(prepared, tmp_path, "factories/1")
    assert stored.size_bytes == prepared.size_bytes == sum(p.stat().st_size for p in stored_files(tmp_path))
    # the photo, its thumbnail and its WebP derivatives (1000 px wide: 320, 640 and its own 1000)
    assert len(stored_files(tmp_path)) == 5 and stored.derivative_widths == "320,640,1000"
    document = uploads.write_prepared(uploads.prepare_document(jpeg()), tmp_path, "documents/1")
    assert document.thumbnail_key == "" and (tmp_path / document.key).stat().st_size == document.size_bytes
