"""Organizers' decisions on proposals: accept or reject, one by one or in bulk.

Rules:
- only an ORGANIZER of the proposal's forum decides;
- the allowed moves are those of ``TRANSITIONS``: a SUBMITTED proposal is accepted or
  rejected, and a decision may be reversed (ACCEPTED → REJECTED, REJECTED → ACCEPTED)
  since organizers revisit decisions when places free up or a mistake is found.
  Deciding again what is already decided, and deciding a draft, a merged or a
  withdrawn proposal, are refused;
- a rejection carries a message (the organization deserves a reason); an acceptance
  may; a message has at most ``MAX_MESSAGE`` characters;
- a bulk decision is all or nothing: when one proposal cannot be decided none is,
  and the error lists every proposal refused and why.
Each decision keeps who, when and the message, and is audited (ACTIVITY_DECIDED).
The services return the organizations to tell (the lead and accepted co-organizers);
sending the emails is not theirs.

Services flush, never commit, and raise DecisionError with codes.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa

from app.activities.merging import cancel_open_merges_of
from app.activities.models import Activity, ActivityStatus, CoOrganizer
from app.audit.services import AuditAction, record
from app.core.db import utcnow
from app.core.permissions import ForumRoleName, forum_roles
from app.extensions import db
from app.organizations.models import Organization

MAX_MESSAGE = 5000


class Decision(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"


OUTCOME = {Decision.ACCEPT: ActivityStatus.ACCEPTED, Decision.REJECT: ActivityStatus.REJECTED}

# (from, to): every move a decision may make; anything else is refused.
TRANSITIONS = frozenset(
    {
        (ActivityStatus.SUBMITTED, ActivityStatus.ACCEPTED),
        (ActivityStatus.SUBMITTED, ActivityStatus.REJECTED),
        (ActivityStatus.ACCEPTED, ActivityStatus.REJECTED),
        (ActivityStatus.REJECTED, ActivityStatus.ACCEPTED),
    }
)


class DecisionProblem(StrEnum):
    NOT_ORGANIZER = "not_organizer"
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    NO_MESSAGE = "no_message"  # a rejection needs one
    MESSAGE_TOO_LONG = "message_too_long"
    NOTHING_TO_DECIDE = "nothing_to_decide"  # an empty bulk decision


@dataclass(frozen=True)
class DecisionIssue:
    """One proposal (None: the request as a whole) and what keeps it undecided."""

    activity_id: int | None
    problem: DecisionProblem


class DecisionError(Exception):
    """A decision refused; ``issues`` say which proposals and why."""

    def __init__(self, issues: Iterable[DecisionIssue]):
        self.issues = list(issues)
        super().__init__(", ".join(f"{i.activity_id}: {i.problem}" for i in self.issues))

    @property
    def problems(self) -> set[DecisionProblem]:
        return {issue.problem for issue in self.issues}

    @property
    def activity_ids(self) -> list[int]:
        """The proposals refused, in the order given."""
        return list(dict.fromkeys(i.activity_id for i in self.issues if i.activity_id))


def can_decide(user, activity: Activity) -> bool:
    return ForumRoleName.ORGANIZER in forum_roles(user, activity.forum_id)


def organizations_to_notify_many(activities: Iterable[Activity]) -> dict[int, list[Organization]]:
    """By activity id, the organizations involved: the lead, then the co-organizers
    that accepted in the order invited (those invited or declining are not told).
    Two queries whatever the number of activities."""
    activities = list(activities)
    ids = [activity.id for activity in activities]
    leads = {
        organization.id: organization
        for organization in db.session.scalars(
            sa.select(Organization).where(
                Organization.id.in_({a.lead_organization_id for a in activities})
            )
        )
    }
    found = {a.id: [leads[a.lead_organization_id]] for a in activities}
    co_organizers = db.session.execute(
        sa.select(CoOrganizer.activity_id, Organization)
        .join(Organization, Organization.id == CoOrganizer.organization_id)
        .where(CoOrganizer.activity_id.in_(ids), CoOrganizer.accepted.is_(True))
        .order_by(CoOrganizer.id)
    )
    for activity_id, organization in co_organizers:
        found[activity_id].append(organization)
    return found


def organizations_to_notify(activity: Activity) -> list[Organization]:
    """The organizations involved in ``activity`` (see organizations_to_notify_many)."""
    return organizations_to_notify_many([activity])[activity.id]


def _message_issues(decision: Decision, message: str | None) -> list[DecisionProblem]:
    if message is None:
        return [DecisionProblem.NO_MESSAGE] if decision == Decision.REJECT else []
    if len(message) > MAX_MESSAGE:
        return [DecisionProblem.MESSAGE_TOO_LONG]
    return []


def decision_problems(actor, activity: Activity, decision: Decision) -> list[DecisionProblem]:
    """What keeps ``actor`` from taking ``decision`` on ``activity`` (message aside)."""
    if not can_decide(actor, activity):
        return [DecisionProblem.NOT_ORGANIZER]
    if (activity.status, OUTCOME[decision]) not in TRANSITIONS:
        return [DecisionProblem.TRANSITION_NOT_ALLOWED]
    return []


def _apply(actor, activity: Activity, decision: Decision, message, now: datetime) -> None:
    before = activity.status
    activity.status = OUTCOME[decision]
    activity.decided_at = now
    activity.decided_by_id = actor.id
    activity.decision_message = message
    if activity.status is ActivityStatus.REJECTED:
        cancel_open_merges_of(activity, now)
    record(
        AuditAction.ACTIVITY_DECIDED,
        actor=actor,
        obj=activity,
        forum=activity.forum,
        before=str(before),
        after=str(activity.status),
    )


def decide_many(
    actor,
    activities: Sequence[Activity],
    decision: Decision,
    message: str | None = None,
    *,
    now: datetime | None = None,
) -> dict[int, list[Organization]]:
    """Take one decision, with one message, on several proposals, all or nothing;
    returns, by activity id, the organizations to tell."""
    decision = Decision(decision)
    message = (message or "").strip() or None
    issues = [DecisionIssue(None, p) for p in _message_issues(decision, message)]
    if not activities:
        issues.append(DecisionIssue(None, DecisionProblem.NOTHING_TO_DECIDE))
    for activity in activities:
        issues += [
            DecisionIssue(activity.id, p) for p in decision_problems(actor, activity, decision)
        ]
    if issues:
        raise DecisionError(issues)
    now = now or utcnow()
    for activity in activities:
        _apply(actor, activity, decision, message, now)
    db.session.flush()
    return organizations_to_notify_many(activities)


def decide(
    actor,
    activity: Activity,
    decision: Decision,
    message: str | None = None,
    *,
    now: datetime | None = None,
) -> list[Organization]:
    """Take ``decision`` on one proposal; returns the organizations to tell."""
    return decide_many(actor, [activity], decision, message, now=now)[activity.id]


def accept(actor, activity: Activity, message: str | None = None, **kwargs) -> list[Organization]:
    """Accept a proposal (see the module's rules); returns the organizations to tell."""
    return decide(actor, activity, Decision.ACCEPT, message, **kwargs)


def reject(actor, activity: Activity, message: str | None = None, **kwargs) -> list[Organization]:
    """Reject a proposal, with a message; returns the organizations to tell."""
    return decide(actor, activity, Decision.REJECT, message, **kwargs)
