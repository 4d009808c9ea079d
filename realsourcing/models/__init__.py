"""All tables. Importing this package registers every table on SQLModel.metadata (alembic reads it)."""

from realsourcing.models.accounts import AuthSession, LoginAttempt, OidcIdentity, Role, User
from realsourcing.models.catalog import Product, ProductStatus
from realsourcing.models.factories import (
    DocumentKind,
    Factory,
    FactoryDocument,
    FactoryMember,
    Follow,
    MediaAsset,
    MediaKind,
    MemberRole,
    ProfileViewDaily,
    ReviewStatus,
)
from realsourcing.models.meetings import (
    ACTIVE_MEETING_STATUSES,
    AvailabilityRule,
    AvailabilitySettings,
    DateOverride,
    Meeting,
    MeetingEvent,
    MeetingProduct,
    MeetingStatus,
    MeetingType,
)
from realsourcing.models.notifications import (
    EmailPreference,
    Notification,
    OutboxMessage,
    OutboxStatus,
    Reminder,
    ReminderStatus,
)
from realsourcing.models.orders import (
    OrderEvent,
    OrderOrigin,
    OrderStatus,
    PaymentMethod,
    ProviderEvent,
    SampleOrder,
    SampleOrderItem,
    ShippingAddress,
    ShippingRate,
)
from realsourcing.models.webinars import (
    Webinar,
    WebinarAttendance,
    WebinarKind,
    WebinarProduct,
    WebinarRegistration,
    WebinarStatus,
)

__all__ = [name for name in dir() if not name.startswith("_")]
