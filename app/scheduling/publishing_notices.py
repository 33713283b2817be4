"""The email telling organizations where and when their sessions now take place.

After a version is published, every member of an organization (lead or accepted
co-organizer) whose session is new or moved gets one email listing those sessions,
in the member's language. It names only the organization's own activities, the
room and the time: nothing about other organizations or people.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.activities.decision_notices import proposal_link
from app.activities.models import Activity
from app.core.i18n import localized
from app.extensions import db
from app.forums.models import Day, Forum, Room
from app.notifications.services import queue_email
from app.organizations.membership import members_of
from app.organizations.models import Organization
from app.scheduling.models import ChangeKind, ScheduleVersion

SUBJECT = _l("Where and when your sessions take place")
TOLD_OF = (ChangeKind.NEW, ChangeKind.MOVED, ChangeKind.CANCELLED)


@dataclass(frozen=True)
class Where:
    day: date
    starts_at: str
    ends_at: str
    room: str


@dataclass(frozen=True)
class SessionNotice:
    title: str
    kind: str
    now: Where | None
    before: Where | None
    link: str


def tell_organizations(forum: Forum, version: ScheduleVersion, before, after, changes) -> int:
    """Queue one email per member of each organization involved in a new, moved or
    cancelled session; returns how many were queued."""
    told = [(activity_id, kind) for activity_id, kind in changes if kind in TOLD_OF]
    if not told:
        return 0
    activities = _activities([activity_id for activity_id, _kind in told])
    rooms = _by_id(Room, {s.room_id for s in (*before.values(), *after.values())})
    days = _by_id(Day, {s.day_id for s in (*before.values(), *after.values())})
    sessions_of: dict[int, list[tuple[Activity, ChangeKind]]] = {}
    users: dict[int, User] = {}
    for activity_id, kind in told:
        activity = activities[activity_id]
        for organization in _organizations(activity):
            for user in members_of(organization):
                users[user.id] = user
                listed = sessions_of.setdefault(user.id, [])
                if all(item[0].id != activity_id for item in listed):
                    listed.append((activity, kind))
    for user_id, listed in sessions_of.items():
        user = users[user_id]
        notices = [
            SessionNotice(
                title=_isolated(localized(activity, "title", user.locale) or "—"),
                kind=str(kind),
                now=_where(after[activity.id], rooms, days, user.locale)
                if kind != ChangeKind.CANCELLED
                else None,
                before=_where(before[activity.id], rooms, days, user.locale)
                if kind != ChangeKind.NEW
                else None,
                link=proposal_link(activity),
            )
            for activity, kind in listed
        ]
        queue_email(
            user.email,
            user.locale,
            "schedule_published",
            SUBJECT,
            user=user,
            forum_name=_isolated(localized(forum, "name", user.locale) or forum.slug),
            version_number=version.number,
            note=version.note,
            sessions=notices,
        )
    return len(sessions_of)


def _activities(ids: list[int]) -> dict[int, Activity]:
    query = (
        sa.select(Activity)
        .where(Activity.id.in_(ids))
        .options(selectinload(Activity.co_organizers), selectinload(Activity.forum))
    )
    return {activity.id: activity for activity in db.session.scalars(query)}


def _by_id(model, ids: set[int]) -> dict:
    if not ids:
        return {}
    return {obj.id: obj for obj in db.session.scalars(sa.select(model).where(model.id.in_(ids)))}


def _organizations(activity: Activity) -> list[Organization]:
    ids = [activity.lead_organization_id] + [
        c.organization_id for c in activity.co_organizers if c.accepted
    ]
    found = _by_id(Organization, set(ids))
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def _where(session, rooms: dict, days: dict, locale: str) -> Where:
    return Where(
        day=days[session.day_id].date,
        starts_at=session.starts_at.strftime("%H:%M"),
        ends_at=session.ends_at.strftime("%H:%M"),
        room=_isolated(localized(rooms[session.room_id], "name", locale) or "—"),
    )


def _isolated(text: str) -> str:
    """User-written text kept in its own direction inside a sentence in another script."""
    return f"\u2068{text}\u2069"
