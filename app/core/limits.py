"""Rate-limit keys and limits read from the configuration."""

import hashlib
import hmac
from collections.abc import Callable

from flask import current_app, request
from flask_limiter.util import get_remote_address


def configured(setting: str) -> Callable[[], str]:
    return lambda: current_app.config[setting]


def account_key() -> str:
    """The account a sign-in or reset is aimed at, as a keyed hash (no address in Redis)."""
    email = (request.form.get("email") or "").strip().lower()
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), email.encode(), hashlib.sha256)
    return "account:" + digest.hexdigest()[:32]


def client_key() -> str:
    # ProxyFix has already put the real client address into remote_addr.
    return "ip:" + get_remote_address()
