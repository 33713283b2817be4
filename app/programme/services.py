"""The public programme's read model: the latest published version, by day and time.

Only what the public may see goes into it: titles, rooms, times, themes and
formats; organizations that chose to be listed and have not asked to be hidden;
presenters who consented (their names, never their contacts); the languages line.
During a lockdown no organization and no presenter is named. The draft schedule is
never read: sessions come from the published version only.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import groupby
from operator import itemgetter

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.activities.labels import activity_format_label
from app.activities.models import Activity, CoOrganizer, Presenter
from app.core.i18n import localized
from app.core.visibility import public_display_name
from app.extensions import db
from app.forums.calendar_messages import time_span
from app.forums.models import Forum
from app.interpreting.models import InterpretationNeed
from app.interpreting.public import session_languages
from app.organizations.models import Organization
from app.safety.services import public_listings_allowed
from app.scheduling.models import PublishedSession, ScheduleVersion
from app.scheduling.publishing import published_programme


@dataclass(frozen=True)
class ProgrammeSession:
    """One session as the public reads it (texts already in the reader's language)."""

    activity_id: int
    title: str
    starts_at: time
    ends_at: time
    times: str
    room: str
    theme: str | None
    format: str
    organizations: list[str]
    presenters: list[str]
    languages: list[str]


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

    @property
    def is_published(self) -> bool:
        return self.number is not None

    @property
    def session_count(self) -> int:
        return sum(len(day.sessions) for day in self.days)


def is_listed_publicly(organization: Organization) -> bool:
    """May a public page name ``organization``? Only when it chose to be listed and
    has not asked to be hidden since."""
    return bool(organization.listed_publicly) and organization.hidden_at is None


def public_programme(forum: Forum) -> Programme:
    """The forum's latest published version as the public sees it, sessions by
    day, then start time, then room; an empty Programme when nothing is published."""
    version = published_programme(forum)
    if version is None:
        return Programme()
    sessions = _published_sessions(version)
    activity_ids = [session.activity_id for session in sessions]
    named = public_listings_allowed(forum)
    co_organizers = _public_co_organizers(activity_ids) if named else {}
    presenters = _public_presenters(activity_ids) if named else {}
    needs = _needs(activity_ids)
    rows = [
        _row(
            session,
            organizations=_organizations(session.activity, co_organizers, named),
            presenters=presenters.get(session.activity_id, []),
            needs=needs.get(session.activity_id, []),
        )
        for session in sessions
    ]
    days = [
        ProgrammeDay(date=day, sessions=[session for _day, session in day_rows])
        for day, day_rows in groupby(rows, key=itemgetter(0))
    ]
    return Programme(number=version.number, published_at=version.published_at, days=days)


def _published_sessions(version: ScheduleVersion) -> list[PublishedSession]:
    sessions = db.session.scalars(
        sa.select(PublishedSession)
        .where(PublishedSession.version_id == version.id)
        .options(
            joinedload(PublishedSession.day),
            joinedload(PublishedSession.room),
            joinedload(PublishedSession.activity).joinedload(Activity.theme),
            joinedload(PublishedSession.activity).joinedload(Activity.lead_organization),
        )
    ).all()
    return sorted(
        sessions,
        key=lambda s: (s.day.date, s.starts_at, s.room.position, s.room.id, s.ends_at, s.id),
    )


def _public_co_organizers(activity_ids: list[int]) -> dict[int, list[Organization]]:
    """Accepted co-organizers that may be named, by activity, in invitation order."""
    found: dict[int, list[Organization]] = {}
    if not activity_ids:
        return found
    rows = db.session.execute(
        sa.select(CoOrganizer.activity_id, Organization)
        .join(Organization, Organization.id == CoOrganizer.organization_id)
        .where(
            CoOrganizer.activity_id.in_(activity_ids),
            CoOrganizer.accepted.is_(True),
            Organization.listed_publicly.is_(True),
            Organization.hidden_at.is_(None),
        )
        .order_by(CoOrganizer.id)
    )
    for activity_id, organization in rows:
        found.setdefault(activity_id, []).append(organization)
    return found


def _public_presenters(activity_ids: list[int]) -> dict[int, list[str]]:
    """The names of presenters who consented, by activity. Only the name column is
    read: contacts are never loaded for a public page."""
    found: dict[int, list[str]] = {}
    if not activity_ids:
        return found
    rows = db.session.execute(
        sa.select(Presenter.activity_id, Presenter.name, Presenter.public_consent)
        .where(Presenter.activity_id.in_(activity_ids), Presenter.public_consent.is_(True))
        .order_by(Presenter.activity_id, Presenter.position, Presenter.id)
    )
    for activity_id, name, consent in rows:
        shown = public_display_name((name or "").strip(), consent, None, hidden=False)
        if shown:
            found.setdefault(activity_id, []).append(shown)
    return found


def _needs(activity_ids: list[int]) -> dict[int, list[InterpretationNeed]]:
    found: dict[int, list[InterpretationNeed]] = {}
    if not activity_ids:
        return found
    needs = db.session.scalars(
        sa.select(InterpretationNeed)
        .where(InterpretationNeed.activity_id.in_(activity_ids))
        .order_by(InterpretationNeed.id)
    )
    for need in needs:
        found.setdefault(need.activity_id, []).append(need)
    return found


def _organizations(
    activity: Activity, co_organizers: dict[int, list[Organization]], named: bool
) -> list[str]:
    if not named:
        return []
    organizations = [activity.lead_organization, *co_organizers.get(activity.id, [])]
    names = [
        localized(organization, "name") or organization.acronym or ""
        for organization in organizations
        if is_listed_publicly(organization)
    ]
    return [name for name in dict.fromkeys(names) if name]


def _row(
    session: PublishedSession,
    *,
    organizations: list[str],
    presenters: list[str],
    needs: list[InterpretationNeed],
) -> tuple[date, ProgrammeSession]:
    activity = session.activity
    return session.day.date, ProgrammeSession(
        activity_id=activity.id,
        title=localized(activity, "title"),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        times=time_span(session.starts_at, session.ends_at),
        room=localized(session.room, "name"),
        theme=localized(activity.theme, "name") if activity.theme else None,
        format=activity_format_label(activity.format),
        organizations=organizations,
        presenters=presenters,
        languages=session_languages(activity, needs, session.room),
    )
