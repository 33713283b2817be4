"""What the API reads: public forums, their themes and rooms, and the organizations
a forum lists publicly.

A forum is public unless it is a draft — for everyone, staff included: the API
answers the same to every reader. An organization is listed for a forum when its
registration is approved, it chose to be listed and has not asked to be hidden,
and public listings are allowed (never during a lockdown).
"""

import sqlalchemy as sa

from app.extensions import db
from app.forums.models import Forum, ForumStatus, Room, Theme
from app.organizations.models import Organization, Registration, RegistrationStatus
from app.safety.services import public_listings_allowed


def _public_forums() -> sa.Select:
    return sa.select(Forum).where(Forum.status != ForumStatus.DRAFT)


def public_forums_after(after: int | None, limit: int) -> list[Forum]:
    """Up to ``limit`` public forums by id, after forum ``after`` (from the start: None)."""
    query = _public_forums().order_by(Forum.id).limit(limit)
    if after is not None:
        query = query.where(Forum.id > after)
    return list(db.session.scalars(query))


def public_forum(slug: str) -> Forum | None:
    """The forum called ``slug`` if it is public; None for a draft or an unknown slug."""
    return db.session.scalar(_public_forums().where(Forum.slug == slug))


def public_parent_slug(forum: Forum) -> str | None:
    """The slug of the season ``forum`` belongs to, unless that season is a draft."""
    parent = forum.parent
    if parent is None or parent.status is ForumStatus.DRAFT:
        return None
    return parent.slug


def forum_themes(forum: Forum) -> list[Theme]:
    """The forum's themes in the organizers' order."""
    return list(
        db.session.scalars(
            sa.select(Theme).where(Theme.forum_id == forum.id).order_by(Theme.position, Theme.id)
        )
    )


def forum_rooms(forum: Forum) -> list[Room]:
    """The forum's rooms in the organizers' order."""
    return list(
        db.session.scalars(
            sa.select(Room).where(Room.forum_id == forum.id).order_by(Room.position, Room.id)
        )
    )


def listed_organizations_after(forum: Forum, after: int | None, limit: int) -> list[Organization]:
    """Up to ``limit`` organizations listed for ``forum``, by id, after organization
    ``after``; none at all while public listings are not allowed."""
    if not public_listings_allowed(forum):
        return []
    query = (
        sa.select(Organization)
        .join(Registration, Registration.organization_id == Organization.id)
        .where(
            Registration.forum_id == forum.id,
            Registration.status == RegistrationStatus.APPROVED,
            Organization.listed_publicly.is_(True),
            Organization.hidden_at.is_(None),
        )
        .order_by(Organization.id)
        .limit(limit)
    )
    if after is not None:
        query = query.where(Organization.id > after)
    return list(db.session.scalars(query))
