"""The rules of taking a shift: which stop a volunteer, and when a shift starts,
opens and can no longer be dropped.

A volunteer may take a shift that is not full, not taken by them already, of a
team whose language and approval they have, not started yet, open for taking
(the forum's advance window), not overlapping another of their shifts (back to
back is fine: intervals are half-open), with the forum's minimum rest around it
and within its daily maximum of hours; and they must be approved for the forum.
The availability they gave is a warning only, for sorting and showing.

Times: a shift's day and times are in the forum's time zone; ``now`` is an aware
UTC datetime (a naive one is taken as UTC).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

import sqlalchemy as sa

from app.core.intervals import Interval
from app.extensions import db
from app.forums.listing import zone_of
from app.forums.models import Forum
from app.volunteers.models import (
    Shift,
    ShiftSignup,
    Team,
    TeamApproval,
    Volunteer,
    VolunteeringPolicy,
    VolunteerStatus,
)


class ShiftProblem(StrEnum):
    FULL = "full"
    ALREADY_TAKEN = "already_taken"
    NOT_APPROVED = "not_approved"  # the volunteer is not (or no longer) approved for the forum
    OVERLAP = "overlap"
    REST_TOO_SHORT = "rest_too_short"
    TOO_MANY_HOURS = "too_many_hours"
    LANGUAGE_MISSING = "language_missing"
    TEAM_APPROVAL_MISSING = "team_approval_missing"
    IN_THE_PAST = "in_the_past"
    NOT_YET_OPEN = "not_yet_open"
    PAST_CUTOFF = "past_cutoff"  # dropping
    # A warning, never a refusal: the shift is outside the availability they gave.
    NOT_AVAILABLE = "not_available"


# Not even a coordinator overrides these: places are places, and one person is
# on a shift once.
NEVER_OVERRIDDEN = frozenset({ShiftProblem.FULL, ShiftProblem.ALREADY_TAKEN})


@dataclass(frozen=True)
class ShiftIssue:
    """One rule in the way. ``other_shift_id``: the volunteer's shift it clashes
    with (OVERLAP, REST_TOO_SHORT). ``numbers``: REST_TOO_SHORT (minimum rest,
    actual gap) in minutes; TOO_MANY_HOURS (maximum hours, minutes that day);
    NOT_YET_OPEN (year, month, day) the shifts of that day open on; PAST_CUTOFF
    (cut-off hours,). ``language``: the code LANGUAGE_MISSING asks for."""

    problem: ShiftProblem
    other_shift_id: int | None = None
    numbers: tuple[int, ...] = ()
    language: str | None = None


def _column_defaults() -> dict:
    return {
        column.key: column.default.arg
        for column in VolunteeringPolicy.__table__.columns
        if column.default is not None
    }


def policy_of(forum: Forum) -> VolunteeringPolicy:
    """The forum's volunteering rules; the defaults (not added to the session) when
    it has none saved."""
    saved = db.session.get(VolunteeringPolicy, forum.id)
    if saved is not None:
        return saved
    return VolunteeringPolicy(forum_id=forum.id, advance_days=None, **_column_defaults())


def aware_utc(now: datetime) -> datetime:
    """``now`` as an aware datetime (a naive one is taken as UTC)."""
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def shift_starts(shift: Shift) -> datetime:
    """When the shift starts, as an aware datetime in its forum's time zone."""
    return datetime.combine(shift.day.date, shift.starts_at, tzinfo=zone_of(shift.forum.timezone))


def opening_of(shift: Shift, policy: VolunteeringPolicy) -> datetime | None:
    """From when the shifts of ``shift``'s day may be taken (midnight, forum time)."""
    if policy.advance_days is None:
        return None
    opens_on = shift.day.date - timedelta(days=policy.advance_days)
    return datetime.combine(opens_on, time.min, tzinfo=zone_of(shift.forum.timezone))


def drop_cutoff_of(shift: Shift, policy: VolunteeringPolicy) -> datetime:
    """After this moment a volunteer can no longer drop the shift themselves."""
    return shift_starts(shift) - timedelta(hours=policy.drop_cutoff_hours)


def _minutes(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def _held_that_day(volunteer: Volunteer, shift: Shift) -> list[Shift]:
    """The volunteer's other shifts on the same day."""
    return list(
        db.session.scalars(
            sa.select(Shift)
            .join(ShiftSignup, ShiftSignup.shift_id == Shift.id)
            .where(
                ShiftSignup.volunteer_id == volunteer.id,
                Shift.day_id == shift.day_id,
                Shift.id != shift.id,
            )
            .order_by(Shift.starts_at, Shift.id)
        )
    )


def _time_issues(shift: Shift, held: list[Shift], policy: VolunteeringPolicy) -> list[ShiftIssue]:
    """Overlap, rest and hours against the volunteer's other shifts of the day."""
    issues = []
    this = Interval(shift.starts_at, shift.ends_at)
    for other in held:
        that = Interval(other.starts_at, other.ends_at)
        if this.overlaps(that):
            issues.append(ShiftIssue(ShiftProblem.OVERLAP, other_shift_id=other.id))
            continue
        gap = (
            _minutes(that.end, this.start)
            if that.end <= this.start
            else _minutes(this.end, that.start)
        )
        if gap < policy.min_rest_minutes:
            issues.append(
                ShiftIssue(
                    ShiftProblem.REST_TOO_SHORT,
                    other_shift_id=other.id,
                    numbers=(policy.min_rest_minutes, gap),
                )
            )
    worked = _minutes(shift.starts_at, shift.ends_at) + sum(
        _minutes(other.starts_at, other.ends_at) for other in held
    )
    if worked > policy.max_hours_per_day * 60:
        issues.append(
            ShiftIssue(ShiftProblem.TOO_MANY_HOURS, numbers=(policy.max_hours_per_day, worked))
        )
    return issues


def _moment_issues(shift: Shift, now: datetime, policy: VolunteeringPolicy) -> list[ShiftIssue]:
    if shift_starts(shift) < now:
        return [ShiftIssue(ShiftProblem.IN_THE_PAST)]
    opening = opening_of(shift, policy)
    if opening is not None and now < opening:
        day = opening.date()
        return [ShiftIssue(ShiftProblem.NOT_YET_OPEN, numbers=(day.year, day.month, day.day))]
    return []


def _team_issues(volunteer: Volunteer, team: Team) -> list[ShiftIssue]:
    issues = []
    if team.required_language and team.required_language not in (volunteer.languages or []):
        issues.append(ShiftIssue(ShiftProblem.LANGUAGE_MISSING, language=team.required_language))
    if team.requires_approval and not db.session.scalar(
        sa.select(
            sa.exists().where(
                TeamApproval.team_id == team.id, TeamApproval.volunteer_id == volunteer.id
            )
        )
    ):
        issues.append(ShiftIssue(ShiftProblem.TEAM_APPROVAL_MISSING))
    return issues


def taken_places(shift: Shift) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(ShiftSignup).where(ShiftSignup.shift_id == shift.id)
    )


def holds_shift(volunteer: Volunteer, shift: Shift) -> bool:
    return db.session.scalar(
        sa.select(
            sa.exists().where(
                ShiftSignup.shift_id == shift.id, ShiftSignup.volunteer_id == volunteer.id
            )
        )
    )


def shift_issues(
    volunteer: Volunteer,
    shift: Shift,
    *,
    now: datetime,
    policy: VolunteeringPolicy | None = None,
) -> list[ShiftIssue]:
    """Every rule that stops ``volunteer`` taking ``shift`` at ``now`` (empty: they
    may). FULL and ALREADY_TAKEN come first. Availability is not a rule: see
    ``shift_warnings``."""
    if volunteer.forum_id != shift.forum_id:
        raise ValueError("a volunteer takes shifts of their own forum only")
    policy = policy or policy_of(shift.forum)
    now = aware_utc(now)
    issues = []
    if holds_shift(volunteer, shift):
        issues.append(ShiftIssue(ShiftProblem.ALREADY_TAKEN))
    elif taken_places(shift) >= shift.places_needed:
        issues.append(ShiftIssue(ShiftProblem.FULL))
    if volunteer.status != VolunteerStatus.APPROVED:
        issues.append(ShiftIssue(ShiftProblem.NOT_APPROVED))
    issues += _team_issues(volunteer, shift.team)
    issues += _moment_issues(shift, now, policy)
    issues += _time_issues(shift, _held_that_day(volunteer, shift), policy)
    return issues


def is_available(volunteer: Volunteer, shift: Shift) -> bool:
    """Whether the shift lies within the availability the volunteer gave (one who
    gave none is taken to be available whenever)."""
    if not volunteer.availability:
        return True
    for available in volunteer.availability:
        if available.day_id != shift.day_id:
            continue
        starts = available.starts_at or time.min
        if starts <= shift.starts_at and (
            available.ends_at is None or shift.ends_at <= available.ends_at
        ):
            return True
    return False


def shift_warnings(volunteer: Volunteer, shift: Shift) -> list[ShiftIssue]:
    """What does not stop taking the shift but is worth showing (and sorting by)."""
    if is_available(volunteer, shift):
        return []
    return [ShiftIssue(ShiftProblem.NOT_AVAILABLE)]
