"""On the day: check-in (from the shift's day), hours worked, no-shows."""

from datetime import UTC, date, datetime

import pytest

from app.volunteers import checkin
from app.volunteers.checkin import CheckInError, CheckInProblem
from tests.factories import make_forum, make_user
from tests.volunteers.factories import make_day, make_shift, make_signup, make_team, make_volunteer

# 10 May 2030, 08:30 in Baghdad (UTC+3); the shift runs 09:00–12:30.
MORNING = datetime(2030, 5, 10, 5, 30, tzinfo=UTC)
DAY_BEFORE = datetime(2030, 5, 9, 18, tzinfo=UTC)
DURING = datetime(2030, 5, 10, 7, tzinfo=UTC)


@pytest.fixture
def signup(ctx):
    forum = make_forum(timezone="Asia/Baghdad")
    shift = make_shift(make_team(forum), make_day(forum, date(2030, 5, 10)), "09:00", "12:30")
    return make_signup(shift, make_volunteer(forum))


def test_check_in_counts_the_shift_length(signup):
    coordinator = make_user()
    checkin.check_in(signup, by=coordinator, now=MORNING)
    assert (signup.checked_in_at, signup.checked_in_by_id) == (MORNING, coordinator.id)
    assert signup.minutes_worked == 210
    checkin.check_in(signup, by=make_user(), now=DURING)
    assert signup.checked_in_at == MORNING  # the first check-in stays


def test_check_in_opens_on_the_shifts_day(signup):
    with pytest.raises(CheckInError) as refused:
        checkin.check_in(signup, by=make_user(), now=DAY_BEFORE)
    assert refused.value.problem == CheckInProblem.NOT_YET
    assert signup.checked_in_at is None


def test_hours_are_written_for_those_who_came(signup):
    with pytest.raises(CheckInError) as refused:
        checkin.record_minutes(signup, 60)
    assert refused.value.problem == CheckInProblem.NOT_CHECKED_IN
    checkin.check_in(signup, by=make_user(), now=MORNING)
    checkin.record_minutes(signup, 150)
    assert signup.minutes_worked == 150
    assert checkin.hours_of(150) == "2:30"
    with pytest.raises(CheckInError):
        checkin.record_minutes(signup, 24 * 60 + 1)
    checkin.undo_check_in(signup)
    assert (signup.checked_in_at, signup.minutes_worked) == (None, None)


def test_a_no_show_is_marked_once_the_shift_started(signup):
    with pytest.raises(CheckInError) as refused:
        checkin.mark_no_show(signup, now=MORNING)
    assert refused.value.problem == CheckInProblem.NOT_STARTED
    checkin.check_in(signup, by=make_user(), now=MORNING)
    checkin.mark_no_show(signup, now=DURING)
    assert signup.no_show
    assert signup.checked_in_at is None
    assert signup.minutes_worked is None
    checkin.clear_no_show(signup)
    assert not signup.no_show
