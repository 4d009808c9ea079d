"""Run a coroutine to completion from a synchronous test, whatever runs in this thread.

When the whole suite runs in one pytest process, Playwright's event loop is already running in the
main thread (browser tests), so `asyncio.run` there fails; a thread of its own has no loop.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def run_coroutine(coroutine: Any) -> Any:
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
