"""Who may do what: one vocabulary of permissions and one ``can()`` check.

Per-forum roles grant permissions in that forum only. Site administrators run
the site (forums, accounts); they do not see a forum's personal data unless a
forum role gives it to them.
"""

from enum import StrEnum

from flask import g
from sqlalchemy import select

from app.extensions import db


class ForumRoleName(StrEnum):
    ORGANIZER = "organizer"
    REVIEWER = "reviewer"
    VOLUNTEER_COORDINATOR = "volunteer_coordinator"
    INTERPRETATION_COORDINATOR = "interpretation_coordinator"


class Permission(StrEnum):
    # Site-wide
    ADMINISTER_SITE = "site.administer"
    # Per forum
    VIEW_FORUM_STAFF_AREA = "forum.view_staff_area"
    MANAGE_FORUM = "forum.manage"
    REVIEW_PROPOSALS = "forum.review_proposals"
    MANAGE_VOLUNTEERS = "forum.manage_volunteers"
    MANAGE_INTERPRETING = "forum.manage_interpreting"
    VIEW_AUDIT_LOG = "forum.view_audit_log"
    VIEW_SCHEDULE_BOARD = "forum.view_schedule_board"  # the draft schedule, read only
    EDIT_SCHEDULE = "forum.edit_schedule"  # place sessions, suggest, publish


SITE_PERMISSIONS = frozenset({Permission.ADMINISTER_SITE})

ROLE_PERMISSIONS: dict[ForumRoleName, frozenset[Permission]] = {
    ForumRoleName.ORGANIZER: frozenset(Permission) - SITE_PERMISSIONS,
    ForumRoleName.REVIEWER: frozenset(
        {
            Permission.VIEW_FORUM_STAFF_AREA,
            Permission.REVIEW_PROPOSALS,
            Permission.VIEW_SCHEDULE_BOARD,
        }
    ),
    ForumRoleName.VOLUNTEER_COORDINATOR: frozenset(
        {Permission.VIEW_FORUM_STAFF_AREA, Permission.MANAGE_VOLUNTEERS}
    ),
    ForumRoleName.INTERPRETATION_COORDINATOR: frozenset(
        {
            Permission.VIEW_FORUM_STAFF_AREA,
            Permission.MANAGE_INTERPRETING,
            Permission.VIEW_SCHEDULE_BOARD,
        }
    ),
}


def forum_roles(user, forum_id: int) -> frozenset[ForumRoleName]:
    """The roles ``user`` holds in a forum, read once per request."""
    from app.forums.models import ForumRole

    if user is None or not user.is_authenticated:
        return frozenset()
    cache: dict[tuple[int, int], frozenset[ForumRoleName]] = g.setdefault("_forum_roles", {})
    key = (user.id, forum_id)
    if key not in cache:
        names = db.session.scalars(
            select(ForumRole.role).where(
                ForumRole.user_id == user.id, ForumRole.forum_id == forum_id
            )
        )
        cache[key] = frozenset(ForumRoleName(name) for name in names)
    return cache[key]


def can(user, permission: Permission, forum=None) -> bool:
    """May ``user`` use ``permission`` (in ``forum``, for per-forum permissions)?"""
    if user is None or not user.is_authenticated:
        return False
    if permission in SITE_PERMISSIONS:
        return bool(user.is_site_admin)
    if forum is None:
        return False
    return any(permission in ROLE_PERMISSIONS[role] for role in forum_roles(user, forum.id))


# Roles that see people's personal data: their holders must use two-factor sign-in.
PERSONAL_DATA_ROLES = frozenset(
    {
        ForumRoleName.ORGANIZER,
        ForumRoleName.VOLUNTEER_COORDINATOR,
        ForumRoleName.INTERPRETATION_COORDINATOR,
    }
)


def all_forum_roles(user) -> frozenset[ForumRoleName]:
    """Every role ``user`` holds in any forum, read once per request."""
    from app.forums.models import ForumRole

    if user is None or not user.is_authenticated:
        return frozenset()
    cache: dict[int, frozenset[ForumRoleName]] = g.setdefault("_all_forum_roles", {})
    if user.id not in cache:
        names = db.session.scalars(select(ForumRole.role).where(ForumRole.user_id == user.id))
        cache[user.id] = frozenset(ForumRoleName(name) for name in names)
    return cache[user.id]


def is_staff(user) -> bool:
    """Site administrators and anyone holding a forum role."""
    return bool(user.is_site_admin) or bool(all_forum_roles(user))


def sees_personal_data(user) -> bool:
    return bool(user.is_site_admin) or bool(all_forum_roles(user) & PERSONAL_DATA_ROLES)
