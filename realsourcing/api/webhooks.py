"""Webhooks from LiveKit (Stripe arrives with sample orders)."""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from realsourcing.services import booking, webinars
from realsourcing.services.video import LiveKitGateway, WebhookRejected

logger = logging.getLogger("realsourcing.webhooks")


async def livekit_webhook(request: Request) -> Response:
    """POST /api/webhooks/livekit: verified with the SDK's WebhookReceiver (JWT + body SHA-256)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    try:
        event = LiveKitGateway.from_settings().receive_webhook(body, request.headers.get("Authorization", ""))
    except WebhookRejected:
        return JSONResponse({"error": "invalid signature"}, status_code=401)
    room = event.room.name if event.HasField("room") else ""
    handler = booking.handle_webhook if room.startswith("meeting-") else webinars.handle_webhook
    try:
        applied = await run_in_threadpool(handler, event)
    except IntegrityError:
        applied = False  # the same delivery arrived twice at once; the other one applied it
    return JSONResponse({"ok": True, "duplicate": not applied})
