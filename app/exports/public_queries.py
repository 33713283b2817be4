"""The queries behind the exports' read model: public rows only.

Co-organizers are the accepted ones (whether they may be named is decided with
the lead organization's listing, in public_data); presenters are those who
consented, and only their name is read, never a contact column.
"""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from app.activities.models import Activity, CoOrganizer, Presenter
from app.core.visibility import public_display_name
from app.exports.texts import clean_text
from app.extensions import db
from app.forums.models import Day, Forum
from app.interpreting.models import InterpretationNeed
from app.organizations.models import Organization
from app.scheduling.models import PublishedSession, ScheduleVersion


def forum_days(forum: Forum) -> list[Day]:
    return list(
        db.session.scalars(
            sa.select(Day).where(Day.forum_id == forum.id).options(selectinload(Day.slots))
        )
    )


def published_sessions(version: ScheduleVersion) -> list[PublishedSession]:
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


def co_organizers(activity_ids: list[int]) -> dict[int, list[Organization]]:
    """Accepted co-organizers by activity, in invitation order (listing is checked
    by the caller, with the lead organization's)."""
    found: dict[int, list[Organization]] = {}
    if not activity_ids:
        return found
    rows = db.session.execute(
        sa.select(CoOrganizer.activity_id, Organization)
        .join(Organization, Organization.id == CoOrganizer.organization_id)
        .where(CoOrganizer.activity_id.in_(activity_ids), CoOrganizer.accepted.is_(True))
        .order_by(CoOrganizer.id)
    )
    for activity_id, organization in rows:
        found.setdefault(activity_id, []).append(organization)
    return found


def presenters(activity_ids: list[int]) -> dict[int, list[str]]:
    """Names of presenters who consented, by activity; no contact column is read."""
    found: dict[int, list[str]] = {}
    if not activity_ids:
        return found
    rows = db.session.execute(
        sa.select(Presenter.activity_id, Presenter.name, Presenter.public_consent)
        .where(Presenter.activity_id.in_(activity_ids), Presenter.public_consent.is_(True))
        .order_by(Presenter.activity_id, Presenter.position, Presenter.id)
    )
    for activity_id, name, consent in rows:
        shown = public_display_name(clean_text(name), consent, None, hidden=False)
        if shown:
            found.setdefault(activity_id, []).append(shown)
    return found


def needs(activity_ids: list[int]) -> dict[int, list[InterpretationNeed]]:
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
