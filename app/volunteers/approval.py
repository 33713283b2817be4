"""Coordinators approve or turn down a forum's volunteers, and set its volunteering
rules.

A pending volunteer (or one turned down earlier) can be approved; a pending or
approved one can be turned down, which takes them off the shifts that have not
started yet. One who withdrew decides for themselves. Each decision emails the
volunteer in their language. The rules (auto-approval, the drop cut-off, the
daily maximum of hours, the minimum rest, the advance window) are whole numbers
within sensible bounds.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.audit.services import AuditAction
from app.core import team_decisions as decisions
from app.core.i18n import isolated, localized
from app.core.team_decisions import check_bounds, check_decision, pending_first, record_decision
from app.extensions import db
from app.forums.models import Forum
from app.notifications.services import queue_email
from app.volunteers.messaging import volunteer_link
from app.volunteers.models import (
    ShiftSignup,
    Volunteer,
    VolunteeringPolicy,
    VolunteerStatus,
)
from app.volunteers.taking import policy_of, shift_starts

# The bounds of each rule: (lowest, highest); advance_days may also be empty.
POLICY_BOUNDS = {
    "drop_cutoff_hours": (0, 720),
    "max_hours_per_day": (1, 24),
    "min_rest_minutes": (0, 720),
    "advance_days": (0, 365),
}
APPROVED_SUBJECT = _l("You are a volunteer of the forum")
REJECTED_SUBJECT = _l("About your offer to volunteer")


def volunteers_of(
    forum: Forum,
    *,
    status: VolunteerStatus | None = None,
    language: str | None = None,
    skill: str | None = None,
) -> list[Volunteer]:
    """The forum's volunteers, pending first, then by name; filtered by status, a
    language they speak and a skill they have."""
    query = (
        sa.select(Volunteer)
        .join(User, User.id == Volunteer.user_id)
        .where(Volunteer.forum_id == forum.id)
        .options(selectinload(Volunteer.user))
        .order_by(User.name, Volunteer.id)
    )
    if status is not None:
        query = query.where(Volunteer.status == status)
    return pending_first(
        volunteer
        for volunteer in db.session.scalars(query)
        if (language is None or language in (volunteer.languages or []))
        and (skill is None or skill in (volunteer.skills or []))
    )


def status_counts(forum: Forum) -> dict[VolunteerStatus, int]:
    return decisions.status_counts(Volunteer, VolunteerStatus, forum)


def approve_volunteer(volunteer: Volunteer, *, by: User, now: datetime) -> None:
    """Approve a pending volunteer (or one turned down before) and tell them."""
    check_decision(volunteer, VolunteerStatus.APPROVED)
    _decide(volunteer, VolunteerStatus.APPROVED, by, now)
    _tell(volunteer, "volunteer_approved", APPROVED_SUBJECT, dropped=0)


def reject_volunteer(volunteer: Volunteer, *, by: User, now: datetime) -> int:
    """Turn a volunteer down and tell them; they leave the shifts that have not
    started yet. Returns how many sign-ups went."""
    check_decision(volunteer, VolunteerStatus.REJECTED)
    dropped = upcoming_signups(volunteer, now)
    for signup in dropped:
        db.session.delete(signup)
    _decide(volunteer, VolunteerStatus.REJECTED, by, now)
    _tell(volunteer, "volunteer_rejected", REJECTED_SUBJECT, dropped=len(dropped))
    return len(dropped)


def upcoming_signups(volunteer: Volunteer, now: datetime) -> list[ShiftSignup]:
    """The volunteer's sign-ups to shifts that have not started at ``now``."""
    return [signup for signup in volunteer.signups if shift_starts(signup.shift) > now]


def _decide(volunteer: Volunteer, status: VolunteerStatus, by: User, now: datetime) -> None:
    record_decision(volunteer, status, by=by, now=now, action=AuditAction.VOLUNTEER_DECIDED)


def _tell(volunteer: Volunteer, template: str, subject, **context) -> None:
    user, forum = volunteer.user, volunteer.forum
    queue_email(
        user.email,
        user.locale,
        template,
        subject,
        user=user,
        forum_name=isolated(localized(forum, "name", user.locale) or forum.slug),
        link=volunteer_link(forum),
        **context,
    )


@dataclass(frozen=True)
class PolicyDetails:
    auto_approve: bool
    drop_cutoff_hours: int
    max_hours_per_day: int
    min_rest_minutes: int
    advance_days: int | None


def update_policy(forum: Forum, details: PolicyDetails) -> VolunteeringPolicy:
    """Save the forum's volunteering rules (each within ``POLICY_BOUNDS``); they
    apply to shifts taken from now on."""
    check_bounds(vars(details), POLICY_BOUNDS, optional=("advance_days",))
    policy = db.session.get(VolunteeringPolicy, forum.id)
    if policy is None:
        policy = policy_of(forum)
        db.session.add(policy)
    for name in ("auto_approve", *POLICY_BOUNDS):
        setattr(policy, name, getattr(details, name))
    db.session.flush()
    return policy
