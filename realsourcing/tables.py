"""All tables. Importing this package registers every table on SQLModel.metadata (alembic reads it)."""

from realsourcing.accounts.models import AuthSession, LoginAttempt, OidcIdentity, Role, User
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.models import (
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
from realsourcing.meetings.models import (
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
from realsourcing.notifications.models import (
    EmailPreference,
    Notification,
    OutboxMessage,
    OutboxStatus,
    Reminder,
    ReminderStatus,
)
from realsourcing.orders.models import (
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
from realsourcing.webinars.models import (
    Webinar,
    WebinarAttendance,
    WebinarKind,
    WebinarProduct,
    WebinarRegistration,
    WebinarStatus,
)

__all__ = [name for name in dir() if not name.startswith("_")]
