"""Reading files that arrive through Reflex's upload endpoint, never more than a limit."""

from __future__ import annotations

import reflex as rx


async def read_limited(file: rx.UploadFile, limit: int) -> bytes:
    """At most limit + 1 bytes: enough for the service to see "too large" without reading it all."""
    return await file.read(limit + 1)
