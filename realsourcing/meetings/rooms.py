"""The names a meeting goes by outside the database: its video room and its calendar UID.

The LiveKit webhook reads the meeting back from the room name, so the name and its parse live here
together. A rescheduled meeting keeps the calendar UID of the one it replaces (stored on the row);
this only spells the first one.
"""

from __future__ import annotations

ROOM_PREFIX = "meeting-"


def room_name(meeting_id: int) -> str:
    return f"{ROOM_PREFIX}{meeting_id}"


def ics_uid(meeting_id: int) -> str:
    return f"{ROOM_PREFIX}{meeting_id}@realsourcing"


def meeting_id_of_room(room: str) -> int | None:
    """The meeting whose room this is, or None for any other room (webinars have their own)."""
    number = room.removeprefix(ROOM_PREFIX)
    if number == room or not (number.isascii() and number.isdigit()):
        return None
    return int(number)
