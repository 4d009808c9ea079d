"""Webinars ("online open days"): creation, lifecycle, registration, the square, and who may join.

Rules:
- Only the factory's members create, edit, schedule, cancel, run and moderate its webinars.
- draft → scheduled → live → ended; draft or scheduled → cancelled (registered buyers are told).
- A webinar starts in the future, lasts 15–240 minutes, and overlaps none of the factory's other
  scheduled/live webinars nor its confirmed meetings.
- Buyers register once (login required) while there is room (capacity).
- A webinar is created once per form key (core/idempotency.py): a double click on "Save", or a retry
  of it, answers with the first webinar (scheduled with it when the form asked to, in one transaction).
- A scheduled webinar past its planned end that never went live "did not take place" (webinars.phase):
  cards show that status, it leaves the upcoming list and joins the past one.
- A video token is minted only for the factory's members (publish + room admin) and registered
  buyers (watch + chat), only from 15 minutes before the start until the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import User
from realsourcing.core import divisions, idempotency
from realsourcing.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from realsourcing.core.video import HOST, VIEWER, LiveKitGateway
from realsourcing.db import get_existing, id_of, session_scope, utcnow
from realsourcing.meetings.models import Meeting, MeetingStatus
from realsourcing.notifications import reminders
from realsourcing.notifications.service import notify
from realsourcing.orders.models import ProviderEvent
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.factories import document_is_current
from realsourcing.profile.membership import is_member, require_member
from realsourcing.profile.models import Factory, FactoryDocument, MediaAsset, MediaKind
from realsourcing.webinars.models import (
    Webinar,
    WebinarAttendance,
    WebinarKind,
    WebinarProduct,
    WebinarRegistration,
    WebinarStatus,
)
from realsourcing.webinars.phase import DID_NOT_TAKE_PLACE, shown_status

JOIN_EARLY = timedelta(minutes=15)
ACTIVE = (WebinarStatus.SCHEDULED.value, WebinarStatus.LIVE.value)
LANGUAGES = ("en", "zh")


class WebinarRefused(DomainError):
    pass


def room_name(webinar_id: int) -> str:
    return f"webinar-{webinar_id}"


def ends_at(w: Webinar) -> datetime:
    return w.ended_at or (w.starts_at + timedelta(minutes=w.duration_min))


# ---------------------------------------------------------------- factory side


@dataclass(frozen=True)
class WebinarForm:
    title_en: str
    title_zh: str = ""
    kind: str = WebinarKind.WORKSHOP_TOUR.value
    description: str = ""
    start_local: str = ""  # "YYYY-MM-DDTHH:MM" in the factory's time zone
    duration_min: str = "60"
    language: str = "en"
    capacity: str = "100"
    product_ids: tuple[int, ...] = ()


def _own(db: Session, actor: CurrentUser, webinar_id: int) -> tuple[Factory, Webinar]:
    factory = require_member(db, actor)
    webinar = db.get(Webinar, webinar_id)
    if webinar is None or webinar.factory_id != factory.id:
        raise NotFound()
    return factory, webinar


def _overlaps(db: Session, factory_id: int, start: datetime, end: datetime, exclude_id: int | None) -> str | None:
    others = db.exec(
        select(Webinar).where(
            Webinar.factory_id == factory_id, col(Webinar.status).in_(ACTIVE), Webinar.id != (exclude_id or 0)
        )
    ).all()
    if any(o.starts_at < end and start < ends_at(o) for o in others):
        return "err.webinar_overlap"
    meetings = db.exec(
        select(Meeting.id).where(
            Meeting.factory_id == factory_id,
            Meeting.status == MeetingStatus.CONFIRMED.value,
            Meeting.starts_at < end,
            Meeting.ends_at > start,
        )
    ).first()
    return "err.meeting_overlap" if meetings else None


def _validate(db: Session, factory: Factory, form: WebinarForm, exclude_id: int | None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    title_en = " ".join(form.title_en.split())
    if len(title_en) < 4:
        errors["title_en"] = "err.required"
    elif len(title_en) > 200:
        errors["title_en"] = "err.too_long"
    if form.kind not in {k.value for k in WebinarKind}:
        errors["kind"] = "err.unknown_option"
    if form.language not in LANGUAGES:
        errors["language"] = "err.unknown_option"
    duration = int(form.duration_min) if str(form.duration_min).isdigit() else 0
    if not 15 <= duration <= 240:
        errors["duration_min"] = "err.duration"
    capacity = int(form.capacity) if str(form.capacity).isdigit() else 0
    if not 1 <= capacity <= 1000:
        errors["capacity"] = "err.out_of_range"
    start = None
    try:
        local = datetime.fromisoformat(form.start_local)
    except ValueError:
        errors["start_local"] = "err.datetime"
    else:
        start = local.replace(tzinfo=ZoneInfo(factory.timezone)).astimezone(ZoneInfo("UTC"))
    if start is not None and start <= utcnow() + timedelta(minutes=5):
        errors["start_local"] = "err.start_in_future"
    if (
        start is not None
        and "start_local" not in errors
        and "duration_min" not in errors
        and (problem := _overlaps(db, id_of(factory), start, start + timedelta(minutes=duration), exclude_id))
    ):
        errors["start_local"] = problem
    if form.product_ids:
        products = db.exec(
            select(Product.id).where(
                col(Product.id).in_(form.product_ids),
                Product.factory_id == factory.id,
                Product.status == ProductStatus.PUBLISHED.value,
                col(Product.deleted_at).is_(None),
            )
        ).all()
        if len(products) != len(set(form.product_ids)):
            errors["products"] = "err.unknown_option"
    if errors:
        raise ValidationFailed(errors)
    return {
        "title_en": title_en,
        "title_zh": " ".join(form.title_zh.split())[:200],
        "kind": form.kind,
        "description": form.description.strip()[:4000],
        "starts_at": start,
        "duration_min": duration,
        "language": form.language,
        "capacity": capacity,
        "product_ids": list(dict.fromkeys(form.product_ids))[:6],
    }


WEBINAR_KIND = "webinar"


@idempotency.once(WEBINAR_KIND)
def create_webinar(actor: CurrentUser, form: WebinarForm, *, key: str, schedule_now: bool = False) -> int:
    """A new webinar of the actor's factory, a draft or (schedule_now) scheduled; returns its id (the first
    one's for a repeated key)."""
    with session_scope() as db:
        factory = require_member(db, actor)
        webinar = Webinar(factory_id=id_of(factory), title_en="", starts_at=utcnow(), created_by_id=actor.id)
        webinar_id = _write(db, factory, webinar, _validate(db, factory, form, None))
        if schedule_now:
            _schedule(db, factory, webinar)
        idempotency.remember(db, webinar_id)
        return webinar_id


def save_webinar(actor: CurrentUser, form: WebinarForm, webinar_id: int | None = None) -> int:
    """Edit a draft/scheduled webinar of the actor's factory (or, with no id, create a draft with a key of
    its own). Returns its id. The browser creates through `create_webinar` with its form's key."""
    if not webinar_id:
        return create_webinar(actor, form, key=idempotency.new_key())
    with session_scope() as db:
        factory, webinar = _own(db, actor, webinar_id)
        if webinar.status not in (WebinarStatus.DRAFT.value, WebinarStatus.SCHEDULED.value):
            raise WebinarRefused("err.webinar_not_editable")
        return _write(db, factory, webinar, _validate(db, factory, form, webinar_id))


def _write(db: Session, factory: Factory, webinar: Webinar, clean: dict[str, Any]) -> int:
    product_ids = clean.pop("product_ids")
    for name, value in clean.items():
        setattr(webinar, name, value)  # fixed names from _validate, never from the client
    webinar.updated_at = utcnow()
    db.add(webinar)
    db.flush()
    saved_id = id_of(webinar)
    webinar.room_name = room_name(saved_id)
    for link in db.exec(select(WebinarProduct).where(WebinarProduct.webinar_id == saved_id)).all():
        db.delete(link)
    db.flush()
    for position, product_id in enumerate(product_ids):
        db.add(WebinarProduct(webinar_id=saved_id, product_id=product_id, position=position))
    return saved_id


def schedule(actor: CurrentUser, webinar_id: int) -> None:
    with session_scope() as db:
        factory, webinar = _own(db, actor, webinar_id)
        _schedule(db, factory, webinar)


def _schedule(db: Session, factory: Factory, webinar: Webinar) -> None:
    if webinar.status != WebinarStatus.DRAFT.value:
        raise WebinarRefused("err.webinar_bad_transition")
    if webinar.starts_at <= utcnow():
        raise WebinarRefused("err.start_in_future")
    if problem := _overlaps(db, id_of(factory), webinar.starts_at, ends_at(webinar), webinar.id):
        raise WebinarRefused(problem)
    webinar.status = WebinarStatus.SCHEDULED.value
    db.add(webinar)


def cancel(actor: CurrentUser, webinar_id: int, reason: str) -> int:
    """Cancel a draft or scheduled webinar; every registered buyer is told. Returns how many."""
    reason = " ".join((reason or "").split())[:1000]
    if len(reason) < 5:
        raise ValidationFailed({"reason": "err.reason_required"})
    with session_scope() as db:
        _factory, webinar = _own(db, actor, webinar_id)
        if webinar.status not in (WebinarStatus.DRAFT.value, WebinarStatus.SCHEDULED.value):
            raise WebinarRefused("err.webinar_bad_transition")
        webinar.status = WebinarStatus.CANCELLED.value
        webinar.cancel_reason = reason
        db.add(webinar)
        registered = db.exec(
            select(User)
            .join(WebinarRegistration, col(WebinarRegistration.user_id) == User.id)
            .where(WebinarRegistration.webinar_id == webinar.id, col(WebinarRegistration.cancelled_at).is_(None))
        ).all()
        payload = {"webinar_id": webinar.id, "title": webinar.title_en, "title_zh": webinar.title_zh, "reason": reason}
        for user in registered:
            notify(db, user, "webinar_cancelled", payload, link=f"/webinars/{webinar.id}", actor_id=actor.id)
        return len(registered)


async def go_live(actor: CurrentUser, webinar_id: int, gateway: LiveKitGateway) -> None:
    with session_scope() as db:
        _factory, webinar = _own(db, actor, webinar_id)
        if webinar.status != WebinarStatus.SCHEDULED.value:
            raise WebinarRefused("err.webinar_bad_transition")
        if utcnow() < webinar.starts_at - JOIN_EARLY:
            raise WebinarRefused("err.too_early")
        room, capacity = webinar.room_name, webinar.capacity
    await gateway.create_room(room, max_participants=capacity + 20)
    with session_scope() as db:
        webinar = get_existing(db, Webinar, webinar_id)
        if webinar.status == WebinarStatus.SCHEDULED.value:
            webinar.status = WebinarStatus.LIVE.value
            webinar.went_live_at = utcnow()
            db.add(webinar)


async def end(actor: CurrentUser, webinar_id: int, gateway: LiveKitGateway) -> None:
    """End for everyone: the room is closed on the LiveKit server."""
    with session_scope() as db:
        _factory, webinar = _own(db, actor, webinar_id)
        if webinar.status != WebinarStatus.LIVE.value:
            raise WebinarRefused("err.webinar_bad_transition")
        room = webinar.room_name
    await gateway.delete_room(room)
    _mark_ended(webinar_id)


def _mark_ended(webinar_id: int) -> None:
    with session_scope() as db:
        webinar = get_existing(db, Webinar, webinar_id)
        if webinar.status in ACTIVE:
            webinar.status = WebinarStatus.ENDED.value
            webinar.ended_at = utcnow()
            db.add(webinar)
        for stay in db.exec(
            select(WebinarAttendance).where(
                WebinarAttendance.webinar_id == webinar_id, col(WebinarAttendance.left_at).is_(None)
            )
        ).all():
            stay.left_at = webinar.ended_at or utcnow()
            db.add(stay)


async def moderate(actor: CurrentUser, webinar_id: int, identity: str, action: str, gateway: LiveKitGateway) -> None:
    """Host controls on a live webinar: mute, remove, invite on stage, take off stage."""
    with session_scope() as db:
        _factory, webinar = _own(db, actor, webinar_id)
        if webinar.status != WebinarStatus.LIVE.value:
            raise WebinarRefused("err.webinar_not_live")
        room = webinar.room_name
    if action == "mute":
        await gateway.mute(room, identity)
    elif action == "remove":
        await gateway.remove_participant(room, identity)
    elif action in ("stage", "unstage"):
        await gateway.set_can_publish(room, identity, action == "stage")
    else:
        raise ValidationFailed({"action": "err.unknown_option"})


# ---------------------------------------------------------------- buyers


def register(actor: CurrentUser, webinar_id: int) -> None:
    """One registration per buyer, while the webinar is upcoming or live and not full."""
    with session_scope() as db:
        webinar = db.get(Webinar, webinar_id)
        if webinar is None or webinar.status not in ACTIVE:
            raise NotFound()
        if is_member(db, webinar.factory_id, actor.id):
            raise WebinarRefused("err.own_webinar")
        existing = db.exec(
            select(WebinarRegistration).where(
                WebinarRegistration.webinar_id == webinar.id, WebinarRegistration.user_id == actor.id
            )
        ).first()
        if existing is not None and existing.cancelled_at is None:
            return  # already registered: registering again changes nothing
        if _registered_count(db, webinar_id) >= webinar.capacity:
            raise WebinarRefused("err.webinar_full")
        if existing is None:
            db.add(WebinarRegistration(webinar_id=webinar_id, user_id=actor.id))
        else:
            existing.cancelled_at = None
            existing.created_at = utcnow()
            db.add(existing)
        db.flush()
        reminders.for_webinar_registration(db, webinar, actor.id)
        # The registrant's own ticket (the room's link, then its reminders), not news of their act.
        notify(
            db,
            get_existing(db, User, actor.id),
            "webinar_registered",
            {
                "title": webinar.title_en,
                "title_zh": webinar.title_zh or webinar.title_en,
                "when_utc": webinar.starts_at.strftime("%Y-%m-%d %H:%M"),
                "starts_at": webinar.starts_at.isoformat(),
            },
            link=f"/webinars/{webinar.id}",
        )
        if _registered_count(db, webinar_id) > webinar.capacity:  # two buyers raced for the last seat
            raise WebinarRefused("err.webinar_full")


def unregister(actor: CurrentUser, webinar_id: int) -> None:
    with session_scope() as db:
        existing = db.exec(
            select(WebinarRegistration).where(
                WebinarRegistration.webinar_id == webinar_id, WebinarRegistration.user_id == actor.id
            )
        ).first()
        if existing is not None and existing.cancelled_at is None:
            existing.cancelled_at = utcnow()
            db.add(existing)


def _registered_count(db: Session, webinar_id: int) -> int:
    return db.exec(
        select(func.count()).where(
            WebinarRegistration.webinar_id == webinar_id, col(WebinarRegistration.cancelled_at).is_(None)
        )
    ).one()


@dataclass(frozen=True)
class JoinTicket:
    url: str
    token: str
    is_host: bool
    identity: str


def join_ticket(
    actor: CurrentUser, webinar_id: int, gateway: LiveKitGateway, now: datetime | None = None
) -> JoinTicket:
    """A short-lived token for the webinar's room, or WebinarRefused/PermissionDenied saying why not."""
    now = now or utcnow()
    with session_scope() as db:
        webinar = db.get(Webinar, webinar_id)
        if webinar is None or webinar.status in (WebinarStatus.DRAFT.value, WebinarStatus.CANCELLED.value):
            raise NotFound()
        is_host = is_member(db, webinar.factory_id, actor.id)
        registered = (
            db.exec(
                select(WebinarRegistration.id).where(
                    WebinarRegistration.webinar_id == webinar.id,
                    WebinarRegistration.user_id == actor.id,
                    col(WebinarRegistration.cancelled_at).is_(None),
                )
            ).first()
            is not None
        )
        if not (is_host or registered):
            raise PermissionDenied("err.register_first")
        if webinar.status == WebinarStatus.ENDED.value or now > ends_at(webinar):
            raise WebinarRefused("err.webinar_over")
        if now < webinar.starts_at - JOIN_EARLY:
            raise WebinarRefused("err.too_early")
        room = webinar.room_name
    name = f"{actor.full_name} · {actor.company_name}" if actor.company_name else actor.full_name
    token = gateway.token(
        room=room,
        identity=str(actor.id),
        name=name[:120],
        grant=HOST if is_host else VIEWER,
        metadata={"role": "host" if is_host else "viewer"},
    )
    return JoinTicket(url=gateway.url, token=token, is_host=is_host, identity=str(actor.id))


# ---------------------------------------------------------------- LiveKit webhooks


def handle_webhook(event) -> bool:
    """Apply a verified LiveKit webhook event once. Returns False for a duplicate delivery."""
    room = event.room.name if event.HasField("room") else ""
    if not room.startswith("webinar-") or not room.removeprefix("webinar-").isdigit():
        return True  # not ours (e.g. a meeting room handled elsewhere): acknowledged
    webinar_id = int(room.removeprefix("webinar-"))
    with session_scope() as db:
        if db.exec(
            select(ProviderEvent.id).where(ProviderEvent.provider == "livekit", ProviderEvent.event_id == event.id)
        ).first():
            return False
        db.add(ProviderEvent(provider="livekit", event_id=event.id, event_type=event.event, payload={"room": room}))
        webinar = db.get(Webinar, webinar_id)
        if webinar is None:
            return True
        at = datetime.fromtimestamp(event.created_at, tz=ZoneInfo("UTC")) if event.created_at else utcnow()
        if event.event == "room_started" and webinar.status == WebinarStatus.SCHEDULED.value:
            webinar.status, webinar.went_live_at = WebinarStatus.LIVE.value, at
            db.add(webinar)
        elif event.event == "participant_joined":
            identity = event.participant.identity
            db.add(
                WebinarAttendance(
                    webinar_id=webinar_id,
                    user_id=int(identity) if identity.isdigit() and db.get(User, int(identity)) else None,
                    participant_sid=event.participant.sid,
                    joined_at=at,
                )
            )
        elif event.event == "participant_left":
            stay = db.exec(
                select(WebinarAttendance).where(
                    WebinarAttendance.webinar_id == webinar_id,
                    WebinarAttendance.participant_sid == event.participant.sid,
                    col(WebinarAttendance.left_at).is_(None),
                )
            ).first()
            if stay is not None:
                stay.left_at = at
                db.add(stay)
    if event.event == "room_finished":
        _mark_ended(webinar_id)
    return True


# ---------------------------------------------------------------- what people see


@dataclass(frozen=True)
class WebinarCard:
    id: int
    title_en: str
    title_zh: str
    kind: str
    status: str
    starts_at: datetime
    duration_min: int
    language: str
    factory_slug: str
    factory_name_en: str
    factory_name_zh: str
    factory_verified: bool
    factory_category: str
    factory_place_en: str
    factory_place_zh: str
    registered: int
    capacity: int
    cover_key: str = ""
    verified_documents: int = 0  # the factory's approved, unexpired licence and certificates
    factory_timezone: str = "Asia/Shanghai"


def _cards(db: Session, rows: list[tuple[Webinar, Factory]]) -> list[WebinarCard]:
    ids = [id_of(w) for w, _f in rows]
    counts = (
        dict(
            db.exec(
                select(WebinarRegistration.webinar_id, func.count())
                .where(col(WebinarRegistration.webinar_id).in_(ids), col(WebinarRegistration.cancelled_at).is_(None))
                .group_by(col(WebinarRegistration.webinar_id))
            ).all()
        )
        if ids
        else {}
    )
    now = utcnow()
    today = now.date()
    factory_ids = list({id_of(f) for _w, f in rows})
    docs = (
        db.exec(
            select(FactoryDocument).where(
                col(FactoryDocument.factory_id).in_(factory_ids), FactoryDocument.status == "approved"
            )
        ).all()
        if factory_ids
        else []
    )
    verified_docs: dict[int, int] = {}
    for doc in docs:
        if document_is_current(doc, today):
            verified_docs[doc.factory_id] = verified_docs.get(doc.factory_id, 0) + 1
    cover_ids = [w.cover_asset_id for w, _f in rows if w.cover_asset_id]
    covers = (
        dict(db.exec(select(MediaAsset.id, MediaAsset.thumbnail_key).where(col(MediaAsset.id).in_(cover_ids))).all())
        if cover_ids
        else {}
    )
    return [
        WebinarCard(
            id=webinar_id,
            title_en=w.title_en,
            title_zh=w.title_zh or w.title_en,
            kind=w.kind,
            status=shown_status(w.status, w.starts_at, w.duration_min, now),
            starts_at=w.starts_at,
            duration_min=w.duration_min,
            language=w.language,
            factory_slug=f.slug,
            factory_name_en=f.display_name_en,
            factory_name_zh=f.display_name_zh or f.display_name_en,
            factory_verified=f.is_verified,
            factory_category=f.category,
            factory_place_en=divisions.place(f.city, f.province, "en"),
            factory_place_zh=divisions.place(f.city, f.province, "zh"),
            registered=counts.get(webinar_id, 0),
            capacity=w.capacity,
            cover_key=covers.get(w.cover_asset_id, "") if w.cover_asset_id else "",
            verified_documents=verified_docs.get(id_of(f), 0),
            factory_timezone=f.timezone,
        )
        for (w, f), webinar_id in zip(rows, ids, strict=True)
    ]


@dataclass(frozen=True)
class Square:
    live: list[WebinarCard]
    upcoming: list[WebinarCard]
    past: list[WebinarCard]


def square(category: str = "", language: str = "", verified_only: bool = False, limit: int = 24) -> Square:
    """The webinar square: live now, upcoming (soonest first), past (latest first)."""
    now = utcnow()
    with session_scope() as db:

        def fetch(*where, order, n=limit):
            query = select(Webinar, Factory).join(Factory, col(Factory.id) == Webinar.factory_id).where(*where)
            if category:
                query = query.where(Factory.category == category)
            if language in LANGUAGES:
                query = query.where(Webinar.language == language)
            if verified_only:
                query = query.where(col(Factory.is_verified).is_(True))
            return _cards(db, list(db.exec(query.order_by(*order).limit(n)).all()))

        upcoming = fetch(
            Webinar.status == WebinarStatus.SCHEDULED.value,
            Webinar.starts_at > now - JOIN_EARLY,
            order=[col(Webinar.starts_at)],
        )
        # Past: ended ones and those that never went live (the newest of each, merged by start).
        ended = fetch(Webinar.status == WebinarStatus.ENDED.value, order=[col(Webinar.starts_at).desc()], n=12)
        not_held = [
            c
            for c in fetch(
                Webinar.status == WebinarStatus.SCHEDULED.value,
                Webinar.starts_at <= now,
                order=[col(Webinar.starts_at).desc()],
                n=12,
            )
            if c.status == DID_NOT_TAKE_PLACE
        ]
        return Square(
            live=fetch(Webinar.status == WebinarStatus.LIVE.value, order=[col(Webinar.starts_at)]),
            upcoming=[c for c in upcoming if c.status != DID_NOT_TAKE_PLACE],
            past=sorted(ended + not_held, key=lambda c: c.starts_at, reverse=True)[:12],
        )


@dataclass(frozen=True)
class WebinarDetail:
    card: WebinarCard
    description: str
    cancel_reason: str
    factory_id: int
    factory_timezone: str
    product_ids: list[int]
    viewer_registered: bool
    viewer_is_host: bool


def detail(webinar_id: int, actor: CurrentUser | None) -> WebinarDetail:
    """A webinar as its page shows it; drafts only to the factory's members.

    The actor is None for anonymous visitors (and the calendar file): a webinar's page is public.
    """
    with session_scope() as db:
        row = db.exec(
            select(Webinar, Factory)
            .join(Factory, col(Factory.id) == Webinar.factory_id)
            .where(Webinar.id == webinar_id)
        ).first()
        if row is None:
            raise NotFound()
        webinar, factory = row
        is_host = actor is not None and is_member(db, factory.id, actor.id)
        if webinar.status == WebinarStatus.DRAFT.value and not is_host:
            raise NotFound()
        registered = (
            actor is not None
            and db.exec(
                select(WebinarRegistration.id).where(
                    WebinarRegistration.webinar_id == webinar.id,
                    WebinarRegistration.user_id == actor.id,
                    col(WebinarRegistration.cancelled_at).is_(None),
                )
            ).first()
            is not None
        )
        products = db.exec(
            select(WebinarProduct.product_id)
            .where(WebinarProduct.webinar_id == webinar.id)
            .order_by(col(WebinarProduct.position))
        ).all()
        return WebinarDetail(
            card=_cards(db, [(webinar, factory)])[0],
            description=webinar.description,
            cancel_reason=webinar.cancel_reason,
            factory_id=id_of(factory),
            factory_timezone=factory.timezone,
            product_ids=list(products),
            viewer_registered=registered,
            viewer_is_host=is_host,
        )


@dataclass(frozen=True)
class DashboardWebinar:
    card: WebinarCard
    attendees: int
    attended_minutes: int
    who: list[tuple[str, int]]  # (name, minutes) per person who joined, longest first


def my_webinars(actor: CurrentUser) -> list[DashboardWebinar]:
    """The factory's webinars with registrations and, after the event, attendance."""
    with session_scope() as db:
        factory = require_member(db, actor)
        rows = db.exec(
            select(Webinar, Factory)
            .join(Factory, col(Factory.id) == Webinar.factory_id)
            .where(Webinar.factory_id == factory.id)
            .order_by(col(Webinar.starts_at).desc())
            .limit(100)
        ).all()
        cards = _cards(db, list(rows))
        stays = (
            db.exec(select(WebinarAttendance).where(col(WebinarAttendance.webinar_id).in_([c.id for c in cards]))).all()
            if cards
            else []
        )
        names = (
            dict(
                db.exec(
                    select(User.id, User.full_name).where(col(User.id).in_({s.user_id for s in stays if s.user_id}))
                ).all()
            )
            if stays
            else {}
        )
        result = []
        for card in cards:
            per_person: dict[str, list] = {}  # one entry per person (user id, or LiveKit sid for guests)
            for stay in (s for s in stays if s.webinar_id == card.id):
                key = str(stay.user_id or stay.participant_sid)
                entry = per_person.setdefault(key, [names.get(stay.user_id, "Guest"), 0])
                entry[1] += int(((stay.left_at or utcnow()) - stay.joined_at).total_seconds() // 60)
            who = sorted(((name, minutes) for name, minutes in per_person.values()), key=lambda item: -item[1])
            result.append(DashboardWebinar(card, len(who), sum(m for _n, m in who), who))
        return result


def webinar_form(actor: CurrentUser, webinar_id: int) -> dict[str, str]:
    with session_scope() as db:
        factory, webinar = _own(db, actor, webinar_id)
        local = webinar.starts_at.astimezone(ZoneInfo(factory.timezone))
        products = db.exec(select(WebinarProduct.product_id).where(WebinarProduct.webinar_id == webinar.id)).all()
        cover = db.get(MediaAsset, webinar.cover_asset_id) if webinar.cover_asset_id else None
        return {
            "cover_key": cover.thumbnail_key if cover else "",
            "title_en": webinar.title_en,
            "title_zh": webinar.title_zh,
            "kind": webinar.kind,
            "description": webinar.description,
            "start_local": local.strftime("%Y-%m-%dT%H:%M"),
            "duration_min": str(webinar.duration_min),
            "language": webinar.language,
            "capacity": str(webinar.capacity),
            "product_ids": ",".join(str(p) for p in products),
            "status": webinar.status,
        }


def set_cover(actor: CurrentUser, webinar_id: int, asset_id: int) -> None:
    with session_scope() as db:
        factory, webinar = _own(db, actor, webinar_id)
        asset = db.get(MediaAsset, asset_id)
        if asset is None or asset.factory_id != factory.id or asset.kind != MediaKind.WEBINAR_COVER.value:
            raise NotFound()
        webinar.cover_asset_id = asset.id
        db.add(webinar)


def registered_people(actor: CurrentUser, webinar_id: int) -> list[tuple[str, str]]:
    """(identity, "name · company") of the registered buyers, for the host's controls."""
    with session_scope() as db:
        _factory, webinar = _own(db, actor, webinar_id)
        users = db.exec(
            select(User)
            .join(WebinarRegistration, col(WebinarRegistration.user_id) == User.id)
            .where(WebinarRegistration.webinar_id == webinar.id, col(WebinarRegistration.cancelled_at).is_(None))
            .order_by(col(User.full_name))
        ).all()
        return [(str(u.id), f"{u.full_name} · {u.company_name}" if u.company_name else u.full_name) for u in users]


def start_preview(actor: CurrentUser, start_local: str) -> tuple[str, str]:
    """(factory time zone, UTC ISO instant) for a local start typed in the editor; ("", "") if unreadable."""
    with session_scope() as db:
        factory = require_member(db, actor)
        try:
            local = datetime.fromisoformat(start_local).replace(tzinfo=ZoneInfo(factory.timezone))
        except ValueError:
            return factory.timezone, ""
        return factory.timezone, local.astimezone(ZoneInfo("UTC")).isoformat()
