"""What the public may read of a published version, for the programme pages, the
exports and the API alike.

Organizations are named only when they chose to be listed and have not asked to
be hidden: the lead first, then accepted co-organizers in invitation order.
Presenters are those who consented, and only their name column is read, never a
contact. Callers ask for organizations and presenters only while public listings
are allowed (no lockdown).
"""

from collections.abc import Collection

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.activities.models import Activity, CoOrganizer, Presenter
from app.core.visibility import public_display_name
from app.extensions import db
from app.interpreting.models import InterpretationNeed
from app.organizations.models import Organization
from app.scheduling.models import PublishedSession, ScheduleVersion


def published_sessions(
    version: ScheduleVersion, activity_ids: Collection[int] | None = None
) -> list[PublishedSession]:
    """The sessions of ``version`` (only those of ``activity_ids`` when given) by
    day, start time, room order and id, with what every public view shows loaded."""
    query = sa.select(PublishedSession).where(PublishedSession.version_id == version.id)
    if activity_ids is not None:
        if not activity_ids:
            return []
        query = query.where(PublishedSession.activity_id.in_(list(activity_ids)))
    sessions = db.session.scalars(
        query.options(
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


def may_be_named() -> sa.ColumnElement[bool]:
    return sa.and_(Organization.listed_publicly.is_(True), Organization.hidden_at.is_(None))


def is_listed_publicly(organization: Organization) -> bool:
    """May a public page name ``organization``? (``may_be_named`` for one loaded row.)"""
    return bool(organization.listed_publicly) and organization.hidden_at is None


def public_organizations(activities: list[Activity]) -> dict[int, list[Organization]]:
    """The organizations that may be named for each activity, lead first (the
    leads as loaded with the activities, so only the co-organizers are queried)."""
    found = {
        activity.id: {activity.lead_organization_id: activity.lead_organization}
        for activity in activities
        if is_listed_publicly(activity.lead_organization)
    }
    if not activities:
        return {}
    co_organizers = db.session.execute(
        sa.select(CoOrganizer.activity_id, Organization)
        .join(Organization, Organization.id == CoOrganizer.organization_id)
        .where(
            CoOrganizer.activity_id.in_([activity.id for activity in activities]),
            CoOrganizer.accepted.is_(True),
            may_be_named(),
        )
        .order_by(CoOrganizer.id)
    )
    for activity_id, organization in co_organizers:
        found.setdefault(activity_id, {}).setdefault(organization.id, organization)
    return {activity_id: list(named.values()) for activity_id, named in found.items()}


def public_presenters(activity_ids: list[int]) -> dict[int, list[str]]:
    """The names of presenters who consented, by activity, in their order."""
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


def interpretation_needs(activity_ids: list[int]) -> dict[int, list[InterpretationNeed]]:
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
