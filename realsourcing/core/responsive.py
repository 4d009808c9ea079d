"""Responsive images: which WebP widths an image gets, their keys, and the srcset/sizes a page gives.

Pure (no Pillow, no Reflex): uploads.py makes the files, pages ask here what to put in <img>.

Rules:
- Derivatives are WebP at the widths the pages show (DERIVATIVE_WIDTHS), never wider than the image:
  an image narrower than the largest slot gets one derivative at its own width, none above it.
- A derivative's key is the original's with `_w<width>.webp` in place of its extension, beside it.
- The widths that exist are recorded on the row ("320,640,1280"); an empty record means none (the
  original is shown alone, as before).
"""

from __future__ import annotations

from dataclasses import dataclass

DERIVATIVE_WIDTHS = (320, 640, 1280)

# What the slots take on screen (the `sizes` attribute), one per kind of slot.
SIZES_GALLERY = "(min-width: 1024px) 310px, (min-width: 576px) 45vw, 92vw"
SIZES_PRODUCT = "(min-width: 1024px) 260px, 45vw"
SIZES_CARD = "(min-width: 1024px) 350px, (min-width: 576px) 45vw, 92vw"


def widths_for(intrinsic_width: int) -> tuple[int, ...]:
    """The derivative widths an image `intrinsic_width` pixels wide gets (never upscaled)."""
    if intrinsic_width < 1:
        return ()
    kept = [w for w in DERIVATIVE_WIDTHS if w < intrinsic_width]
    top = min(intrinsic_width, DERIVATIVE_WIDTHS[-1])
    if top not in kept:
        kept.append(top)
    return tuple(kept)


def derivative_key(key: str, width: int) -> str:
    """Where the WebP derivative `width` wide of the file at `key` is stored."""
    stem = key.rsplit(".", 1)[0] if "." in key.rsplit("/", 1)[-1] else key
    return f"{stem}_w{width}.webp"


def record(widths: tuple[int, ...] | list[int]) -> str:
    """The column value for these widths."""
    return ",".join(str(w) for w in sorted(set(widths)))


def parse(recorded: str | None) -> tuple[int, ...]:
    """The widths a column value records (anything unreadable is ignored)."""
    return tuple(sorted({int(part) for part in (recorded or "").split(",") if part.strip().isdigit()}))


def derivative_keys(key: str, recorded: str | None) -> list[str]:
    return [derivative_key(key, w) for w in parse(recorded)]


@dataclass(frozen=True)
class Sources:
    """What an <img> needs: src (keys, relative to the upload URL), srcset of keys with `w` descriptors."""

    src: str
    srcset: str  # "a_w320.webp 320w, a_w640.webp 640w" (keys; the page prefixes the upload URL)
    sizes: str


def sources(key: str, recorded: str | None, sizes: str, *, fallback: str = "") -> Sources:
    """src/srcset/sizes for the image at `key` with the recorded derivative widths.

    src is the derivative closest to 640 px (or `fallback`/the original without derivatives); with no
    derivatives srcset and sizes are empty, so the browser just loads src.
    """
    widths = parse(recorded)
    if not key or not widths:
        return Sources(fallback or key, "", "")
    middle = max((w for w in widths if w <= 640), default=widths[0])
    return Sources(
        derivative_key(key, middle),
        ", ".join(f"{derivative_key(key, w)} {w}w" for w in widths),
        sizes,
    )


@dataclass(frozen=True)
class CardImage:
    """A card's small picture: its JPEG thumbnail (src) and the WebP derivatives that fit a card."""

    thumb: str
    srcset: str = ""
    width: int = 0
    height: int = 0


CARD_MAX_WIDTH = 640  # cards are at most ~320 CSS px wide: 640 covers 2x screens


def card_image(thumb: str, key: str, recorded: str | None, width: int | None, height: int | None) -> CardImage:
    widths = [w for w in parse(recorded) if w <= CARD_MAX_WIDTH]
    srcset = ", ".join(f"{derivative_key(key, w)} {w}w" for w in widths) if key else ""
    return CardImage(thumb or key, srcset, width or 0, height or 0)
