"""Background work in every backend worker's lifespan: profile views, webinars that did not take
place, due reminders, due emails.

Claiming is atomic in both, so several workers never send the same reminder or email twice.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.concurrency import run_in_threadpool

from realsourcing.config import get_settings
from realsourcing.notifications import reminders
from realsourcing.notifications import service as notifications
from realsourcing.profile import insights

logger = logging.getLogger("realsourcing.outbox")
INTERVAL_S = 10


async def deliver_outbox_forever() -> None:
    if not get_settings().smtp_host:
        logger.info("SMTP_HOST is not set: emails stay in the outbox (admins see them at /admin/outbox)")
    while True:
        try:
            await run_in_threadpool(insights.flush_views)
            await run_in_threadpool(reminders.schedule_not_held)
            await run_in_threadpool(reminders.send_due)
            await run_in_threadpool(notifications.deliver_due)
        except Exception:  # a broken run must not stop the next one
            logger.exception("background delivery failed")
        await asyncio.sleep(INTERVAL_S)
