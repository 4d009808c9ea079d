"""The bell's unread count in every open tab, pushed when it changes (never polled).

`BellState` is a leaf of the root state, not a child of SessionState: a delivery locks and loads the
root and this one small state only, never the tab's page states. Each page load records the tab in
this worker's `TABS` (page loads run on the worker holding the tab's websocket; a reconnect loads the
page again). `push_bell_counts` runs in every backend worker's lifespan: for each announcement of
`notifications.push` it reads the counts off the event loop, then sets them in the tabs it holds
(Reflex sends the delta over the tab's websocket, through Redis when another worker holds it).
"""

from __future__ import annotations

import asyncio

import reflex as rx

from realsourcing.accounts.identity import CurrentUser
from realsourcing.notifications import push


class BellState(rx.State):
    unread: int = 0


TABS = push.TabRegistry()


def show_in_bell(client_token: str, user: CurrentUser | None) -> None:
    """Record who the tab shows (called by every page load); its count then follows their notifications."""
    TABS.show(client_token, user.id if user else None, user.session_id if user else None)


def _open_connections(app: rx.App) -> set[str]:
    namespace = app.event_namespace
    return set(namespace.token_to_sid) if namespace is not None else set()


async def _show(app: rx.App, token: str, count: int) -> None:
    async with app.modify_state(rx.BaseStateToken(ident=token, cls=BellState)) as root:
        bell = await root.get_state(BellState)
        if bell.unread != count:
            bell.unread = count


async def _deliver(app: rx.App, writes: push.LatestOnly, user_ids: set[int]) -> None:
    if TABS.needs_check():
        TABS.keep_only(_open_connections(app))
    tabs = TABS.tabs_of(user_ids)
    if not tabs:
        return
    connected = _open_connections(app)
    for tab in tabs:
        if tab.token not in connected:
            TABS.forget(tab.token)
    tabs = [tab for tab in tabs if tab.token in connected]
    if not tabs:
        return
    delivery = await asyncio.to_thread(push.read_delivery, tabs)
    for token in delivery.ended:
        TABS.forget(token)
    for token, count in delivery.counts.items():
        writes.put(token, count)


async def push_bell_counts(app: rx.App) -> None:
    """Lifespan task of every backend worker: deliver notification changes to the tabs it holds."""
    writes = push.LatestOnly(lambda token, count: _show(app, token, count))
    await push.RELAY.run(lambda user_ids: _deliver(app, writes, user_ids))
