"""The rules of taking a shift, one failing and one passing case for each."""

from datetime import UTC, date, datetime

import pytest

from app.extensions import db
from app.volunteers.models import VolunteeringPolicy, VolunteerStatus
from app.volunteers.taking import (
    ShiftIssue,
    ShiftProblem,
    is_available,
    policy_of,
    shift_issues,
    shift_warnings,
)
from tests.factories import make_forum
from tests.volunteers.factories import (
    approve_for_team,
    make_availability,
    make_day,
    make_shift,
    make_signup,
    make_team,
    make_volunteer,
)

DAY = date(2030, 5, 10)
# Long before the forum: nothing is in the past or not yet open.
EARLY = datetime(2030, 4, 1, tzinfo=UTC)


@pytest.fixture
def forum(ctx):
    return make_forum(timezone="Asia/Baghdad")


@pytest.fixture
def day(forum):
    return make_day(forum, DAY)


@pytest.fixture
def team(forum):
    return make_team(forum)


@pytest.fixture
def volunteer(forum):
    return make_volunteer(forum)


def save_policy(forum, **fields) -> VolunteeringPolicy:
    policy = policy_of(forum)
    for name, value in fields.items():
        setattr(policy, name, value)
    db.session.add(policy)
    db.session.flush()
    return policy


def problems(volunteer, shift, now=EARLY) -> list[ShiftProblem]:
    return [issue.problem for issue in shift_issues(volunteer, shift, now=now)]


def test_policy_of_a_forum_without_one_is_the_defaults_outside_the_session(forum):
    policy = policy_of(forum)

    assert (policy.drop_cutoff_hours, policy.max_hours_per_day, policy.min_rest_minutes) == (
        24,
        8,
        0,
    )
    assert policy.advance_days is None
    assert policy.auto_approve is False
    assert policy not in db.session


def test_policy_of_a_forum_with_one_is_the_saved_one(forum):
    saved = save_policy(forum, max_hours_per_day=6)

    assert policy_of(forum) is saved


def test_a_free_shift_has_no_issue(volunteer, team, day):
    assert shift_issues(volunteer, make_shift(team, day, "09:00", "12:00"), now=EARLY) == []


def test_a_shift_with_every_place_taken_is_full(forum, volunteer, team, day):
    shift = make_shift(team, day, "09:00", "12:00", places=2)
    make_signup(shift, make_volunteer(forum))
    assert problems(volunteer, shift) == []

    make_signup(shift, make_volunteer(forum))
    assert problems(volunteer, shift) == [ShiftProblem.FULL]


def test_a_shift_the_volunteer_holds_is_already_taken_not_full(volunteer, team, day):
    shift = make_shift(team, day, "09:00", "12:00", places=1)
    make_signup(shift, volunteer)

    assert problems(volunteer, shift) == [ShiftProblem.ALREADY_TAKEN]


@pytest.mark.parametrize(
    "status", [VolunteerStatus.PENDING, VolunteerStatus.REJECTED, VolunteerStatus.WITHDRAWN]
)
def test_a_volunteer_not_approved_for_the_forum_is_refused(forum, team, day, status):
    shift = make_shift(team, day, "09:00", "12:00")

    assert problems(make_volunteer(forum, status=status), shift) == [ShiftProblem.NOT_APPROVED]


def test_a_shift_of_another_forum_is_a_programming_error(volunteer, day):
    other_forum = make_forum()
    shift = make_shift(make_team(other_forum), make_day(other_forum, DAY), "09:00", "12:00")

    with pytest.raises(ValueError, match="own forum"):
        shift_issues(volunteer, shift, now=EARLY)


@pytest.mark.parametrize(
    ("starts", "ends"),
    [("11:00", "13:00"), ("08:00", "09:30"), ("10:00", "11:00"), ("08:00", "13:00")],
)
def test_a_shift_overlapping_one_they_hold_is_refused(volunteer, team, day, starts, ends):
    held = make_shift(team, day, "09:00", "12:00")
    make_signup(held, volunteer)

    issues = shift_issues(volunteer, make_shift(team, day, starts, ends), now=EARLY)

    assert issues == [ShiftIssue(ShiftProblem.OVERLAP, other_shift_id=held.id)]


@pytest.mark.parametrize(("starts", "ends"), [("12:00", "14:00"), ("07:00", "09:00")])
def test_back_to_back_shifts_do_not_overlap(volunteer, team, day, starts, ends):
    make_signup(make_shift(team, day, "09:00", "12:00"), volunteer)

    assert problems(volunteer, make_shift(team, day, starts, ends)) == []


def test_the_same_hours_on_another_day_do_not_overlap(forum, volunteer, team, day):
    make_signup(make_shift(team, day, "09:00", "12:00"), volunteer)
    next_day = make_day(forum, date(2030, 5, 11))

    assert problems(volunteer, make_shift(team, next_day, "09:00", "12:00")) == []


def test_someone_elses_overlapping_shift_does_not_count(forum, volunteer, team, day):
    make_signup(make_shift(team, day, "09:00", "12:00"), make_volunteer(forum))

    assert problems(volunteer, make_shift(team, day, "10:00", "11:00")) == []


@pytest.mark.parametrize(
    ("starts", "ends", "gap"),
    [("12:00", "14:00", 0), ("12:29", "14:00", 29), ("07:00", "08:45", 15)],
)
def test_less_rest_than_the_minimum_is_refused(forum, volunteer, team, day, starts, ends, gap):
    save_policy(forum, min_rest_minutes=30)
    held = make_shift(team, day, "09:00", "12:00")
    make_signup(held, volunteer)

    issues = shift_issues(volunteer, make_shift(team, day, starts, ends), now=EARLY)

    assert issues == [
        ShiftIssue(ShiftProblem.REST_TOO_SHORT, other_shift_id=held.id, numbers=(30, gap))
    ]


@pytest.mark.parametrize(("starts", "ends"), [("12:30", "14:00"), ("07:00", "08:30")])
def test_exactly_the_minimum_rest_is_enough(forum, volunteer, team, day, starts, ends):
    save_policy(forum, min_rest_minutes=30)
    make_signup(make_shift(team, day, "09:00", "12:00"), volunteer)

    assert problems(volunteer, make_shift(team, day, starts, ends)) == []


def test_rest_between_shifts_of_different_days_does_not_count(forum, volunteer, team, day):
    save_policy(forum, min_rest_minutes=600)
    make_signup(make_shift(team, day, "18:00", "23:00"), volunteer)
    next_day = make_day(forum, date(2030, 5, 11))

    assert problems(volunteer, make_shift(team, next_day, "06:00", "08:00")) == []


def test_exactly_the_maximum_hours_of_a_day_is_allowed(volunteer, team, day):
    make_signup(make_shift(team, day, "08:00", "12:00"), volunteer)

    assert problems(volunteer, make_shift(team, day, "12:00", "16:00")) == []


def test_more_than_the_maximum_hours_of_a_day_is_refused(volunteer, team, day):
    make_signup(make_shift(team, day, "08:00", "12:00"), volunteer)

    issues = shift_issues(volunteer, make_shift(team, day, "12:00", "16:01"), now=EARLY)

    assert issues == [ShiftIssue(ShiftProblem.TOO_MANY_HOURS, numbers=(8, 481))]


def test_a_single_shift_longer_than_the_maximum_is_refused(forum, volunteer, team, day):
    save_policy(forum, max_hours_per_day=4)

    assert problems(volunteer, make_shift(team, day, "08:00", "12:00")) == []
    assert problems(volunteer, make_shift(team, day, "13:00", "17:30")) == [
        ShiftProblem.TOO_MANY_HOURS
    ]


def test_hours_of_another_day_do_not_count(forum, volunteer, team, day):
    make_signup(make_shift(team, day, "08:00", "16:00"), volunteer)
    next_day = make_day(forum, date(2030, 5, 11))

    assert problems(volunteer, make_shift(team, next_day, "08:00", "16:00")) == []


def test_a_team_language_the_volunteer_lacks_is_refused(forum, day):
    team = make_team(forum, required_language="ckb")
    shift = make_shift(team, day, "09:00", "12:00")

    arabic_only = make_volunteer(forum, languages=["ar"])
    assert shift_issues(arabic_only, shift, now=EARLY) == [
        ShiftIssue(ShiftProblem.LANGUAGE_MISSING, language="ckb")
    ]
    assert problems(make_volunteer(forum, languages=["ar", "ckb"]), shift) == []


def test_a_team_needing_approval_takes_only_approved_volunteers(forum, volunteer, day):
    team = make_team(forum, requires_approval=True)
    shift = make_shift(team, day, "09:00", "12:00")
    approve_for_team(make_team(forum, requires_approval=True), volunteer)
    assert problems(volunteer, shift) == [ShiftProblem.TEAM_APPROVAL_MISSING]

    approve_for_team(team, volunteer)
    assert problems(volunteer, shift) == []


def test_a_shift_is_in_the_past_once_it_started_in_the_forums_time_zone(volunteer, team, day):
    # 09:00 in Baghdad (UTC+3) is 06:00 UTC.
    shift = make_shift(team, day, "09:00", "12:00")

    assert problems(volunteer, shift, now=datetime(2030, 5, 10, 6, 0, tzinfo=UTC)) == []
    assert problems(volunteer, shift, now=datetime(2030, 5, 10, 6, 0, 1, tzinfo=UTC)) == [
        ShiftProblem.IN_THE_PAST
    ]


def test_a_shift_after_midnight_in_baghdad_is_past_while_utc_is_still_the_day_before(
    volunteer, team, day
):
    # 22:00 UTC on the 9th is 01:00 on the 10th in Baghdad: the 00:30 shift has started.
    shift = make_shift(team, day, "00:30", "02:00")

    assert problems(volunteer, shift, now=datetime(2030, 5, 9, 21, 29, tzinfo=UTC)) == []
    assert problems(volunteer, shift, now=datetime(2030, 5, 9, 22, 0, tzinfo=UTC)) == [
        ShiftProblem.IN_THE_PAST
    ]


def test_a_naive_now_is_taken_as_utc(volunteer, team, day):
    shift = make_shift(team, day, "09:00", "12:00")

    assert problems(volunteer, shift, now=datetime(2030, 5, 10, 6, 1))  # noqa: DTZ001 (naive on purpose) == [ShiftProblem.IN_THE_PAST]


def test_shifts_open_at_midnight_forum_time_advance_days_before_their_day(
    forum, volunteer, team, day
):
    save_policy(forum, advance_days=3)
    shift = make_shift(team, day, "09:00", "12:00")
    # The 10th opens on the 7th at 00:00 in Baghdad, 21:00 UTC on the 6th.
    before = datetime(2030, 5, 6, 20, 59, 59, tzinfo=UTC)

    assert shift_issues(volunteer, shift, now=before) == [
        ShiftIssue(ShiftProblem.NOT_YET_OPEN, numbers=(2030, 5, 7))
    ]
    assert problems(volunteer, shift, now=datetime(2030, 5, 6, 21, 0, tzinfo=UTC)) == []


def test_without_an_advance_window_shifts_are_open_any_time(volunteer, team, day):
    shift = make_shift(team, day, "09:00", "12:00")

    assert problems(volunteer, shift, now=datetime(2020, 1, 1, tzinfo=UTC)) == []


def test_every_issue_is_listed_at_once_full_first(forum, team, day):
    save_policy(forum, min_rest_minutes=60)
    volunteer = make_volunteer(forum, status=VolunteerStatus.PENDING)
    language_team = make_team(forum, required_language="en", requires_approval=True)
    make_signup(make_shift(team, day, "08:00", "10:00"), volunteer)
    make_signup(make_shift(team, day, "12:00", "13:00"), volunteer)
    shift = make_shift(language_team, day, "09:00", "11:30")
    make_signup(shift, make_volunteer(forum))

    assert problems(volunteer, shift) == [
        ShiftProblem.FULL,
        ShiftProblem.NOT_APPROVED,
        ShiftProblem.LANGUAGE_MISSING,
        ShiftProblem.TEAM_APPROVAL_MISSING,
        ShiftProblem.OVERLAP,
        ShiftProblem.REST_TOO_SHORT,
    ]


def test_availability_is_a_warning_never_a_refusal(forum, volunteer, team, day):
    make_availability(volunteer, make_day(forum, date(2030, 5, 11)))
    shift = make_shift(team, day, "09:00", "12:00")

    assert shift_warnings(volunteer, shift) == [ShiftIssue(ShiftProblem.NOT_AVAILABLE)]
    assert problems(volunteer, shift) == []


def test_a_volunteer_who_gave_no_availability_is_available(volunteer, team, day):
    assert is_available(volunteer, make_shift(team, day, "09:00", "12:00"))


@pytest.mark.parametrize(
    ("starts", "ends", "available"),
    [
        (None, None, True),
        ("08:00", "12:00", True),
        ("09:00", "12:00", True),
        ("09:30", "12:00", False),
        ("08:00", "11:59", False),
        ("08:00", None, True),
        (None, "11:00", False),
    ],
)
def test_availability_of_a_day_may_be_between_two_times(
    volunteer, team, day, starts, ends, available
):
    make_availability(volunteer, day, starts, ends)

    assert is_available(volunteer, make_shift(team, day, "09:00", "12:00")) is available
