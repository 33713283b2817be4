"""Retention: contact data of a forum's participants is deleted a set number of
days after the forum ends (``Forum.retention_days``, 60 by default).

Each feature that keeps contact data (delegates, volunteers, interpreters)
registers a purger: a function that deletes or anonymises that data for one
forum, keeping what anonymous counts need, and returns how many records it
changed. Sent mail, which carries names and addresses, goes after
``SENT_MAIL_RETENTION_DAYS`` whatever the forum.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from app.audit.services import AuditAction, record
from app.core.db import utcnow
from app.extensions import db
from app.forums.models import Forum
from app.notifications.models import OutboxMessage, OutboxStatus

SENT_MAIL_RETENTION_DAYS = 30

Purger = Callable[[Forum], int]
_purgers: dict[str, Purger] = {}


def register_purger(name: str, purger: Purger) -> None:
    """Add a feature's purger (``name`` is a short code, kept in the audit log)."""
    _purgers[name] = purger


def registered_purgers() -> dict[str, Purger]:
    return dict(_purgers)


def purge_due_on(forum: Forum) -> date | None:
    """The first day on which the forum's contact data is deleted."""
    if forum.end_date is None:
        return None
    return forum.end_date + timedelta(days=forum.retention_days + 1)


def forums_due(today: date) -> list[Forum]:
    candidates = db.session.scalars(
        sa.select(Forum).where(Forum.end_date.is_not(None), Forum.contact_data_purged_at.is_(None))
    )
    return [forum for forum in candidates if purge_due_on(forum) <= today]


def purge_forum_contact_data(
    forum: Forum, purgers: dict[str, Purger] | None = None
) -> dict[str, int]:
    """Run every purger on one forum, mark it done and audit the counts."""
    counts = {name: purger(forum) for name, purger in (purgers or registered_purgers()).items()}
    forum.contact_data_purged_at = utcnow()
    record(AuditAction.CONTACT_DATA_PURGED, forum=forum, obj=forum, **counts)
    return counts


def purge_old_sent_mail(today: date) -> int:
    cutoff = datetime.combine(
        today - timedelta(days=SENT_MAIL_RETENTION_DAYS), time.min, tzinfo=UTC
    )
    result = db.session.execute(
        sa.delete(OutboxMessage).where(
            OutboxMessage.status.in_([OutboxStatus.SENT, OutboxStatus.FAILED]),
            OutboxMessage.created_at < cutoff,
        )
    )
    return result.rowcount


def purge_expired(today: date) -> dict[str, dict[str, int]]:
    """Everything whose time has come: each due forum, and old sent mail."""
    report = {forum.slug: purge_forum_contact_data(forum) for forum in forums_due(today)}
    report["sent_mail"] = {"deleted": purge_old_sent_mail(today)}
    return report
