"""Proposals: an organization's activities for a forum, from draft to submitted, and
withdrawn. Rules, judged on the forum's local date (app.forums.listing.forum_today):

- a member of an organization whose registration is APPROVED proposes (creates a
  draft) while the forum is OPEN and today is inside the proposal window, first and
  last day included, up to ``max_activities_per_organization`` led by it: drafts,
  submitted and accepted ones count; withdrawn, rejected and merged-away ones don't;
- the organizations involved (app.activities.access) edit drafts and submitted
  proposals while the window is open. A draft saves anything given, but every value
  given must be valid; a submitted one must stay complete;
- submitting needs a title and a description (one language is enough), a theme when
  the forum has themes, a format, a spoken language, a length and a presenter, all
  reported at once; an assembly needs ``min_assembly_co_organizers`` accepted
  co-organizers;
- a draft, submitted or accepted activity is withdrawn any time before the forum's
  first day.

Services take the acting user and ``now``, flush but never commit, and raise
ProposalError with codes: ``problems`` for the rules, ``issues`` per field.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import User
from app.activities.access import EDITABLE, is_involved
from app.activities.co_organizers import accepted_co_organizer_count, is_approved_for
from app.activities.merging import cancel_open_merges_of
from app.activities.models import (
    Activity,
    ActivityFormat,
    ActivityStatus,
    DayWish,
    Presenter,
)
from app.activities.proposal_fields import (
    FieldIssue,
    checked_fields,
    missing_pieces,
)
from app.audit.services import AuditAction, record
from app.extensions import db
from app.forums.listing import forum_today
from app.forums.models import Forum, ForumStatus
from app.organizations.membership import is_member, lock_organization
from app.organizations.models import Organization

# Activities that take one of the organization's places in the forum.
COUNTED = frozenset({ActivityStatus.DRAFT, ActivityStatus.SUBMITTED, ActivityStatus.ACCEPTED})
WITHDRAWABLE = COUNTED


class ProposalProblem(StrEnum):
    FORUM_NOT_OPEN = "forum_not_open"
    NO_WINDOW = "no_window"
    WINDOW_NOT_YET_OPEN = "window_not_yet_open"
    WINDOW_CLOSED = "window_closed"
    NOT_MEMBER = "not_member"
    NOT_APPROVED = "not_approved"
    TOO_MANY_ACTIVITIES = "too_many_activities"
    NOT_INVOLVED = "not_involved"
    NOT_EDITABLE = "not_editable"
    NOT_A_DRAFT = "not_a_draft"
    INVALID_FIELDS = "invalid_fields"
    INCOMPLETE = "incomplete"
    TOO_FEW_CO_ORGANIZERS = "too_few_co_organizers"
    NOT_WITHDRAWABLE = "not_withdrawable"
    FORUM_STARTED = "forum_started"


class ProposalError(Exception):
    """``problems`` say which rules stand in the way, ``issues`` what is wrong or
    missing in which field; ``data`` fills the messages (max, opens, closes, min)."""

    def __init__(self, problems: list[ProposalProblem], issues: list[FieldIssue] = (), **data):
        self.problems, self.issues, self.data = list(problems), list(issues), data
        codes = [str(p) for p in self.problems] + [f"{i.field}: {i.problem}" for i in self.issues]
        super().__init__(", ".join(codes))


def window_problems(forum: Forum, now: datetime) -> list[ProposalProblem]:
    """Why proposals cannot be made or changed now; empty when the forum is open and
    today, in its time zone, is inside the proposal window (both days included)."""
    if forum.status is not ForumStatus.OPEN:
        return [ProposalProblem.FORUM_NOT_OPEN]
    opens, closes = forum.proposals_open, forum.proposals_close
    if opens is None or closes is None:
        return [ProposalProblem.NO_WINDOW]
    today = forum_today(forum, now)
    if today < opens:
        return [ProposalProblem.WINDOW_NOT_YET_OPEN]
    if today > closes:
        return [ProposalProblem.WINDOW_CLOSED]
    return []


def counted_activities(forum: Forum, organization: Organization) -> int:
    """How many of the organization's places in the forum its activities take."""
    return db.session.scalar(
        sa.select(sa.func.count(Activity.id)).where(
            Activity.forum_id == forum.id,
            Activity.lead_organization_id == organization.id,
            Activity.status.in_(COUNTED),
        )
    )


def proposal_problems(
    actor: User, forum: Forum, organization: Organization, now: datetime
) -> list[ProposalProblem]:
    """Why ``actor`` cannot propose an activity for ``organization`` now; empty if they can."""
    problems = window_problems(forum, now)
    if not is_member(actor, organization):
        problems.append(ProposalProblem.NOT_MEMBER)
    if not is_approved_for(forum.id, organization):
        problems.append(ProposalProblem.NOT_APPROVED)
    elif counted_activities(forum, organization) >= forum.max_activities_per_organization:
        problems.append(ProposalProblem.TOO_MANY_ACTIVITIES)
    return problems


def can_propose(actor: User, forum: Forum, organization: Organization, now: datetime) -> bool:
    return not proposal_problems(actor, forum, organization, now)


def _window_data(forum: Forum) -> dict:
    return {
        "opens": forum.proposals_open,
        "closes": forum.proposals_close,
        "max": forum.max_activities_per_organization,
    }


def _apply(activity: Activity, values: dict) -> None:
    presenters = values.pop("presenters", None)
    preferred = values.pop("preferred_day_ids", None)
    impossible = values.pop("impossible_day_ids", None)
    for name, value in values.items():
        setattr(activity, name, value)
    if presenters is not None:
        activity.presenters = [
            Presenter(
                position=position,
                name=p.name,
                organization_name=p.organization_name,
                languages=list(p.languages),
                phone=p.phone,
                email=p.email,
                public_consent=p.public_consent,
            )
            for position, p in enumerate(presenters)
        ]
    if preferred is not None or impossible is not None:
        # Wishes for a day already there are kept (one per day and activity).
        existing = {wish.day_id: wish for wish in activity.day_wishes}
        wishes = []
        for days, is_preferred in ((preferred or (), True), (impossible or (), False)):
            for day_id in days:
                wish = existing.get(day_id) or DayWish(day_id=day_id)
                wish.preferred = is_preferred
                wishes.append(wish)
        activity.day_wishes = wishes


def _checked(forum: Forum, activity: Activity | None, fields: dict) -> dict:
    values, issues = checked_fields(forum, activity, fields)
    if issues:
        raise ProposalError([ProposalProblem.INVALID_FIELDS], issues)
    return values


def create_draft(
    actor: User, forum: Forum, organization: Organization, *, now: datetime, **fields
) -> Activity:
    """A member of an approved organization starts a proposal inside the window and
    under the cap; whatever fields are given (none at all is fine) must be valid.
    The organization's row lock makes two drafts started at once count one by one."""
    lock_organization(organization)
    problems = proposal_problems(actor, forum, organization, now)
    if problems:
        raise ProposalError(problems, **_window_data(forum))
    values = _checked(forum, None, fields)
    activity = Activity(
        forum=forum,
        lead_organization=organization,
        created_by_id=actor.id,
        status=ActivityStatus.DRAFT,
        format=ActivityFormat.WORKSHOP,
        length_slots=1,
        created_at=now,
    )
    _apply(activity, values)
    db.session.add(activity)
    db.session.flush()
    record(
        AuditAction.ACTIVITY_CREATED,
        actor=actor,
        obj=activity,
        forum=forum,
        organization_id=organization.id,
    )
    return activity


def edit_problems(actor: User, activity: Activity, now: datetime) -> list[ProposalProblem]:
    """Why ``actor`` cannot change ``activity`` now; empty when they can."""
    problems = window_problems(activity.forum, now)
    if not is_involved(actor, activity):
        problems.append(ProposalProblem.NOT_INVOLVED)
    if activity.status not in EDITABLE:
        problems.append(ProposalProblem.NOT_EDITABLE)
    return problems


def update_activity(actor: User, activity: Activity, *, now: datetime, **fields) -> Activity:
    """The organizations involved change a draft or a submitted proposal while the
    window is open; values given are checked, and a submitted one stays complete."""
    problems = edit_problems(actor, activity, now)
    if problems:
        raise ProposalError(problems, **_window_data(activity.forum))
    values = _checked(activity.forum, activity, fields)
    if activity.status is ActivityStatus.SUBMITTED:
        missing = missing_pieces(activity, values)
        if missing:
            raise ProposalError([ProposalProblem.INCOMPLETE], missing)
    _apply(activity, values)
    db.session.flush()
    return activity


def submission_problems(
    actor: User, activity: Activity, now: datetime
) -> tuple[list[ProposalProblem], list[FieldIssue]]:
    """Everything that keeps ``activity`` from being submitted by ``actor`` now."""
    problems = edit_problems(actor, activity, now)
    if activity.status is not ActivityStatus.DRAFT:
        problems = [p for p in problems if p is not ProposalProblem.NOT_EDITABLE]
        problems.append(ProposalProblem.NOT_A_DRAFT)
    missing = missing_pieces(activity, {})
    if missing:
        problems.append(ProposalProblem.INCOMPLETE)
    needed = activity.forum.min_assembly_co_organizers
    if (
        activity.format is ActivityFormat.ASSEMBLY
        and accepted_co_organizer_count(activity) < needed
    ):
        problems.append(ProposalProblem.TOO_FEW_CO_ORGANIZERS)
    return problems, missing


def submit(actor: User, activity: Activity, *, now: datetime) -> Activity:
    """A draft goes to review when complete, inside the window, by an organization
    involved; every missing piece is reported at once."""
    problems, missing = submission_problems(actor, activity, now)
    if problems:
        raise ProposalError(
            problems,
            missing,
            min=activity.forum.min_assembly_co_organizers,
            **_window_data(activity.forum),
        )
    activity.status = ActivityStatus.SUBMITTED
    activity.submitted_at = now
    db.session.flush()
    record(AuditAction.ACTIVITY_SUBMITTED, actor=actor, obj=activity, forum=activity.forum)
    return activity


def withdraw(actor: User, activity: Activity, *, now: datetime) -> Activity:
    """The organizations involved withdraw a draft, submitted or accepted activity
    any time before the forum's first day (the window does not bind them)."""
    problems = []
    if not is_involved(actor, activity):
        problems.append(ProposalProblem.NOT_INVOLVED)
    if activity.status not in WITHDRAWABLE:
        problems.append(ProposalProblem.NOT_WITHDRAWABLE)
    start = activity.forum.start_date
    if start is not None and forum_today(activity.forum, now) >= start:
        problems.append(ProposalProblem.FORUM_STARTED)
    if problems:
        raise ProposalError(problems, start=start)
    previous = activity.status
    activity.status = ActivityStatus.WITHDRAWN
    activity.withdrawn_at = now
    db.session.flush()
    cancel_open_merges_of(activity, now)
    record(
        AuditAction.ACTIVITY_WITHDRAWN,
        actor=actor,
        obj=activity,
        forum=activity.forum,
        previous=str(previous),
    )
    return activity
