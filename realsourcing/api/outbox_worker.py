"""The email worker: runs in every backend worker's lifespan; claiming makes each email go once."""

from __future__ import annotations

import asyncio
import logging

from starlette.concurrency import run_in_threadpool

from realsourcing.config import get_settings
from realsourcing.services import notifications

logger = logging.getLogger("realsourcing.outbox")
INTERVAL_S = 10


async def deliver_outbox_forever() -> None:
    if not get_settings().smtp_host:
        logger.info("SMTP_HOST is not set: emails stay in the outbox")
        return
    while True:
        try:
            await run_in_threadpool(notifications.deliver_due)
        except Exception:  # a broken run must not stop the next one
            logger.exception("outbox delivery failed")
        await asyncio.sleep(INTERVAL_S)
