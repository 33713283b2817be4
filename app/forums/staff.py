"""Forum staff: organizers grant and revoke roles to existing accounts.

Roles are read on every request (app.core.permissions), so a revoked role stops
working on the very next one.
"""

import sqlalchemy as sa

from app.accounts.models import User
from app.accounts.services import find_user_by_email
from app.audit.services import AuditAction, record
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import Forum, ForumRole


class StaffError(Exception):
    pass


class UnknownAccount(StaffError):
    """No account has that address: the person signs up first."""


class AlreadyHeld(StaffError):
    pass


class LastOrganizer(StaffError):
    """A forum always keeps at least one organizer."""


def grant_role(actor: User, forum: Forum, email: str, role: ForumRoleName) -> ForumRole:
    user = find_user_by_email(email)
    if user is None:
        raise UnknownAccount
    held = db.session.scalar(
        sa.select(ForumRole).where(
            ForumRole.forum_id == forum.id, ForumRole.user_id == user.id, ForumRole.role == role
        )
    )
    if held is not None:
        raise AlreadyHeld
    forum_role = ForumRole(forum_id=forum.id, user_id=user.id, role=role)
    db.session.add(forum_role)
    db.session.flush()
    record(AuditAction.ROLE_GRANTED, actor=actor, obj=user, forum=forum, role=str(role))
    return forum_role


def organizer_count(forum: Forum) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(ForumRole.id)).where(
            ForumRole.forum_id == forum.id, ForumRole.role == ForumRoleName.ORGANIZER
        )
    )


def revoke_role(actor: User, forum_role: ForumRole) -> None:
    forum = forum_role.forum
    if forum_role.role is ForumRoleName.ORGANIZER and organizer_count(forum) <= 1:
        raise LastOrganizer
    record(
        AuditAction.ROLE_REVOKED,
        actor=actor,
        obj=forum_role.user,
        forum=forum,
        role=str(forum_role.role),
    )
    db.session.delete(forum_role)
    db.session.flush()


def staff_of(forum: Forum) -> list[ForumRole]:
    return list(
        db.session.scalars(
            sa.select(ForumRole)
            .where(ForumRole.forum_id == forum.id)
            .order_by(ForumRole.role, ForumRole.id)
        )
    )
