"""Registrations for a forum: an organization's (with its delegates), an individual
activist's, or one entered by the forum's organizers from paper or a phone call.

Rules, judged on the forum's local date (app.forums.listing.forum_today):
- members register (and change their registration) only while the forum is open
  and inside its registration window, first and last day included;
- one registration per organization, and per individual, per forum (a withdrawn
  one is taken up again when they register anew);
- the forum's current charter is endorsed (which version, by whom, when are kept);
  when the forum publishes a new version, the next change asks for it;
- from one to ``max_delegates_per_organization`` delegates (an individual is their
  own one delegate);
- a registration may be withdrawn until the forum's first day.
Organizers may register an organization after the window too; the cap still holds.
A new registration waits for review (PENDING); decisions and capacity belong to
app.organizations.review.

Services take the acting user and ``now``, flush but never commit, and raise
RegistrationError with codes; views say them in the reader's language.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.extensions import db
from app.forums.listing import forum_today
from app.forums.models import CharterVersion, Forum, ForumStatus
from app.organizations.membership import is_member
from app.organizations.models import (
    Organization,
    Registration,
    RegistrationChannel,
    RegistrationStatus,
)
from app.organizations.registration_delegates import (
    DelegateDetails,
    DelegateError,
    apply_delegates,
    check_delegates,
)
from app.organizations.registration_queries import (
    registration_of_individual,
    registration_of_organization,
)

# Statuses in which the registrants may still change or withdraw their registration.
ACTIVE = frozenset(
    {RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED, RegistrationStatus.APPROVED}
)
OFFLINE_CHANNELS = frozenset({RegistrationChannel.PAPER, RegistrationChannel.PHONE})


class RegistrationProblem(StrEnum):
    FORUM_NOT_OPEN = "forum_not_open"
    NO_WINDOW = "no_window"
    WINDOW_NOT_YET_OPEN = "window_not_yet_open"
    WINDOW_CLOSED = "window_closed"
    NOT_MEMBER = "not_member"
    ALREADY_REGISTERED = "already_registered"
    NO_CHARTER = "no_charter"
    CHARTER_NOT_ENDORSED = "charter_not_endorsed"
    # The version endorsed (or the one the form showed) is no longer the current one.
    CHARTER_CHANGED = "charter_changed"
    NO_DELEGATE = "no_delegate"
    TOO_MANY_DELEGATES = "too_many_delegates"
    INVALID_DELEGATE = "invalid_delegate"
    NOT_EDITABLE = "not_editable"
    NOT_WITHDRAWABLE = "not_withdrawable"
    FORUM_STARTED = "forum_started"
    CHANNEL_NOT_OFFLINE = "channel_not_offline"
    # An approved registration adds delegates beyond the forum's capacity.
    NO_PLACES_LEFT = "no_places_left"


class RegistrationError(Exception):
    """``problems`` say what stands in the way, ``delegate_errors`` what is wrong with
    which delegate; ``data`` fills the messages (max, opens, closes, registration_id)."""

    def __init__(
        self,
        problems: list[RegistrationProblem],
        delegate_errors: list[DelegateError] = (),
        **data,
    ):
        self.problems, self.delegate_errors, self.data = list(problems), list(delegate_errors), data
        codes = [str(p) for p in self.problems]
        codes += [f"{e.row}.{e.field}: {e.problem}" for e in self.delegate_errors]
        super().__init__(", ".join(codes))


def window_problems(forum: Forum, now: datetime) -> list[RegistrationProblem]:
    """Why members cannot register (or change a registration) now; empty when they can:
    the forum is open and today, in its time zone, is inside the registration window."""
    if forum.status is not ForumStatus.OPEN:
        return [RegistrationProblem.FORUM_NOT_OPEN]
    opens, closes = forum.registration_opens, forum.registration_closes
    if opens is None or closes is None:
        return [RegistrationProblem.NO_WINDOW]
    today = forum_today(forum, now)
    if today < opens:
        return [RegistrationProblem.WINDOW_NOT_YET_OPEN]
    if today > closes:
        return [RegistrationProblem.WINDOW_CLOSED]
    return []


def is_registration_open(forum: Forum, now: datetime) -> bool:
    return not window_problems(forum, now)


def window_data(forum: Forum) -> dict:
    return {"opens": forum.registration_opens, "closes": forum.registration_closes}


def charter_is_current(registration: Registration) -> bool:
    """Has the registration endorsed the forum's current charter version?"""
    current = registration.forum.current_charter
    return current is not None and registration.charter_version_id == current.id


def checked_endorsement_and_delegates(
    forum: Forum,
    charter_version_id: int | None,
    delegates: list[DelegateDetails],
    cap: int,
    *,
    endorsing: bool = True,
) -> tuple[CharterVersion | None, list[DelegateDetails]]:
    """The charter endorsed and the delegates cleaned, or every problem with both at once.

    Endorsing, the form showed the current charter (``charter_version_id``) and it
    was ticked; there are 1 to ``cap`` delegates, each as check_delegates wants.
    """
    problems, data, charter = [], {"max": cap}, None
    if endorsing:
        current = forum.current_charter
        if current is None:
            problems.append(RegistrationProblem.NO_CHARTER)
        elif charter_version_id is None:
            problems.append(RegistrationProblem.CHARTER_NOT_ENDORSED)
        elif charter_version_id != current.id:
            problems.append(RegistrationProblem.CHARTER_CHANGED)
            data["version"] = current.version
        else:
            charter = current
    if not delegates:
        problems.append(RegistrationProblem.NO_DELEGATE)
    elif len(delegates) > cap:
        problems.append(RegistrationProblem.TOO_MANY_DELEGATES)
    cleaned, errors = check_delegates(forum, delegates)
    if errors:
        problems.append(RegistrationProblem.INVALID_DELEGATE)
    if problems:
        raise RegistrationError(problems, errors, **data)
    return charter, cleaned


def endorse_charter(registration: Registration, charter: CharterVersion, actor: User, now) -> None:
    registration.charter_version = charter
    registration.endorsed_by_id = actor.id
    registration.endorsed_at = now


def delegate_cap(registration_or_forum: Registration | Forum, individual: bool = False) -> int:
    """How many delegates a registration may have: the forum's cap, 1 for an individual."""
    if isinstance(registration_or_forum, Registration):
        individual = registration_or_forum.individual_id is not None
        forum = registration_or_forum.forum
    else:
        forum = registration_or_forum
    return 1 if individual else forum.max_delegates_per_organization


def _taken_up(existing: Registration | None) -> Registration | None:
    """A withdrawn registration is taken up again by a new one; any other refuses it."""
    if existing is None:
        return None
    if existing.status is not RegistrationStatus.WITHDRAWN:
        raise RegistrationError(
            [RegistrationProblem.ALREADY_REGISTERED], registration_id=existing.id
        )
    return existing


def _create(
    actor: User,
    forum: Forum,
    registration: Registration | None,
    delegates: list[DelegateDetails],
    channel: RegistrationChannel,
    now: datetime,
    **registrant,
) -> Registration:
    """A new (or taken up) PENDING registration; a second one racing it is refused."""
    if registration is None:
        registration = Registration(forum=forum, **registrant)
    registration.status = RegistrationStatus.PENDING
    registration.channel = channel
    registration.created_by_id = actor.id
    registration.created_at = now
    registration.decision_reason = registration.decided_by_id = None
    registration.decided_at = registration.waitlisted_at = registration.withdrawn_at = None
    apply_delegates(registration, delegates)
    try:
        with db.session.begin_nested():
            db.session.add(registration)
            db.session.flush()
    except sa.exc.IntegrityError:
        raise RegistrationError([RegistrationProblem.ALREADY_REGISTERED]) from None
    return registration


def _record_created(actor: User, registration: Registration, **codes) -> None:
    record(
        AuditAction.REGISTRATION_CREATED,
        actor=actor,
        obj=registration,
        forum=registration.forum,
        channel=str(registration.channel),
        delegates=len(registration.delegates),
        charter_version=registration.charter_version.version,
        **codes,
    )


def register_organization(
    actor: User,
    forum: Forum,
    organization: Organization,
    *,
    charter_version_id: int | None,
    delegates: list[DelegateDetails],
    now: datetime,
) -> Registration:
    """A member registers their organization, inside the window, endorsing the
    current charter, with 1 to the forum's cap of delegates."""
    problems = window_problems(forum, now)
    if problems:
        raise RegistrationError(problems, **window_data(forum))
    if not is_member(actor, organization):
        raise RegistrationError([RegistrationProblem.NOT_MEMBER])
    existing = _taken_up(registration_of_organization(forum, organization))
    charter, cleaned = checked_endorsement_and_delegates(
        forum, charter_version_id, delegates, delegate_cap(forum)
    )
    registration = _create(
        actor, forum, existing, cleaned, RegistrationChannel.ONLINE, now,
        organization_id=organization.id,
    )  # fmt: skip
    endorse_charter(registration, charter, actor, now)
    db.session.flush()
    _record_created(actor, registration, organization_id=organization.id)
    return registration


def register_individual(
    actor: User,
    forum: Forum,
    *,
    charter_version_id: int | None,
    delegate: DelegateDetails,
    now: datetime,
) -> Registration:
    """An activist registers themself, inside the window, endorsing the charter; they
    are the registration's one delegate."""
    problems = window_problems(forum, now)
    if problems:
        raise RegistrationError(problems, **window_data(forum))
    existing = _taken_up(registration_of_individual(forum, actor))
    charter, cleaned = checked_endorsement_and_delegates(
        forum, charter_version_id, [delegate], delegate_cap(forum, individual=True)
    )
    registration = _create(
        actor, forum, existing, cleaned, RegistrationChannel.ONLINE, now, individual_id=actor.id
    )
    endorse_charter(registration, charter, actor, now)
    db.session.flush()
    _record_created(actor, registration, individual=True)
    return registration


def register_on_behalf(
    actor: User,
    forum: Forum,
    organization: Organization,
    *,
    channel: RegistrationChannel,
    charter_version_id: int | None,
    delegates: list[DelegateDetails],
    now: datetime,
) -> Registration:
    """An organizer enters an organization's registration from a paper form or a phone
    call: the forum is open, the window does not bind them (late registrations are
    theirs to accept), the delegate cap does. The organizer records that the
    organization endorses the current charter (they are kept as the endorser, the
    channel says how it came). The organization's
    members are told by email, each in their language."""
    if forum.status is not ForumStatus.OPEN:
        raise RegistrationError([RegistrationProblem.FORUM_NOT_OPEN])
    if channel not in OFFLINE_CHANNELS:
        raise RegistrationError([RegistrationProblem.CHANNEL_NOT_OFFLINE])
    existing = _taken_up(registration_of_organization(forum, organization))
    charter, cleaned = checked_endorsement_and_delegates(
        forum, charter_version_id, delegates, delegate_cap(forum)
    )
    registration = _create(
        actor, forum, existing, cleaned, channel, now, organization_id=organization.id
    )
    endorse_charter(registration, charter, actor, now)
    db.session.flush()
    _record_created(actor, registration, organization_id=organization.id, on_behalf=True)
    from app.organizations.registration_staff import tell_members_registered_on_behalf

    tell_members_registered_on_behalf(registration)
    return registration
