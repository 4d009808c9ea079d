"""A real SMTP server on a local port (aiosmtpd) that keeps what it receives, for tests and benchmarks."""

from __future__ import annotations

import email
import email.policy
import re
import threading
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.support.app_server import free_port

LINK = re.compile(r"https?://\S+?/link\?token=[\w\-]+")
INVITE_LINK = re.compile(r"https?://\S+?/invite\?token=[\w\-]+")  # a factory team's invitation


class SmtpStandIn:
    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self._arrived = threading.Condition()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        with self._arrived:
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))  # type: ignore[arg-type]
            self._arrived.notify_all()
        return "250 OK"

    def start(self) -> SmtpStandIn:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def env(self) -> dict[str, str]:
        """Settings that point the outbox at this server."""
        return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(self.port), "SMTP_STARTTLS": "false"}

    def to(self, address: str) -> list[EmailMessage]:
        with self._arrived:
            return [m for m in self.messages if m["To"] == address]

    def wait_for(
        self, address: str, count: int = 1, subject: str | None = None, timeout: float = 15.0
    ) -> list[EmailMessage]:
        """The first `count` messages to `address` (with that subject, if given), once they have arrived
        (AssertionError if they never do)."""
        deadline = time.monotonic() + timeout

        def wanted(m: EmailMessage) -> bool:
            return m["To"] == address and (subject is None or m["Subject"] == subject)

        with self._arrived:
            while len(found := [m for m in self.messages if wanted(m)]) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"no email to {address} arrived"
                self._arrived.wait(left)
            return found[:count]


def body_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",)) or message
    return part.get_content()


def link_in(message: EmailMessage) -> str:
    found = LINK.search(body_of(message))
    assert found, "the email holds no one-time link"
    return found.group(0)


def invite_link_in(message: EmailMessage) -> str:
    found = INVITE_LINK.search(body_of(message))
    assert found, "the email holds no invitation link"
    return found.group(0)
