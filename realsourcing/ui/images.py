"""<img> with WebP srcset/sizes, intrinsic width/height and the right loading priority (issue 17).

The state gives keys (core/responsive.py `sources`); here each srcset candidate gets the upload URL in
front, in the browser (the upload URL is only known there). width/height are the image's own pixels:
they give the browser the aspect ratio before it loads (no layout shift); CSS still sizes the box.
The page's largest, above-the-fold image is `eager` (loading="eager", fetchPriority="high"); the
others load lazily.
"""

from __future__ import annotations

from typing import Any

import reflex as rx


def _with_upload_url(srcset: rx.Var) -> rx.Var:
    prefix = rx.get_upload_url("")
    joined = prefix + srcset.to(str).split(", ").join(", " + prefix)  # type: ignore[operator]
    return rx.cond(srcset != "", joined, "")


def responsive_image(
    *,
    src: rx.Var | str,
    srcset: rx.Var | str,
    sizes: rx.Var | str,
    width: rx.Var | int,
    height: rx.Var | int,
    alt: rx.Var | str,
    eager: rx.Var | bool = False,
    **props: Any,
) -> rx.Component:
    srcset_var = rx.Var.create(srcset)
    eager_var = rx.Var.create(eager)
    w, h = rx.Var.create(width), rx.Var.create(height)
    return rx.el.img(
        src=rx.get_upload_url(src),
        src_set=_with_upload_url(srcset_var),
        sizes=sizes,
        alt=alt,
        loading=rx.cond(eager_var, "eager", "lazy"),
        decoding="async",
        custom_attrs={
            "fetchPriority": rx.cond(eager_var, "high", "auto"),
            "width": rx.cond(w > 0, w.to_string(), rx.Var.create(None)),
            "height": rx.cond(h > 0, h.to_string(), rx.Var.create(None)),
        },
        **props,
    )
