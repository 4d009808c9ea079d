"""run_cpu: synchronous work on a worker thread, never more at once than there are cores, loop kept free."""

from __future__ import annotations

import asyncio
import io
import threading
import time

import pytest
from PIL import Image

from realsourcing.core import offload
from realsourcing.core.offload import run_cpu
from realsourcing.core.uploads import prepare_image
from tests.support.coroutines import run_coroutine


def test_the_work_runs_on_a_worker_thread_with_its_arguments():
    def where(a, *, b):
        return threading.current_thread().name, a + b

    async def main():
        return threading.current_thread().name, await run_cpu(where, 2, b=3)

    loop_thread, (worker_thread, total) = run_coroutine(main())
    assert total == 5
    assert worker_thread != loop_thread and worker_thread.startswith("cpu-work")


def test_an_exception_reaches_the_caller():
    def refuse():
        raise ValueError("not an image")

    with pytest.raises(ValueError, match="not an image"):
        run_coroutine(run_cpu(refuse))


def test_a_burst_waits_for_the_cores_instead_of_running_all_at_once():
    running, most = 0, 0
    lock = threading.Lock()

    def work():
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with lock:
            running -= 1

    async def burst():
        await asyncio.gather(*(run_cpu(work) for _ in range(offload.WORKERS * 3)))

    run_coroutine(burst())
    assert most == offload.WORKERS


def test_the_event_loop_keeps_answering_while_a_big_photo_is_decoded():
    buffer = io.BytesIO()
    Image.effect_noise((6000, 4000), 30).convert("RGB").save(buffer, "JPEG", quality=90)
    photo = buffer.getvalue()

    async def main():
        ticks: list[float] = []
        work = asyncio.ensure_future(run_cpu(prepare_image, photo))
        while not work.done():
            await asyncio.sleep(0.01)
            ticks.append(time.perf_counter())
        return await work, ticks

    prepared, ticks = run_coroutine(main())
    assert prepared.width == 2400
    assert len(ticks) >= 5  # on the loop itself it would have been done before the first tick


def test_a_call_still_waiting_for_a_core_is_cancelled_before_it_starts():
    started: list[int] = []
    release = threading.Event()

    def hold(n):
        started.append(n)
        release.wait(5)

    async def main():
        holders = [asyncio.ensure_future(run_cpu(hold, n)) for n in range(offload.WORKERS)]
        waiting = asyncio.ensure_future(run_cpu(hold, -1))
        await asyncio.sleep(0.1)
        waiting.cancel()
        release.set()
        await asyncio.gather(*holders)
        with pytest.raises(asyncio.CancelledError):
            await waiting

    run_coroutine(main())
    assert -1 not in started and len(started) == offload.WORKERS
