"""What people see when something breaks: a friendly page (render errors) or toast (server errors)."""

import logging
import traceback

import reflex as rx
from reflex.event import EventSpec
from reflex_components_core.base.error_boundary import ErrorBoundary

from realsourcing.core.i18n import translate
from realsourcing.ui.error_pages import render_failure

logger = logging.getLogger("realsourcing")


def error_boundary_wrap(stateful: bool) -> rx.Component:
    props = {} if stateful else {"on_error": rx.noop()}
    return ErrorBoundary.create(fallback_render=render_failure(), **props)


def backend_error_toast(exception: Exception) -> EventSpec:
    logger.error("Unhandled error in an event handler:\n%s", "".join(traceback.format_exception(exception)))
    return rx.toast.error(f"{translate('error.backend', 'en')} / {translate('error.backend', 'zh')}", duration=8000)
