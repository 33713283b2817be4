"""The audit log: one helper records who did what to which object, and when.

Records hold ids and short codes only. ``details`` accepts numbers, booleans and
short identifiers (``[a-z0-9_.-]``), so a name, an email or a phone number cannot
slip into the log by accident.
"""

import re
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.extensions import db

_CODE = re.compile(r"^[a-z0-9_.:-]{1,40}$")


class AuditAction(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    TWO_FACTOR_FAILED = "two_factor_failed"
    TWO_FACTOR_ENABLED = "two_factor_enabled"
    TWO_FACTOR_DISABLED = "two_factor_disabled"
    RECOVERY_CODE_USED = "recovery_code_used"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_RESET = "password_reset"
    EMAIL_CHANGED = "email_changed"
    SESSION_EXPIRED = "session_expired"
    FORUM_CREATED = "forum_created"
    FORUM_SETTINGS_CHANGED = "forum_settings_changed"
    FORUM_STATUS_CHANGED = "forum_status_changed"
    ROLE_GRANTED = "role_granted"
    ROLE_REVOKED = "role_revoked"
    SITE_ADMIN_GRANTED = "site_admin_granted"
    REGISTRATION_DECIDED = "registration_decided"
    ACTIVITY_DECIDED = "activity_decided"
    PERSONAL_DATA_EXPORTED = "personal_data_exported"
    PERSONAL_DATA_DOWNLOADED = "personal_data_downloaded"
    EXPORT_REFUSED = "export_refused"
    RULE_OVERRIDDEN = "rule_overridden"
    DELETED = "deleted"
    ACCOUNT_DELETED = "account_deleted"
    HIDDEN_FROM_PUBLIC = "hidden_from_public"
    CONTACT_DATA_PURGED = "contact_data_purged"
    LOCKDOWN_STARTED = "lockdown_started"
    LOCKDOWN_ENDED = "lockdown_ended"
    DATA_KEY_ROTATED = "data_key_rotated"
    ORGANIZATION_CREATED = "organization_created"
    ORGANIZATION_CHANGED = "organization_changed"
    ORGANIZATION_MEMBER_ADDED = "organization_member_added"
    ORGANIZATION_MEMBER_REMOVED = "organization_member_removed"
    ORGANIZATION_INVITATION_SENT = "organization_invitation_sent"
    ORGANIZATION_INVITATION_CANCELLED = "organization_invitation_cancelled"
    ORGANIZATION_INVITATION_ANSWERED = "organization_invitation_answered"
    ORGANIZATION_JOIN_REQUESTED = "organization_join_requested"
    ORGANIZATION_JOIN_REQUEST_ANSWERED = "organization_join_request_answered"
    REGISTRATION_CREATED = "registration_created"
    REGISTRATION_UPDATED = "registration_updated"
    REGISTRATION_WITHDRAWN = "registration_withdrawn"
    ORGANIZATIONS_IMPORTED = "organizations_imported"
    MERGE_PROPOSED = "merge_proposed"
    MERGE_ANSWERED = "merge_answered"
    MERGE_COMPLETED = "merge_completed"
    MERGE_CANCELLED = "merge_cancelled"
    ACTIVITY_CREATED = "activity_created"
    ACTIVITY_SUBMITTED = "activity_submitted"
    ACTIVITY_WITHDRAWN = "activity_withdrawn"
    CO_ORGANIZER_INVITED = "co_organizer_invited"
    CO_ORGANIZER_ANSWERED = "co_organizer_answered"
    SCHEDULE_SUGGESTION_APPLIED = "schedule_suggestion_applied"
    SCHEDULE_PUBLISHED = "schedule_published"
    SHIFT_RULE_OVERRIDDEN = "shift_rule_overridden"
    VOLUNTEER_DECIDED = "volunteer_decided"
    INTERPRETER_ASSIGNED = "interpreter_assigned"
    INTERPRETER_UNASSIGNED = "interpreter_unassigned"
    INTERPRETER_DECIDED = "interpreter_decided"
    INTERPRETER_WITHDREW_FROM_SESSION = "interpreter_withdrew_from_session"


class PersonalValueError(ValueError):
    """Raised when something that may be personal is offered to the audit log."""


def _check_details(details: dict) -> dict:
    for key, value in details.items():
        if not _CODE.match(key):
            raise PersonalValueError(f"audit detail key {key!r} is not a plain code")
        if isinstance(value, bool | int | float) or value is None:
            continue
        if isinstance(value, str) and _CODE.match(value):
            continue
        raise PersonalValueError(
            f"audit detail {key!r} must be a number, a boolean or a short code"
        )
    return details


def record(
    action: AuditAction,
    actor=None,
    obj=None,
    forum=None,
    **details,
) -> AuditEvent:
    """Add one audit event to the caller's transaction.

    ``actor`` is the user who acted (None when nobody is signed in), ``obj`` the
    object acted on (any model with an ``id``; its table name is kept as the
    type), ``forum`` the forum it belongs to, and ``details`` plain codes only.
    """
    event = AuditEvent(
        action=str(action),
        actor_id=getattr(actor, "id", None),
        object_type=obj.__tablename__ if obj is not None else None,
        object_id=getattr(obj, "id", None),
        forum_id=getattr(forum, "id", None),
        details=_check_details(details),
    )
    db.session.add(event)
    return event


PAGE_SIZE = 50


def audit_events(
    *,
    forum_id: int | None = None,
    action: str | None = None,
    actor_id: int | None = None,
    object_type: str | None = None,
    since: date | None = None,
    until: date | None = None,
    before_id: int | None = None,
    limit: int = PAGE_SIZE,
) -> list[AuditEvent]:
    """Events newest first, filtered; ``before_id`` pages back (keyset pagination).

    A forum's organizers pass their ``forum_id`` and see that forum's part only.
    """
    query = sa.select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if forum_id is not None:
        query = query.where(AuditEvent.forum_id == forum_id)
    if action:
        query = query.where(AuditEvent.action == action)
    if actor_id is not None:
        query = query.where(AuditEvent.actor_id == actor_id)
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    if since is not None:
        query = query.where(AuditEvent.occurred_at >= _start_of(since))
    if until is not None:
        query = query.where(AuditEvent.occurred_at < _start_of(until + timedelta(days=1)))
    if before_id is not None:
        query = query.where(AuditEvent.id < before_id)
    return list(db.session.scalars(query))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
