"""The demo's volunteers of the 4th season, built through the volunteers services
as coordinators and volunteers would have built them in November 2017.

About thirty volunteers (three waiting for a coordinator, one turned down), six
teams (the media team needs approval, the guides English, the room hosts follow
the published programme), shifts over the three days, sign-ups taken before the
forum under the rules (some places left: the coverage page has gaps to show),
one rule overridden by the coordinator, and the first morning checked in, with
hours and a no-show. The demo volunteer account holds two shifts.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from app.accounts.models import User
from app.core.db import utcnow
from app.core.feed_addresses import new_feed_nonce
from app.demo.volunteers_data import (
    DEMO_SHIFTS,
    DEMO_VOLUNTEER,
    MEDIA_TEAM,
    OVERRIDE,
    SHIFTS,
    STEWARDS_AREA,
    STEWARDS_PLACES,
    TEAMS,
    VOLUNTEERS,
)
from app.extensions import db
from app.forums.models import Forum
from app.volunteers.approval import PolicyDetails, update_policy
from app.volunteers.checkin import check_in, mark_no_show, record_minutes
from app.volunteers.models import (
    ContactPreference,
    Shift,
    ShiftSignup,
    Team,
    Volunteer,
    VolunteerAvailability,
    VolunteerStatus,
)
from app.volunteers.shifts import (
    ShiftDetails,
    create_room_host_shifts,
    create_shift,
    create_shifts_from_slots,
    local_moment,
    shifts_of,
)
from app.volunteers.signup import DayAvailability, VolunteerDetails, check_details
from app.volunteers.taking import ShiftProblem, ShiftRefused, is_available, shift_issues, take_shift
from app.volunteers.teams import TeamDetails, create_team, grant_team_approval

EMAIL_DOMAIN = "volunteers.isf-demo.example.org"
# Auto-approval off, drops until a day before, 8 hours a day, a quarter of an hour
# between shifts, shifts open two weeks before their day.
POLICY = PolicyDetails(False, 24, 8, 15, 14)
# When they signed up, were decided on, and took their shifts (UTC).
SIGNED_UP = datetime(2017, 10, 18, 9, 0, tzinfo=UTC)
TAKING = datetime(2017, 11, 19, 9, 0, tzinfo=UTC)
# Hours written by hand on the first morning: (team, minutes) for its first sign-up.
MINUTES = (("registration", 300), ("logistics", 180))


@dataclass(frozen=True)
class VolunteersSeeded:
    volunteers: int
    pending: int
    teams: int
    shifts: int
    places: int
    taken: int


def seed_volunteers(forum: Forum, coordinator: User, demo_volunteer: User) -> VolunteersSeeded:
    """Build the season's volunteering once; running it again changes nothing."""
    built = sa.or_(
        sa.exists().where(Team.forum_id == forum.id),
        sa.exists().where(Volunteer.forum_id == forum.id),
    )
    if db.session.scalar(sa.select(built)):
        return summary_of(forum)
    update_policy(forum, POLICY)
    teams = {key: _team(forum, row) for key, row in TEAMS.items()}
    _create_shifts(forum, teams)
    shifts = shifts_of(forum)
    demo = _volunteer(forum, demo_volunteer, "approved", DEMO_VOLUNTEER, coordinator, 0)
    people = {}
    password_hash = demo_volunteer.password_hash
    for number, row in enumerate(VOLUNTEERS, start=1):
        name, local, locale, *details, status, availability, wanted, count = row
        user = _user(name, local, locale, password_hash)
        volunteer = _volunteer(forum, user, status, (*details, availability), coordinator, number)
        people[local] = (volunteer, (wanted, count))
    for local in MEDIA_TEAM:
        grant_team_approval(teams["media"], people[local][0], by=coordinator)
    taken = {shift.id: 0 for shift in shifts}
    for key, day in DEMO_SHIFTS:
        mine = [s for s in shifts if s.team_id == teams[key].id and s.day_id == forum.days[day].id]
        _take(demo, mine, 1, taken, TAKING)
    for number, (volunteer, (wanted, count)) in enumerate(people.values(), start=1):
        mine = [s for s in shifts if s.team_id in {teams[key].id for key in wanted}]
        _take(volunteer, mine, count, taken, TAKING + timedelta(hours=number))
    _override(people[OVERRIDE[0]][0], teams[OVERRIDE[1]], coordinator, taken)
    _first_morning(forum, coordinator, demo, teams)
    return summary_of(forum)


def summary_of(forum: Forum) -> VolunteersSeeded:
    """What the forum's volunteering holds, for the seed command's report."""

    def count(query) -> int:
        return db.session.scalar(query) or 0

    of_forum = Volunteer.forum_id == forum.id
    return VolunteersSeeded(
        volunteers=count(sa.select(sa.func.count(Volunteer.id)).where(of_forum)),
        pending=count(
            sa.select(sa.func.count(Volunteer.id)).where(
                of_forum, Volunteer.status == VolunteerStatus.PENDING
            )
        ),
        teams=count(sa.select(sa.func.count(Team.id)).where(Team.forum_id == forum.id)),
        shifts=count(sa.select(sa.func.count(Shift.id)).where(Shift.forum_id == forum.id)),
        places=count(sa.select(sa.func.sum(Shift.places_needed)).where(Shift.forum_id == forum.id)),
        taken=count(
            sa.select(sa.func.count(ShiftSignup.id))
            .join(Shift, Shift.id == ShiftSignup.shift_id)
            .where(Shift.forum_id == forum.id)
        ),
    )


def _team(forum: Forum, row) -> Team:
    name_ar, name_ckb, name_en, description, approval, language, hosts = row
    return create_team(
        forum,
        TeamDetails(name_ar, name_ckb, name_en, description, approval, language, hosts),
    )


def _create_shifts(forum: Forum, teams: dict[str, Team]) -> None:
    """Mornings and afternoons for most teams, one per session slot for the stewards,
    one per published session for the room hosts."""
    for key, (area, days) in SHIFTS.items():
        for day, shifts in zip(forum.days, days, strict=True):
            for starts_at, ends_at, places in shifts:
                details = ShiftDetails(teams[key], day, starts_at, ends_at, places, area=area)
                create_shift(forum, details)
    create_shifts_from_slots(
        forum, teams["stewards"], places_needed=STEWARDS_PLACES, area=STEWARDS_AREA
    )
    create_room_host_shifts(forum, teams["hosts"])


def _user(name: str, local: str, locale: str, password_hash: str) -> User:
    """A volunteer's account; they sign in with the demo password too (one hash for
    all: hashing thirty times would slow the seed down for nothing)."""
    user = User(
        email=f"{local}@{EMAIL_DOMAIN}",
        name=name,
        locale=locale,
        password_hash=password_hash,
        email_verified_at=utcnow(),
    )
    db.session.add(user)
    db.session.flush()
    return user


def _volunteer(
    forum: Forum, user: User, status: str, details, coordinator: User, number: int
) -> Volunteer:
    """A volunteer as the sign-up form would have kept them, then decided on."""
    languages, skills, phone, contact, availability = details
    given = VolunteerDetails(
        languages=tuple(languages),
        skills=tuple(skills),
        availability=tuple(
            DayAvailability(forum.days[day].id, starts, ends) for day, starts, ends in availability
        ),
        phone=phone,
        contact_preference=ContactPreference(contact),
    )
    cleaned, errors = check_details(forum, given)
    if errors:
        raise ValueError(f"demo volunteer {user.email}: {errors}")
    signed_up = SIGNED_UP + timedelta(days=number // 2, hours=number)
    volunteer = Volunteer(
        forum_id=forum.id,
        user_id=user.id,
        status=VolunteerStatus(status),
        languages=list(cleaned.languages),
        skills=list(cleaned.skills),
        phone=cleaned.phone,
        contact_preference=cleaned.contact_preference,
        created_at=signed_up,
        feed_nonce=new_feed_nonce(),
    )
    if volunteer.status is not VolunteerStatus.PENDING:
        volunteer.decided_at = signed_up + timedelta(days=2)
        volunteer.decided_by_id = coordinator.id
    for available in cleaned.availability:
        volunteer.availability.append(
            VolunteerAvailability(
                day_id=available.day_id, starts_at=available.starts_at, ends_at=available.ends_at
            )
        )
    db.session.add(volunteer)
    db.session.flush()
    return volunteer


def _take(
    volunteer: Volunteer, shifts: list[Shift], count: int, taken: dict[int, int], now: datetime
) -> None:
    """The volunteer takes up to ``count`` of ``shifts`` that fit their availability,
    the emptiest first (as the free-shifts list nudges them); the rules refuse the
    ones that overlap or tire them, which they pass over."""
    candidates = [s for s in shifts if is_available(volunteer, s)]
    held = 0
    while held < count and candidates:
        candidates.sort(
            key=lambda s: (taken[s.id] / s.places_needed, s.day.date, s.starts_at, s.id)
        )
        shift = candidates.pop(0)
        if taken[shift.id] >= shift.places_needed:
            continue
        try:
            signup = take_shift(volunteer, shift, now=now, by=volunteer.user)
        except ShiftRefused:
            continue
        signup.created_at = now
        taken[shift.id] += 1
        held += 1
    db.session.flush()


def _override(volunteer: Volunteer, team: Team, coordinator: User, taken: dict[int, int]) -> None:
    """The coordinator puts the volunteer on a shift only their language kept them from."""
    for shift in shifts_of(volunteer.forum, team=team):
        issues = shift_issues(volunteer, shift, now=TAKING)
        if {issue.problem for issue in issues} == {ShiftProblem.LANGUAGE_MISSING}:
            signup = take_shift(
                volunteer, shift, now=TAKING, by=coordinator, override_reason=OVERRIDE[2]
            )
            signup.created_at = TAKING + timedelta(days=3)
            taken[shift.id] += 1
            return


def _first_morning(
    forum: Forum, coordinator: User, demo: Volunteer, teams: dict[str, Team]
) -> None:
    """The first morning's volunteers checked in as they came, ten minutes early; one
    did not come; two had their hours written by hand."""
    first_day = forum.days[0]
    morning = list(
        db.session.scalars(
            sa.select(ShiftSignup)
            .join(Shift, Shift.id == ShiftSignup.shift_id)
            .where(Shift.day_id == first_day.id, Shift.starts_at < time(12, 0))
            .order_by(Shift.starts_at, Shift.id, ShiftSignup.id)
        )
    )
    missing = next(s for s in reversed(morning) if s.volunteer_id != demo.id)
    for signup in morning:
        starts = local_moment(forum, first_day, signup.shift.starts_at)
        if signup is missing:
            mark_no_show(signup, now=starts + timedelta(minutes=30))
        else:
            check_in(signup, by=coordinator, now=starts - timedelta(minutes=10))
    for key, minutes in MINUTES:
        signup = next(
            s for s in morning if s.shift.team_id == teams[key].id and s.checked_in_at is not None
        )
        record_minutes(signup, minutes)
