"""Accounts: sign-up, verification, sign-in, passwords and email changes.

Services flush but never commit; the view commits once. Nothing here tells the
caller whether an address has an account: sign-up and reset behave the same
either way, and the difference only shows in whose inbox which email lands.
"""

from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa
from flask import url_for
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.accounts.passwords import MIN_LENGTH, hash_password, needs_rehash, verify_password
from app.accounts.tokens import TokenPurpose, make_token, read_token, spend_token
from app.audit.services import AuditAction, record
from app.core.db import utcnow
from app.extensions import db
from app.notifications.services import queue_email

MIN_PASSWORD_LENGTH = MIN_LENGTH


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def _queue(
    user_or_address: User | str, locale: str, template: str, subject: LazyString, **context
) -> None:
    recipient = user_or_address.email if isinstance(user_or_address, User) else user_or_address
    queue_email(recipient, locale, template, subject, **context)


def send_verification(user: User) -> None:
    link = url_for(
        "accounts.verify_email", token=make_token(user, TokenPurpose.VERIFY_EMAIL), _external=True
    )
    _queue(
        user, user.locale, "verify_email", _l("Confirm your email address"), user=user, link=link
    )


def sign_up(email: str, password: str, name: str, locale: str) -> User | None:
    """Create an unverified account and email a verification link.

    If the address already has an account, nothing is created; its owner gets an
    email saying so instead. Returns the new user, or None (for the caller's
    bookkeeping only: the page shown must not depend on it).
    """
    password_hash = hash_password(password)  # always, so both paths take as long
    existing = find_user_by_email(email)
    if existing is not None:
        _queue(
            existing,
            existing.locale,
            "signup_existing",
            _l("Someone tried to sign up with your address"),
            user=existing,
            login_link=url_for("accounts.login", _external=True),
            reset_link=url_for("accounts.forgot_password", _external=True),
        )
        return None
    user = User(
        email=normalise_email(email), password_hash=password_hash, name=name.strip(), locale=locale
    )
    db.session.add(user)
    db.session.flush()
    send_verification(user)
    return user


def verify_email(token: str) -> User | None:
    found = read_token(token, TokenPurpose.VERIFY_EMAIL)
    if found is None:
        return None
    user, _payload = found
    user.email_verified_at = user.email_verified_at or utcnow()
    spend_token(user)
    return user


class SignInProblem(StrEnum):
    WRONG_CREDENTIALS = "wrong_credentials"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class SignInResult:
    user: User | None = None
    problem: SignInProblem | None = None


def authenticate(email: str, password: str) -> SignInResult:
    """Check a sign-in; re-hashes the password when the hashing parameters changed.

    An unverified account is told so only after the right password, and gets a
    fresh verification link.
    """
    user = find_user_by_email(email)
    if not verify_password(user.password_hash if user else None, password):
        # The account (if any) by id only: the typed address is never kept.
        record(AuditAction.LOGIN_FAILED, obj=user)
        return SignInResult(problem=SignInProblem.WRONG_CREDENTIALS)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    if not user.is_verified:
        send_verification(user)
        return SignInResult(problem=SignInProblem.UNVERIFIED)
    return SignInResult(user=user)


def end_all_sessions(user: User) -> None:
    """Every signed-in browser of this user is signed out on its next request."""
    user.session_version += 1


def request_password_reset(email: str) -> None:
    user = find_user_by_email(email)
    if user is None:
        return
    link = url_for(
        "accounts.reset_password",
        token=make_token(user, TokenPurpose.RESET_PASSWORD),
        _external=True,
    )
    _queue(user, user.locale, "reset_password", _l("Reset your password"), user=user, link=link)


def user_for_reset_token(token: str) -> User | None:
    found = read_token(token, TokenPurpose.RESET_PASSWORD)
    return found[0] if found else None


def reset_password(token: str, new_password: str) -> User | None:
    """Set a new password from an emailed link; ends every session of the user."""
    user = user_for_reset_token(token)
    if user is None:
        return None
    _set_password(user, new_password)
    record(AuditAction.PASSWORD_RESET, actor=user, obj=user)
    # Following the link proves the address works.
    user.email_verified_at = user.email_verified_at or utcnow()
    spend_token(user)
    return user


def _set_password(user: User, new_password: str) -> None:
    user.password_hash = hash_password(new_password)
    end_all_sessions(user)
    _queue(user, user.locale, "password_changed", _l("Your password was changed"), user=user)


def change_password(user: User, current_password: str, new_password: str) -> bool:
    if not verify_password(user.password_hash, current_password):
        return False
    _set_password(user, new_password)
    record(AuditAction.PASSWORD_CHANGED, actor=user, obj=user)
    return True


def request_email_change(user: User, password: str, new_email: str) -> bool:
    """Send a confirmation link to the new address; False if the password is wrong.

    If the new address belongs to another account, its owner is told instead and
    the requester sees the same answer.
    """
    if not verify_password(user.password_hash, password):
        return False
    new_email = normalise_email(new_email)
    owner = find_user_by_email(new_email)
    if owner is not None:
        if owner.id != user.id:
            _queue(
                owner,
                owner.locale,
                "email_taken",
                _l("Someone tried to use your address"),
                user=owner,
            )
        return True
    token = make_token(user, TokenPurpose.CHANGE_EMAIL, new_email=new_email)
    link = url_for("accounts.confirm_email_change", token=token, _external=True)
    _queue(
        new_email,
        user.locale,
        "confirm_email_change",
        _l("Confirm your new email address"),
        user=user,
        link=link,
    )
    _queue(
        user,
        user.locale,
        "email_change_requested",
        _l("Your email address is being changed"),
        user=user,
    )
    return True


def confirm_email_change(token: str) -> User | None:
    found = read_token(token, TokenPurpose.CHANGE_EMAIL)
    if found is None:
        return None
    user, payload = found
    new_email = payload.get("new_email", "")
    if not new_email or find_user_by_email(new_email) is not None:
        return None
    user.email = new_email
    user.email_verified_at = utcnow()
    spend_token(user)
    record(AuditAction.EMAIL_CHANGED, actor=user, obj=user)
    return user


def update_profile(user: User, name: str, locale: str) -> None:
    user.name = name.strip()
    user.locale = locale


def make_site_admin(email: str, password: str | None, name: str, locale: str) -> User:
    """Promote an account to site administrator, creating it (verified) if needed."""
    user = find_user_by_email(email)
    if user is None:
        if not password:
            raise ValueError("a password is needed to create the account")
        user = User(
            email=normalise_email(email),
            password_hash=hash_password(password),
            name=name,
            locale=locale,
            email_verified_at=utcnow(),
        )
        db.session.add(user)
    user.is_site_admin = True
    db.session.flush()
    record(AuditAction.SITE_ADMIN_GRANTED, obj=user)
    return user


def load_user_from_session(session_id: str) -> User | None:
    """Flask-Login's loader: ``"<id>:<session version>"``; an old version is signed out."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None
    return user
