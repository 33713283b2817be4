"""What a volunteer sees of shifts: the free ones to take, and their own.

Free shifts are the forum's shifts that have not started (forum's local time),
still have a free place and are not already the volunteer's. The ones that fit
the volunteer come first: a team whose language they speak and whose approval
they have, on a day and between times they said they are available (one who gave
no availability is taken to be available whenever, as ``taking.is_available``);
then by day, time and team. Filters: team, day, the language a team needs.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import groupby

import sqlalchemy as sa

from app.core.pagination import Paged, page_count
from app.extensions import db
from app.forums.listing import zone_of
from app.forums.models import Day
from app.volunteers.models import (
    Shift,
    ShiftSignup,
    Team,
    TeamApproval,
    Volunteer,
    VolunteerAvailability,
    VolunteeringPolicy,
)
from app.volunteers.taking import drop_cutoff_of, policy_of, shift_starts

PER_PAGE = 20


@dataclass(frozen=True)
class ShiftFilters:
    team_id: int | None = None
    day_id: int | None = None
    language: str | None = None

    @property
    def as_arguments(self) -> dict:
        """The filters set, as URL arguments (to keep them across pages and forms)."""
        values = {"team": self.team_id, "day": self.day_id, "language": self.language}
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class FreeShift:
    shift: Shift
    free_places: int
    fits: bool


@dataclass(frozen=True)
class FreeShiftsPage(Paged):
    entries: list[FreeShift]
    page: int
    pages: int
    total: int


@dataclass(frozen=True)
class FilterChoices:
    """What the filters offer: the forum's teams and days with shifts, and the
    languages its teams need."""

    teams: list[Team]
    days: list[Day]
    languages: list[str]


def _taken(shift=Shift) -> sa.ScalarSelect:
    return (
        sa.select(sa.func.count(ShiftSignup.id))
        .where(ShiftSignup.shift_id == shift.id)
        .correlate(shift)
        .scalar_subquery()
    )


def _fits(volunteer: Volunteer) -> sa.ColumnElement[bool]:
    """The SQL form of "this shift fits the volunteer" (language, approval, availability)."""
    speaks = sa.or_(
        Team.required_language.is_(None),
        Team.required_language == "",
        Team.required_language.in_(list(volunteer.languages or [])),
    )
    approved = sa.or_(
        Team.requires_approval.is_(False),
        sa.exists().where(
            TeamApproval.team_id == Team.id, TeamApproval.volunteer_id == volunteer.id
        ),
    )
    if not volunteer.availability:
        return sa.and_(speaks, approved)
    available = sa.exists().where(
        VolunteerAvailability.volunteer_id == volunteer.id,
        VolunteerAvailability.day_id == Shift.day_id,
        sa.or_(
            VolunteerAvailability.starts_at.is_(None),
            VolunteerAvailability.starts_at <= Shift.starts_at,
        ),
        sa.or_(
            VolunteerAvailability.ends_at.is_(None),
            VolunteerAvailability.ends_at >= Shift.ends_at,
        ),
    )
    return sa.and_(speaks, approved, available)


def _aware(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def _not_started(timezone: str, now: datetime) -> sa.ColumnElement[bool]:
    local = _aware(now).astimezone(zone_of(timezone))
    return sa.or_(
        Day.date > local.date(),
        sa.and_(Day.date == local.date(), Shift.starts_at > local.time().replace(tzinfo=None)),
    )


def free_shifts(
    volunteer: Volunteer,
    *,
    now: datetime,
    filters: ShiftFilters = ShiftFilters(),
    page: int = 1,
    per_page: int = PER_PAGE,
) -> FreeShiftsPage | None:
    """Page ``page`` (from 1) of the shifts ``volunteer`` could take, the ones that
    fit them first; None past the last page (an empty list still has page 1)."""
    taken = _taken()
    fits = _fits(volunteer).label("fits")
    conditions = [
        Shift.forum_id == volunteer.forum_id,
        Shift.places_needed > taken,
        _not_started(volunteer.forum.timezone, now),
        ~sa.exists().where(
            ShiftSignup.shift_id == Shift.id, ShiftSignup.volunteer_id == volunteer.id
        ),
    ]
    if filters.team_id:
        conditions.append(Shift.team_id == filters.team_id)
    if filters.day_id:
        conditions.append(Shift.day_id == filters.day_id)
    if filters.language:
        conditions.append(Team.required_language == filters.language)
    query = (
        sa.select(Shift, (Shift.places_needed - taken).label("free"), fits)
        .join(Team, Shift.team_id == Team.id)
        .join(Day, Shift.day_id == Day.id)
        .where(*conditions)
    )
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    pages = page_count(total, per_page)
    if page < 1 or page > pages:
        return None
    rows = db.session.execute(
        query.order_by(
            sa.case((fits, 0), else_=1),
            Day.date,
            Shift.starts_at,
            Team.position,
            Team.id,
            Shift.id,
        )
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    entries = [FreeShift(shift, free, bool(fit)) for shift, free, fit in rows]
    return FreeShiftsPage(entries, page, pages, total)


def filter_choices(forum_id: int) -> FilterChoices:
    """The forum's teams and days that have shifts, and the languages its teams need."""
    teams = db.session.scalars(
        sa.select(Team)
        .where(Team.forum_id == forum_id, sa.exists().where(Shift.team_id == Team.id))
        .order_by(Team.position, Team.id)
    ).all()
    days = db.session.scalars(
        sa.select(Day)
        .where(Day.forum_id == forum_id, sa.exists().where(Shift.day_id == Day.id))
        .order_by(Day.date)
    ).all()
    languages = db.session.scalars(
        sa.select(Team.required_language)
        .where(Team.forum_id == forum_id, Team.required_language.is_not(None))
        .distinct()
        .order_by(Team.required_language)
    ).all()
    return FilterChoices(list(teams), list(days), [code for code in languages if code])


@dataclass(frozen=True)
class HeldShift:
    """One of the volunteer's shifts, with whether they may still drop it themselves."""

    signup: ShiftSignup
    shift: Shift
    starts: datetime
    can_drop: bool
    started: bool
    drop_until: datetime


@dataclass(frozen=True)
class HeldDay:
    date: date
    shifts: list[HeldShift]


def held_shift(
    signup: ShiftSignup, now: datetime, policy: VolunteeringPolicy | None = None
) -> HeldShift:
    shift, now = signup.shift, _aware(now)
    policy = policy or policy_of(shift.forum)
    starts, cutoff = shift_starts(shift), drop_cutoff_of(shift, policy)
    return HeldShift(signup, shift, starts, now <= cutoff, starts <= now, cutoff)


def held_signups(volunteer: Volunteer) -> list[ShiftSignup]:
    """The volunteer's sign-ups in day and time order."""
    return list(
        db.session.scalars(
            sa.select(ShiftSignup)
            .join(Shift, ShiftSignup.shift_id == Shift.id)
            .join(Day, Shift.day_id == Day.id)
            .join(Team, Shift.team_id == Team.id)
            .where(ShiftSignup.volunteer_id == volunteer.id, Shift.forum_id == volunteer.forum_id)
            .order_by(Day.date, Shift.starts_at, Team.position, Shift.id)
        )
    )


def my_shifts(volunteer: Volunteer, *, now: datetime) -> list[HeldDay]:
    """The volunteer's shifts by day (earliest first), each saying whether it can
    still be dropped (until the forum's cut-off before it starts)."""
    policy = policy_of(volunteer.forum)
    held = [held_shift(signup, now, policy) for signup in held_signups(volunteer)]
    return [
        HeldDay(day, list(shifts))
        for day, shifts in groupby(held, key=lambda item: item.shift.day.date)
    ]
