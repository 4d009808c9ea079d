"""How many SQL statements a page load costs: every on_load handler the app registers for a page
(the shared SessionState.load, then the page's own), run as Reflex runs them for one tab, against the
real database, counted with a `before_cursor_execute` listener on the app's engine.

The goal (issue 12) is at most 8 statements for any page load; BOUNDS holds what is achieved today per
page and visitor, so that a change that adds statements to a page load shows up here.
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from realsourcing.accounts import service as accounts
from realsourcing.accounts.identity import CurrentUser
from realsourcing.db import get_engine
from tests.support.builders import a_buyer, a_factory

GOAL = 8
VISITORS = ("anonymous", "buyer", "owner")
# (path, anonymous, buyer, owner): the most statements one page load may run today.
BOUNDS: dict[str, tuple[int, int, int]] = {
    "/": (3, 10, 6),
    "/login": (0, 3, 3),
    "/signup": (0, 3, 3),
    # An owner's account page also asks whether they are their factory's only owner (deletion is refused then).
    "/account": (0, 5, 6),
    "/factories": (4, 7, 7),
    # The webinar square reads each non-empty list (live, upcoming, past incl. "did not take place") as the
    # webinars, their registration counts and their factories' documents: 3 statements a list, 4 lists.
    "/webinars": (12, 15, 15),
    # Each listed meeting's open reschedule proposal and who proposed it: two more, whatever the count.
    "/meetings": (0, 6, 7),
    "/orders": (0, 4, 8),
    "/notifications": (0, 4, 4),
    # A factory member's dashboard: the team (the membership check), the factory with all its counts in one
    # statement, its upcoming webinars, the insights' views, then webinar sign-ups with attendances and orders
    # with meeting requests (one statement each pair).
    "/dashboard": (0, 3, 9),
    "/dashboard/orders": (0, 4, 8),
}


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def _drive(result) -> None:
    """Run a handler's result the way Reflex does, whatever kind of handler it is."""
    if inspect.isasyncgen(result):
        async for _ in result:
            pass
    elif inspect.isgenerator(result):
        for _ in result:
            pass
    elif inspect.isawaitable(result):
        await result


async def _load_page(path: str, session_token: str) -> None:
    from reflex.state import State

    from realsourcing.realsourcing import app

    root = State(_reflex_internal_init=True)
    router_data = {
        "pathname": path,
        "asPath": path,
        "query": {},
        "token": "statements-tab",
        "sid": "statements-sid",
        "ip": "127.0.0.1",
        "headers": {
            "cookie": f"{accounts.SESSION_COOKIE}={session_token}" if session_token else "",
            "origin": "http://localhost:3000",
            "accept-language": "en",
        },
    }
    root.router_data = root._update_router_vars(router_data, {})
    for load_event in app.get_load_events(path):
        handler = getattr(load_event, "handler", load_event)
        state_cls = handler.state if hasattr(handler, "state") else None
        state = await root.get_state(state_cls or State)
        await _drive(handler.fn(state))


def statements_for(path: str, session_token: str) -> list[str]:
    from realsourcing.realsourcing import app  # noqa: F401  (registers the app in this thread's context)

    context = contextvars.copy_context()  # Reflex's registration context, for the loop's own thread
    with counted_statements() as statements, ThreadPoolExecutor(1) as pool:
        pool.submit(context.run, asyncio.run, _load_page(path, session_token)).result()
    return statements


@pytest.fixture(scope="module")
def tokens() -> dict[str, str]:
    buyer: CurrentUser = a_buyer()
    owner: CurrentUser = a_factory()
    return {
        "anonymous": "",
        "buyer": accounts.create_session(buyer.id),
        "owner": accounts.create_session(owner.id),
    }


@pytest.mark.parametrize("path", sorted(BOUNDS))
@pytest.mark.parametrize("visitor", VISITORS)
def test_a_page_load_runs_a_bounded_number_of_statements(path: str, visitor: str, tokens: dict[str, str]):
    statements_for(path, tokens[visitor])  # first visit: once-per-process work (caches) out of the count
    statements = statements_for(path, tokens[visitor])
    bound = BOUNDS[path][VISITORS.index(visitor)]
    print(f"{path} {visitor}: {len(statements)} statements")
    assert len(statements) <= bound, f"{path} as {visitor}: {len(statements)} > {bound}:\n" + "\n".join(statements)


def test_the_page_reuses_the_user_its_page_load_resolved(tokens: dict[str, str]):
    """One session lookup per navigation: the page's own handler does not resolve the session again."""
    statements = statements_for("/account", tokens["buyer"])
    lookups = [s for s in statements if "auth_sessions.token_hash =" in s]  # the page lists sessions too
    assert len(lookups) == 1, lookups
