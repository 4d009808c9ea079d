"""Every notification leads to what it is about: each kind the code produces has a link shape, and a
notification with a missing or wrongly shaped link is refused before anything is stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from realsourcing.meetings.booking import BOOKING_NOTICE
from realsourcing.meetings.lifecycle import TRANSITIONS
from realsourcing.notifications import reminders
from realsourcing.notifications.service import EMAIL_ONLY, LINK_SHAPES, TEMPLATES, check_link
from realsourcing.orders.lifecycle import OrderStatus

SOURCE = Path(__file__).resolve().parents[2] / "realsourcing"

# One real link per shape, as the services build them.
EXAMPLES = {
    r"/meetings/\d+": "/meetings/42",
    r"/orders/\d+": "/orders/7",
    r"/webinars/\d+": "/webinars/3",
    r"/dashboard|/factories": "/factories",
    r"/dashboard/documents": "/dashboard/documents",
    r"/dashboard/bank": "/dashboard/bank",
    r"/dashboard/team": "/dashboard/team",
    r"/factories": "/factories",
    r"/dashboard": "/dashboard",
}


def _kinds_named_in_the_code() -> set[str]:
    """Every template name that appears as a string literal anywhere in the app's code."""
    text = "\n".join(p.read_text() for p in SOURCE.rglob("*.py") if p.name != "i18n.py")
    return {kind for kind in TEMPLATES if f'"{kind}"' in text}


def _kinds_the_code_produces() -> set[str]:
    meeting = {m.notice for m in TRANSITIONS.values() if m.notice} | set(BOOKING_NOTICE.values())
    orders = {f"order_{s.value}" for s in OrderStatus if f"order_{s.value}" in TEMPLATES}
    reminder_kinds = {kind for kind, _ in reminders.WEBINAR_OFFSETS + reminders.MEETING_OFFSETS}
    return (meeting | orders | reminder_kinds | _kinds_named_in_the_code()) - EMAIL_ONLY


def test_every_in_app_kind_the_code_produces_has_a_template_and_a_link_shape():
    produced = _kinds_the_code_produces()
    assert {"meeting_confirmed", "order_shipped", "webinar_did_not_take_place", "document_rejected"} <= produced
    for kind in produced:
        assert kind in TEMPLATES, kind
        assert LINK_SHAPES.get(kind), kind
    assert set(LINK_SHAPES) == set(TEMPLATES) - EMAIL_ONLY


@pytest.mark.parametrize("kind", sorted(LINK_SHAPES))
def test_each_kind_accepts_its_own_link_and_refuses_none_or_another(kind: str):
    shape = LINK_SHAPES[kind]
    check_link(kind, EXAMPLES[shape])
    with pytest.raises(ValueError):
        check_link(kind, "")
    for other_link in EXAMPLES.values():
        if not re.fullmatch(shape, other_link):
            with pytest.raises(ValueError):
                check_link(kind, other_link)
    with pytest.raises(ValueError):
        check_link(kind, "https://elsewhere.example" + EXAMPLES[shape])


def test_a_kind_without_a_shape_is_refused():
    with pytest.raises(ValueError):
        check_link("signup_confirm", "/auth/link/x")
