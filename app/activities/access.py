"""Who may see, edit or answer for an activity, on the organizations' side.

The members of the lead organization and of the co-organizers that accepted see the
activity and edit it while it is a draft or submitted (the proposal window, which
needs the time, is judged by app.activities.proposals). Members of an organization
invited but not yet answered see only the invitation's summary and may answer it.
What the forum's staff (organizers, reviewers) see is the review part's rule.
"""

from app.activities.co_organizers import organizations_involved, pending_invitation
from app.activities.models import Activity, ActivityStatus, CoOrganizer
from app.organizations.membership import is_member

# Statuses in which the organizations involved may still change the activity.
EDITABLE = frozenset({ActivityStatus.DRAFT, ActivityStatus.SUBMITTED})


def is_involved(user, activity: Activity) -> bool:
    """A member of the lead or of an accepted co-organizer."""
    return any(is_member(user, org) for org in organizations_involved(activity))


def is_lead_member(user, activity: Activity) -> bool:
    return is_member(user, activity.lead_organization)


def can_view(user, activity: Activity) -> bool:
    """The whole activity, presenters' contacts included: the organizations involved."""
    return is_involved(user, activity)


def can_edit(user, activity: Activity) -> bool:
    """The organizations involved, while the activity is a draft or submitted."""
    return activity.status in EDITABLE and is_involved(user, activity)


def can_answer_invitation(user, co_organizer: CoOrganizer) -> bool:
    """A member of the invited organization, while the invitation waits for an answer."""
    return co_organizer.accepted is None and is_member(user, co_organizer.organization)


def invitation_for(user, activity: Activity) -> CoOrganizer | None:
    """The waiting invitation ``user`` may answer for ``activity`` (its summary only)."""
    invitation = pending_invitation(user, activity)
    return (
        invitation if invitation is not None and can_answer_invitation(user, invitation) else None
    )
