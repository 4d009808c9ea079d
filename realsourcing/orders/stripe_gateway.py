"""Stripe behind one small gateway: Checkout Sessions, refunds, webhook signatures; built from settings.

Rules:
- Card payments are enabled exactly when a Stripe secret key is configured (`card_payments_enabled`);
  without one the marketplace takes bank transfers only.
- Every call that creates something at Stripe carries an idempotency key chosen by the caller.
- Closing a checkout expires it at Stripe so it can no longer be paid; a session that is no longer open is
  read back, so the caller learns whether it was paid first ("complete") or had ended ("expired").
- Webhook signatures are HMAC over the whole body: callers on an event loop run `verify` in a thread.
- Any failure talking to Stripe is PaymentUnavailable (the person sees "try again later").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import stripe
from stripe.params import EventListParams, RefundCreateParams
from stripe.params.checkout import SessionCreateParams

from realsourcing.config import get_settings
from realsourcing.core.errors import DomainError


class PaymentUnavailable(DomainError):
    def __init__(self) -> None:
        super().__init__("err.payment_unavailable")


class SignatureRejected(Exception):
    pass


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


class StripeGateway:
    def __init__(self, secret_key: str, webhook_secret: str, api_base: str) -> None:
        self.secret_key, self.webhook_secret, self.api_base = secret_key, webhook_secret, api_base.rstrip("/")

    @classmethod
    def from_settings(cls) -> StripeGateway | None:
        """None when Stripe is not configured (the embedded default: bank transfer only)."""
        settings = get_settings()
        if not settings.stripe_secret_key:
            return None
        return cls(settings.stripe_secret_key, settings.stripe_webhook_secret, settings.stripe_api_base)

    def _client(self) -> stripe.StripeClient:
        return stripe.StripeClient(self.secret_key, base_addresses={"api": self.api_base}, max_network_retries=0)

    def create_checkout(self, params: SessionCreateParams, idempotency_key: str) -> CheckoutSession:
        try:
            session = self._client().v1.checkout.sessions.create(params, {"idempotency_key": idempotency_key})
        except stripe.StripeError as exc:
            raise PaymentUnavailable() from exc
        if not session.url:  # a payment-mode session always has a hosted page; anything else is unusable
            raise PaymentUnavailable()
        return CheckoutSession(session.id, session.url)

    def close_checkout(self, session_id: str) -> str:
        """Expire an open Checkout Session (POST /v1/checkout/sessions/{id}/expire); its status afterwards."""
        client = self._client()
        try:
            return str(client.v1.checkout.sessions.expire(session_id).status or "")
        except stripe.InvalidRequestError:
            pass  # not open any more (paid, or expired already): ask Stripe which
        except stripe.StripeError as exc:
            raise PaymentUnavailable() from exc
        try:
            return str(client.v1.checkout.sessions.retrieve(session_id).status or "")
        except stripe.StripeError as exc:
            raise PaymentUnavailable() from exc

    def refund(self, payment_intent: str, idempotency_key: str) -> str:
        params: RefundCreateParams = {"payment_intent": payment_intent}
        try:
            return self._client().v1.refunds.create(params, {"idempotency_key": idempotency_key}).id
        except stripe.StripeError as exc:
            raise PaymentUnavailable() from exc

    def events_since(self, since: datetime, types: list[str], page_size: int = 100) -> Iterator[dict]:
        """Stripe's events of these types created at or after `since`, newest first, every page (GET /v1/events)."""
        params: EventListParams = {"created": {"gte": int(since.timestamp())}, "types": types, "limit": page_size}
        try:
            for event in self._client().v1.events.list(params).auto_paging_iter():
                yield event.to_dict()
        except stripe.StripeError as exc:
            raise PaymentUnavailable() from exc

    def verify(self, payload: bytes, signature_header: str) -> dict:
        try:
            event = stripe.Webhook.construct_event(payload, signature_header, self.webhook_secret)
        except (ValueError, stripe.SignatureVerificationError) as exc:
            raise SignatureRejected(str(exc)) from exc
        return event.to_dict() if hasattr(event, "to_dict") else dict(event)


def card_payments_enabled() -> bool:
    """Whether buyers can pay by card (the one place that decides it)."""
    return StripeGateway.from_settings() is not None
