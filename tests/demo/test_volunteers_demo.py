"""The demo's volunteers of the 4th season: about thirty, in teams with shifts over
the three days, never overbooked, no one on two overlapping shifts, gaps left for
the coverage page, the first morning checked in; the demo volunteer holds shifts;
seeding again changes nothing, and the whole seed stays quick."""

from collections import defaultdict
from itertools import combinations

import sqlalchemy as sa

from app.accounts.models import User
from app.core.intervals import Interval
from app.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET
from app.extensions import db
from app.forums.models import Forum
from app.scheduling.publishing import published_programme
from app.volunteers.models import (
    Shift,
    ShiftSignup,
    Team,
    TeamApproval,
    Volunteer,
    VolunteerAvailability,
    VolunteeringPolicy,
    VolunteerStatus,
)
from app.volunteers.shifts import shifts_of
from app.volunteers.signup import volunteer_of
from app.volunteers.taking import policy_of
from tests.helpers import log_in

DEMO_VOLUNTEER = "volunteer@isf-demo.example.org"
COORDINATOR = "volunteers@isf-demo.example.org"
MODELS = (User, Volunteer, VolunteerAvailability, Team, TeamApproval, Shift, ShiftSignup)


def _seed(app) -> str:
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return result.output


def _season() -> Forum:
    return db.session.scalar(sa.select(Forum).where(Forum.slug == "isf-4"))


def _volunteers(forum: Forum) -> list[Volunteer]:
    return list(db.session.scalars(sa.select(Volunteer).where(Volunteer.forum_id == forum.id)))


def _signups(forum: Forum) -> list[ShiftSignup]:
    query = (
        sa.select(ShiftSignup)
        .join(Shift, Shift.id == ShiftSignup.shift_id)
        .where(Shift.forum_id == forum.id)
    )
    return list(db.session.scalars(query))


def test_the_season_has_about_thirty_volunteers_most_approved(app, ctx):
    output = _seed(app)
    season = _season()
    volunteers = _volunteers(season)
    statuses = [v.status for v in volunteers]
    assert 28 <= len(volunteers) <= 32
    assert statuses.count(VolunteerStatus.PENDING) == 3
    assert statuses.count(VolunteerStatus.REJECTED) == 1
    assert statuses.count(VolunteerStatus.APPROVED) == len(volunteers) - 4
    assert f"Volunteers of the 4th season: {len(volunteers)} (3 pending)" in output
    languages = {code for v in volunteers for code in v.languages}
    assert {"ar", "ckb", "en"} <= languages
    assert all(v.availability and v.feed_nonce for v in volunteers)
    assert all(v.phone is None or v.phone.startswith("+964") for v in volunteers)
    policy = policy_of(season)
    assert db.session.get(VolunteeringPolicy, season.id) is policy
    assert (policy.auto_approve, policy.drop_cutoff_hours, policy.max_hours_per_day) == (
        False,
        24,
        8,
    )


def test_the_volunteers_accounts_share_one_password_hash(app, ctx):
    """Thirty Argon2 hashes would slow the seed down; they sign in with the demo password."""
    _seed(app)
    users = [v.user for v in _volunteers(_season())]
    assert len({user.email for user in users}) == len(users)
    assert len({user.password_hash for user in users}) == 1
    assert {user.locale for user in users} == {"ar", "ckb", "en"}


def test_the_teams_have_shifts_over_the_three_days(app, ctx):
    _seed(app)
    season = _season()
    teams = list(db.session.scalars(sa.select(Team).where(Team.forum_id == season.id)))
    assert len(teams) == 6
    assert all(team.name_ar and team.name_ckb and team.name_en for team in teams)
    assert [team.name_en for team in teams if team.requires_approval] == ["Media"]
    assert {team.name_en: team.required_language for team in teams}["Guides"] == "en"
    (hosts,) = [team for team in teams if team.hosts_rooms]
    for team in teams:
        assert {shift.day_id for shift in shifts_of(season, team=team)} == {
            day.id for day in season.days
        }
    sessions = published_programme(season).sessions
    host_shifts = shifts_of(season, team=hosts)
    assert len(host_shifts) == len(sessions)
    assert {(s.activity_id, s.room_id, s.starts_at) for s in host_shifts} == {
        (s.activity_id, s.room_id, s.starts_at) for s in sessions
    }


def test_no_shift_is_overbooked_and_coverage_has_gaps(app, ctx):
    _seed(app)
    shifts = shifts_of(_season())
    assert all(len(shift.signups) <= shift.places_needed for shift in shifts)
    assert any(len(shift.signups) == shift.places_needed for shift in shifts)
    gaps = [shift for shift in shifts if len(shift.signups) < shift.places_needed]
    assert gaps
    taken = sum(len(shift.signups) for shift in shifts)
    places = sum(shift.places_needed for shift in shifts)
    assert 0.6 * places <= taken < places


def test_no_volunteer_holds_two_overlapping_shifts_or_works_too_long(app, ctx):
    _seed(app)
    season = _season()
    policy = policy_of(season)
    held = defaultdict(list)
    for signup in _signups(season):
        held[signup.volunteer_id, signup.shift.day_id].append(signup.shift)
    assert held
    for shifts in held.values():
        assert sum(_length(shift) for shift in shifts) <= policy.max_hours_per_day * 60
        for one, other in combinations(sorted(shifts, key=lambda s: s.starts_at), 2):
            assert not Interval(one.starts_at, one.ends_at).overlaps(
                Interval(other.starts_at, other.ends_at)
            )
            rest = _minutes(other.starts_at) - _minutes(one.ends_at)
            assert rest >= policy.min_rest_minutes


def test_only_approved_volunteers_hold_shifts_and_the_team_rules_hold(app, ctx):
    """But for the one sign-up the coordinator made overriding a rule, with a reason."""
    _seed(app)
    signups = _signups(_season())
    assert {s.volunteer.status for s in signups} == {VolunteerStatus.APPROVED}
    (overridden,) = [s for s in signups if s.override_reason]
    assert overridden.shift.team.required_language not in overridden.volunteer.languages
    for signup in signups:
        team, volunteer = signup.shift.team, signup.volunteer
        if signup is overridden:
            continue
        assert team.required_language in (None, *volunteer.languages)
        if team.requires_approval:
            assert any(a.volunteer_id == volunteer.id for a in team.approvals)


def test_the_demo_volunteer_is_approved_with_shifts(app, ctx):
    _seed(app)
    user = db.session.scalar(sa.select(User).where(User.email == DEMO_VOLUNTEER))
    volunteer = volunteer_of(_season(), user)
    assert volunteer.status is VolunteerStatus.APPROVED
    assert len(volunteer.signups) >= 2


def test_the_demo_accounts_see_their_shifts_and_the_coverage(app):
    _seed(app)
    volunteer = app.test_client()
    log_in(volunteer, DEMO_VOLUNTEER, DEMO_PASSWORD)
    page = volunteer.get("/isf-4/volunteer/my-shifts")
    assert page.status_code == 200
    assert "Guides" in page.text  # the account reads English
    one_of_them = app.test_client()
    log_in(one_of_them, "maryam.hassan@volunteers.isf-demo.example.org", DEMO_PASSWORD)
    assert one_of_them.get("/isf-4/volunteer/my-shifts").status_code == 200
    coordinator = app.test_client()
    log_in(coordinator, COORDINATOR, DEMO_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    assert coordinator.get("/isf-4/staff/volunteers/coverage").status_code == 200


def test_the_first_morning_is_checked_in_with_one_no_show(app, ctx):
    _seed(app)
    season = _season()
    signups = _signups(season)
    checked_in = [s for s in signups if s.checked_in_at is not None]
    assert checked_in
    assert {s.shift.day_id for s in checked_in} == {season.days[0].id}
    assert all(s.minutes_worked is not None for s in checked_in)
    assert any(s.minutes_worked != _length(s.shift) for s in checked_in)
    (no_show,) = [s for s in signups if s.no_show]
    assert no_show.checked_in_at is None
    assert no_show.minutes_worked is None


def _minutes(at) -> int:
    return at.hour * 60 + at.minute


def _length(shift: Shift) -> int:
    return _minutes(shift.ends_at) - _minutes(shift.starts_at)


def test_seeding_again_changes_nothing(app, ctx):
    _seed(app)
    counts = [db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in MODELS]
    output = _seed(app)
    assert counts == [
        db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in MODELS
    ]
    assert "Volunteers of the 4th season:" in output
