"""Reminders: messages due at a time (webinar in 24 h / 15 min, meeting in 1 h), sent exactly once.

Rules:
- A reminder is one row per (kind, subject), so scheduling twice changes nothing.
- Any number of workers may run `send_due`; each due row is claimed with one UPDATE … WHERE
  status = 'due', which exactly one claimer wins, before its notification is queued.
- A reminder whose webinar or meeting was cancelled in the meantime is dropped, not sent.
- A webinar that never went live (webinars.phase) tells each registered buyer once, in-app and by
  email: `schedule_not_held` adds one reminder per (webinar, buyer), due at once, which `send_due`
  then sends like any other (both run in the same background worker, api/outbox_worker.py).
"""

from __future__ import annotations

import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from realsourcing.accounts.models import User
from realsourcing.config import get_settings
from realsourcing.db import get_existing, session_scope, utcnow
from realsourcing.meetings.models import Meeting, MeetingStatus, stored_id
from realsourcing.meetings.rooms import ics_uid
from realsourcing.notifications.calendar_ics import meeting_ics, webinar_ics
from realsourcing.notifications.models import Reminder, ReminderStatus
from realsourcing.notifications.service import notify
from realsourcing.profile.models import Factory
from realsourcing.webinars.models import Webinar, WebinarRegistration, WebinarStatus
from realsourcing.webinars.phase import never_went_live

NOT_HELD = "webinar_did_not_take_place"
NOT_HELD_LOOKBACK = timedelta(days=7)  # a worker down longer than this no longer tells anyone
WEBINAR_OFFSETS = (("webinar_reminder_24h", timedelta(hours=24)), ("webinar_reminder_15m", timedelta(minutes=15)))
MEETING_OFFSETS = (("meeting_reminder_1h", timedelta(hours=1)),)


def schedule(db: Session, kind: str, subject_key: str, user_id: int, due_at: datetime, payload: dict) -> None:
    """Add a reminder unless the same one exists (inside the caller's transaction)."""
    exists = db.exec(select(Reminder.id).where(Reminder.kind == kind, Reminder.subject_key == subject_key)).first()
    if exists is None and due_at > utcnow():
        db.add(Reminder(kind=kind, subject_key=subject_key, user_id=user_id, due_at=due_at, payload=payload))


def for_webinar_registration(db: Session, webinar: Webinar, user_id: int) -> None:
    for kind, offset in WEBINAR_OFFSETS:
        schedule(
            db,
            kind,
            f"webinar:{webinar.id}:user:{user_id}",
            user_id,
            webinar.starts_at - offset,
            {
                "webinar_id": webinar.id,
                "title": webinar.title_en,
                "title_zh": webinar.title_zh,
                "when_utc": webinar.starts_at.strftime("%Y-%m-%d %H:%M"),
                "starts_at": webinar.starts_at.isoformat(),
            },
        )


def schedule_not_held(now: datetime | None = None) -> int:
    """One "did not take place" reminder per registered buyer of each webinar that never went live
    (its planned end within the last NOT_HELD_LOOKBACK). Returns how many were added."""
    now = now or utcnow()
    added = 0
    with session_scope() as db:
        webinars = db.exec(
            select(Webinar).where(
                Webinar.status == WebinarStatus.SCHEDULED.value,
                Webinar.starts_at <= now,
                Webinar.starts_at > now - NOT_HELD_LOOKBACK - timedelta(hours=4),  # 240 min is the longest
            )
        ).all()
        for webinar in webinars:
            if not never_went_live(webinar.status, webinar.starts_at, webinar.duration_min, now):
                continue
            prefix = f"webinar:{webinar.id}:user:"
            told = set(
                db.exec(
                    select(Reminder.subject_key).where(
                        Reminder.kind == NOT_HELD, col(Reminder.subject_key).startswith(prefix)
                    )
                ).all()
            )
            registered = db.exec(
                select(WebinarRegistration.user_id).where(
                    WebinarRegistration.webinar_id == webinar.id, col(WebinarRegistration.cancelled_at).is_(None)
                )
            ).all()
            for user_id in registered:
                if f"{prefix}{user_id}" in told:
                    continue
                db.add(
                    Reminder(
                        kind=NOT_HELD,
                        subject_key=f"{prefix}{user_id}",
                        user_id=user_id,
                        due_at=now,
                        payload={
                            "webinar_id": webinar.id,
                            "title": webinar.title_en,
                            "title_zh": webinar.title_zh,
                            "when_utc": webinar.starts_at.strftime("%Y-%m-%d %H:%M"),
                            "starts_at": webinar.starts_at.isoformat(),
                        },
                    )
                )
                added += 1
        try:
            db.flush()
        except IntegrityError:  # another worker added them first (unique kind + subject): theirs stand
            db.rollback()
            return 0
    return added


def for_meeting(db: Session, meeting: Meeting, user_ids: list[int]) -> None:
    buyer, factory = get_existing(db, User, meeting.buyer_id), get_existing(db, Factory, meeting.factory_id)
    for kind, offset in MEETING_OFFSETS:
        for user_id in user_ids:
            schedule(
                db,
                kind,
                f"meeting:{meeting.id}:user:{user_id}",
                user_id,
                meeting.starts_at - offset,
                {
                    "meeting_id": meeting.id,
                    "when_utc": meeting.starts_at.strftime("%Y-%m-%d %H:%M"),
                    "starts_at": meeting.starts_at.isoformat(),
                    "ends_at": meeting.ends_at.isoformat(),
                    "zones": [buyer.timezone, factory.timezone],  # both sides' times in the reminder
                },
            )


def _still_relevant(db: Session, reminder: Reminder) -> bool:
    if "webinar_id" in reminder.payload:
        webinar = db.get(Webinar, reminder.payload["webinar_id"])
        if webinar is not None and reminder.kind == NOT_HELD:  # still never went live (not cancelled, not late)
            return never_went_live(webinar.status, webinar.starts_at, webinar.duration_min, utcnow())
        return webinar is not None and webinar.status in (WebinarStatus.SCHEDULED.value, WebinarStatus.LIVE.value)
    if "meeting_id" in reminder.payload:
        meeting = db.get(Meeting, reminder.payload["meeting_id"])
        return meeting is not None and meeting.status == MeetingStatus.CONFIRMED.value
    return True


def _calendar(db: Session, reminder: Reminder) -> str:
    """The event's .ics, attached to its reminder email."""
    app_url = get_settings().app_url
    if "webinar_id" in reminder.payload:
        webinar_id = int(reminder.payload["webinar_id"])
        webinar = get_existing(db, Webinar, webinar_id)  # _still_relevant found it in this transaction
        return webinar_ics(
            webinar_id=webinar_id,
            title=webinar.title_en,
            description=webinar.description,
            starts_at=webinar.starts_at,
            duration_min=webinar.duration_min,
            factory_name=get_existing(db, Factory, webinar.factory_id).display_name_en,
            url=f"{app_url}/webinars/{webinar_id}/live",
        ).decode()
    meeting = db.get(Meeting, reminder.payload["meeting_id"]) if reminder.payload.get("meeting_id") else None
    if meeting is None:
        return ""
    user = get_existing(db, User, reminder.user_id)
    return meeting_ics(
        uid=meeting.ics_uid or ics_uid(stored_id(meeting)),
        sequence=meeting.ics_sequence,
        cancelled=False,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary="RealSourcing 1:1 meeting",
        description=meeting.agenda,
        url=f"{app_url}/meetings/{meeting.id}/room",
        organizer_email=get_settings().mail_from.split("<")[-1].rstrip(">"),
        attendees=[(user.full_name, user.email)],
    )


def send_due(limit: int = 200, worker: str | None = None) -> int:
    """Claim due reminders one by one and queue their notification. Returns how many this worker sent."""
    worker = worker or f"{socket.gethostname()}:{uuid.uuid4().hex[:6]}"
    now = utcnow()
    with session_scope() as db:
        due = db.exec(
            select(Reminder.id)
            .where(Reminder.status == ReminderStatus.DUE.value, Reminder.due_at <= now)
            .order_by(col(Reminder.due_at))
            .limit(limit)
        ).all()
    sent = 0
    for reminder_id in due:
        try:
            with session_scope() as db:
                won = db.exec(
                    update(Reminder)
                    .where(col(Reminder.id) == reminder_id, col(Reminder.status) == ReminderStatus.DUE.value)
                    .values(status=ReminderStatus.CLAIMED.value, claimed_by=worker, claimed_at=now)
                ).rowcount
                if not won:
                    continue  # another worker took it
                reminder = get_existing(db, Reminder, reminder_id)
                if not _still_relevant(db, reminder):
                    reminder.status = ReminderStatus.CANCELLED.value
                    db.add(reminder)
                    continue
                link = (
                    f"/webinars/{reminder.payload['webinar_id']}"
                    if "webinar_id" in reminder.payload
                    else f"/meetings/{reminder.payload.get('meeting_id')}"
                )
                notify(
                    db,
                    get_existing(db, User, reminder.user_id),
                    reminder.kind,
                    reminder.payload,
                    link=link,
                    ics="" if reminder.kind == NOT_HELD else _calendar(db, reminder),
                )
                reminder.status = ReminderStatus.SENT.value
                db.add(reminder)
                sent += 1
        except IntegrityError:
            continue
    return sent
