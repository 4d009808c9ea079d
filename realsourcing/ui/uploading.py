"""Reading files that arrive through Reflex's upload endpoint: size first, then in chunks, never past a limit.

Starlette has already spooled each file (to disk past 1 MB); reading a spooled file runs in a thread,
one chunk at a time, so the event loop is never held by one giant read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.vars import ArrayVar, ObjectVar, Var

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


def refused_files(rejected: Var) -> Var:
    """A drop zone's refused files as plain data for the server: `[{"name": …, "codes": ["file-too-large"]}]`
    (react-dropzone's records hold File objects, which reach the server empty)."""

    def record(entry: Var) -> Var:
        entry = entry.to(ObjectVar, dict[str, Any])
        errors = entry["errors"].to(ArrayVar, list[dict[str, Any]])
        return Var.create(
            {
                "name": entry["file"].to(ObjectVar, dict[str, Any])["path"],
                "codes": errors.map(lambda error: error.to(ObjectVar, dict[str, Any])["code"]),
            }
        )

    return rejected.to(ArrayVar, list[dict[str, Any]]).map(record)


def selection_refusals(rejected: object, limit: int, max_files: int) -> list[tuple[str, str, dict[str, object]]]:
    """(file name, message key, params) for each file a drop zone refused when chosen, from the records
    `refused_files` sends (whatever else a client sends names nothing)."""
    refusals: list[tuple[str, str, dict[str, object]]] = []
    for record in rejected if isinstance(rejected, list) else []:
        if not isinstance(record, dict):
            continue
        codes = record.get("codes")
        codes = codes if isinstance(codes, list) else []
        name = str(record.get("name") or "").rsplit("/", 1)[-1] or "?"  # react-dropzone's "./logo.svg"
        if "file-too-large" in codes:
            refusals.append((name, "err.upload_too_large", {"limit_mb": limit // MB}))
        elif "too-many-files" in codes:
            refusals.append((name, "err.upload_too_many", {"count": max_files}))
        else:
            refusals.append((name, "err.upload_wrong_type", {}))
    return refusals[:20]
