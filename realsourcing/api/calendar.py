"""Calendar files: GET /api/webinars/{id}/calendar.ics ("Add to calendar")."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from realsourcing.config import get_settings
from realsourcing.core.errors import NotFound
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
