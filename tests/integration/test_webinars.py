"""Webinars at the service layer: validation, lifecycle, registration, who gets a video token,
room management against a LiveKit stand-in, webhooks, and calendar files."""

from __future__ import annotations

import base64
import hashlib
import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from google.protobuf.json_format import MessageToJson
from icalendar import Calendar
from livekit import api as lk
from sqlmodel import select

from realsourcing.core.errors import NotFound, PermissionDenied, ValidationFailed
from realsourcing.core.video import LiveKitGateway, VideoUnavailable, WebhookRejected
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings.models import Meeting
from realsourcing.notifications.calendar_ics import webinar_ics
from realsourcing.notifications.models import Notification, OutboxMessage
from realsourcing.profile import catalog
from realsourcing.webinars import service as webinars
from realsourcing.webinars.models import Webinar, WebinarAttendance
from realsourcing.webinars.service import WebinarForm, WebinarRefused
from tests.support.builders import a_buyer, a_factory
from tests.support.livekit_standin import LiveKitStandIn

KEY, SECRET = "test-key", "test-secret-that-is-long-enough-for-hs256"


def run(coro):
    """Run a coroutine on its own thread and loop (the browser tests' Playwright owns this thread's)."""
    box = {}

    def target():
        import asyncio

        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box.get("value")


def local(dt) -> str:
    return dt.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%dT%H:%M")


def form(start, **changes) -> WebinarForm:
    values = dict(
        title_en="Workshop tour: injection moulding", start_local=local(start), duration_min="60", capacity="2"
    )
    values.update(changes)
    return WebinarForm(**values)


def scheduled(owner, start, **changes) -> int:
    webinar_id = webinars.save_webinar(owner, form(start, **changes))
    webinars.schedule(owner, webinar_id)
    return webinar_id


def future(days=3, hours=0):
    return (utcnow() + timedelta(days=days, hours=hours)).replace(second=0, microsecond=0)


GATEWAY = LiveKitGateway("ws://127.0.0.1:9", KEY, SECRET)


def test_creation_is_validated_in_the_factorys_time_zone():
    owner = a_factory()
    start = future()
    webinar_id = webinars.save_webinar(owner, form(start))
    with session_scope() as db:
        saved = db.get(Webinar, webinar_id)
        assert saved.starts_at == start and saved.status == "draft" and saved.room_name == f"webinar-{webinar_id}"
    with pytest.raises(ValidationFailed) as refused:
        webinars.save_webinar(
            owner, form(utcnow() - timedelta(hours=1), duration_min="10", capacity="0", title_en="Hi", language="fr")
        )
    assert refused.value.field_errors == {
        "title_en": "err.required",
        "language": "err.unknown_option",
        "duration_min": "err.duration",
        "capacity": "err.out_of_range",
        "start_local": "err.start_in_future",
    }


def test_no_overlap_with_own_webinars_or_confirmed_meetings():
    owner = a_factory()
    start = future(days=5)
    scheduled(owner, start)
    with pytest.raises(ValidationFailed) as refused:
        webinars.save_webinar(owner, form(start + timedelta(minutes=30)))
    assert refused.value.field_errors == {"start_local": "err.webinar_overlap"}
    webinars.save_webinar(owner, form(start + timedelta(minutes=60)))  # back to back is fine
    with session_scope() as db:
        db.add(
            Meeting(
                factory_id=owner.factory_id,
                buyer_id=a_buyer().id,
                starts_at=start + timedelta(hours=3),
                ends_at=start + timedelta(hours=4),
                status="confirmed",
            )
        )
    with pytest.raises(ValidationFailed) as refused:
        webinars.save_webinar(owner, form(start + timedelta(hours=3, minutes=30)))
    assert refused.value.field_errors == {"start_local": "err.meeting_overlap"}


def test_only_own_published_products_can_be_featured():
    owner, other = a_factory(), a_factory()
    mine = catalog.save_product(owner, {"name_en": "Mine", "category": "toys"})
    catalog.set_published(owner, mine, True)
    theirs = catalog.save_product(other, {"name_en": "Theirs", "category": "toys"})
    catalog.set_published(other, theirs, True)
    webinars.save_webinar(owner, form(future(days=9), product_ids=(mine,)))
    with pytest.raises(ValidationFailed):
        webinars.save_webinar(owner, form(future(days=10), product_ids=(theirs,)))


def test_other_factories_and_buyers_cannot_manage_a_webinar():
    owner, other, someone = a_factory(), a_factory(), a_buyer()
    webinar_id = scheduled(owner, future(days=11))
    for actor in (other, someone):
        for attempt in (
            lambda: webinars.save_webinar(actor, form(future(days=12)), webinar_id),
            lambda: webinars.schedule(actor, webinar_id),
            lambda: webinars.cancel(actor, webinar_id, "Not mine to cancel"),
            lambda: run(webinars.go_live(actor, webinar_id, GATEWAY)),
            lambda: run(webinars.moderate(actor, webinar_id, "1", "remove", GATEWAY)),
        ):
            with pytest.raises((PermissionDenied, NotFound)):
                attempt()


def test_registration_is_once_per_buyer_and_respects_capacity():
    owner = a_factory()
    webinar_id = scheduled(owner, future(days=13))  # capacity 2
    first, second, third = a_buyer(), a_buyer(), a_buyer()
    webinars.register(first, webinar_id)
    webinars.register(first, webinar_id)  # twice is still one seat
    webinars.register(second, webinar_id)
    with pytest.raises(WebinarRefused) as refused:
        webinars.register(third, webinar_id)
    assert refused.value.key == "err.webinar_full"
    webinars.unregister(first, webinar_id)
    webinars.register(third, webinar_id)
    with pytest.raises(WebinarRefused):
        webinars.register(owner, webinar_id)  # hosts don't register for their own


def test_cancelling_tells_every_registered_buyer():
    owner = a_factory()
    webinar_id = scheduled(owner, future(days=14))
    people = [a_buyer(), a_buyer()]
    for person in people:
        webinars.register(person, webinar_id)
    with pytest.raises(ValidationFailed):
        webinars.cancel(owner, webinar_id, "")
    assert webinars.cancel(owner, webinar_id, "Our workshop is closed for a public holiday.") == 2
    with session_scope() as db:
        for person in people:
            note = db.exec(
                select(Notification).where(Notification.user_id == person.id, Notification.kind == "webinar_cancelled")
            ).one()
            assert note.payload["reason"] == "Our workshop is closed for a public holiday."
            assert (
                db.exec(
                    select(OutboxMessage).where(
                        OutboxMessage.user_id == person.id, OutboxMessage.kind == "webinar_cancelled"
                    )
                )
                .one()
                .to_address
                == person.email
            )
    with pytest.raises(WebinarRefused):
        webinars.schedule(owner, webinar_id)  # cancelled is final


def test_token_matrix_host_registered_unregistered_anonymous_other_factory():
    owner, other_factory = a_factory(), a_factory()
    registered, unregistered = a_buyer(company_name="Northwind"), a_buyer()
    start = future(days=15)
    webinar_id = scheduled(owner, start)
    webinars.register(registered, webinar_id)
    inside = start - timedelta(minutes=10)
    host = webinars.join_ticket(owner, webinar_id, GATEWAY, now=inside)
    grants = GATEWAY.verify_token(host.token)
    assert (grants.video.room, grants.video.can_publish, grants.video.room_admin) == (
        f"webinar-{webinar_id}",
        True,
        True,
    )
    viewer = GATEWAY.verify_token(webinars.join_ticket(registered, webinar_id, GATEWAY, now=inside).token)
    assert (
        viewer.video.can_publish,
        viewer.video.can_subscribe,
        viewer.video.can_publish_data,
        viewer.video.room_admin,
    ) == (False, True, True, False)
    assert viewer.identity == str(registered.id) and viewer.name == "Buyer Person · Northwind"
    for outsider in (unregistered, other_factory):
        with pytest.raises(PermissionDenied):
            webinars.join_ticket(outsider, webinar_id, GATEWAY, now=inside)
    for when, key in (
        (start - timedelta(minutes=16), "err.too_early"),
        (start + timedelta(minutes=61), "err.webinar_over"),
    ):
        for person in (owner, registered):
            with pytest.raises(WebinarRefused) as refused:
                webinars.join_ticket(person, webinar_id, GATEWAY, now=when)
            assert refused.value.key == key


def test_room_management_sends_the_right_requests_to_livekit():
    standin = LiveKitStandIn(KEY, SECRET).start()
    try:
        gateway = LiveKitGateway(standin.url, KEY, SECRET)
        owner = a_factory()
        start = (utcnow() + timedelta(minutes=10)).replace(second=0, microsecond=0)
        webinar_id = scheduled(owner, start)
        room = f"webinar-{webinar_id}"
        run(webinars.go_live(owner, webinar_id, gateway))
        run(webinars.moderate(owner, webinar_id, "42", "stage", gateway))
        run(webinars.moderate(owner, webinar_id, "42", "unstage", gateway))
        run(webinars.moderate(owner, webinar_id, "42", "mute", gateway))
        run(webinars.moderate(owner, webinar_id, "42", "remove", gateway))
        run(webinars.end(owner, webinar_id, gateway))
        methods = [c.method for c in standin.calls]
        assert methods == [
            "CreateRoom",
            "UpdateParticipant",
            "UpdateParticipant",
            "GetParticipant",
            "MutePublishedTrack",
            "MutePublishedTrack",
            "RemoveParticipant",
            "DeleteRoom",
        ]
        create, stage, unstage = standin.calls[0].request, standin.calls[1].request, standin.calls[2].request
        assert create.name == room and create.max_participants == 22
        assert (stage.room, stage.identity, stage.permission.can_publish) == (room, "42", True)
        assert unstage.permission.can_publish is False
        assert {c.request.track_sid for c in standin.calls if c.method == "MutePublishedTrack"} == {"TR_cam", "TR_mic"}
        assert standin.calls[-1].request.room == room
        assert standin.calls[0].grants.room_create and standin.calls[1].grants.room_admin
        with session_scope() as db:
            assert db.get(Webinar, webinar_id).status == "ended"
    finally:
        standin.stop()


def test_when_livekit_does_not_answer_nothing_changes():
    owner = a_factory()
    webinar_id = scheduled(
        owner, (utcnow() + timedelta(minutes=7)).replace(second=0, microsecond=0)
    )  # inside the 15-minute window
    with pytest.raises(VideoUnavailable):
        run(webinars.go_live(owner, webinar_id, LiveKitGateway("ws://127.0.0.1:9", KEY, SECRET)))
    with session_scope() as db:
        assert db.get(Webinar, webinar_id).status == "scheduled"


def signed(event: lk.WebhookEvent, secret: str = SECRET) -> tuple[str, str]:
    body = MessageToJson(event)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    return body, lk.AccessToken(KEY, secret).with_sha256(digest).to_jwt()


def test_webhooks_drive_state_and_attendance_once():
    owner, viewer = a_factory(), a_buyer()
    webinar_id = scheduled(owner, future(days=16))
    room = lk.Room(name=f"webinar-{webinar_id}")
    now = int(utcnow().timestamp())
    events = [
        lk.WebhookEvent(event="room_started", id="EV_1", room=room, created_at=now),
        lk.WebhookEvent(
            event="participant_joined",
            id="EV_2",
            room=room,
            participant=lk.ParticipantInfo(identity=str(viewer.id), sid="PA_1"),
            created_at=now,
        ),
        lk.WebhookEvent(
            event="participant_left",
            id="EV_3",
            room=room,
            participant=lk.ParticipantInfo(identity=str(viewer.id), sid="PA_1"),
            created_at=now + 600,
        ),
        lk.WebhookEvent(event="room_finished", id="EV_4", room=room, created_at=now + 900),
    ]
    for event in events:
        received = GATEWAY.receive_webhook(*signed(event))
        assert webinars.handle_webhook(received) is True
        assert webinars.handle_webhook(received) is False  # the same delivery again changes nothing
    with session_scope() as db:
        webinar = db.get(Webinar, webinar_id)
        assert webinar.status == "ended"
        stays = db.exec(select(WebinarAttendance).where(WebinarAttendance.webinar_id == webinar_id)).all()
        assert len(stays) == 1 and stays[0].user_id == viewer.id
        assert (stays[0].left_at - stays[0].joined_at) == timedelta(minutes=10)
    listed = next(w for w in webinars.my_webinars(owner) if w.card.id == webinar_id)
    assert (listed.attendees, listed.attended_minutes, listed.who) == (1, 10, [("Buyer Person", 10)])


def test_cover_image_belongs_to_the_webinars_factory_and_stays_out_of_the_gallery():
    from io import BytesIO

    from PIL import Image

    from realsourcing.profile import media

    owner, other = a_factory(), a_factory()
    webinar_id = webinars.save_webinar(owner, form(future(days=30)))
    buffer = BytesIO()
    Image.new("RGB", (800, 450), (20, 80, 160)).save(buffer, "JPEG")
    mine = media.add_media(owner, buffer.getvalue(), kind="webinar_cover")
    theirs = media.add_media(other, buffer.getvalue(), kind="webinar_cover")
    with pytest.raises(NotFound):
        webinars.set_cover(owner, webinar_id, theirs)
    webinars.set_cover(owner, webinar_id, mine)
    assert webinars.webinar_form(owner, webinar_id)["cover_key"].endswith("_thumb.jpg")
    assert mine not in [m.id for m in media.my_gallery(owner)]


def test_forged_or_altered_webhooks_are_rejected():
    event = lk.WebhookEvent(event="room_finished", id="EV_X", room=lk.Room(name="webinar-1"))
    body, token = signed(event)
    with pytest.raises(WebhookRejected):
        GATEWAY.receive_webhook(body.replace("room_finished", "room_started"), token)
    with pytest.raises(WebhookRejected):
        GATEWAY.receive_webhook(*signed(event, secret="another-secret-that-is-long-enough-to-sign"))
    with pytest.raises(WebhookRejected):
        GATEWAY.receive_webhook(body, "")


def test_calendar_file_has_utc_times_a_stable_uid_and_the_link():
    start = future(days=20)
    ics = webinar_ics(
        webinar_id=77,
        title="Launch",
        description="New kettles",
        starts_at=start,
        duration_min=45,
        factory_name="Kettle Co",
        url="https://realsourcing.example/webinars/77",
    )
    event = next(c for c in Calendar.from_ical(ics).walk() if c.name == "VEVENT")
    assert event.decoded("dtstart") == start and event.decoded("dtstart").utcoffset() == timedelta(0)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=45)
    assert str(event["uid"]) == "webinar-77@realsourcing"
    assert str(event["url"]) == "https://realsourcing.example/webinars/77"
    assert "Kettle Co" in str(event["summary"])
    again = webinar_ics(
        webinar_id=77,
        title="Launch",
        description="",
        starts_at=start,
        duration_min=45,
        factory_name="Kettle Co",
        url="u",
    )
    assert (
        str(next(c for c in Calendar.from_ical(again).walk() if c.name == "VEVENT")["uid"]) == "webinar-77@realsourcing"
    )
