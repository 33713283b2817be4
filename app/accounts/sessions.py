"""How long a sign-in lasts, and what must happen before anything else.

Timestamps live in the signed session cookie (seconds since the epoch): when the
password was checked, when the second factor was, and the last request. Staff
(site administrators and forum role holders) are signed out after 30 minutes
idle, everyone else after 3 hours; nobody stays signed in more than 12 hours.
"""

import time
from collections.abc import Callable

from flask import Flask, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.audit.services import AuditAction, record
from app.core.permissions import is_staff, sees_personal_data
from app.core.urls import current_path
from app.extensions import db

STAFF_IDLE_SECONDS = 30 * 60
PARTICIPANT_IDLE_SECONDS = 3 * 3600
ABSOLUTE_SECONDS = 12 * 3600
# The password step of a two-factor sign-in must be finished within this time.
TWO_FACTOR_STEP_SECONDS = 5 * 60
# Writing the cookie on every request is wasteful; a minute of precision is enough.
SEEN_RESOLUTION_SECONDS = 60

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
SECOND_FACTOR_AT = "second_factor_at"
PASSWORD_CHANGE_REQUIRED = "password_change_required"
PENDING_SIGN_IN = "pending_sign_in"

# Pages reachable while an obligation (enrol 2FA, confirm 2FA, new password) is open.
ALWAYS_ALLOWED = frozenset(
    {
        "static",
        "core.set_language",
        "core.switch_language",
        "core.health",
        "accounts.logout",
        "accounts.two_factor",
        "accounts.two_factor_confirm",
        "accounts.change_password",
    }
)


def clock() -> float:
    """Now, in seconds; tests move it."""
    return time.time()


def start(second_factor: bool, password_change_required: bool = False) -> None:
    now = clock()
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now
    session[SECOND_FACTOR_AT] = now if second_factor else None
    session[PASSWORD_CHANGE_REQUIRED] = password_change_required
    session.permanent = True


def mark_second_factor() -> None:
    session[SECOND_FACTOR_AT] = clock()


def begin_pending_sign_in(user_id: int, next_path: str) -> None:
    session[PENDING_SIGN_IN] = {"user_id": user_id, "at": clock(), "next": next_path}


def pending_sign_in() -> dict | None:
    """The half-finished two-factor sign-in, if it is still fresh."""
    pending = session.get(PENDING_SIGN_IN)
    if not pending or clock() - pending["at"] > TWO_FACTOR_STEP_SECONDS:
        session.pop(PENDING_SIGN_IN, None)
        return None
    return pending


def idle_limit(user) -> int:
    return STAFF_IDLE_SECONDS if is_staff(user) else PARTICIPANT_IDLE_SECONDS


def has_expired(user) -> bool:
    now = clock()
    signed_in_at = session.get(SIGNED_IN_AT, 0)
    seen_at = session.get(SEEN_AT, 0)
    return now - signed_in_at > ABSOLUTE_SECONDS or now - seen_at > idle_limit(user)


def two_factor_required(user) -> bool:
    from app.safety.services import lockdown_applies_to

    return sees_personal_data(user) or (is_staff(user) and lockdown_applies_to(user))


def needs_fresh_second_factor(user) -> bool:
    """Lockdown asks staff to prove the second factor again, once, after it starts."""
    from app.safety.services import lockdown_started_at_for

    started = lockdown_started_at_for(user) if is_staff(user) else None
    if started is None:
        return False
    return (session.get(SECOND_FACTOR_AT) or 0) < started.timestamp()


def _obligation(user) -> Callable | None:
    """The page the user must visit first, if any."""
    if two_factor_required(user) and not user.has_two_factor:
        flash(_("Your role asks for two-factor sign-in. Please set it up now."), "warning")
        return lambda: redirect(url_for("accounts.two_factor"))
    if user.has_two_factor and needs_fresh_second_factor(user):
        flash(_("A lockdown is in force: please confirm your sign-in with your code."), "warning")
        return lambda: redirect(url_for("accounts.two_factor_confirm", next=current_path()))
    if session.get(PASSWORD_CHANGE_REQUIRED):
        flash(_("Please choose a new, longer password before you go on."), "warning")
        return lambda: redirect(url_for("accounts.change_password"))
    return None


def _guard_signed_in_requests():
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    user = current_user._get_current_object()
    if has_expired(user):
        record(AuditAction.SESSION_EXPIRED, actor=user)
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("Your session has ended. Please log in again."), "info")
        return redirect(
            url_for("accounts.login", next=current_path() if request.method == "GET" else None)
        )
    now = clock()
    if now - session.get(SEEN_AT, 0) > SEEN_RESOLUTION_SECONDS:
        session[SEEN_AT] = now
    if request.endpoint in ALWAYS_ALLOWED:
        return None
    obligation = _obligation(user)
    return obligation() if obligation else None


def register_session_rules(app: Flask) -> None:
    app.before_request(_guard_signed_in_requests)
