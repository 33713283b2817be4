"""Co-organizers: other organizations the lead invites to organize an activity with it.

- A member of the lead invites an organization whose registration for the activity's
  forum is APPROVED; not the lead itself, and not one already invited (an invitation
  declined stays declined: the answer is the organization's);
- invitations are sent and answered while the activity is a draft, submitted or
  accepted; a member of the invited organization accepts or declines, once;
- the organizations involved are the lead and the co-organizers that accepted.

Services take the acting user and ``now``, flush but never commit, and raise
CoOrganizerError with every problem found at once.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import User
from app.activities.merge_notices import ask_consents
from app.activities.merging import ask_joining_organization
from app.activities.models import Activity, ActivityStatus, CoOrganizer
from app.audit.services import AuditAction, record
from app.extensions import db
from app.organizations.membership import is_member
from app.organizations.models import Organization, Registration, RegistrationStatus

# Statuses in which invitations may be sent and answered.
OPEN_TO_CO_ORGANIZERS = frozenset(
    {ActivityStatus.DRAFT, ActivityStatus.SUBMITTED, ActivityStatus.ACCEPTED}
)


class CoOrganizerProblem(StrEnum):
    NOT_LEAD_MEMBER = "not_lead_member"
    NOT_MEMBER = "not_member"
    ACTIVITY_CLOSED = "activity_closed"
    IS_LEAD = "is_lead"
    ALREADY_INVITED = "already_invited"
    NOT_APPROVED_FOR_FORUM = "not_approved_for_forum"
    ALREADY_ANSWERED = "already_answered"


class CoOrganizerError(Exception):
    """``problems`` say what stands in the way, ``data`` fills the messages."""

    def __init__(self, problems: list[CoOrganizerProblem], **data):
        self.problems, self.data = list(problems), data
        super().__init__(", ".join(str(p) for p in self.problems))


def organizations_involved(activity: Activity) -> list[Organization]:
    """The lead first, then the co-organizers that accepted, in invitation order."""
    accepted = [c.organization for c in activity.co_organizers if c.accepted is True]
    return [activity.lead_organization, *accepted]


def accepted_co_organizer_count(activity: Activity) -> int:
    return sum(1 for c in activity.co_organizers if c.accepted is True)


def pending_invitation(user, activity: Activity) -> CoOrganizer | None:
    """A waiting invitation of ``activity`` to an organization ``user`` is a member of."""
    for invitation in activity.co_organizers:
        if invitation.accepted is None and is_member(user, invitation.organization):
            return invitation
    return None


def is_approved_for(forum_id: int, organization: Organization) -> bool:
    status = db.session.scalar(
        sa.select(Registration.status).where(
            Registration.forum_id == forum_id, Registration.organization_id == organization.id
        )
    )
    return status is RegistrationStatus.APPROVED


def invitation_problems(
    actor: User, activity: Activity, organization: Organization
) -> list[CoOrganizerProblem]:
    """Why ``actor`` cannot invite ``organization`` to ``activity``; empty when they can."""
    problems = []
    if not is_member(actor, activity.lead_organization):
        problems.append(CoOrganizerProblem.NOT_LEAD_MEMBER)
    if activity.status not in OPEN_TO_CO_ORGANIZERS:
        problems.append(CoOrganizerProblem.ACTIVITY_CLOSED)
    if organization.id == activity.lead_organization_id:
        problems.append(CoOrganizerProblem.IS_LEAD)
    elif any(c.organization_id == organization.id for c in activity.co_organizers):
        problems.append(CoOrganizerProblem.ALREADY_INVITED)
    elif not is_approved_for(activity.forum_id, organization):
        problems.append(CoOrganizerProblem.NOT_APPROVED_FOR_FORUM)
    return problems


def invite_co_organizer(
    actor: User, activity: Activity, organization: Organization, *, now: datetime
) -> CoOrganizer:
    """A member of the lead invites an organization approved for the same forum."""
    problems = invitation_problems(actor, activity, organization)
    if problems:
        raise CoOrganizerError(problems)
    invitation = CoOrganizer(
        organization_id=organization.id, invited_by_id=actor.id, invited_at=now, accepted=None
    )
    try:
        with db.session.begin_nested():
            activity.co_organizers.append(invitation)
            db.session.flush()
    except sa.exc.IntegrityError:  # the same invitation sent twice at once
        raise CoOrganizerError([CoOrganizerProblem.ALREADY_INVITED]) from None
    record(
        AuditAction.CO_ORGANIZER_INVITED,
        actor=actor,
        obj=activity,
        forum=activity.forum,
        organization_id=organization.id,
    )
    return invitation


def answer_invitation(
    actor: User, co_organizer: CoOrganizer, accept: bool, *, now: datetime
) -> CoOrganizer:
    """A member of the invited organization accepts or declines, once, while the
    activity is still open to co-organizers."""
    problems = []
    if not is_member(actor, co_organizer.organization):
        problems.append(CoOrganizerProblem.NOT_MEMBER)
    if co_organizer.accepted is not None:
        problems.append(CoOrganizerProblem.ALREADY_ANSWERED)
    if co_organizer.activity.status not in OPEN_TO_CO_ORGANIZERS:
        problems.append(CoOrganizerProblem.ACTIVITY_CLOSED)
    if problems:
        raise CoOrganizerError(problems)
    co_organizer.accepted = bool(accept)
    co_organizer.answered_at = now
    db.session.flush()
    activity = co_organizer.activity
    record(
        AuditAction.CO_ORGANIZER_ANSWERED,
        actor=actor,
        obj=activity,
        forum=activity.forum,
        organization_id=co_organizer.organization_id,
        accepted=co_organizer.accepted,
    )
    if co_organizer.accepted:
        # Now involved: asked about the merges proposed for the activity meanwhile.
        for merge in ask_joining_organization(activity, co_organizer.organization_id):
            ask_consents(activity.forum, merge, [co_organizer.organization_id])
    return co_organizer
