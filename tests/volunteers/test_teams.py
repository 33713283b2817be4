"""Teams of a forum: names in three languages, approval and language rules, removal
refused while volunteers hold its shifts; approvals of volunteers for a team."""

from datetime import date

import pytest

from app.volunteers import teams
from app.volunteers.models import Team, VolunteerStatus
from app.volunteers.teams import TeamDetails, TeamError, TeamProblem
from tests.factories import make_forum, make_user
from tests.volunteers.factories import make_day, make_shift, make_signup, make_team, make_volunteer


@pytest.fixture
def forum(ctx):
    return make_forum()


def test_create_team_keeps_names_and_rules_and_puts_it_last(forum):
    first = make_team(forum, position=4)
    team = teams.create_team(
        forum,
        TeamDetails(
            name_ar=" مكتب التسجيل ",
            name_en="Registration desk",
            requires_approval=True,
            required_language="ckb",
        ),
    )
    assert (team.name_ar, team.name_ckb, team.name_en) == (
        "مكتب التسجيل",
        None,
        "Registration desk",
    )
    assert team.requires_approval
    assert team.required_language == "ckb"
    assert team.position > first.position
    assert teams.teams_of(forum) == [first, team]


def test_create_team_needs_a_name_and_a_known_language(forum):
    with pytest.raises(TeamError) as refused:
        teams.create_team(forum, TeamDetails(name_en="  ", required_language="xx"))
    assert refused.value.problems == {TeamProblem.NO_NAME, TeamProblem.UNKNOWN_LANGUAGE}


def test_teams_of_leave_out_another_forums(forum):
    make_team(make_forum(), name_en="Najaf stewards")
    assert teams.teams_of(forum) == []


def test_update_team_changes_its_details(forum):
    team = make_team(forum)
    teams.update_team(team, TeamDetails(name_ckb="ڕێنماییکەران", hosts_rooms=True))
    assert (team.name_en, team.name_ckb, team.hosts_rooms) == (None, "ڕێنماییکەران", True)


def test_a_team_with_signups_cannot_be_removed(forum):
    team = make_team(forum)
    shift = make_shift(team, make_day(forum, date(2030, 5, 10)), "09:00", "12:00", places=3)
    make_signup(shift, make_volunteer(forum))
    make_signup(shift, make_volunteer(forum))
    with pytest.raises(TeamError) as refused:
        teams.remove_team(team)
    assert refused.value.problems == {TeamProblem.HAS_SIGNUPS}
    assert refused.value.count == 2


def test_a_team_without_signups_goes_with_its_shifts(forum):
    from app.extensions import db
    from app.volunteers.models import Shift

    team = make_team(forum)
    shift = make_shift(team, make_day(forum, date(2030, 5, 10)), "09:00", "12:00")
    teams.remove_team(team)
    assert db.session.get(Team, team.id) is None
    assert db.session.get(Shift, shift.id) is None


def test_team_approvals_granted_once_and_revoked(forum):
    team = make_team(forum, requires_approval=True)
    volunteer = make_volunteer(forum)
    coordinator = make_user()
    first = teams.grant_team_approval(team, volunteer, by=coordinator)
    assert teams.grant_team_approval(team, volunteer, by=coordinator) is first
    assert [a.volunteer for a in teams.team_approvals(team)] == [volunteer]
    assert teams.approvable_volunteers(team) == []
    assert teams.revoke_team_approval(team, volunteer)
    assert not teams.revoke_team_approval(team, volunteer)
    assert teams.approvable_volunteers(team) == [volunteer]


def test_only_approved_volunteers_of_the_forum_are_approved_for_a_team(forum):
    team = make_team(forum, requires_approval=True)
    pending = make_volunteer(forum, status=VolunteerStatus.PENDING)
    elsewhere = make_volunteer(make_forum())
    for volunteer in (pending, elsewhere):
        with pytest.raises(TeamError):
            teams.grant_team_approval(team, volunteer, by=make_user())
    assert teams.approvable_volunteers(team) == []
