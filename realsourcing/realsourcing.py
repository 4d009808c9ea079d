"""The RealSourcing app: every page and route, in one table of contents."""

import reflex as rx

import realsourcing.models  # noqa: F401  (registers every table)
from realsourcing.api import make_api, upload_size_limit
from realsourcing.components.errors import error_boundary_wrap, backend_error_toast
from realsourcing.pages.account import account_page
from realsourcing.pages.admin import admin_page
from realsourcing.pages.auth import login_page, signup_page
from realsourcing.pages.dashboard import dashboard_page
from realsourcing.pages.errors import not_found_page
from realsourcing.pages.home import home_page
from realsourcing.states.account import AccountState
from realsourcing.states.admin import AdminState
from realsourcing.states.auth import LoginState, SignupState
from realsourcing.states.dashboard import DashboardState
from realsourcing.states.home import HomeState
from realsourcing.states.session import SessionState

app = rx.App(
    api_transformer=[make_api(), upload_size_limit],
    backend_exception_handler=backend_error_toast,
    head_components=[rx.el.meta(name="viewport", content="width=device-width, initial-scale=1")],
)
app.app_wraps[(55, "ErrorBoundary")] = error_boundary_wrap

TITLE = "RealSourcing"
app.add_page(home_page, route="/", title=f"{TITLE} — meet the factory before you order", on_load=[SessionState.load, HomeState.open])
app.add_page(login_page, route="/login", title=f"Log in · {TITLE}", on_load=[SessionState.load, LoginState.open])
app.add_page(signup_page, route="/signup", title=f"Sign up · {TITLE}", on_load=[SessionState.load, SignupState.open])
app.add_page(account_page, route="/account", title=f"My account · {TITLE}", on_load=[SessionState.load, AccountState.open])
app.add_page(dashboard_page, route="/dashboard", title=f"Dashboard · {TITLE}", on_load=[SessionState.load, DashboardState.open])
app.add_page(admin_page, route="/admin", title=f"Admin · {TITLE}", on_load=[SessionState.load, AdminState.open])
app.add_page(not_found_page, route="404", title=f"Not found · {TITLE}", on_load=SessionState.load)
