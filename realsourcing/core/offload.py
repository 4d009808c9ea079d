"""Synchronous CPU work off the event loop, bounded: `await run_cpu(fn, *args, **kwargs)`.

One backend worker serves every open tab from one event loop: a handler that decodes a photo or
hashes a password on it stalls every other tab until it is done. `run_cpu` hands such work to a
thread pool with one thread per core the process may use, behind a semaphore of the same size, so
a burst (twenty photos, a wave of log-ins) queues for the cores instead of starving everyone else,
and a queued call whose client went away is cancelled before it starts.

Threads are enough because the heavy parts release the GIL while they run (Pillow's decoders,
encoders and resampling, argon2, hashlib over large buffers); the event loop keeps its share.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import os
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def _usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # the cores this process may run on (containers, taskset)
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


WORKERS = _usable_cores()
_executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="cpu-work")
# asyncio primitives belong to one loop; tests and scripts may run several loops one after another.
_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


def _slots_of(loop: asyncio.AbstractEventLoop) -> asyncio.Semaphore:
    slots = _slots.get(loop)
    if slots is None:
        slots = _slots[loop] = asyncio.Semaphore(WORKERS)
    return slots


async def run_cpu(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """fn(*args, **kwargs) on a worker thread once a core is free; its result, or its exception."""
    loop = asyncio.get_running_loop()
    async with _slots_of(loop):
        context = contextvars.copy_context()  # the caller's context variables, as asyncio.to_thread does
        return await loop.run_in_executor(_executor, functools.partial(context.run, fn, *args, **kwargs))
