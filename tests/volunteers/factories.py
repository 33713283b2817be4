"""Factories for volunteers, teams, shifts and sign-ups, with valid defaults.

Times may be given as ``datetime.time`` or as "HH:MM" strings.
"""

import itertools
from datetime import date, time

import sqlalchemy as sa

from app.accounts.models import User
from app.extensions import db
from app.forums.models import Day, Forum
from app.volunteers.models import (
    Shift,
    ShiftSignup,
    Team,
    TeamApproval,
    Volunteer,
    VolunteerAvailability,
    VolunteerStatus,
)
from tests.factories import make_user

_sequence = itertools.count(1)


def as_time(value: time | str) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


def make_day(forum: Forum, on: date) -> Day:
    """The forum's day on ``on`` (created if it has none)."""
    day = db.session.scalar(sa.select(Day).where(Day.forum_id == forum.id, Day.date == on))
    if day is None:
        day = Day(forum_id=forum.id, date=on)
        db.session.add(day)
        db.session.flush()
    return day


def make_volunteer(forum: Forum, user: User | None = None, **fields) -> Volunteer:
    """An approved volunteer of ``forum`` speaking Arabic (fields override)."""
    values = {"status": VolunteerStatus.APPROVED, "languages": ["ar"], **fields}
    volunteer = Volunteer(forum_id=forum.id, user_id=(user or make_user()).id, **values)
    db.session.add(volunteer)
    db.session.flush()
    return volunteer


def make_team(forum: Forum, **fields) -> Team:
    """A team of ``forum`` with an English name, no approval or language needed."""
    values = {"name_en": f"Team {next(_sequence)}", **fields}
    team = Team(forum_id=forum.id, **values)
    db.session.add(team)
    db.session.flush()
    return team


def make_shift(
    team: Team, day: Day, starts: time | str, ends: time | str, places: int = 1, **fields
) -> Shift:
    """A shift of ``team`` on ``day`` from ``starts`` to ``ends`` (forum local time)."""
    shift = Shift(
        forum_id=team.forum_id,
        team_id=team.id,
        day_id=day.id,
        starts_at=as_time(starts),
        ends_at=as_time(ends),
        places_needed=places,
        **fields,
    )
    db.session.add(shift)
    db.session.flush()
    return shift


def make_signup(shift: Shift, volunteer: Volunteer, **fields) -> ShiftSignup:
    """``volunteer`` on ``shift``, written directly (no rule is checked)."""
    signup = ShiftSignup(shift_id=shift.id, volunteer_id=volunteer.id, **fields)
    db.session.add(signup)
    db.session.flush()
    return signup


def approve_for_team(team: Team, volunteer: Volunteer, by: User | None = None) -> TeamApproval:
    approval = TeamApproval(
        team_id=team.id, volunteer_id=volunteer.id, approved_by_id=by.id if by else None
    )
    db.session.add(approval)
    db.session.flush()
    return approval


def make_availability(
    volunteer: Volunteer, day: Day, starts: time | str | None = None, ends: time | str | None = None
) -> VolunteerAvailability:
    """``volunteer`` can work on ``day`` (all day, or between ``starts`` and ``ends``)."""
    availability = VolunteerAvailability(
        day_id=day.id,
        starts_at=as_time(starts) if starts is not None else None,
        ends_at=as_time(ends) if ends is not None else None,
    )
    volunteer.availability.append(availability)
    db.session.flush()
    return availability
