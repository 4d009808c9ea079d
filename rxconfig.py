"""Reflex configuration. Every value comes from realsourcing.config (environment), nothing else."""

import reflex as rx

from realsourcing.config import get_settings

settings = get_settings()

config = rx.Config(
    app_name="realsourcing",
    db_url=settings.database_url,
    redis_url=settings.redis_url or None,
    # One worker without Redis keeps tab states in memory (expired after an hour of quiet, like Reflex's
    # other managers): the default "disk" mode also keeps them in memory, and pickles every tab into .states/
    # and rescans that folder every 2 s (bench/state_manager.py). REFLEX_STATE_MANAGER_MODE still overrides.
    state_manager_mode=(
        rx.constants.StateManagerMode.REDIS if settings.redis_url else rx.constants.StateManagerMode.MEMORY
    ),
    telemetry_enabled=False,
    # CORS (Starlette) and the websocket handshake (socket.io) accept exactly these origins, never "*".
    cors_allowed_origins=settings.allowed_origins,
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="medium", has_background=True)
        )
    ],
)
