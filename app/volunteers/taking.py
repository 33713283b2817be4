"""Taking and dropping a shift; never more sign-ups than places.

The rules (app/volunteers/taking_rules.py) refuse a take with every issue in the
way. A coordinator may override every rule but two, with a reason that is kept:
a shift is never overbooked and never taken twice by one volunteer.

Never overbooked: taking locks the shift's row (PostgreSQL; SQLite writes one at
a time anyway) before counting its sign-ups, so concurrent takers of one shift
count one after the other; the unique (shift, volunteer) constraint catches the
same volunteer taking it twice at once.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.extensions import db
from app.volunteers.messaging import tell_taken_off
from app.volunteers.models import Shift, ShiftSignup, Volunteer
from app.volunteers.taking_rules import (
    NEVER_OVERRIDDEN,
    ShiftIssue,
    ShiftProblem,
    aware_utc,
    drop_cutoff_of,
    holds_shift,
    is_available,
    opening_of,
    policy_of,
    shift_issues,
    shift_starts,
    shift_warnings,
    taken_places,
)

__all__ = [  # the rules are part of this module's API too
    "NEVER_OVERRIDDEN",
    "ShiftIssue",
    "ShiftProblem",
    "ShiftRefused",
    "drop_cutoff_of",
    "drop_shift",
    "holds_shift",
    "is_available",
    "opening_of",
    "policy_of",
    "shift_issues",
    "shift_starts",
    "shift_warnings",
    "take_shift",
    "taken_places",
]


class ShiftRefused(Exception):
    def __init__(self, issues: list[ShiftIssue]):
        super().__init__(", ".join(str(issue.problem) for issue in issues))
        self.issues = issues

    @property
    def problems(self) -> set[ShiftProblem]:
        return {issue.problem for issue in self.issues}


def _lock(shift: Shift, volunteer: Volunteer) -> None:
    """Lock the shift's row, then the volunteer's (always in this order), and read
    the shift afresh: concurrent takers of one shift, or one volunteer's concurrent
    takes, now run one after the other."""
    db.session.execute(
        sa.select(Shift)
        .where(Shift.id == shift.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    db.session.execute(
        sa.select(Volunteer.id).where(Volunteer.id == volunteer.id).with_for_update(key_share=True)
    )


def _between_count_and_insert() -> None:
    """Nothing; the negative-control race test widens the race window here."""


def _override(issues: list[ShiftIssue], reason: str | None) -> str:
    """The reason that lets the issues pass, or ShiftRefused."""
    reason = (reason or "").strip()
    if any(issue.problem in NEVER_OVERRIDDEN for issue in issues) or (issues and not reason):
        raise ShiftRefused(issues)
    return reason


def take_shift(
    volunteer: Volunteer,
    shift: Shift,
    *,
    now: datetime,
    by: User,
    override_reason: str | None = None,
    lock: bool = True,
) -> ShiftSignup:
    """Put ``volunteer`` on ``shift`` (``by``: they themselves, or a coordinator
    assigning them). Refused with every issue in the way (``ShiftRefused``), unless
    ``override_reason`` is given (coordinators only: the caller checks), which is
    kept on the sign-up and in the audit log; FULL and ALREADY_TAKEN are never
    overridden. ``lock=False`` exists only to prove the race tests catch races."""
    if lock:
        _lock(shift, volunteer)
    issues = shift_issues(volunteer, shift, now=now)
    reason = _override(issues, override_reason)
    _between_count_and_insert()
    signup = ShiftSignup(
        shift_id=shift.id,
        volunteer_id=volunteer.id,
        created_by_id=by.id,
        override_reason=reason if issues else None,
    )
    try:
        with db.session.begin_nested():
            db.session.add(signup)
    except IntegrityError:
        if not holds_shift(volunteer, shift):  # another constraint: a bug, not a race
            raise
        raise ShiftRefused([ShiftIssue(ShiftProblem.ALREADY_TAKEN)]) from None
    for issue in issues:
        record(
            AuditAction.SHIFT_RULE_OVERRIDDEN,
            actor=by,
            obj=signup,
            forum=shift.forum,
            rule=str(issue.problem),
            shift_id=shift.id,
            volunteer_id=volunteer.id,
        )
    db.session.flush()
    return signup


def drop_shift(
    signup: ShiftSignup, *, now: datetime, by: User, override_reason: str | None = None
) -> None:
    """Take the volunteer off the shift, until the forum's cut-off before it starts;
    after it, only with ``override_reason`` (coordinators only: the caller checks),
    which the audit log records as an overridden rule. Taken off by someone else (a
    coordinator), the volunteer is emailed, with that reason."""
    shift = signup.shift
    policy = policy_of(shift.forum)
    reason = None
    if aware_utc(now) > drop_cutoff_of(shift, policy):
        issue = ShiftIssue(ShiftProblem.PAST_CUTOFF, numbers=(policy.drop_cutoff_hours,))
        reason = _override([issue], override_reason)
        record(
            AuditAction.SHIFT_RULE_OVERRIDDEN,
            actor=by,
            obj=signup,
            forum=shift.forum,
            rule=str(issue.problem),
            shift_id=shift.id,
            volunteer_id=signup.volunteer_id,
        )
    if by.id != signup.volunteer.user_id:
        tell_taken_off(signup, reason)  # a coordinator took them off
    db.session.delete(signup)
    db.session.flush()
