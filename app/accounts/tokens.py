"""Signed, expiring, single-use tokens for emailed links.

Each token carries the user's current nonce; using a token rotates the nonce,
so the token (and every other outstanding one of that user) stops working.
"""

from enum import StrEnum
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.accounts.models import User, new_nonce
from app.extensions import db


class TokenPurpose(StrEnum):
    VERIFY_EMAIL = "verify-email"
    RESET_PASSWORD = "reset-password"
    CHANGE_EMAIL = "change-email"


_MAX_AGE_SETTING = {
    TokenPurpose.VERIFY_EMAIL: "VERIFY_TOKEN_MAX_AGE",
    TokenPurpose.RESET_PASSWORD: "RESET_TOKEN_MAX_AGE",
    TokenPurpose.CHANGE_EMAIL: "EMAIL_CHANGE_TOKEN_MAX_AGE",
}


def _serializer(purpose: TokenPurpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"muntada-{purpose}")


def make_token(user: User, purpose: TokenPurpose, **extra: Any) -> str:
    return _serializer(purpose).dumps({"uid": user.id, "nonce": user.token_nonce, **extra})


def read_token(token: str, purpose: TokenPurpose) -> tuple[User, dict[str, Any]] | None:
    """The user and payload of a valid, unexpired, unused token; None otherwise.

    Does not spend the token: call ``spend_token`` once the action succeeds.
    """
    max_age = current_app.config[_MAX_AGE_SETTING[purpose]]
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except BadSignature:  # also covers SignatureExpired
        return None
    if not isinstance(payload, dict):
        return None
    user = db.session.get(User, payload.get("uid"))
    if user is None or payload.get("nonce") != user.token_nonce:
        return None
    return user, payload


def spend_token(user: User) -> None:
    user.token_nonce = new_nonce()
