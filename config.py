"""Configuration, read from the environment once at start-up.

Development is the default: SQLite and a generated secret in ``instance/``, mail
printed to the console, rate limits in memory. Production sets ``MUNTADA_ENV=production``
and at least ``SECRET_KEY`` and ``DATABASE_URL``.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("MUNTADA_INSTANCE", BASE_DIR / "instance"))


def instance_secret(name: str, generate=lambda: secrets.token_urlsafe(48)) -> str:
    """Read a development secret from instance/, generating it on first use."""
    path = INSTANCE_DIR / name
    if not path.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(generate())
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url(url: str) -> str:
    # psycopg 3 is the driver; accept the plain postgres:// URLs hosts hand out.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    # Keys for data encrypted at rest (app/core/crypto.py); outside the database.
    DATA_KEY = os.environ.get("DATA_KEY", "")
    DATA_HASH_KEY = os.environ.get("DATA_HASH_KEY", "")
    SQLALCHEMY_DATABASE_URI = _database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'muntada.sqlite3'}")
    )
    # hide_parameters: bound values (emails, names) never reach logs or error messages.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    REDIS_URL = os.environ.get("REDIS_URL", "")

    # Languages: Arabic, Central Kurdish (Sorani) and English.
    LANGUAGES = ("ar", "ckb", "en")
    BABEL_DEFAULT_LOCALE = "ar"
    BABEL_DEFAULT_TIMEZONE = "Asia/Baghdad"

    SESSION_COOKIE_NAME = "muntada_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    # The largest request body: CSV imports are capped at 1 MB, forms are far smaller.
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    PREFERRED_URL_SCHEME = "http"

    # Rate limits: per client IP and per account.
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_ENABLED = True
    LOGIN_LIMIT_PER_IP = "20 per minute; 100 per hour"
    LOGIN_LIMIT_PER_ACCOUNT = "5 per minute; 30 per hour"
    RESET_LIMIT_PER_IP = "10 per minute; 50 per hour"
    RESET_LIMIT_PER_ACCOUNT = "3 per hour"
    SIGNUP_LIMIT_PER_IP = "10 per hour"

    # Lifetimes of emailed links, in seconds.
    VERIFY_TOKEN_MAX_AGE = 48 * 3600
    RESET_TOKEN_MAX_AGE = 3600
    EMAIL_CHANGE_TOKEN_MAX_AGE = 24 * 3600

    # Mail: every message goes through the outbox table first.
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "console")  # console | smtp
    MAIL_DISPATCH = os.environ.get("MAIL_DISPATCH", "inline")  # inline | rq | none
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_USE_SSL = os.environ.get("MAIL_USE_SSL", "0") == "1"
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Muntada <no-reply@localhost>")
    MAIL_MAX_ATTEMPTS = 5

    # The auto-scheduler: a job for ``flask schedule-worker`` (rq) or run in the request.
    SCHEDULER_DISPATCH = os.environ.get("SCHEDULER_DISPATCH", "inline")  # inline | rq

    # Proxies in front of the app that set X-Forwarded-* (ProxyFix).
    PROXY_FIX_X_FOR = int(os.environ.get("PROXY_FIX_X_FOR", "0"))
    PROXY_FIX_X_PROTO = int(os.environ.get("PROXY_FIX_X_PROTO", "0"))
    PROXY_FIX_X_HOST = int(os.environ.get("PROXY_FIX_X_HOST", "0"))
    HSTS = False


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")
    MAIL_DISPATCH = os.environ.get("MAIL_DISPATCH", "rq" if os.environ.get("REDIS_URL") else "none")
    SCHEDULER_DISPATCH = os.environ.get(
        "SCHEDULER_DISPATCH", "rq" if os.environ.get("REDIS_URL") else "inline"
    )
    PROXY_FIX_X_FOR = int(os.environ.get("PROXY_FIX_X_FOR", "1"))
    PROXY_FIX_X_PROTO = int(os.environ.get("PROXY_FIX_X_PROTO", "1"))
    HSTS = True


class TestConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    DATA_KEY = "kP2ZbqM2v0m5yJ8m3m0mD0c4m3Zc3hH6bqM8b4Cq0Zo="  # a Fernet key for tests only
    DATA_HASH_KEY = "test-hash-key-not-for-production"
    SQLALCHEMY_DATABASE_URI = _database_url(os.environ.get("TEST_DATABASE_URL", "sqlite://"))
    MAIL_DISPATCH = "none"
    SCHEDULER_DISPATCH = "inline"
    RATELIMIT_STORAGE_URI = "memory://"


CONFIGS = {"development": Config, "production": ProductionConfig, "testing": TestConfig}


def config_for(name: str | None = None) -> type[Config]:
    return CONFIGS[name or os.environ.get("MUNTADA_ENV", "development")]
