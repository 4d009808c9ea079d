"""The notification list, and the admin's view of the email outbox."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from realsourcing.core.errors import PermissionDenied
from realsourcing.notifications import service as notifications
from realsourcing.ui.session import SessionState


class NotificationRow(TypedDict):
    id: int
    title: str
    link: str
    when: str
    read: bool


class InboxState(SessionState):
    loaded: bool = False
    items: list[NotificationRow] = []

    def _reload(self):
        user = self.current_user()
        if user is None:
            return self.refuse(user)
        self.items = [
            NotificationRow(
                id=i.id,
                title=i.title,
                link=i.link or "/",
                when=i.created_at.strftime("%Y-%m-%d %H:%M UTC"),
                read=i.read,
            )
            for i in notifications.inbox(user)
        ]
        self.unread = notifications.unread_count(user)
        self.loaded = True

    @rx.event
    def open(self):
        self.loaded = False
        return self._reload()

    @rx.event
    def open_item(self, notification_id: int, link: str):
        user = self.current_user()
        if user is None:
            return self.refuse(user)
        notifications.mark_read(user, int(notification_id))
        self._reload()
        return rx.redirect(link if str(link).startswith("/") else "/")

    @rx.event
    def mark_all_read(self):
        user = self.current_user()
        if user is None:
            return self.refuse(user)
        notifications.mark_read(user)
        return self._reload()


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

    def _reload(self):
        user = self.current_user()
        try:
            rows = notifications.outbox_for_admin(user, "" if self.status == "all" else self.status)
        except PermissionDenied:
            return self.refuse(user)
        self.rows = [
            OutboxView(
                id=r.id,
                to=r.to_address,
                kind=r.kind,
                subject=r.subject,
                status=r.status,
                attempts=r.attempts,
                error=r.last_error,
                when=r.created_at.strftime("%Y-%m-%d %H:%M"),
                body=r.body,
            )
            for r in rows
        ]
        self.loaded = True

    @rx.event
    def open(self):
        self.loaded = False
        return self._reload()

    @rx.event
    def set_status(self, value: str):
        self.status = value
        return self._reload()
