"""What organizers read to review registrations: the queue and a registration's story."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload

from app.accounts.models import User
from app.audit.models import AuditEvent
from app.audit.services import AuditAction
from app.core.pagination import Paged, page_count
from app.extensions import db
from app.forums.models import Forum
from app.organizations.models import (
    Delegate,
    Organization,
    OrganizationType,
    Registration,
    RegistrationStatus,
)
from app.organizations.normalise import normalise_name

QUEUE_PAGE_SIZE = 25
# The queue's "type" filter value for individual participants (not an organization type).
INDIVIDUALS = "individual"


@dataclass(frozen=True)
class QueueFilters:
    status: RegistrationStatus | None = None
    governorate: str | None = None
    kind: OrganizationType | str | None = None  # an OrganizationType or INDIVIDUALS
    query: str = ""


@dataclass(frozen=True)
class QueueRow:
    registration: Registration
    delegates: int


@dataclass(frozen=True)
class QueuePage(Paged):
    rows: list[QueueRow]
    page: int
    pages: int
    total: int


def _delegate_count():
    return (
        sa.select(sa.func.count(Delegate.id))
        .where(Delegate.registration_id == Registration.id)
        .correlate(Registration)
        .scalar_subquery()
    )


def organization_search(query: str):
    """The condition finding organizations by a query in any script: a name after
    normalisation (``name_keys``), or the acronym, both anywhere and in any case."""
    key = normalise_name(query)
    conditions = []
    if key:
        conditions.append(Organization.name_keys.contains(key, autoescape=True))
    if query.strip():
        conditions.append(Organization.acronym.icontains(query.strip(), autoescape=True))
    return sa.or_(*conditions) if conditions else sa.false()


def registration_queue(
    forum: Forum, filters: QueueFilters, page: int = 1, per_page: int = QUEUE_PAGE_SIZE
) -> QueuePage:
    """Page ``page`` of the forum's registrations (organizations and individuals) that
    match ``filters``, oldest first (the waiting list in its order); a page past the
    end gives the last one. The search finds organizations only: individuals' names
    are encrypted, so no query can look into them."""
    count = _filtered(sa.select(sa.func.count(Registration.id)), forum, filters)
    total = db.session.scalar(count)
    pages = page_count(total, per_page)
    page = min(max(page, 1), pages)
    if filters.status is RegistrationStatus.WAITLISTED:
        order = (Registration.waitlisted_at.asc().nulls_last(), Registration.id)
    else:
        order = (Registration.created_at, Registration.id)
    query = _filtered(sa.select(Registration, _delegate_count()), forum, filters).options(
        contains_eager(Registration.organization), joinedload(Registration.individual)
    )
    rows = db.session.execute(
        query.order_by(*order).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return QueuePage([QueueRow(r, n) for r, n in rows], page, pages, total)


def _filtered(query: sa.Select, forum: Forum, filters: QueueFilters) -> sa.Select:
    query = query.select_from(Registration).outerjoin(
        Organization, Registration.organization_id == Organization.id
    )
    query = query.where(Registration.forum_id == forum.id)
    if filters.status is not None:
        query = query.where(Registration.status == filters.status)
    if filters.governorate:
        query = query.where(Organization.governorate == filters.governorate)
    if filters.kind == INDIVIDUALS:
        query = query.where(Registration.individual_id.is_not(None))
    elif filters.kind:
        query = query.where(Organization.kind == filters.kind)
    if filters.query.strip():
        query = query.where(organization_search(filters.query))
    return query


def status_counts(forum: Forum) -> dict[RegistrationStatus, int]:
    """How many of the forum's registrations have each status (all statuses listed)."""
    counted = dict(
        db.session.execute(
            sa.select(Registration.status, sa.func.count(Registration.id))
            .where(Registration.forum_id == forum.id)
            .group_by(Registration.status)
        ).all()
    )
    return {status: counted.get(status, 0) for status in RegistrationStatus}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    decision: RegistrationStatus
    actor: User | None
    full: bool
    promoted: bool


def decision_history(registration: Registration) -> list[HistoryEntry]:
    """The decisions on a registration, oldest first, from the audit log."""
    events = db.session.scalars(
        sa.select(AuditEvent)
        .where(
            AuditEvent.action == str(AuditAction.REGISTRATION_DECIDED),
            AuditEvent.object_type == Registration.__tablename__,
            AuditEvent.object_id == registration.id,
        )
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    ).all()
    actor_ids = {event.actor_id for event in events if event.actor_id}
    actors = {
        user.id: user for user in db.session.scalars(sa.select(User).where(User.id.in_(actor_ids)))
    }
    return [
        HistoryEntry(
            at=event.occurred_at,
            decision=RegistrationStatus(event.details["decision"]),
            actor=actors.get(event.actor_id),
            full=bool(event.details.get("full")),
            promoted=bool(event.details.get("promoted")),
        )
        for event in events
        if event.details.get("decision") in set(RegistrationStatus)
    ]
