"""Lockdown: when organizers fear for participants, a forum or the whole site
shows no people or organizations publicly, refuses personal-data exports, and
asks its staff to confirm their sign-in with the second factor again."""

from datetime import datetime

import sqlalchemy as sa
from flask import g

from app.audit.services import AuditAction, record
from app.core.after_commit import run_after_commit
from app.core.db import utcnow
from app.core.permissions import all_forum_roles
from app.core.public_fast_path import forget_memo
from app.extensions import db
from app.forums.models import Forum, ForumRole
from app.safety.models import Lockdown


class ExportRefused(Exception):
    """A personal-data export asked for while a lockdown is in force."""


class AlreadyLockedDown(Exception):
    pass


def active_lockdowns() -> list[Lockdown]:
    return list(db.session.scalars(sa.select(Lockdown).where(Lockdown.ended_at.is_(None))))


def active_lockdown(forum: Forum | None) -> Lockdown | None:
    """The lockdown in force for ``forum`` (a site-wide one counts for every forum)."""
    scopes = [Lockdown.forum_id.is_(None)]
    if forum is not None:
        scopes.append(Lockdown.forum_id == forum.id)
    return db.session.scalar(
        sa.select(Lockdown)
        .where(Lockdown.ended_at.is_(None), sa.or_(*scopes))
        .order_by(Lockdown.started_at)
        .limit(1)
    )


def is_locked_down(forum: Forum | None = None) -> bool:
    return active_lockdown(forum) is not None


def public_listings_allowed(forum: Forum | None) -> bool:
    """May public pages list people and organizations of ``forum`` now?"""
    return not is_locked_down(forum)


def ensure_personal_data_export_allowed(actor, forum: Forum | None) -> None:
    """Raise ExportRefused (and note the attempt) while a lockdown is in force."""
    if is_locked_down(forum):
        record(AuditAction.EXPORT_REFUSED, actor=actor, forum=forum)
        raise ExportRefused


def start_lockdown(actor, forum: Forum | None = None) -> Lockdown:
    """Lock down ``forum``, or the whole site when ``forum`` is None."""
    scope = Lockdown.forum_id.is_(None) if forum is None else Lockdown.forum_id == forum.id
    if db.session.scalar(sa.select(Lockdown.id).where(Lockdown.ended_at.is_(None), scope)):
        raise AlreadyLockedDown
    lockdown = Lockdown(forum_id=forum.id if forum else None, started_by_id=actor.id)
    db.session.add(lockdown)
    db.session.flush()
    record(AuditAction.LOCKDOWN_STARTED, actor=actor, obj=lockdown, forum=forum)
    # This worker's public fast path asks again at once (others within 1 s).
    run_after_commit(forget_memo)
    return lockdown


def end_lockdown(actor, lockdown: Lockdown) -> None:
    lockdown.ended_at = utcnow()
    lockdown.ended_by_id = actor.id
    forum = db.session.get(Forum, lockdown.forum_id) if lockdown.forum_id else None
    record(AuditAction.LOCKDOWN_ENDED, actor=actor, obj=lockdown, forum=forum)
    run_after_commit(forget_memo)


def _lockdowns_for(user) -> list[Lockdown]:
    """Active lockdowns of the whole site or of a forum where ``user`` holds a role
    (read once per request: the session rules ask on every request)."""
    cache: dict[int, list[Lockdown]] = g.setdefault("_lockdowns_for", {})
    if user.id not in cache:
        cache[user.id] = _query_lockdowns_for(user)
    return cache[user.id]


def _query_lockdowns_for(user) -> list[Lockdown]:
    if not all_forum_roles(user) and not user.is_site_admin:
        return []
    forum_ids = sa.select(ForumRole.forum_id).where(ForumRole.user_id == user.id)
    scope = Lockdown.forum_id.is_(None) | Lockdown.forum_id.in_(forum_ids)
    if user.is_site_admin:
        scope = sa.true()  # site administrators can act on every forum
    return list(db.session.scalars(sa.select(Lockdown).where(Lockdown.ended_at.is_(None), scope)))


def lockdown_applies_to(user) -> bool:
    return bool(_lockdowns_for(user))


def lockdown_started_at_for(user) -> datetime | None:
    """When the latest lockdown concerning ``user`` started (None without one)."""
    started = [lockdown.started_at for lockdown in _lockdowns_for(user)]
    return max(started) if started else None
