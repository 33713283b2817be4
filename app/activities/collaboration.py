"""Queries and email notices of the collaboration screens: whom a lead may invite as
co-organizer, a page of the message thread, and who hears of invitations and messages.

Emails go to each person in their own language. A message's notice carries no body
(mail is not encrypted, the thread is): only a link to the thread.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.activities.co_organizers import organizations_involved
from app.activities.models import Activity, ActivityMessage, CoOrganizer
from app.core.i18n import localized
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import ForumRole
from app.notifications.services import queue_email
from app.organizations.membership import members_of
from app.organizations.models import Organization, Registration, RegistrationStatus

MESSAGES_PER_PAGE = 50


def invitable_organizations(activity: Activity) -> list[Organization]:
    """Organizations approved for the activity's forum, other than the lead, those
    already invited (whatever their answer) and those that asked to be hidden
    ("Hide us": other organizations do not find them either), oldest first."""
    invited = sa.select(CoOrganizer.organization_id).where(CoOrganizer.activity_id == activity.id)
    query = (
        sa.select(Organization)
        .join(Registration, Registration.organization_id == Organization.id)
        .where(
            Registration.forum_id == activity.forum_id,
            Registration.status == RegistrationStatus.APPROVED,
            Organization.id != activity.lead_organization_id,
            Organization.id.not_in(invited),
            Organization.hidden_at.is_(None),
        )
        .order_by(Organization.id)
    )
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class ThreadPage:
    messages: list[ActivityMessage]
    page: int
    pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def thread_page(activity: Activity, page: int | None) -> ThreadPage | None:
    """Page ``page`` of the thread, oldest first; None: the last (newest) page;
    None is returned for a page beyond the last."""
    where = ActivityMessage.activity_id == activity.id
    total = db.session.scalar(sa.select(sa.func.count(ActivityMessage.id)).where(where))
    pages = max(1, -(-total // MESSAGES_PER_PAGE))
    page = pages if page is None else page
    if not 1 <= page <= pages:
        return None
    query = (
        sa.select(ActivityMessage)
        .where(where)
        .options(sa.orm.joinedload(ActivityMessage.author))
        .order_by(ActivityMessage.created_at, ActivityMessage.id)
        .offset((page - 1) * MESSAGES_PER_PAGE)
        .limit(MESSAGES_PER_PAGE)
    )
    return ThreadPage(list(db.session.scalars(query)), page, pages, total)


def organizers_of(forum_id: int) -> list[User]:
    query = (
        sa.select(User)
        .join(ForumRole, ForumRole.user_id == User.id)
        .where(ForumRole.forum_id == forum_id, ForumRole.role == ForumRoleName.ORGANIZER)
        .order_by(ForumRole.id)
    )
    return list(db.session.scalars(query))


def _isolated(text: str) -> str:
    """User-written text kept in its own direction inside a sentence in another script."""
    return f"\u2068{text}\u2069"


def _unique(users, but: int | None = None) -> list[User]:
    seen, result = set(), []
    for user in users:
        if user.id not in seen and user.id != but:
            seen.add(user.id)
            result.append(user)
    return result


def tell_invitation(invitation: CoOrganizer) -> None:
    """Email each member of the invited organization a link to the invitation."""
    activity = invitation.activity
    link = url_for(
        "co_organizers.invitation",
        forum_slug=activity.forum.slug,
        co_organizer_id=invitation.id,
        _external=True,
    )
    for user in members_of(invitation.organization):
        language = user.locale
        queue_email(
            user.email,
            language,
            "activity_invitation",
            _l("An invitation to co-organize an activity"),
            user=user,
            forum_name=_isolated(
                localized(activity.forum, "name", language) or activity.forum.slug
            ),
            activity_title=_isolated(localized(activity, "title", language)),
            lead_name=_isolated(localized(activity.lead_organization, "name", language)),
            organization_name=_isolated(localized(invitation.organization, "name", language)),
            link=link,
        )


def recipients_of(message: ActivityMessage) -> list[User]:
    """The other side: organizers' messages go to the members of the organizations
    involved, members' messages to the forum's organizers; never to the author."""
    activity = message.activity
    if message.from_staff:
        people = [u for org in organizations_involved(activity) for u in members_of(org)]
    else:
        people = organizers_of(activity.forum_id)
    return _unique(people, but=message.author_id)


def tell_message(message: ActivityMessage) -> None:
    """Email the other side a notice of a new message, with a link, without its body."""
    activity = message.activity
    link = url_for(
        "thread.view", forum_slug=activity.forum.slug, activity_id=activity.id, _external=True
    )
    for user in recipients_of(message):
        language = user.locale
        queue_email(
            user.email,
            language,
            "activity_message",
            _l("A new message about an activity"),
            user=user,
            forum_name=_isolated(
                localized(activity.forum, "name", language) or activity.forum.slug
            ),
            activity_title=_isolated(localized(activity, "title", language)),
            from_staff=message.from_staff,
            link=link,
        )
