"""Changing and withdrawing a registration, by its owners (the organization's
members, or the individual registered).

A registration changes while the forum's registration window is open and it is
active (waiting, waitlisted or approved); a forum that has published a new charter
since the endorsement asks for the new one with the change. It may be withdrawn
until the forum's first day; an approved one then frees its place.
"""

from datetime import datetime

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.extensions import db
from app.forums.listing import forum_today
from app.forums.models import Forum, ForumStatus
from app.organizations import review
from app.organizations.models import Registration, RegistrationStatus
from app.organizations.registration import (
    ACTIVE,
    RegistrationError,
    RegistrationProblem,
    charter_is_current,
    checked_endorsement_and_delegates,
    delegate_cap,
    endorse_charter,
    window_data,
    window_problems,
)
from app.organizations.registration_delegates import DelegateDetails, apply_delegates
from app.organizations.registration_queries import owns_registration


def edit_problems(actor, registration: Registration, now: datetime) -> list[RegistrationProblem]:
    """Why ``actor`` may not change the registration now; empty when they may: they
    own it, it is still active (not withdrawn or rejected), and the window is open."""
    if not owns_registration(actor, registration):
        return [RegistrationProblem.NOT_MEMBER]
    if registration.status not in ACTIVE:
        return [RegistrationProblem.NOT_EDITABLE]
    return window_problems(registration.forum, now)


def update_registration(
    actor: User,
    registration: Registration,
    *,
    charter_version_id: int | None,
    delegates: list[DelegateDetails],
    now: datetime,
) -> None:
    """Its owners change the delegates while the window is open; if the forum has
    published a new charter since their endorsement, they endorse it now. The status
    stays as it is: an approved registration adds delegates only while the forum has
    places for them, and one that sends fewer frees places for the waiting list."""
    forum = registration.forum
    problems = edit_problems(actor, registration, now)
    if problems:
        raise RegistrationError(problems, **window_data(forum))
    endorsed = not charter_is_current(registration)
    charter, cleaned = checked_endorsement_and_delegates(
        forum, charter_version_id, delegates, delegate_cap(registration), endorsing=endorsed
    )
    approved = registration.status is RegistrationStatus.APPROVED
    added = len(cleaned) - len(registration.delegates)
    if approved and added > 0 and not _places_left(forum, added):
        raise RegistrationError([RegistrationProblem.NO_PLACES_LEFT])
    apply_delegates(registration, cleaned)
    if endorsed:
        endorse_charter(registration, charter, actor, now)
    registration.updated_at = now
    db.session.flush()
    record(
        AuditAction.REGISTRATION_UPDATED,
        actor=actor,
        obj=registration,
        forum=forum,
        delegates=len(registration.delegates),
        endorsed=endorsed,
        charter_version=registration.charter_version.version,
    )
    if approved and added < 0:
        _place_freed(actor, forum)


def withdraw_problems(
    actor, registration: Registration, now: datetime
) -> list[RegistrationProblem]:
    """Why ``actor`` may not withdraw the registration; empty when they may: they own
    it, it is active, the forum is not archived and its first day has not come."""
    if not owns_registration(actor, registration):
        return [RegistrationProblem.NOT_MEMBER]
    if registration.status not in ACTIVE:
        return [RegistrationProblem.NOT_WITHDRAWABLE]
    forum = registration.forum
    if forum.status is ForumStatus.ARCHIVED:
        return [RegistrationProblem.FORUM_STARTED]
    if forum.start_date is not None and forum_today(forum, now) >= forum.start_date:
        return [RegistrationProblem.FORUM_STARTED]
    return []


def withdraw_registration(actor: User, registration: Registration, now: datetime) -> None:
    """Its owners withdraw it before the forum starts; an approved one frees its place,
    which the waiting list takes (app.organizations.review)."""
    problems = withdraw_problems(actor, registration, now)
    if problems:
        raise RegistrationError(problems)
    previous = registration.status
    registration.status = RegistrationStatus.WITHDRAWN
    registration.withdrawn_at = now
    db.session.flush()
    record(
        AuditAction.REGISTRATION_WITHDRAWN,
        actor=actor,
        obj=registration,
        forum=registration.forum,
        previous=str(previous),
    )
    if previous is RegistrationStatus.APPROVED:
        _place_freed(actor, registration.forum)


# Capacity and the waiting list are app.organizations.review's (imported when used:
# it may import this feature's modules in turn).


def _places_left(forum: Forum, delegates: int) -> bool:
    """Does the forum's capacity hold ``delegates`` more approved delegates? The
    forum's row lock makes concurrent additions and approvals count one at a time."""
    return review.capacity_of(review.lock_forum(forum)).fits(0, delegates)


def _place_freed(actor: User, forum: Forum) -> None:
    """Places freed up: the waiting list is served."""
    review.promote_from_waiting_list(actor, forum)
