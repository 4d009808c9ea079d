"""Calendar files ("Add to calendar"): GET /api/webinars/{id}/calendar.ics and /api/meetings/{id}/calendar.ics."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from realsourcing.accounts import service as accounts
from realsourcing.config import get_settings
from realsourcing.core.errors import NotFound, PermissionDenied
from realsourcing.meetings import booking
from realsourcing.notifications.calendar_ics import webinar_ics
from realsourcing.orders.row_ids import row_id
from realsourcing.webinars import service as webinars


async def webinar_calendar(request: Request) -> Response:
    webinar_id = row_id(request.path_params["webinar_id"])  # huge, negative, not a number: no such webinar
    if webinar_id is None:
        return PlainTextResponse("Not found", status_code=404)
    try:
        info = await run_in_threadpool(webinars.detail, webinar_id, None)
    except NotFound:
        return PlainTextResponse("Not found", status_code=404)
    card = info.card
    ics = webinar_ics(
        webinar_id=card.id,
        title=card.title_en,
        description=info.description,
        starts_at=card.starts_at,
        duration_min=card.duration_min,
        factory_name=card.factory_name_en,
        url=f"{get_settings().app_url}/webinars/{card.id}",
        cancelled=card.status == "cancelled",
    )
    return Response(
        ics,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="webinar-{card.id}.ics"'},
    )


async def meeting_calendar(request: Request) -> Response:
    """GET /api/meetings/{id}/calendar.ics: for the meeting's buyer and the factory's members; 404 otherwise."""
    meeting_id = row_id(request.path_params["meeting_id"])  # huge, negative, not a number: no such meeting
    if meeting_id is None:
        return PlainTextResponse("Not found", status_code=404)
    user = await run_in_threadpool(accounts.resolve_session, request.cookies.get(accounts.SESSION_COOKIE))
    if user is None:
        return PlainTextResponse("Not found", status_code=404)
    try:
        ics = await run_in_threadpool(booking.calendar_file, user, meeting_id)
    except (NotFound, PermissionDenied):
        return PlainTextResponse("Not found", status_code=404)  # nobody learns which meetings exist
    return Response(
        ics.encode(),
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="meeting-{meeting_id}.ics"',
            "Cache-Control": "private, no-store",
        },
    )
