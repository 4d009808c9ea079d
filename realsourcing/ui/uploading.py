"""Reading files that arrive through Reflex's upload endpoint: size first, then in chunks, never past a limit.

Starlette has already spooled each file (to disk past 1 MB); reading a spooled file runs in a thread,
one chunk at a time, so the event loop is never held by one giant read.
"""

from __future__ import annotations

import reflex as rx

from realsourcing.core.uploads import MB, check_size

CHUNK_BYTES = 1 * MB


async def read_upload(file: rx.UploadFile, limit: int) -> bytes:
    """The file's bytes; UploadRejected when it is empty or over limit (told by its size before reading)."""
    if file.size is not None:
        check_size(file.size, limit)
    data = bytearray()
    while chunk := await file.read(CHUNK_BYTES):
        data += chunk
        if len(data) > limit:  # a size that lied, or none given
            break
    check_size(len(data), limit)
    return bytes(data)
