"""What the websocket rate limit (api/event_rate_limit.py) tells a tab that sends too many events: a toast
in its language, as the state update Reflex itself would send (the api layer imports no Reflex)."""

import json
from functools import lru_cache

import reflex as rx
from reflex.event import Event
from reflex.state import StateUpdate
from reflex_base.utils.format import json_dumps

from realsourcing.core.i18n import translate

FLOOD_TOAST_ID = "rs-event-flood"


@lru_cache
def flood_notice(language: str) -> dict:
    toast = rx.toast.warning(translate("edge.event_flood", language), id=FLOOD_TOAST_ID, duration=10000)
    return json.loads(json_dumps(StateUpdate(events=Event.from_event_type([toast]))))  # plain JSON data
