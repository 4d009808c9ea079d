"""Sample orders, their history, and the log of payment-provider events."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, String, TypeDecorator, UniqueConstraint
from sqlmodel import Field, SQLModel

from realsourcing.core.columns import created_at_field, utc_field
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.lifecycle import OrderStatus, PaymentMethod

__all__ = [
    "OrderEvent",
    "OrderEventKind",
    "OrderOrigin",
    "OrderStatus",
    "PaymentAnomaly",
    "PaymentMethod",
    "ProviderEvent",
    "SampleOrder",
    "SampleOrderItem",
    "ShippingAddress",
    "ShippingRate",
]


class OrderOrigin(StrEnum):
    PRODUCT = "product"
    MEETING = "meeting"
    WEBINAR = "webinar"


class ShippingAddress(SQLModel, table=True):
    """A buyer's saved address, copied onto each order when used."""

    __tablename__ = "shipping_addresses"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    name: str = Field(max_length=120)
    company: str = Field(default="", max_length=160)
    country: str = Field(max_length=2)  # ISO 3166-1 alpha-2
    line1: str = Field(max_length=200)
    line2: str = Field(default="", max_length=200)
    city: str = Field(max_length=100)
    region: str = Field(default="", max_length=100)
    postal_code: str = Field(default="", max_length=20)
    phone: str = Field(default="", max_length=40)
    created_at: datetime = created_at_field()


class ShippingRate(SQLModel, table=True):
    """The fee a factory charges to send samples to a destination region."""

    __tablename__ = "shipping_rates"
    __table_args__ = (UniqueConstraint("factory_id", "region", name="uq_shipping_rate_region"),)

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id", index=True)
    region: str = Field(max_length=32)  # e.g. north_america, europe, asia_pacific, rest_of_world
    label: str = Field(default="", max_length=120)  # e.g. "DHL Express, 3-5 days"
    fee_cents: int
    currency: str = Field(default="USD", max_length=3)


class SampleOrder(SQLModel, table=True):
    __tablename__ = "sample_orders"
    __table_args__ = (
        Index("ix_sample_orders_buyer_created", "buyer_id", "created_at"),
        Index("ix_sample_orders_factory_status", "factory_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=32, unique=True)  # shown to people and used as the T/T payment reference
    buyer_id: int = Field(foreign_key="users.id")
    factory_id: int = Field(foreign_key="factories.id")
    status: str = Field(default=OrderStatus.AWAITING_PAYMENT.value, max_length=20)
    currency: str = Field(default="USD", max_length=3)
    subtotal_cents: int = 0
    shipping_cents: int = 0
    total_cents: int = 0
    payment_method: str = Field(default=PaymentMethod.BANK_TRANSFER.value, max_length=20)
    stripe_checkout_session_id: str | None = Field(default=None, max_length=255, unique=True)
    stripe_payment_intent_id: str | None = Field(default=None, max_length=255, index=True)
    origin: str = Field(default=OrderOrigin.PRODUCT.value, max_length=16)
    origin_meeting_id: int | None = Field(default=None, foreign_key="meetings.id")
    origin_webinar_id: int | None = Field(default=None, foreign_key="webinars.id")
    ship_name: str = Field(default="", max_length=120)
    ship_company: str = Field(default="", max_length=160)
    ship_country: str = Field(default="", max_length=2)
    ship_line1: str = Field(default="", max_length=200)
    ship_line2: str = Field(default="", max_length=200)
    ship_city: str = Field(default="", max_length=100)
    ship_region: str = Field(default="", max_length=100)
    ship_postal_code: str = Field(default="", max_length=20)
    ship_phone: str = Field(default="", max_length=40)
    shipping_label: str = Field(default="", max_length=120)
    notes: str = Field(default="", max_length=2000)
    carrier: str = Field(default="", max_length=60)
    tracking_number: str = Field(default="", max_length=80)
    promised_ship_by: date | None = None
    paid_at: datetime | None = utc_field()
    shipped_at: datetime | None = utc_field()
    delivered_at: datetime | None = utc_field()
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class SampleOrderItem(SQLModel, table=True):
    __tablename__ = "sample_order_items"

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="sample_orders.id", index=True)
    product_id: int = Field(foreign_key="products.id", index=True)
    product_name: str = Field(max_length=200)  # as it was when ordered
    unit_price_cents: int
    quantity: int
    options: str = Field(default="", max_length=1000)


class EventKindText(TypeDecorator):
    """An OrderEventKind stored as its text value (no database enum type to migrate when kinds are added)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else OrderEventKind(value).value

    def process_result_value(self, value: str | None, dialect: Any) -> OrderEventKind | None:
        return None if value is None else OrderEventKind(value)


class OrderEvent(SQLModel, table=True):
    """One step in an order's life (who, when, what kind, with which parameters): the timeline both sides see."""

    __tablename__ = "order_events"
    __table_args__ = (Index("ix_order_events_order_time", "order_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="sample_orders.id")
    kind: OrderEventKind = Field(sa_type=EventKindText, nullable=False)
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # see events.EVENT_PARAMS
    from_status: str = Field(default="", max_length=20)
    to_status: str = Field(max_length=20)
    actor_user_id: int | None = Field(default=None, foreign_key="users.id")
    actor_kind: str = Field(default="system", max_length=16)  # a lifecycle.Side: buyer | factory | payment
    created_at: datetime = created_at_field()


class ProviderEvent(SQLModel, table=True):
    """Every webhook delivery we accepted (Stripe, LiveKit), recorded once by its event id.

    A Stripe payment event keeps the whole event in `payload`; `order_id` is set once the event is known
    to be about that order's own Checkout Session or payment intent (the order's payment facts), and
    `payment_intent` lets a refund that arrived before its payment be matched when the payment arrives.
    """

    __tablename__ = "provider_events"
    __table_args__ = (UniqueConstraint("provider", "event_id", name="uq_provider_event"),)

    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(max_length=16)
    event_id: str = Field(max_length=255)
    event_type: str = Field(max_length=100)
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    order_id: int | None = Field(default=None, foreign_key="sample_orders.id", index=True)
    payment_intent: str = Field(default="", max_length=255, index=True)
    received_at: datetime = created_at_field()
    processed_at: datetime | None = utc_field()
    error: str = Field(default="", max_length=2000)


class PaymentAnomaly(SQLModel, table=True):
    """A payment event that moved nothing because it did not match an order (amount, currency, identity…).

    Admins read these on /admin/payments, with the event exactly as Stripe sent it.
    """

    __tablename__ = "payment_anomalies"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)  # a payment_state.Mismatch value
    order_id: int | None = Field(default=None, foreign_key="sample_orders.id", index=True)
    provider_event_id: str = Field(default="", max_length=255, index=True)
    event: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    reason: str = Field(default="", max_length=2000)
    created_at: datetime = created_at_field()
