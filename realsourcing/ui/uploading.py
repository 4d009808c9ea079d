"""Reading files that arrive through Reflex's upload endpoint: size first, then in chunks, never past a limit.

Starlette has already spooled each file (to disk past 1 MB); reading a spooled file runs in a thread,
one chunk at a time, so the event loop is never held by one giant read.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from realsourcing.core.errors import DomainError, PermissionDenied
from realsourcing.core.offload import run_cpu
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


async def store_each(
    files: list[rx.UploadFile], limit: int, store: Callable[[bytes], object], explain: Callable[[DomainError], str]
) -> tuple[int, list[str]]:
    """Read and store the files one at a time, `store(data)` off the event loop (one upload uses one core).

    A refused file does not stop the others: returns how many were stored and "name: reason" for each
    refusal. PermissionDenied (not a member) is not a refusal of the file and propagates.
    """
    stored, problems = 0, []
    for file in files:
        try:
            await run_cpu(store, await read_upload(file, limit))
            stored += 1
        except PermissionDenied:
            raise
        except DomainError as exc:
            problems.append(f"{(file.filename or '?')[:80]}: {explain(exc)}")
    return stored, problems


def selection_refusals(rejected: object, limit: int, max_files: int) -> list[tuple[str, str, dict[str, object]]]:
    """(file name, message key, params) for each file a drop zone refused when chosen: react-dropzone's
    records (`{"file": {"path": …}, "errors": [{"code": "file-too-large", …}]}`), as sent by the browser."""
    refusals: list[tuple[str, str, dict[str, object]]] = []
    for record in rejected if isinstance(rejected, list) else []:
        if not isinstance(record, dict):
            continue
        file = record.get("file")
        file = file if isinstance(file, dict) else {}
        errors = record.get("errors")
        codes = [e.get("code") for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []
        name = str(file.get("path") or file.get("name") or "?")
        if "file-too-large" in codes:
            refusals.append((name, "err.upload_too_large", {"limit_mb": limit // MB}))
        elif "too-many-files" in codes:
            refusals.append((name, "err.upload_too_many", {"count": max_files}))
        else:
            refusals.append((name, "err.upload_wrong_type", {}))
    return refusals[:20]
