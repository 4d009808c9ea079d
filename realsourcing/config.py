"""Every setting RealSourcing reads from the environment, typed, with its default.

The README's configuration table mirrors this class. Read settings through
`get_settings()`; nothing here raises at import when an optional key is missing.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # Database: Reflex's own variable wins, DATABASE_URL is the conventional alias.
    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'realsourcing.db'}",
        validation_alias=AliasChoices("REFLEX_DB_URL", "DATABASE_URL"),
    )
    redis_url: str = Field(default="", validation_alias=AliasChoices("REFLEX_REDIS_URL"))

    # Public address of the app (used for OIDC redirects and links in emails).
    app_url: str = Field(default="http://localhost:3000", validation_alias=AliasChoices("APP_URL"))
    # Other origins (scheme://host[:port], comma-separated) allowed to call the API with credentials and to
    # open the websocket, e.g. a second domain serving the same app. The app's own origin is always allowed.
    extra_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias=AliasChoices("EXTRA_ORIGINS")
    )
    # Signs the short-lived OIDC handshake cookie. Empty: generated once into instance/secret_key.
    secret_key: str = Field(default="", validation_alias=AliasChoices("SECRET_KEY"))
    instance_dir: Path = Field(default=PROJECT_ROOT / "instance", validation_alias=AliasChoices("INSTANCE_DIR"))
    # Public media (served at /_upload/) and private documents (licences; served only after a permission check).
    media_dir: Path = Field(
        default=PROJECT_ROOT / "uploaded_files", validation_alias=AliasChoices("REFLEX_UPLOADED_FILES_DIR", "MEDIA_DIR")
    )
    private_dir: Path = Field(
        default=PROJECT_ROOT / "instance" / "private", validation_alias=AliasChoices("PRIVATE_DIR")
    )

    # Sessions and sign-in protection.
    session_days: int = Field(default=30, ge=1, le=365, validation_alias=AliasChoices("SESSION_DAYS"))
    login_max_failures_per_account: int = Field(
        default=5, ge=1, validation_alias=AliasChoices("LOGIN_MAX_FAILURES_PER_ACCOUNT")
    )
    login_max_failures_per_ip: int = Field(default=20, ge=1, validation_alias=AliasChoices("LOGIN_MAX_FAILURES_PER_IP"))
    login_lockout_minutes: int = Field(default=15, ge=1, validation_alias=AliasChoices("LOGIN_LOCKOUT_MINUTES"))
    # Sign-up requests (each sends an email) from one IP in a window; past it the form asks to wait.
    signup_max_per_ip: int = Field(default=10, ge=1, validation_alias=AliasChoices("SIGNUP_MAX_PER_IP"))
    signup_window_minutes: int = Field(default=60, ge=1, validation_alias=AliasChoices("SIGNUP_WINDOW_MINUTES"))

    # OpenID Connect ("Sign in with Google" or any provider). The button shows only when all three are set.
    oidc_issuer: str = Field(default="", validation_alias=AliasChoices("OIDC_ISSUER"))
    oidc_client_id: str = Field(default="", validation_alias=AliasChoices("OIDC_CLIENT_ID"))
    oidc_client_secret: str = Field(default="", validation_alias=AliasChoices("OIDC_CLIENT_SECRET"))
    oidc_provider_name: str = Field(default="Google", validation_alias=AliasChoices("OIDC_PROVIDER_NAME"))

    # LiveKit (webinar and meeting video). Defaults match `livekit-server --dev` on this machine.
    livekit_url: str = Field(default="ws://localhost:7880", validation_alias=AliasChoices("LIVEKIT_URL"))
    livekit_api_key: str = Field(default="devkey", validation_alias=AliasChoices("LIVEKIT_API_KEY"))
    livekit_api_secret: str = Field(default="secret", validation_alias=AliasChoices("LIVEKIT_API_SECRET"))

    # Stripe (card and wallet payments through Checkout). Empty key: bank transfer (T/T) only.
    stripe_secret_key: str = Field(default="", validation_alias=AliasChoices("STRIPE_SECRET_KEY"))
    stripe_webhook_secret: str = Field(default="", validation_alias=AliasChoices("STRIPE_WEBHOOK_SECRET"))
    stripe_api_base: str = Field(default="https://api.stripe.com", validation_alias=AliasChoices("STRIPE_API_BASE"))

    # Email. No SMTP_HOST: emails stay in the outbox (visible to admins) and are logged, nothing is sent.
    smtp_host: str = Field(default="", validation_alias=AliasChoices("SMTP_HOST"))
    smtp_port: int = Field(default=587, validation_alias=AliasChoices("SMTP_PORT"))
    smtp_user: str = Field(default="", validation_alias=AliasChoices("SMTP_USER"))
    smtp_password: str = Field(default="", validation_alias=AliasChoices("SMTP_PASSWORD"))
    smtp_starttls: bool = Field(default=True, validation_alias=AliasChoices("SMTP_STARTTLS"))
    mail_from: str = Field(
        default="RealSourcing <no-reply@realsourcing.example>", validation_alias=AliasChoices("MAIL_FROM")
    )

    # Storage per factory: every file it stores counts (documents, photos, videos, logo, product images,
    # webinar covers, thumbnails included); uploads past either limit are refused before anything is written.
    factory_storage_quota_mb: int = Field(default=2048, ge=1, validation_alias=AliasChoices("FACTORY_STORAGE_QUOTA_MB"))
    factory_document_limit: int = Field(default=200, ge=1, validation_alias=AliasChoices("FACTORY_DOCUMENT_LIMIT"))

    # Reflex's websocket: each connection's frames (events) come out of a token bucket of EVENT_BURST,
    # refilled at EVENT_RATE_PER_SECOND; excess frames are dropped (the tab is told once) and a connection
    # with more than EVENT_FLOOD_DISCONNECT_AFTER drops since its bucket was last full is closed.
    event_rate_limit_enabled: bool = Field(default=True, validation_alias=AliasChoices("EVENT_RATE_LIMIT_ENABLED"))
    event_burst: int = Field(default=60, ge=10, validation_alias=AliasChoices("EVENT_BURST"))
    event_rate_per_second: float = Field(default=40, gt=0, validation_alias=AliasChoices("EVENT_RATE_PER_SECOND"))
    event_flood_disconnect_after: int = Field(
        default=300, ge=1, validation_alias=AliasChoices("EVENT_FLOOD_DISCONNECT_AFTER")
    )

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        return value

    @field_validator("app_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("extra_origins", mode="before")
    @classmethod
    def _exact_origins(cls, value: object) -> list[str]:
        items = value.split(",") if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
        return [origin_of(str(item)) for item in items if str(item).strip()]

    @property
    def app_origin(self) -> str:
        """scheme://host[:port] of APP_URL: the one origin the browser pages of this app come from."""
        return origin_of(self.app_url)

    @property
    def allowed_origins(self) -> list[str]:
        """Origins that may use the API with credentials and open the websocket: the app's own, then EXTRA_ORIGINS."""
        return list(dict.fromkeys([self.app_origin, *self.extra_origins]))

    @property
    def uses_https(self) -> bool:
        return self.app_url.startswith("https://")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_client_secret)

    def resolved_secret_key(self) -> str:
        """SECRET_KEY, or one generated once and shared by every worker through the instance dir."""
        if self.secret_key:
            return self.secret_key
        path = self.instance_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"secret_key.{os.getpid()}")
            tmp.write_text(secrets.token_urlsafe(48))
            try:
                os.link(tmp, path)  # atomic: the first worker wins, the others read its key
            except FileExistsError:
                pass
            finally:
                tmp.unlink(missing_ok=True)
        return path.read_text().strip()


def origin_of(url: str) -> str:
    """The exact origin (scheme://host[:port], lower-case) of a URL; ValueError when it has none.

    A wildcard is refused: the browser edge accepts only origins it can name.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or "*" in url:
        raise ValueError(f"not an http(s) origin: {url!r}")
    default_port = {"http": 80, "https": 443}[parts.scheme]
    port = f":{parts.port}" if parts.port and parts.port != default_port else ""  # browsers omit default ports
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
