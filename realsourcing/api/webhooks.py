"""Webhooks from LiveKit (Stripe arrives with sample orders)."""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from realsourcing.core.video import LiveKitGateway, WebhookRejected
from realsourcing.meetings import booking, rooms
from realsourcing.orders import payments
from realsourcing.orders.stripe_gateway import SignatureRejected, StripeGateway
from realsourcing.webinars import service as webinars

logger = logging.getLogger("realsourcing.webhooks")


async def livekit_webhook(request: Request) -> Response:
    """POST /api/webhooks/livekit: verified with the SDK's WebhookReceiver (JWT + body SHA-256)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    try:
        event = LiveKitGateway.from_settings().receive_webhook(body, request.headers.get("Authorization", ""))
    except WebhookRejected:
        return JSONResponse({"error": "invalid signature"}, status_code=401)
    room = event.room.name if event.HasField("room") else ""
    handler = booking.handle_webhook if rooms.meeting_id_of_room(room) is not None else webinars.handle_webhook
    try:
        applied = await run_in_threadpool(handler, event)
    except IntegrityError:
        applied = False  # the same delivery arrived twice at once; the other one applied it
    return JSONResponse({"ok": True, "duplicate": not applied})


async def stripe_webhook(request: Request) -> Response:
    """POST /api/webhooks/stripe: the signature is checked on the raw body; each event applies once."""
    gateway = StripeGateway.from_settings()
    if gateway is None or not gateway.webhook_secret:
        return JSONResponse({"error": "stripe is not configured"}, status_code=404)
    payload = await request.body()
    try:
        event = gateway.verify(payload, request.headers.get("Stripe-Signature", ""))
    except SignatureRejected:
        return JSONResponse({"error": "invalid signature"}, status_code=400)
    try:
        applied = await run_in_threadpool(payments.handle_event, event)
    except IntegrityError:
        applied = False
    return JSONResponse({"received": True, "duplicate": not applied})
