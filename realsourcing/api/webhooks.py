"""Webhooks from LiveKit and Stripe.

Rules:
- A body larger than MAX_WEBHOOK_BYTES is refused with 413 before it is read: a Content-Length above it
  is refused at once, and a body sent without one is cut off as soon as it grows past it.
- A LiveKit room whose name carries an id no row can have (huge, zero) is acknowledged and ignored.
- Signatures are checked on the raw body, in a worker thread (HMAC over up to 1 MB must not hold up the
  event loop that serves every tab); so is everything that touches the database.
"""

from __future__ import annotations

import logging
import re
from functools import partial

from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from realsourcing.core.video import LiveKitGateway, WebhookRejected
from realsourcing.meetings import booking, rooms
from realsourcing.orders import payments
from realsourcing.orders.row_ids import row_id
from realsourcing.orders.stripe_gateway import SignatureRejected, StripeGateway
from realsourcing.webinars import service as webinars

logger = logging.getLogger("realsourcing.webhooks")

MAX_WEBHOOK_BYTES = 1024 * 1024  # Stripe's and LiveKit's events are a few kilobytes


class BodyTooLarge(Exception):
    pass


async def limited_body(request: Request, limit: int = MAX_WEBHOOK_BYTES) -> bytes:
    """The request body, refused (BodyTooLarge) when it is, or announces to be, larger than `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared and (not declared.isascii() or not declared.isdigit() or int(declared) > limit):
        raise BodyTooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large() -> Response:
    return JSONResponse({"error": "body too large"}, status_code=413)


async def livekit_webhook(request: Request) -> Response:
    """POST /api/webhooks/livekit: verified with the SDK's WebhookReceiver (JWT + body SHA-256)."""
    try:
        body = (await limited_body(request)).decode("utf-8", errors="replace")
    except BodyTooLarge:
        return _too_large()
    receive = partial(LiveKitGateway.from_settings().receive_webhook, body, request.headers.get("Authorization", ""))
    try:
        event = await run_in_threadpool(receive)
    except WebhookRejected:
        return JSONResponse({"error": "invalid signature"}, status_code=401)
    room = event.room.name if event.HasField("room") else ""
    if any(row_id(number) is None for number in re.findall(r"[0-9]+", room)):
        return JSONResponse({"ok": True, "duplicate": False})  # names an id no row can have: not a room of ours
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
    try:
        payload = await limited_body(request)
    except BodyTooLarge:
        return _too_large()
    try:
        event = await run_in_threadpool(gateway.verify, payload, request.headers.get("Stripe-Signature", ""))
    except SignatureRejected:
        return JSONResponse({"error": "invalid signature"}, status_code=400)
    try:
        applied = await run_in_threadpool(payments.handle_event, event, gateway)
    except IntegrityError:
        applied = False
    return JSONResponse({"received": True, "duplicate": not applied})
