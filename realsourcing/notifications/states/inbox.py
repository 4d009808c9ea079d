"""The notification list, and the admin's view of the email outbox."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from realsourcing.accounts.service import safe_return_path
from realsourcing.core import timefmt
from realsourcing.notifications import push
from realsourcing.notifications import service as notifications
from realsourcing.ui.session import SessionState, id_from_client, refusals_shown


class NotificationRow(TypedDict):
    id: int
    title: str
    link: str
    when: str
    read: bool


class InboxState(SessionState):
    loaded: bool = False
    items: list[NotificationRow] = []

    def _reload(self) -> None:
        user = self.user()
        self.items = [
            NotificationRow(
                id=i.id,
                title=i.title,
                link=i.link or "/",
                when=timefmt.moment(i.created_at, user.timezone, self.lang),
                read=i.read,
            )
            for i in notifications.inbox(user)
        ]
        self.loaded = True

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded = False
        self._reload()

    @rx.event
    @refusals_shown
    def open_item(self, notification_id: int, link: str):
        user = self.user()
        notifications.mark_read(user, id_from_client(notification_id))
        push.announce([user.id])  # committed: the bell of each of the user's tabs follows
        self._reload()
        return rx.redirect(safe_return_path(str(link)))  # a path on this site only, never //elsewhere

    @rx.event
    @refusals_shown
    def mark_all_read(self):
        user = self.user()
        notifications.mark_read(user)
        push.announce([user.id])
        self._reload()


class OutboxView(TypedDict):
    id: int
    to: str
    kind: str
    subject: str
    status: str
    attempts: int
    error: str
    when: str
    body: str


class OutboxState(SessionState):
    loaded: bool = False
    rows: list[OutboxView] = []
    status: str = "all"

    def _reload(self) -> None:
        admin = self.user()
        rows = notifications.outbox_for_admin(admin, "" if self.status == "all" else self.status)
        self.rows = [
            OutboxView(
                id=r.id,
                to=r.to_address,
                kind=r.kind,
                subject=r.subject,
                status=r.status,
                attempts=r.attempts,
                error=r.last_error,
                when=timefmt.moment(r.created_at, admin.timezone, self.lang),
                body=self.tr("notif.body_hidden") if r.body_hidden else r.body,
            )
            for r in rows
        ]
        self.loaded = True

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded = False
        self._reload()

    @rx.event
    @refusals_shown
    def set_status(self, value: str):
        self.status = str(value)
        self._reload()
