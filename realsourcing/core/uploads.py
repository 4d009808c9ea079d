"""Upload checks: what a file really is (by its bytes), how big it may be, and how it is stored.

Rules:
- The type comes from the content (magic bytes), never from the name or the browser's type.
- Only PDF, JPEG, PNG, WebP (images/documents) and MP4, WebM (videos) are accepted; SVG, HTML and
  everything else are refused.
- Images are decoded with a pixel limit (decompression bombs are refused), must have a size, and are
  re-encoded (EXIF/GPS and anything hidden after the image data is dropped); a thumbnail is made, and
  WebP derivatives at the widths the pages show (core/responsive.py), never upscaled, stored beside it.
- Videos are remuxed without re-encoding (PyAV): only their video and audio streams are kept, and every
  container and stream tag (GPS location, device, title, timed metadata tracks) is dropped; a file
  FFmpeg cannot demux, or one without a video stream, is refused. MP4s are written "fast start".
- Stored names are random; nothing the client sent is ever part of a path.

Checking and re-encoding (`prepare_*`) is CPU work in memory that writes nothing, so a caller can run
it off the event loop (core/offload.py) and check a quota against the exact bytes before anything is
written (`write_prepared`). `store_*` do both at once.
"""

from __future__ import annotations

import io
import secrets
import tempfile
import warnings
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import av
import av.error
from PIL import Image, ImageOps

from realsourcing.core import responsive
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
class PreparedFile:
    """A checked file ready to be written: its bytes (and a thumbnail's, for gallery images)."""

    content: bytes
    content_type: str
    extension: str
    thumbnail: bytes = b""
    width: int | None = None
    height: int | None = None
    derivatives: tuple[tuple[int, bytes], ...] = ()  # (width, WebP bytes), narrowest first

    @property
    def size_bytes(self) -> int:
        """What it will take on disk, thumbnail and WebP derivatives included."""
        return len(self.content) + len(self.thumbnail) + sum(len(d) for _, d in self.derivatives)

    @property
    def derivative_widths(self) -> str:
        return responsive.record([w for w, _ in self.derivatives])


@dataclass(frozen=True)
class StoredFile:
    key: str
    content_type: str
    size_bytes: int  # on disk, thumbnail and derivatives included
    thumbnail_key: str = ""
    width: int | None = None
    height: int | None = None
    derivative_widths: str = ""  # "320,640,1280": the WebP derivatives written beside it

    @property
    def derivative_keys(self) -> list[str]:
        return responsive.derivative_keys(self.key, self.derivative_widths)


def _decode_image(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            # Checked from the header, before any pixel is decoded.
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise UploadRejected("err.upload_image_too_big")
            # A JPEG is decoded straight at 1/2, 1/4 or 1/8 scale when that still covers the stored size:
            # a 36-megapixel photo costs a fraction of the work, and it is resized to MAX_IMAGE_SIDE anyway.
            image.draft(None, (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
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


def _encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def webp_derivatives(image: Image.Image) -> tuple[tuple[int, bytes], ...]:
    """The WebP derivatives of a decoded image at responsive.widths_for its width (never upscaled)."""
    image = image if image.mode in ("RGB", "RGBA") else image.convert("RGBA" if "A" in image.mode else "RGB")
    made = []
    for width in responsive.widths_for(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        made.append((width, _encoded(resized, "WEBP", quality=80, method=4)))
    return tuple(made)


def prepare_image(data: bytes, *, thumbnail: bool = True, derivatives: bool | None = None) -> PreparedFile:
    """Check an image and re-encode it to fit MAX_IMAGE_SIDE (with a thumbnail and WebP derivatives unless
    told not to: documents get neither)."""
    check_size(len(data), MAX_IMAGE_BYTES)
    check_type(data, IMAGE_TYPES)
    image = ImageOps.exif_transpose(_decode_image(data))  # keep the orientation, then drop EXIF
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
    if has_alpha:
        extension, fmt, content_type = "png", "PNG", Sniffed.PNG
        options: dict[str, object] = {"optimize": True}
        thumb_options: dict[str, object] = {}
    else:
        extension, fmt, content_type = "jpg", "JPEG", Sniffed.JPEG
        options, thumb_options = {"quality": 86, "optimize": True}, {"quality": 80}
    thumb = b""
    if thumbnail:
        small = image.copy()
        small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        thumb = _encoded(small, fmt, **thumb_options)
    content = _encoded(image, fmt, **options)
    made = webp_derivatives(image) if (thumbnail if derivatives is None else derivatives) else ()
    return PreparedFile(content, content_type.value, extension, thumb, image.width, image.height, made)


def prepare_document(data: bytes) -> PreparedFile:
    """A licence or certificate (PDF, JPEG, PNG), checked; images are re-encoded (no thumbnail)."""
    check_size(len(data), MAX_DOCUMENT_BYTES)
    kind = check_type(data, DOCUMENT_TYPES)
    if kind in IMAGE_TYPES:
        return prepare_image(data, thumbnail=False)
    if b"%%EOF" not in data[-2048:]:
        raise UploadRejected("err.upload_unreadable")
    return PreparedFile(data, kind.value, "pdf")


def prepare_video(data: bytes) -> PreparedFile:
    """An MP4 or WebM, told by its content, remuxed without its metadata (see the module rules)."""
    check_size(len(data), MAX_VIDEO_BYTES)
    kind = check_type(data, VIDEO_TYPES)
    extension = "mp4" if kind == Sniffed.MP4 else "webm"
    return PreparedFile(remux_without_metadata(data, extension), kind.value, extension)


def remux_without_metadata(data: bytes, container: str) -> bytes:
    """The same audio and video packets in a fresh `container` ("mp4"/"webm") with no tags at all."""
    options = {"movflags": "+faststart"} if container == "mp4" else {}
    # "Fast start" rewrites the file in a second pass, which needs a real file rather than memory.
    with tempfile.TemporaryDirectory(prefix="rs-video-") as folder:
        target = Path(folder) / f"clean.{container}"
        try:
            with av.open(io.BytesIO(data), mode="r") as source:
                kept = [s for s in source.streams if s.type in ("video", "audio")]
                if not any(s.type == "video" for s in kept):
                    raise UploadRejected("err.upload_unreadable")
                with av.open(str(target), mode="w", format=container, options=options) as clean:
                    clean.metadata.clear()
                    copies = {}
                    for stream in kept:
                        copy = clean.add_stream_from_template(stream)
                        copy.metadata.clear()
                        copies[stream.index] = copy
                    for packet in source.demux(kept):
                        if packet.dts is None:  # the demuxer's end-of-stream marker
                            continue
                        packet.stream = copies[packet.stream.index]
                        clean.mux(packet)
        except (av.error.FFmpegError, ValueError):
            raise UploadRejected("err.upload_unreadable") from None
        return target.read_bytes()


def write_prepared(prepared: PreparedFile, root: Path, folder: str) -> StoredFile:
    """Write a prepared file (its thumbnail and derivatives too) into root/folder under a random name."""
    key = f"{folder}/{secrets.token_hex(16)}.{prepared.extension}"
    thumb_key = key.replace(f".{prepared.extension}", f"_thumb.{prepared.extension}") if prepared.thumbnail else ""
    derivative_keys = [(responsive.derivative_key(key, w), d) for w, d in prepared.derivatives]
    (root / key).parent.mkdir(parents=True, exist_ok=True)
    try:
        (root / key).write_bytes(prepared.content)
        if thumb_key:
            (root / thumb_key).write_bytes(prepared.thumbnail)
        for derivative_key, content in derivative_keys:
            (root / derivative_key).write_bytes(content)
    except BaseException:
        remove_stored(root, key, thumb_key, *(k for k, _ in derivative_keys))
        raise
    return StoredFile(
        key,
        prepared.content_type,
        prepared.size_bytes,
        thumb_key,
        prepared.width,
        prepared.height,
        prepared.derivative_widths,
    )


def remove_stored(root: Path, *keys: str) -> None:
    """Delete stored files by key (empty keys are skipped; a file already gone is fine)."""
    for key in keys:
        if key:
            (root / key).unlink(missing_ok=True)


def store_image(data: bytes, root: Path, folder: str) -> StoredFile:
    """Check and re-encode an image into root/folder under a random name, with a thumbnail."""
    return write_prepared(prepare_image(data), root, folder)


def store_document(data: bytes, root: Path, folder: str) -> StoredFile:
    """A licence or certificate (PDF, JPEG, PNG) into the private store; images are re-encoded."""
    return write_prepared(prepare_document(data), root, folder)


def store_video(data: bytes, root: Path, folder: str) -> StoredFile:
    return write_prepared(prepare_video(data), root, folder)
