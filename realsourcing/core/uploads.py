"""Upload checks: what a file really is (by its bytes), how big it may be, and how it is stored.

Rules:
- The type comes from the content (magic bytes), never from the name or the browser's type.
- Only PDF, JPEG, PNG, WebP (images/documents) and MP4, WebM (videos) are accepted; SVG, HTML and
  everything else are refused.
- Images are decoded with a pixel limit (decompression bombs are refused), must have a size, and are
  re-encoded (EXIF/GPS and anything hidden after the image data is dropped); a thumbnail is made.
- Stored names are random; nothing the client sent is ever part of a path.
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PIL import Image, ImageOps

from realsourcing.core.errors import DomainError

MB = 1024 * 1024
MAX_IMAGE_BYTES = 15 * MB
MAX_DOCUMENT_BYTES = 15 * MB
MAX_VIDEO_BYTES = 100 * MB
# The upload endpoint refuses bodies above this before reading them (multipart overhead included).
MAX_REQUEST_BYTES = MAX_VIDEO_BYTES + 1 * MB
MAX_IMAGE_PIXELS = 40_000_000  # 40 megapixels: any real photo; a bomb claims far more
MAX_IMAGE_SIDE = 2400  # stored images are resized to fit this
THUMBNAIL_SIDE = 480


class Sniffed(StrEnum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"
    WEBP = "image/webp"
    MP4 = "video/mp4"
    WEBM = "video/webm"


IMAGE_TYPES = frozenset({Sniffed.JPEG, Sniffed.PNG, Sniffed.WEBP})
DOCUMENT_TYPES = frozenset({Sniffed.PDF, Sniffed.JPEG, Sniffed.PNG})
VIDEO_TYPES = frozenset({Sniffed.MP4, Sniffed.WEBM})


class UploadRejected(DomainError):
    pass


def sniff(data: bytes) -> Sniffed | None:
    """The accepted type these bytes really are, or None."""
    if data.startswith(b"%PDF-"):
        return Sniffed.PDF
    if data.startswith(b"\xff\xd8\xff"):
        return Sniffed.JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed.PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return Sniffed.WEBP
    if data[4:8] == b"ftyp" and data[8:12] in (
        b"isom",
        b"iso2",
        b"mp41",
        b"mp42",
        b"avc1",
        b"M4V ",
        b"dash",
        b"iso5",
        b"iso6",
    ):
        return Sniffed.MP4
    if data.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in data[:64]:
        return Sniffed.WEBM
    return None


def check_size(size: int, limit: int) -> None:
    if size == 0:
        raise UploadRejected("err.upload_empty")
    if size > limit:
        raise UploadRejected("err.upload_too_large", limit_mb=limit // MB)


def check_type(data: bytes, allowed: frozenset[Sniffed]) -> Sniffed:
    kind = sniff(data)
    if kind is None or kind not in allowed:
        raise UploadRejected("err.upload_wrong_type")
    return kind


@dataclass(frozen=True)
class StoredImage:
    key: str
    thumbnail_key: str
    content_type: str
    size_bytes: int
    width: int
    height: int


def _decode_image(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            # Checked from the header, before any pixel is decoded.
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise UploadRejected("err.upload_image_too_big")
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise UploadRejected("err.upload_image_too_big") from None
        except UploadRejected:
            raise
        except Exception:  # truncated, corrupt, or not what its header says
            raise UploadRejected("err.upload_unreadable") from None
    if image.width < 1 or image.height < 1:
        raise UploadRejected("err.upload_unreadable")
    return image


def _random_key(folder: str, extension: str) -> str:
    return f"{folder}/{secrets.token_hex(16)}.{extension}"


def store_image(data: bytes, root: Path, folder: str) -> StoredImage:
    """Check and re-encode an image into root/folder under a random name, with a thumbnail."""
    check_size(len(data), MAX_IMAGE_BYTES)
    check_type(data, IMAGE_TYPES)
    image = ImageOps.exif_transpose(_decode_image(data))  # keep the orientation, then drop EXIF
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
    extension, fmt, content_type = (
        ("png", "PNG", Sniffed.PNG.value) if has_alpha else ("jpg", "JPEG", Sniffed.JPEG.value)
    )
    key = _random_key(folder, extension)
    thumb_key = key.replace(f".{extension}", f"_thumb.{extension}")
    (root / key).parent.mkdir(parents=True, exist_ok=True)
    image.save(root / key, fmt, **({"quality": 86, "optimize": True} if fmt == "JPEG" else {"optimize": True}))
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    thumb.save(root / thumb_key, fmt, **({"quality": 80} if fmt == "JPEG" else {}))
    return StoredImage(key, thumb_key, content_type, (root / key).stat().st_size, image.width, image.height)


@dataclass(frozen=True)
class StoredFile:
    key: str
    content_type: str
    size_bytes: int


def store_document(data: bytes, root: Path, folder: str) -> StoredFile:
    """A licence or certificate (PDF, JPEG, PNG) into the private store; images are re-encoded."""
    check_size(len(data), MAX_DOCUMENT_BYTES)
    kind = check_type(data, DOCUMENT_TYPES)
    if kind in IMAGE_TYPES:
        image = store_image(data, root, folder)
        (root / image.thumbnail_key).unlink(missing_ok=True)
        return StoredFile(image.key, image.content_type, image.size_bytes)
    if b"%%EOF" not in data[-2048:]:
        raise UploadRejected("err.upload_unreadable")
    key = _random_key(folder, "pdf")
    (root / key).parent.mkdir(parents=True, exist_ok=True)
    (root / key).write_bytes(data)
    return StoredFile(key, kind.value, len(data))


def store_video(data: bytes, root: Path, folder: str) -> StoredFile:
    check_size(len(data), MAX_VIDEO_BYTES)
    kind = check_type(data, VIDEO_TYPES)
    key = _random_key(folder, "mp4" if kind == Sniffed.MP4 else "webm")
    (root / key).parent.mkdir(parents=True, exist_ok=True)
    (root / key).write_bytes(data)
    return StoredFile(key, kind.value, len(data))
