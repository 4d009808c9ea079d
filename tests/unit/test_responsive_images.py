"""Responsive images (issue 17): derivative widths (never upscaled), their keys, srcset/sizes, and the
WebP files an upload gets."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from realsourcing.core import responsive, uploads


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 80, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (2400, (320, 640, 1280)),
        (1280, (320, 640, 1280)),
        (1000, (320, 640, 1000)),
        (640, (320, 640)),
        (500, (320, 500)),
        (200, (200,)),
        (0, ()),
    ],
)
def test_derivative_widths_match_the_slots_and_never_upscale(width, expected):
    assert responsive.widths_for(width) == expected
    assert all(w <= width for w in responsive.widths_for(width))


def test_derivative_keys_sit_beside_the_original():
    assert responsive.derivative_key("factories/3/ab12.jpg", 640) == "factories/3/ab12_w640.webp"
    assert responsive.derivative_key("factories/3/ab12.png", 320) == "factories/3/ab12_w320.webp"
    assert responsive.derivative_keys("f/a.jpg", "320,640") == ["f/a_w320.webp", "f/a_w640.webp"]


def test_recorded_widths_read_back_and_ignore_junk():
    assert responsive.record([1280, 320, 640, 320]) == "320,640,1280"
    assert responsive.parse("320,640,1280") == (320, 640, 1280)
    assert responsive.parse("") == () and responsive.parse(None) == ()
    assert responsive.parse("320, x ,640") == (320, 640)


def test_srcset_lists_every_derivative_with_its_width_and_src_is_the_middle_one():
    found = responsive.sources("f/a.jpg", "320,640,1280", responsive.SIZES_GALLERY)
    assert found.srcset == "f/a_w320.webp 320w, f/a_w640.webp 640w, f/a_w1280.webp 1280w"
    assert found.src == "f/a_w640.webp"
    assert found.sizes == responsive.SIZES_GALLERY


def test_without_derivatives_the_original_is_shown_alone():
    found = responsive.sources("f/a.jpg", "", responsive.SIZES_GALLERY)
    assert (found.src, found.srcset, found.sizes) == ("f/a.jpg", "", "")
    assert responsive.sources("f/a.jpg", "200", "100vw").src == "f/a_w200.webp"


def test_a_prepared_photo_carries_webp_derivatives_at_those_widths_with_its_shape():
    prepared = uploads.prepare_image(jpeg(1600, 1000))
    assert [w for w, _ in prepared.derivatives] == [320, 640, 1280]
    for width, content in prepared.derivatives:
        assert uploads.sniff(content) == uploads.Sniffed.WEBP
        with Image.open(io.BytesIO(content)) as image:
            assert image.format == "WEBP"
            assert image.size == (width, round(1000 * width / 1600))
    assert prepared.size_bytes == len(prepared.content) + len(prepared.thumbnail) + sum(
        len(d) for _, d in prepared.derivatives
    )


def test_a_small_photo_is_not_upscaled_and_documents_get_no_derivatives():
    small = uploads.prepare_image(jpeg(300, 200))
    assert [w for w, _ in small.derivatives] == [300]
    with Image.open(io.BytesIO(small.derivatives[0][1])) as image:
        assert image.size == (300, 200)
    assert uploads.prepare_document(jpeg(1600, 1000)).derivatives == ()
    assert uploads.prepare_image(jpeg(1600, 1000), derivatives=False).derivatives == ()


def test_a_transparent_png_keeps_its_alpha_in_webp():
    buffer = io.BytesIO()
    Image.new("RGBA", (800, 400), (0, 0, 0, 0)).save(buffer, "PNG")
    prepared = uploads.prepare_image(buffer.getvalue())
    with Image.open(io.BytesIO(prepared.derivatives[0][1])) as image:
        assert image.mode == "RGBA"
