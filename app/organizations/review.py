"""Organizers decide on registrations: the allowed decisions, the forum's capacity and
its waiting list.

Capacity (``Forum.max_organizations``, ``Forum.max_delegates``; None is no limit)
counts APPROVED registrations only. An organization's registration takes one place of
``max_organizations`` and one of ``max_delegates`` per delegate; an individual
participant takes one place of ``max_delegates`` and none of ``max_organizations``.

Approving a registration that does not fit puts it on the waiting list instead. When
places free up (an approved registration is rejected, put back on the waiting list or
withdrawn), the waiting list is served in strict order of ``waitlisted_at``: the first
in line is approved if it fits, then the next, and promotion stops at the first that
does not fit — a smaller registration further down never jumps the queue. A forum
without any capacity promotes nobody by itself: its waiting list is the organizers'.

Places are counted under a row lock on the forum (``SELECT … FOR UPDATE`` on
PostgreSQL), so two organizers approving at once cannot exceed the capacity.
"""

from dataclasses import dataclass, field
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.core.db import utcnow
from app.extensions import db
from app.forums.models import Forum
from app.organizations.models import Delegate, Registration, RegistrationStatus
from app.organizations.review_notices import tell_decision

Status = RegistrationStatus

# What an organizer may decide, from each status. A withdrawn registration is the
# registrant's own choice: nobody decides on it any more.
ALLOWED_DECISIONS: dict[RegistrationStatus, frozenset[RegistrationStatus]] = {
    Status.PENDING: frozenset({Status.APPROVED, Status.WAITLISTED, Status.REJECTED}),
    Status.WAITLISTED: frozenset({Status.APPROVED, Status.REJECTED}),
    Status.APPROVED: frozenset({Status.REJECTED, Status.WAITLISTED}),
    Status.REJECTED: frozenset({Status.APPROVED}),
    Status.WITHDRAWN: frozenset(),
}
DECISIONS = (Status.APPROVED, Status.WAITLISTED, Status.REJECTED)


class DecisionProblem(StrEnum):
    NOT_ALLOWED = "not_allowed"
    REASON_REQUIRED = "reason_required"


class DecisionError(Exception):
    """A decision that cannot be made: ``problem`` says why, ``current`` is the status
    the registration has, ``wanted`` the one asked for."""

    def __init__(self, problem: DecisionProblem, current: Status, wanted: Status):
        super().__init__(f"{problem}: {current} -> {wanted}")
        self.problem, self.current, self.wanted = problem, current, wanted


@dataclass(frozen=True)
class Capacity:
    """The forum's limits and the places its approved registrations take."""

    max_organizations: int | None
    max_delegates: int | None
    organizations: int
    delegates: int

    @property
    def limited(self) -> bool:
        return self.max_organizations is not None or self.max_delegates is not None

    def fits(self, organizations: int, delegates: int) -> bool:
        """Would ``organizations`` and ``delegates`` more places still be within it?"""
        return (
            self.max_organizations is None
            or self.organizations + organizations <= self.max_organizations
        ) and (self.max_delegates is None or self.delegates + delegates <= self.max_delegates)

    def plus(self, organizations: int, delegates: int) -> "Capacity":
        return Capacity(
            self.max_organizations,
            self.max_delegates,
            self.organizations + organizations,
            self.delegates + delegates,
        )


def places_of(registration: Registration) -> tuple[int, int]:
    """(organizations, delegates) the registration takes once approved."""
    if registration.organization_id is None:
        return 0, max(1, len(registration.delegates))
    return 1, len(registration.delegates)


def capacity_of(forum: Forum) -> Capacity:
    """The forum's limits and what its APPROVED registrations take of them."""
    rows = db.session.execute(
        sa.select(Registration.organization_id, sa.func.count(Delegate.id))
        .outerjoin(Delegate, Delegate.registration_id == Registration.id)
        .where(Registration.forum_id == forum.id, Registration.status == Status.APPROVED)
        .group_by(Registration.id, Registration.organization_id)
    ).all()
    organizations = sum(1 for organization_id, _ in rows if organization_id is not None)
    delegates = sum(n if organization_id is not None else max(1, n) for organization_id, n in rows)
    return Capacity(forum.max_organizations, forum.max_delegates, organizations, delegates)


def lock_forum(forum: Forum) -> Forum:
    """Take the forum's row lock (held until the transaction ends) and read its
    capacity afresh: whoever decides next waits, then counts what this one did."""
    return db.session.execute(
        sa.select(Forum)
        .where(Forum.id == forum.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


@dataclass(frozen=True)
class DecisionOutcome:
    """What became of a decision: the registration's ``status`` now; ``full`` when an
    approval met a full forum (and the registration waits instead); ``promoted``, the
    registrations approved from the waiting list because places freed up."""

    registration: Registration
    status: Status
    changed: bool
    full: bool = False
    promoted: list[Registration] = field(default_factory=list)


def decide(
    actor: User, registration: Registration, decision: Status, reason: str | None = None
) -> DecisionOutcome:
    """Approve, waitlist or reject a registration, as ALLOWED_DECISIONS permits.

    A rejection needs a reason; any other reason is kept too (encrypted). Approving
    beyond the forum's capacity waitlists instead (a waitlisted registration keeps its
    place in line); freeing an approved registration's places promotes the waiting
    list. Every change is audited and emailed to the registrants, each in their
    language.
    """
    reason = (reason or "").strip() or None
    forum = lock_forum(registration.forum)
    db.session.flush()
    db.session.refresh(registration)  # another organizer may have decided meanwhile
    previous = registration.status
    if decision not in ALLOWED_DECISIONS[previous]:
        raise DecisionError(DecisionProblem.NOT_ALLOWED, previous, decision)
    if decision is Status.REJECTED and reason is None:
        raise DecisionError(DecisionProblem.REASON_REQUIRED, previous, decision)
    full = decision is Status.APPROVED and not capacity_of(forum).fits(*places_of(registration))
    if full and previous is Status.WAITLISTED:
        return DecisionOutcome(registration, previous, changed=False, full=True)
    if full:
        decision, reason = Status.WAITLISTED, None  # the reason was written for an approval
    _apply(actor, registration, decision, reason, previous=previous, full=full)
    promoted = []
    if previous is Status.APPROVED:
        promoted = _promote(actor, forum, skip=registration)
    return DecisionOutcome(registration, decision, changed=True, full=full, promoted=promoted)


def promote_from_waiting_list(actor: User | None, forum: Forum) -> list[Registration]:
    """Approve waitlisted registrations in order of ``waitlisted_at`` while they fit,
    stopping at the first that does not (strict order); returns those approved.

    Called whenever places may have freed up (a withdrawal, a higher capacity). A forum
    without capacity promotes nobody. Each promotion is audited and emailed.
    """
    return _promote(actor, forum, skip=None)


def _promote(actor: User | None, forum: Forum, skip: Registration | None) -> list[Registration]:
    forum = lock_forum(forum)
    capacity = capacity_of(forum)
    if not capacity.limited:
        return []
    waiting = sa.select(Registration).where(
        Registration.forum_id == forum.id, Registration.status == Status.WAITLISTED
    )
    if skip is not None:  # just put back on the list by the organizer: not taken again
        waiting = waiting.where(Registration.id != skip.id)
    order = (Registration.waitlisted_at.asc().nulls_last(), Registration.id)
    promoted = []
    for registration in db.session.scalars(waiting.order_by(*order)):
        places = places_of(registration)
        if not capacity.fits(*places):
            break
        capacity = capacity.plus(*places)
        _apply(
            actor, registration, Status.APPROVED, None, previous=Status.WAITLISTED, promoted=True
        )
        promoted.append(registration)
    return promoted


def _apply(
    actor: User | None,
    registration: Registration,
    status: Status,
    reason: str | None,
    *,
    previous: Status,
    full: bool = False,
    promoted: bool = False,
) -> None:
    now = utcnow()
    registration.status = status
    registration.decision_reason = reason
    registration.decided_at = now
    # A promotion is the waiting list's doing, whoever freed the place.
    registration.decided_by_id = None if promoted else getattr(actor, "id", None)
    if status is Status.WAITLISTED:
        registration.waitlisted_at = now
    db.session.flush()
    codes = {"decision": str(status), "previous": str(previous)}
    if full:
        codes["full"] = True
    if promoted:
        codes["promoted"] = True
    record(
        AuditAction.REGISTRATION_DECIDED,
        actor=actor,
        obj=registration,
        forum=registration.forum,
        **codes,
    )
    tell_decision(registration, full=full, promoted=promoted)
