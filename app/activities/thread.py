"""The message thread of a proposal, between the forum's organizers and the
organizations involved, so that they can talk without email.

Rules:
- the forum's ORGANIZERs read and write (their messages are ``from_staff``);
- so do the members of the organizations involved: the lead and the co-organizers
  that accepted (an invited co-organizer that has not answered, or declined, does
  not); an organizer who is also such a member writes as staff;
- reviewers, other forums' staff and everyone else neither read nor write;
- a message has 1 to ``MAX_BODY`` characters, surrounding blanks left out.
Messages are encrypted at rest (the model does it); they are read oldest first.

Services flush, never commit, and raise ThreadError with codes.
"""

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa

from app.activities.models import Activity, ActivityMessage, CoOrganizer
from app.core.db import utcnow
from app.core.permissions import ForumRoleName, forum_roles
from app.extensions import db
from app.organizations.models import OrganizationMember

MAX_BODY = 5000


class ThreadProblem(StrEnum):
    NOT_ALLOWED = "not_allowed"
    EMPTY_BODY = "empty_body"
    BODY_TOO_LONG = "body_too_long"


class ThreadError(Exception):
    """A message refused; ``problems`` say why."""

    def __init__(self, problems: Iterable[ThreadProblem]):
        self.problems = list(problems)
        super().__init__(", ".join(self.problems))


def is_staff_of(user, activity: Activity) -> bool:
    return ForumRoleName.ORGANIZER in forum_roles(user, activity.forum_id)


def is_involved(user, activity: Activity) -> bool:
    """Is ``user`` a member of the lead or of a co-organizer that accepted?"""
    if user is None or not user.is_authenticated:
        return False
    accepted = sa.select(CoOrganizer.organization_id).where(
        CoOrganizer.activity_id == activity.id, CoOrganizer.accepted.is_(True)
    )
    query = sa.select(OrganizationMember.id).where(
        OrganizationMember.user_id == user.id,
        sa.or_(
            OrganizationMember.organization_id == activity.lead_organization_id,
            OrganizationMember.organization_id.in_(accepted),
        ),
    )
    return db.session.scalar(query.limit(1)) is not None


def can_read_thread(user, activity: Activity) -> bool:
    return is_staff_of(user, activity) or is_involved(user, activity)


def post_message(
    author, activity: Activity, body: str, *, now: datetime | None = None
) -> ActivityMessage:
    """Add ``author``'s message to the thread of ``activity``."""
    from_staff = is_staff_of(author, activity)
    problems = []
    if not from_staff and not is_involved(author, activity):
        problems.append(ThreadProblem.NOT_ALLOWED)
    body = (body or "").strip()
    if not body:
        problems.append(ThreadProblem.EMPTY_BODY)
    elif len(body) > MAX_BODY:
        problems.append(ThreadProblem.BODY_TOO_LONG)
    if problems:
        raise ThreadError(problems)
    message = ActivityMessage(
        activity_id=activity.id,
        author_id=author.id,
        from_staff=from_staff,
        body=body,
        created_at=now or utcnow(),
    )
    db.session.add(message)
    db.session.flush()
    return message


def thread_of(activity: Activity) -> list[ActivityMessage]:
    """The thread's messages, oldest first. The caller checks can_read_thread."""
    query = (
        sa.select(ActivityMessage)
        .where(ActivityMessage.activity_id == activity.id)
        .order_by(ActivityMessage.created_at, ActivityMessage.id)
    )
    return list(db.session.scalars(query))
