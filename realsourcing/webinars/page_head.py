"""The server-sent head of a webinar's page (core/page_head.py): title, description, cover image and a
JSON-LD Event (online; scheduled, live, ended, cancelled or did not take place as schema.org says it),
organised by the factory. Drafts have no public page, so no head (the caller answers 404)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from realsourcing.core.errors import NotFound
from realsourcing.core.i18n import translate
from realsourcing.core.page_head import PageHead, Section, media_path
from realsourcing.core.timefmt import span
from realsourcing.db import utcnow
from realsourcing.webinars import service
from realsourcing.webinars.models import WebinarStatus
from realsourcing.webinars.phase import DID_NOT_TAKE_PLACE, shown_status

EVENT_STATUS = {
    WebinarStatus.CANCELLED.value: "https://schema.org/EventCancelled",
    DID_NOT_TAKE_PLACE: "https://schema.org/EventCancelled",
}


def _utc(moment: datetime) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)  # stored as UTC
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def webinar_head(webinar_id: int, lang: str, app_url: str, *, language_chosen: bool = False) -> PageHead | None:
    try:
        detail = service.detail(webinar_id, None)
    except NotFound:
        return None
    card = detail.card
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    title = (card.title_zh or card.title_en) if lang == "zh" else (card.title_en or card.title_zh)
    factory = (card.factory_name_zh or card.factory_name_en) if lang == "zh" else card.factory_name_en
    base = app_url.rstrip("/")
    path = f"/webinars/{card.id}"
    ends = card.starts_at + timedelta(minutes=card.duration_min)
    when = span(card.starts_at, ends, detail.factory_timezone, lang)
    status = shown_status(card.status, card.starts_at, card.duration_min, utcnow())
    kind = t(f"web.kind_{card.kind}")
    summary = t("head.webinar_summary", kind=kind, factory=factory, when=when)
    image = media_path(card.cover_key)
    event: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": title,
        "description": detail.description or summary,
        "startDate": _utc(card.starts_at),
        "endDate": _utc(ends),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "eventStatus": EVENT_STATUS.get(status, "https://schema.org/EventScheduled"),
        "location": {"@type": "VirtualLocation", "url": f"{base}{path}"},
        "organizer": {"@type": "Organization", "name": factory, "url": f"{base}/factories/{card.factory_slug}"},
        "isAccessibleForFree": True,
        "inLanguage": card.language or lang,
        "url": f"{base}{path}",
    }
    if image:
        event["image"] = f"{base}{image}"
    if card.capacity:
        event["maximumAttendeeCapacity"] = card.capacity
    return PageHead(
        title=f"{title} — {factory} · RealSourcing",
        description=detail.description or summary,
        path=path,
        language=lang,
        language_chosen=language_chosen,
        image_path=image,
        kind="website",
        json_ld=[event],
        heading=title,
        summary=summary,
        sections=[
            Section(t("head.about_webinar"), [(detail.description, "")] if detail.description else []),
            Section(t("head.hosted_by"), [(factory, f"/factories/{card.factory_slug}")]),
        ],
    )
