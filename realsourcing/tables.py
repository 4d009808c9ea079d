"""All tables. Importing this module registers every table on SQLModel.metadata (alembic reads it).

The names are listed in __all__ so that the imports are used (a linter would otherwise remove them,
and alembic would then see no tables at all).
"""

from realsourcing.accounts.models import AuthSession, LoginAttempt, OidcIdentity, User
from realsourcing.core.idempotency import IdempotencyKey
from realsourcing.meetings.models import (
    AvailabilityRule,
    AvailabilitySettings,
    DateOverride,
    Meeting,
    MeetingEvent,
    MeetingProduct,
    MeetingType,
)
from realsourcing.notifications.models import EmailPreference, Notification, OutboxMessage, Reminder
from realsourcing.orders.models import (
    OrderEvent,
    PaymentAnomaly,
    ProviderEvent,
    SampleOrder,
    SampleOrderItem,
    ShippingAddress,
    ShippingRate,
)
from realsourcing.orders.reviews import OrderReview
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.models import (
    Factory,
    FactoryBankDetails,
    FactoryBankDetailsChange,
    FactoryDocument,
    FactoryInvite,
    FactoryMember,
    Follow,
    MediaAsset,
    ProfileViewDaily,
)
from realsourcing.webinars.models import Webinar, WebinarAttendance, WebinarProduct, WebinarRegistration

__all__ = [
    "PaymentAnomaly",
    "IdempotencyKey",
    "AuthSession",
    "AvailabilityRule",
    "AvailabilitySettings",
    "DateOverride",
    "EmailPreference",
    "Factory",
    "FactoryBankDetails",
    "FactoryBankDetailsChange",
    "FactoryDocument",
    "FactoryInvite",
    "FactoryMember",
    "Follow",
    "LoginAttempt",
    "MediaAsset",
    "Meeting",
    "MeetingEvent",
    "MeetingProduct",
    "MeetingType",
    "Notification",
    "OidcIdentity",
    "OrderEvent",
    "OrderReview",
    "OutboxMessage",
    "Product",
    "ProfileViewDaily",
    "ProviderEvent",
    "Reminder",
    "SampleOrder",
    "SampleOrderItem",
    "ShippingAddress",
    "ShippingRate",
    "User",
    "Webinar",
    "WebinarAttendance",
    "WebinarProduct",
    "WebinarRegistration",
]
