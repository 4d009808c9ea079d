"""What a webinar is, as people see it at a given moment (pure: `now` is passed in).

Rule: a scheduled webinar whose planned end has passed without the factory going live did not take
place. It is shown as such (never "Scheduled" with "Enter the room"), leaves buyers' pipelines and
upcoming lists, and its registered buyers are told once (notifications.reminders.tell_not_held).
The stored status stays "scheduled": nothing has to run for the page to be right.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from realsourcing.webinars.models import WebinarStatus

DID_NOT_TAKE_PLACE = "did_not_take_place"


def never_went_live(status: str, starts_at: datetime, duration_min: int, now: datetime) -> bool:
    """True once a webinar still only scheduled is past its planned end."""
    return status == WebinarStatus.SCHEDULED.value and now >= starts_at + timedelta(minutes=duration_min)


def shown_status(status: str, starts_at: datetime, duration_min: int, now: datetime) -> str:
    """The status a page shows: the stored one, or "did_not_take_place"."""
    return DID_NOT_TAKE_PLACE if never_went_live(status, starts_at, duration_min, now) else status
