"""The one read model every export is built from: the latest published version.

Only what the public may see goes into it, the same rules as the programme page
(app/programme/services.py): sessions of the latest published version only, never
the draft; organizations that chose to be listed and have not asked to be hidden;
presenters who consented, by name only (their contacts are never read); nobody
named during a lockdown. Texts are in one language with fallback, control
characters stripped; times are aware, in the forum's time zone.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import reduce
from math import gcd
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app, url_for
from sqlalchemy.orm import selectinload

from app.activities.labels import activity_format_label
from app.core.db import utcnow
from app.core.i18n import localized
from app.exports.identifiers import (
    acronym_of,
    room_guid,
    session_guid,
    session_slug,
    theme_slug,
)
from app.exports.texts import abstract_of, clean_text
from app.extensions import db
from app.forums.models import Day, Forum, Room
from app.interpreting.models import InterpretationNeed
from app.interpreting.public import session_languages
from app.organizations.models import Organization
from app.programme.public_rows import (
    interpretation_needs,
    public_organizations,
    public_presenters,
    published_sessions,
)
from app.safety.services import public_listings_allowed
from app.scheduling.models import PublishedSession
from app.scheduling.publishing import published_programme

DEFAULT_TIMESLOT_MINUTES = 15


@dataclass(frozen=True)
class ExportRoom:
    id: int
    guid: str
    name: str
    capacity: int
    position: int


@dataclass(frozen=True)
class ExportTheme:
    id: int
    slug: str
    name: str
    position: int


@dataclass(frozen=True)
class ExportSession:
    activity_id: int
    guid: str
    slug: str
    url: str
    title: str
    abstract: str
    description: str
    starts_at: datetime
    ends_at: datetime
    room: ExportRoom
    theme: ExportTheme | None
    format: str  # the format's code ("workshop"), for machines
    format_label: str  # and its name in the export's language
    language: str | None  # the first spoken language's code
    languages: list[str]  # the languages line, in parts
    organizations: list[str]
    presenters: list[str]

    @property
    def duration(self) -> str:
        """``HH:MM``; a session never spans midnight (its slots are of one day)."""
        minutes = int((self.ends_at - self.starts_at).total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class ExportDay:
    index: int  # from 1
    date: date
    starts_at: datetime
    ends_at: datetime
    sessions: list[ExportSession]

    def rooms(self) -> list[tuple[ExportRoom, list[ExportSession]]]:
        """The day's rooms that hold a session, in the venue's order, each with its sessions."""
        by_room: dict[int, tuple[ExportRoom, list[ExportSession]]] = {}
        for session in self.sessions:
            by_room.setdefault(session.room.id, (session.room, []))[1].append(session)
        return sorted(by_room.values(), key=lambda pair: (pair[0].position, pair[0].id))


@dataclass(frozen=True)
class ExportProgramme:
    """The latest published version (``number`` None: nothing published yet)."""

    forum_slug: str
    acronym: str
    title: str
    language: str
    time_zone: str
    start: date
    end: date
    url: str
    number: int | None
    published_at: datetime | None
    timeslot_minutes: int
    days: list[ExportDay] = field(default_factory=list)
    rooms: list[ExportRoom] = field(default_factory=list)
    themes: list[ExportTheme] = field(default_factory=list)

    @property
    def version(self) -> str:
        return str(self.number or 0)

    @property
    def sessions(self) -> list[ExportSession]:
        return [session for day in self.days for session in day.sessions]


def export_programme(forum: Forum, language: str) -> ExportProgramme:
    """The forum's latest published version as every export shows it, in
    ``language`` (texts fall back to another language when missing). Every day of
    the forum is there, with or without sessions; sessions by time, then room."""
    zone = ZoneInfo(forum.timezone)
    version = published_programme(forum)
    placed = published_sessions(version) if version else []
    days = _forum_days(forum)
    for session in placed:
        if session.day not in days:
            days.append(session.day)
    days.sort(key=lambda day: day.date)
    programme_url = url_for("programme.index", forum_slug=forum.slug, _external=True)
    sessions = _sessions(forum, placed, language, zone, programme_url)
    dates = [day.date for day in days] or [_today(zone)]
    return ExportProgramme(
        forum_slug=forum.slug,
        acronym=acronym_of(forum.slug),
        title=clean_text(localized(forum, "name", language)) or forum.slug,
        language=language,
        time_zone=forum.timezone,
        start=forum.start_date or dates[0],
        end=forum.end_date or dates[-1],
        url=programme_url,
        number=version.number if version else None,
        published_at=version.published_at if version else None,
        timeslot_minutes=_timeslot_minutes(days),
        days=[
            _day(index, day, [s for s in sessions if s.starts_at.date() == day.date], zone)
            for index, day in enumerate(days, start=1)
        ],
        rooms=list({s.room.id: s.room for s in sorted(sessions, key=_room_order)}.values()),
        themes=sorted(
            {s.theme.id: s.theme for s in sessions if s.theme}.values(),
            key=lambda theme: (theme.position, theme.id),
        ),
    )


def _forum_days(forum: Forum) -> list[Day]:
    query = sa.select(Day).where(Day.forum_id == forum.id).options(selectinload(Day.slots))
    return list(db.session.scalars(query))


def _today(zone: ZoneInfo) -> date:
    return utcnow().astimezone(zone).date()


def _room_order(session: ExportSession) -> tuple:
    return (session.room.position, session.room.id)


def _sessions(
    forum: Forum,
    placed: list[PublishedSession],
    language: str,
    zone: ZoneInfo,
    programme_url: str,
) -> list[ExportSession]:
    activity_ids = [session.activity_id for session in placed]
    named = public_listings_allowed(forum)
    organizations = public_organizations([s.activity for s in placed]) if named else {}
    presenters = public_presenters(activity_ids) if named else {}
    needs = interpretation_needs(activity_ids)
    rooms: dict[int, ExportRoom] = {}
    return [
        _session(
            forum,
            session,
            language,
            zone,
            programme_url,
            room=rooms.setdefault(session.room_id, _room(forum, session.room, language)),
            organizations=_organization_names(organizations.get(session.activity_id, []), language),
            presenters=_cleaned(presenters.get(session.activity_id, [])),
            needs=needs.get(session.activity_id, []),
        )
        for session in placed
    ]


def _session(
    forum: Forum,
    session: PublishedSession,
    language: str,
    zone: ZoneInfo,
    programme_url: str,
    *,
    room: ExportRoom,
    organizations: list[str],
    presenters: list[str],
    needs: list[InterpretationNeed],
) -> ExportSession:
    activity = session.activity
    title = clean_text(localized(activity, "title", language))
    description = clean_text(localized(activity, "description", language))
    theme = activity.theme
    return ExportSession(
        activity_id=activity.id,
        guid=session_guid(forum.slug, activity.id),
        # From the English title, so the slug is the same in every language.
        slug=session_slug(forum.slug, activity.id, activity.title_en or title),
        url=_session_url(forum, activity.id, programme_url),
        title=title,
        abstract=abstract_of(description),
        description=description,
        starts_at=datetime.combine(session.day.date, session.starts_at, tzinfo=zone),
        ends_at=datetime.combine(session.day.date, session.ends_at, tzinfo=zone),
        room=room,
        theme=ExportTheme(
            id=theme.id,
            slug=theme_slug(theme.id),
            name=clean_text(localized(theme, "name", language)),
            position=theme.position,
        )
        if theme
        else None,
        format=str(activity.format),
        format_label=clean_text(str(activity_format_label(activity.format))),
        language=(activity.spoken_languages or [None])[0],
        languages=[clean_text(part) for part in session_languages(activity, needs, session.room)],
        organizations=organizations,
        presenters=presenters,
    )


def _session_url(forum: Forum, activity_id: int, programme_url: str) -> str:
    """The session's own page, else its place in the programme's list."""
    if "programme.session" in current_app.view_functions:
        return url_for(
            "programme.session", forum_slug=forum.slug, activity_id=activity_id, _external=True
        )
    return f"{programme_url}#session-{activity_id}"


def _room(forum: Forum, room: Room, language: str) -> ExportRoom:
    return ExportRoom(
        id=room.id,
        guid=room_guid(forum.slug, room.id),
        name=clean_text(localized(room, "name", language)) or f"Room {room.id}",
        capacity=room.capacity,
        position=room.position,
    )


def _day(index: int, day: Day, sessions: list[ExportSession], zone: ZoneInfo) -> ExportDay:
    """A day runs from its first slot or session to its last (the whole day when
    it has neither)."""
    starts = [slot.starts_at for slot in day.slots] + [s.starts_at.time() for s in sessions]
    ends = [slot.ends_at for slot in day.slots] + [s.ends_at.time() for s in sessions]
    return ExportDay(
        index=index,
        date=day.date,
        starts_at=datetime.combine(day.date, min(starts, default=time(0)), tzinfo=zone),
        ends_at=datetime.combine(day.date, max(ends, default=time(23, 59)), tzinfo=zone),
        sessions=sessions,
    )


def _timeslot_minutes(days: list[Day]) -> int:
    """The grid's step: the largest number of minutes (at most an hour) that every
    slot's start and end fall on."""
    minutes = [
        moment.hour * 60 + moment.minute
        for day in days
        for slot in day.slots
        for moment in (slot.starts_at, slot.ends_at)
    ]
    step = reduce(gcd, minutes, 0)
    return min(step, 60) if step else DEFAULT_TIMESLOT_MINUTES


def _organization_names(organizations: list[Organization], language: str) -> list[str]:
    return _cleaned(
        localized(organization, "name", language) or organization.acronym
        for organization in organizations
    )


def _cleaned(texts) -> list[str]:
    """Each text once, without control characters, empty ones left out."""
    return [text for text in dict.fromkeys(clean_text(text) for text in texts) if text]
