"""The RealSourcing app: every page and route, in one table of contents."""

import reflex as rx
from reflex.constants import Dirs
from reflex.utils.prerequisites import get_web_dir

import realsourcing.tables  # noqa: F401  (registers every table)
from realsourcing.accounts.pages.account import account_page
from realsourcing.accounts.pages.auth import forgot_password_page, link_page, login_page, signup_page
from realsourcing.accounts.states.account import AccountState
from realsourcing.accounts.states.auth import ForgotPasswordState, LinkState, LoginState, SignupState
from realsourcing.admin.pages.overview import admin_page
from realsourcing.admin.pages.payments import payments_page
from realsourcing.admin.pages.verification import verification_page
from realsourcing.admin.states.overview import AdminState
from realsourcing.admin.states.payments import PaymentAnomaliesState
from realsourcing.admin.states.verification import VerificationState
from realsourcing.api import body_size_limit, event_rate_limit, make_api, security_headers
from realsourcing.api.outbox_worker import deliver_outbox_forever
from realsourcing.api.page_heads import page_heads
from realsourcing.api.static_cache import static_cache
from realsourcing.config import get_settings
from realsourcing.home.pages.home import home_page
from realsourcing.home.states.home import HomeState
from realsourcing.meetings.pages.availability import dashboard_availability_page
from realsourcing.meetings.pages.meetings import booking_page, meeting_page, meeting_room_page, meetings_page
from realsourcing.meetings.states.availability import AvailabilityState
from realsourcing.meetings.states.meetings import BookingState, MeetingsState, MeetingState
from realsourcing.notifications.pages.inbox import notifications_page, outbox_page
from realsourcing.notifications.states.inbox import InboxState, OutboxState
from realsourcing.orders.pages.orders import dashboard_orders_page, new_order_page, order_page, orders_page
from realsourcing.orders.states.orders import OrderFormState, OrdersState, OrderState
from realsourcing.profile.pages.bank import dashboard_bank_page
from realsourcing.profile.pages.documents import dashboard_documents_page
from realsourcing.profile.pages.media import dashboard_media_page
from realsourcing.profile.pages.overview import dashboard_overview_page
from realsourcing.profile.pages.products import dashboard_product_editor_page, dashboard_products_page
from realsourcing.profile.pages.profile_editor import dashboard_profile_page
from realsourcing.profile.pages.public import directory_page, factory_page, product_page
from realsourcing.profile.pages.team import dashboard_team_page, invite_page
from realsourcing.profile.states.bank import BankState
from realsourcing.profile.states.documents import DocumentsState
from realsourcing.profile.states.media import MediaState
from realsourcing.profile.states.overview import DashboardState
from realsourcing.profile.states.products import ProductEditorState, ProductsState
from realsourcing.profile.states.profile_editor import ProfileState
from realsourcing.profile.states.public import DirectoryState, FactoryPageState, ProductPageState
from realsourcing.profile.states.team import InviteState, TeamState
from realsourcing.ui.bell import push_bell_counts
from realsourcing.ui.error_pages import not_found_page
from realsourcing.ui.errors import backend_error_toast, error_boundary_wrap
from realsourcing.ui.flood_notice import flood_notice
from realsourcing.ui.session import SessionState
from realsourcing.webinars.pages.dashboard import dashboard_webinar_editor_page, dashboard_webinars_page
from realsourcing.webinars.pages.public import room_page, square_page, webinar_page
from realsourcing.webinars.states.dashboard import DashboardWebinarsState, WebinarEditorState
from realsourcing.webinars.states.public import WebinarPageState, WebinarRoomState, WebinarSquareState

app = rx.App(
    # Outermost last: the security headers wrap everything, including the built pages and 413 answers.
    api_transformer=[
        make_api(),
        body_size_limit,
        page_heads(get_settings()),
        static_cache(),
        event_rate_limit(get_settings(), flood_notice),
        security_headers(get_settings(), get_web_dir() / Dirs.STATIC),
    ],
    backend_exception_handler=backend_error_toast,
    stylesheets=["/contrast.css"],
    head_components=[rx.el.meta(name="viewport", content="width=device-width, initial-scale=1")],
)
app.app_wraps[(55, "ErrorBoundary")] = error_boundary_wrap
app.register_lifespan_task(deliver_outbox_forever)
app.register_lifespan_task(push_bell_counts)

TITLE = "RealSourcing"
app.add_page(
    home_page,
    route="/",
    title=f"{TITLE} — meet the factory before you order",
    on_load=[SessionState.load, HomeState.open],
)
app.add_page(login_page, route="/login", title=f"Log in · {TITLE}", on_load=[SessionState.load, LoginState.open])
app.add_page(signup_page, route="/signup", title=f"Sign up · {TITLE}", on_load=[SessionState.load, SignupState.open])
app.add_page(
    forgot_password_page,
    route="/password/forgot",
    title=f"Forgot password · {TITLE}",
    on_load=[SessionState.load, ForgotPasswordState.open],
)
app.add_page(link_page, route="/link", title=f"Confirm · {TITLE}", on_load=[SessionState.load, LinkState.open])
app.add_page(
    account_page, route="/account", title=f"My account · {TITLE}", on_load=[SessionState.load, AccountState.open]
)
app.add_page(
    dashboard_overview_page,
    route="/dashboard",
    title=f"Dashboard · {TITLE}",
    on_load=[SessionState.load, DashboardState.open],
)
app.add_page(
    dashboard_profile_page,
    route="/dashboard/profile",
    title=f"Profile · {TITLE}",
    on_load=[SessionState.load, ProfileState.open],
)
app.add_page(
    dashboard_documents_page,
    route="/dashboard/documents",
    title=f"Documents · {TITLE}",
    on_load=[SessionState.load, DocumentsState.open],
)
app.add_page(
    dashboard_bank_page,
    route="/dashboard/bank",
    title=f"Bank details · {TITLE}",
    on_load=[SessionState.load, BankState.open],
)
app.add_page(
    dashboard_media_page,
    route="/dashboard/media",
    title=f"Photos & videos · {TITLE}",
    on_load=[SessionState.load, MediaState.open],
)
app.add_page(
    dashboard_products_page,
    route="/dashboard/products",
    title=f"Products · {TITLE}",
    on_load=[SessionState.load, ProductsState.open],
)
app.add_page(
    dashboard_product_editor_page,
    route="/dashboard/products/[product_ref]",
    title=f"Product · {TITLE}",
    on_load=[SessionState.load, ProductEditorState.open],
)
app.add_page(
    dashboard_team_page,
    route="/dashboard/team",
    title=f"Team · {TITLE}",
    on_load=[SessionState.load, TeamState.open],
)
app.add_page(invite_page, route="/invite", title=f"Invitation · {TITLE}", on_load=[SessionState.load, InviteState.open])
app.add_page(
    dashboard_webinars_page,
    route="/dashboard/webinars",
    title=f"Webinars · {TITLE}",
    on_load=[SessionState.load, DashboardWebinarsState.open],
)
app.add_page(
    dashboard_webinar_editor_page,
    route="/dashboard/webinars/new",
    title=f"New webinar · {TITLE}",
    on_load=[SessionState.load, WebinarEditorState.open],
)
app.add_page(
    dashboard_webinar_editor_page,
    route="/dashboard/webinars/[webinar_ref]/edit",
    title=f"Edit webinar · {TITLE}",
    on_load=[SessionState.load, WebinarEditorState.open],
)
app.add_page(
    square_page, route="/webinars", title=f"Webinars · {TITLE}", on_load=[SessionState.load, WebinarSquareState.open]
)
app.add_page(
    webinar_page,
    route="/webinars/[webinar_id]",
    title=WebinarPageState.page_title,
    on_load=[SessionState.load, WebinarPageState.open],
)
app.add_page(
    room_page,
    route="/webinars/[webinar_id]/live",
    title=f"Live · {TITLE}",
    on_load=[SessionState.load, WebinarRoomState.open],
)
app.add_page(
    dashboard_availability_page,
    route="/dashboard/availability",
    title=f"Availability · {TITLE}",
    on_load=[SessionState.load, AvailabilityState.open],
)
app.add_page(
    booking_page,
    route="/meeting/new",
    title=f"Book a meeting · {TITLE}",
    on_load=[SessionState.load, BookingState.open],
)
app.add_page(
    meetings_page, route="/meetings", title=f"Meetings · {TITLE}", on_load=[SessionState.load, MeetingsState.open]
)
app.add_page(
    meeting_page,
    route="/meetings/[meeting_id]",
    title=f"Meeting · {TITLE}",
    on_load=[SessionState.load, MeetingState.open],
)
app.add_page(
    meeting_room_page,
    route="/meetings/[meeting_id]/room",
    title=f"Meeting room · {TITLE}",
    on_load=[SessionState.load, MeetingState.open_room],
)
app.add_page(
    new_order_page,
    route="/orders/new",
    title=f"Order samples · {TITLE}",
    on_load=[SessionState.load, OrderFormState.open],
)
app.add_page(orders_page, route="/orders", title=f"Orders · {TITLE}", on_load=[SessionState.load, OrdersState.open])
app.add_page(
    order_page, route="/orders/[order_id]", title=f"Order · {TITLE}", on_load=[SessionState.load, OrderState.open]
)
app.add_page(
    dashboard_orders_page,
    route="/dashboard/orders",
    title=f"Orders · {TITLE}",
    on_load=[SessionState.load, OrdersState.open],
)
app.add_page(
    notifications_page,
    route="/notifications",
    title=f"Notifications · {TITLE}",
    on_load=[SessionState.load, InboxState.open],
)
app.add_page(
    outbox_page, route="/admin/outbox", title=f"Outbox · {TITLE}", on_load=[SessionState.load, OutboxState.open]
)
app.add_page(
    verification_page,
    route="/admin/verification",
    title=f"Verification · {TITLE}",
    on_load=[SessionState.load, VerificationState.open],
)
app.add_page(
    payments_page,
    route="/admin/payments",
    title=f"Payment anomalies · {TITLE}",
    on_load=[SessionState.load, PaymentAnomaliesState.open],
)
app.add_page(
    directory_page, route="/factories", title=f"Factories · {TITLE}", on_load=[SessionState.load, DirectoryState.open]
)
app.add_page(
    factory_page,
    route="/factories/[slug]",
    title=FactoryPageState.page_title,
    on_load=[SessionState.load, FactoryPageState.open],
)
app.add_page(
    product_page,
    route="/products/[product_id]",
    title=ProductPageState.page_title,
    on_load=[SessionState.load, ProductPageState.open],
)
app.add_page(admin_page, route="/admin", title=f"Admin · {TITLE}", on_load=[SessionState.load, AdminState.open])
app.add_page(not_found_page, route="404", title=f"Not found · {TITLE}", on_load=SessionState.load)
