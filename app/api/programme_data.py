"""The published programme as the API reads it: one version's sessions in order,
with only what may be named publicly.

Sessions come from a published version only, never from the draft. Of each, the
organizations named are the lead and the accepted co-organizers that chose to be
listed and have not asked to be hidden; the presenters named are those who
consented (their names only: contacts are never loaded). During a lockdown
nobody and no organization is named.
"""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.activities.models import Activity
from app.api.pagination import BadPageRequest, encode_cursor, position_int
from app.extensions import db
from app.forums.models import Day, Forum, Room
from app.interpreting.models import InterpretationNeed
from app.organizations.models import Organization
from app.programme.public_rows import (
    interpretation_needs,
    public_organizations,
    public_presenters,
)
from app.safety.services import public_listings_allowed
from app.scheduling.models import PublishedSession, ScheduleVersion


@dataclass(frozen=True)
class PublicSession:
    """One published session with what the public may read about it."""

    session: PublishedSession
    organizations: list[Organization]
    presenters: list[str]
    needs: list[InterpretationNeed]


def published_version(forum: Forum, number: int | None = None) -> ScheduleVersion | None:
    """Version ``number`` of the forum's published programme; the latest without one."""
    query = sa.select(ScheduleVersion).where(ScheduleVersion.forum_id == forum.id)
    if number is not None:
        query = query.where(ScheduleVersion.number == number)
    return db.session.scalar(query.order_by(ScheduleVersion.number.desc()).limit(1))


def programme_page(
    forum: Forum, position: dict[str, Any] | None, limit: int
) -> tuple[ScheduleVersion | None, list[PublicSession], str | None]:
    """A page of the programme: from the start of the latest published version, or
    from a cursor's ``position`` in the version it names (kept even once a newer one
    is published, so a walk never mixes versions). Returns the version, its sessions
    on the page and the next page's cursor (None: the last page)."""
    offset = 0
    if position is None:
        version = published_version(forum)
    else:
        number, offset = position_int(position, "version"), position_int(position, "offset")
        if position_int(position, "forum") != forum.id:
            raise BadPageRequest("bad_cursor")
        version = published_version(forum, number)
        if version is None:
            raise BadPageRequest("bad_cursor")
    if version is None:
        return None, [], None
    sessions = public_sessions(forum, version, offset, limit + 1)
    cursor = None
    if len(sessions) > limit:
        cursor = encode_cursor(
            "sessions", forum=forum.id, version=version.number, offset=offset + limit
        )
    return version, sessions[:limit], cursor


def public_sessions(
    forum: Forum, version: ScheduleVersion, offset: int, limit: int
) -> list[PublicSession]:
    """Up to ``limit`` sessions of ``version`` from ``offset``, by day, start time,
    room order and id (a version never changes, so offsets stay valid)."""
    sessions = list(
        db.session.scalars(
            sa.select(PublishedSession)
            .join(Day, Day.id == PublishedSession.day_id)
            .join(Room, Room.id == PublishedSession.room_id)
            .where(PublishedSession.version_id == version.id)
            .options(
                joinedload(PublishedSession.day),
                joinedload(PublishedSession.room),
                joinedload(PublishedSession.activity).joinedload(Activity.lead_organization),
            )
            .order_by(
                Day.date,
                PublishedSession.starts_at,
                Room.position,
                Room.id,
                PublishedSession.ends_at,
                PublishedSession.id,
            )
            .offset(offset)
            .limit(limit)
        )
    )
    activity_ids = [session.activity_id for session in sessions]
    named = public_listings_allowed(forum)
    organizations = public_organizations([s.activity for s in sessions]) if named else {}
    presenters = public_presenters(activity_ids) if named else {}
    needs = interpretation_needs(activity_ids)
    return [
        PublicSession(
            session=session,
            organizations=organizations.get(session.activity_id, []),
            presenters=presenters.get(session.activity_id, []),
            needs=needs.get(session.activity_id, []),
        )
        for session in sessions
    ]
