"""How the home page greets a signed-in person: as new on their first visit, as returning afterwards.

Rule: the first visit is the session that signing up opened (it starts within moments of the account),
for its first day. Anyone who signs in again later, or comes back to that session a day on, is
returning. Pure: the account's and the session's start and `now` in, an answer out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

# Signing up opens its session a few seconds after the account exists; a later sign-in is a new visit.
SIGN_UP_SESSION_WITHIN = timedelta(minutes=5)
FIRST_VISIT_LASTS = timedelta(days=1)


def is_first_visit(signed_up_at: datetime | None, session_started_at: datetime | None, now: datetime) -> bool:
    if signed_up_at is None or session_started_at is None:
        return False  # not known: greeting someone as new who is not would be the worse mistake
    opened_by_sign_up = session_started_at - signed_up_at <= SIGN_UP_SESSION_WITHIN
    return opened_by_sign_up and now - session_started_at < FIRST_VISIT_LASTS
