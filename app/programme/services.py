"""The public programme's read model: the latest published version, by day and time.

Only what the public may see goes into it: titles, rooms, times, themes and
formats; organizations that chose to be listed and have not asked to be hidden;
presenters who consented (their names, never their contacts); the languages line.
During a lockdown no organization and no presenter is named. The draft schedule is
never read: sessions come from the published version only.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import groupby
from operator import itemgetter

from app.activities.labels import activity_format_label
from app.core.i18n import localized
from app.forums.calendar_messages import time_span
from app.forums.models import Forum
from app.interpreting.models import InterpretationNeed
from app.interpreting.public import session_languages
from app.organizations.models import Organization
from app.programme.public_rows import (
    interpretation_needs,
    public_organizations,
    public_presenters,
    published_sessions,
)
from app.programme.search import multilingual_texts, search_key
from app.safety.services import public_listings_allowed
from app.scheduling.models import PublishedSession
from app.scheduling.publishing import published_programme


@dataclass(frozen=True)
class ProgrammeRoom:
    id: int
    name: str
    position: int


@dataclass(frozen=True)
class ProgrammeSession:
    """One session as the public reads it (texts already in the reader's language;
    codes and ids kept for the filters, ``search_key`` for the search)."""

    activity_id: int
    title: str
    date: date
    starts_at: time
    ends_at: time
    times: str
    room: str
    theme: str | None
    format: str
    organizations: list[str]
    presenters: list[str]
    languages: list[str]
    description: str = ""
    room_id: int | None = None
    theme_id: int | None = None
    format_code: str = ""
    spoken: tuple[str, ...] = ()
    interpreted_into: tuple[str, ...] = ()
    search_key: str = ""


@dataclass(frozen=True)
class ProgrammeDay:
    date: date
    sessions: list[ProgrammeSession]


@dataclass(frozen=True)
class Programme:
    """The latest published version of a forum's programme (none: not published)."""

    number: int | None = None
    published_at: datetime | None = None
    days: list[ProgrammeDay] = field(default_factory=list)
    timezone: str = "UTC"
    rooms: list[ProgrammeRoom] = field(default_factory=list)

    @property
    def is_published(self) -> bool:
        return self.number is not None

    @property
    def session_count(self) -> int:
        return sum(len(day.sessions) for day in self.days)

    @property
    def sessions(self) -> list[ProgrammeSession]:
        return [session for day in self.days for session in day.sessions]

    def session(self, activity_id: int) -> ProgrammeSession | None:
        """The published session of ``activity_id``; None when it is not in this version."""
        return next((s for s in self.sessions if s.activity_id == activity_id), None)


def public_programme(forum: Forum, activity_ids: Collection[int] | None = None) -> Programme:
    """The forum's latest published version as the public sees it, sessions by
    day, then start time, then room; an empty Programme when nothing is published.
    With ``activity_ids``, only those of its sessions (others are ignored)."""
    version = published_programme(forum)
    if version is None:
        return Programme()
    sessions = published_sessions(version, activity_ids)
    activity_ids = [session.activity_id for session in sessions]
    named = public_listings_allowed(forum)
    organizations = public_organizations([s.activity for s in sessions]) if named else {}
    presenters = public_presenters(activity_ids) if named else {}
    needs = interpretation_needs(activity_ids)
    rows = [
        _row(
            session,
            organizations=organizations.get(session.activity_id, []),
            presenters=presenters.get(session.activity_id, []),
            needs=needs.get(session.activity_id, []),
        )
        for session in sessions
    ]
    days = [
        ProgrammeDay(date=day, sessions=[session for _day, session in day_rows])
        for day, day_rows in groupby(rows, key=itemgetter(0))
    ]
    return Programme(
        number=version.number,
        published_at=version.published_at,
        days=days,
        timezone=forum.timezone or "UTC",
        rooms=_rooms(sessions),
    )


def _rooms(sessions: list[PublishedSession]) -> list[ProgrammeRoom]:
    """The rooms the version uses, in the forum's order."""
    rooms = {session.room.id: session.room for session in sessions}
    return [
        ProgrammeRoom(id=room.id, name=localized(room, "name"), position=room.position or 0)
        for room in sorted(rooms.values(), key=lambda room: (room.position or 0, room.id))
    ]


def _names(organizations: list[Organization]) -> list[str]:
    names = [
        localized(organization, "name") or organization.acronym or ""
        for organization in organizations
    ]
    return [name for name in dict.fromkeys(names) if name]


def _row(
    session: PublishedSession,
    *,
    organizations: list[Organization],
    presenters: list[str],
    needs: list[InterpretationNeed],
) -> tuple[date, ProgrammeSession]:
    activity = session.activity
    texts = multilingual_texts(activity, "title", "description")
    for organization in organizations:
        texts += [*multilingual_texts(organization, "name"), organization.acronym]
    return session.day.date, ProgrammeSession(
        activity_id=activity.id,
        title=localized(activity, "title"),
        date=session.day.date,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        times=time_span(session.starts_at, session.ends_at),
        room=localized(session.room, "name"),
        theme=localized(activity.theme, "name") if activity.theme else None,
        format=activity_format_label(activity.format),
        organizations=_names(organizations),
        presenters=presenters,
        languages=session_languages(activity, needs, session.room),
        description=localized(activity, "description"),
        room_id=session.room_id,
        theme_id=activity.theme_id,
        format_code=str(activity.format),
        spoken=tuple(dict.fromkeys(activity.spoken_languages or ())),
        interpreted_into=tuple(dict.fromkeys(need.target for need in needs)),
        search_key=search_key(texts),
    )
