import pytest
from pydantic import ValidationError

from realsourcing.config import Settings

ENV_KEYS = (
    "REFLEX_DB_URL",
    "DATABASE_URL",
    "APP_URL",
    "OIDC_ISSUER",
    "OIDC_CLIENT_ID",
    "OIDC_CLIENT_SECRET",
    "SESSION_DAYS",
    "SECRET_KEY",
)


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env file
    return monkeypatch


def test_defaults_are_the_embedded_sqlite_setup(clean_env):
    settings = Settings()
    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith("realsourcing.db")
    assert settings.is_sqlite
    assert settings.app_url == "http://localhost:3000"
    assert settings.session_days == 30
    assert not settings.oidc_enabled


def test_reflex_db_url_wins_over_database_url(clean_env):
    clean_env.setenv("DATABASE_URL", "postgresql://a@host/one")
    assert Settings().database_url == "postgresql://a@host/one"
    clean_env.setenv("REFLEX_DB_URL", "sqlite:///two.db")
    assert Settings().database_url == "sqlite:///two.db"


def test_unknown_database_is_refused_with_a_clear_message(clean_env):
    clean_env.setenv("DATABASE_URL", "mysql://root@localhost/db")
    with pytest.raises(ValidationError, match="sqlite:/// or postgresql://"):
        Settings()


def test_numbers_are_parsed_and_bounded(clean_env):
    clean_env.setenv("SESSION_DAYS", "7")
    assert Settings().session_days == 7
    clean_env.setenv("SESSION_DAYS", "0")
    with pytest.raises(ValidationError):
        Settings()
    clean_env.setenv("SESSION_DAYS", "a week")
    with pytest.raises(ValidationError):
        Settings()


def test_oidc_is_enabled_only_when_fully_configured(clean_env):
    clean_env.setenv("OIDC_ISSUER", "https://accounts.google.com")
    clean_env.setenv("OIDC_CLIENT_ID", "client")
    assert not Settings().oidc_enabled
    clean_env.setenv("OIDC_CLIENT_SECRET", "secret")
    assert Settings().oidc_enabled


def test_app_url_loses_its_trailing_slash(clean_env):
    clean_env.setenv("APP_URL", "https://realsourcing.example/")
    assert Settings().app_url == "https://realsourcing.example"


def test_generated_secret_key_is_stable_and_shared(clean_env, tmp_path):
    clean_env.setenv("INSTANCE_DIR", str(tmp_path / "inst"))
    first = Settings().resolved_secret_key()
    assert len(first) >= 40
    assert Settings().resolved_secret_key() == first  # a second worker reads the same key
    clean_env.setenv("SECRET_KEY", "from-env")
    assert Settings().resolved_secret_key() == "from-env"
