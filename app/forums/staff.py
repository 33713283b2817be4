"""Forum staff: organizers grant and revoke roles to existing accounts.

Roles are read on every request (app.core.permissions), so a revoked role stops
working on the very next one.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.accounts.services import find_user_by_email
from app.audit.services import AuditAction, record
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import Forum, ForumRole
from app.notifications.services import queue_email


class StaffError(Exception):
    pass


class UnknownAccount(StaffError):
    """No account has that address: the person signs up first."""


class AlreadyHeld(StaffError):
    pass


class LastOrganizer(StaffError):
    """A forum always keeps at least one organizer."""


def grant_role(actor: User, forum: Forum, email: str, role: ForumRoleName) -> ForumRole:
    """Give an existing account a role in the forum, and tell them by email."""
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
    tell_new_staff(user, forum, role)
    return forum_role


def tell_new_staff(user: User, forum: Forum, role: ForumRoleName) -> None:
    """An email, in their language, saying which role they now hold and where to work."""
    queue_email(
        user.email,
        user.locale,
        "role_granted",
        _l("You are now on the staff of a forum"),
        user=user,
        forum=forum,
        role=role,
        link=url_for("forum_staff.overview", forum_slug=forum.slug, _external=True),
    )


def find_accounts(emails: list[str]) -> tuple[list[User], list[str]]:
    """The accounts of these addresses, and the addresses that have none."""
    found, unknown = [], []
    for email in dict.fromkeys(email.strip().lower() for email in emails if email.strip()):
        user = find_user_by_email(email)
        if user is None:
            unknown.append(email)
        else:
            found.append(user)
    return found, unknown


def organizer_count(forum: Forum) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(ForumRole.id)).where(
            ForumRole.forum_id == forum.id, ForumRole.role == ForumRoleName.ORGANIZER
        )
    )


def revoke_role(actor: User, forum_role: ForumRole) -> None:
    """Take a role back; the forum's last organizer keeps theirs."""
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


@dataclass(frozen=True)
class StaffMember:
    user: User
    roles: list[ForumRole]


def staff_members(forum: Forum) -> list[StaffMember]:
    """The forum's staff, one entry per person with all their roles, by name."""
    roles = db.session.scalars(
        sa.select(ForumRole)
        .where(ForumRole.forum_id == forum.id)
        .options(sa.orm.joinedload(ForumRole.user))
        .order_by(ForumRole.id)
    )
    by_user: dict[int, list[ForumRole]] = {}
    users: dict[int, User] = {}
    for forum_role in roles:
        by_user.setdefault(forum_role.user_id, []).append(forum_role)
        users[forum_role.user_id] = forum_role.user
    order = list(ForumRoleName)
    return sorted(
        (
            StaffMember(users[uid], sorted(held, key=lambda r: order.index(r.role)))
            for uid, held in by_user.items()
        ),
        key=lambda member: member.user.name.casefold(),
    )
