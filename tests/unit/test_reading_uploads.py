"""Reading uploaded files: refused by size before reading, read a chunk at a time, never past the limit; stored
one after another off the event loop."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
import reflex as rx

from realsourcing.core.errors import PermissionDenied
from realsourcing.core.uploads import MB, UploadRejected
from realsourcing.ui.uploading import CHUNK_BYTES, read_upload, store_each
from tests.support.coroutines import run_coroutine


class SpooledFile(io.BytesIO):
    """A spooled upload as Starlette keeps it, recording each read."""

    _rolled = False  # still in memory: Starlette reads it directly

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.reads: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.reads.append(len(chunk))
        return chunk


def upload(data: bytes, size: int | None) -> tuple[rx.UploadFile, SpooledFile]:
    spooled = SpooledFile(data)
    return rx.UploadFile(file=spooled, path=Path("photo.jpg"), size=size), spooled


def test_a_file_is_read_in_chunks():
    data = bytes(range(256)) * (3 * MB // 256 + 7)
    file, spooled = upload(data, len(data))
    assert run_coroutine(read_upload(file, 15 * MB)) == data
    assert max(spooled.reads) <= CHUNK_BYTES and len(spooled.reads) > 3


def test_a_file_announced_too_large_is_refused_without_reading_it():
    file, spooled = upload(b"x" * 100, 60 * MB)
    with pytest.raises(UploadRejected) as refused:
        run_coroutine(read_upload(file, 15 * MB))
    assert refused.value.key == "err.upload_too_large" and refused.value.params == {"limit_mb": 15}
    assert spooled.reads == []


def test_a_file_larger_than_its_size_says_is_not_read_past_the_limit():
    file, spooled = upload(b"x" * (5 * MB), 10)
    with pytest.raises(UploadRejected):
        run_coroutine(read_upload(file, 2 * MB))
    assert sum(spooled.reads) <= 2 * MB + CHUNK_BYTES


def test_an_empty_file_is_refused():
    file, _ = upload(b"", 0)
    with pytest.raises(UploadRejected) as refused:
        run_coroutine(read_upload(file, 2 * MB))
    assert refused.value.key == "err.upload_empty"


def test_each_file_is_stored_off_the_loop_and_a_refused_one_does_not_stop_the_others():
    stored: list[tuple[bytes, str]] = []

    def store(data: bytes) -> None:
        if data == b"bad":
            raise UploadRejected("err.upload_wrong_type")
        stored.append((data, threading.current_thread().name))

    files = [upload(b"one", 3)[0], upload(b"bad", 3)[0], upload(b"two", 3)[0]]
    added, problems = run_coroutine(store_each(files, MB, store, lambda exc: f"refused ({exc.key})"))

    assert added == 2 and [data for data, _ in stored] == [b"one", b"two"]
    assert all(thread.startswith("cpu-work") for _, thread in stored)
    assert problems == ["photo.jpg: refused (err.upload_wrong_type)"]


def test_someone_who_may_not_upload_is_not_told_per_file():
    def store(_data: bytes) -> None:
        raise PermissionDenied()

    with pytest.raises(PermissionDenied):
        run_coroutine(store_each([upload(b"one", 3)[0]], MB, store, str))
