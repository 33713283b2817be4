"""Coverage by day, team and shift: places needed and taken, the gaps first."""

from datetime import date

import pytest

from app.volunteers.coverage import coverage_of
from tests.factories import make_forum
from tests.volunteers.factories import make_day, make_shift, make_signup, make_team, make_volunteer


@pytest.fixture
def forum(ctx):
    return make_forum()


def test_coverage_lists_the_gaps_first_then_in_time_order(forum):
    desk, guides = make_team(forum, position=1), make_team(forum, position=2)
    first, second = make_day(forum, date(2030, 5, 10)), make_day(forum, date(2030, 5, 11))
    full = make_shift(desk, first, "08:00", "09:00", places=1)
    make_signup(full, make_volunteer(forum))
    short_by_one = make_shift(guides, first, "09:00", "12:00", places=2)
    make_signup(short_by_one, make_volunteer(forum))
    short_by_three = make_shift(desk, second, "09:00", "12:00", places=3)
    also_one = make_shift(desk, second, "13:00", "14:00", places=1)
    other = make_forum()
    make_shift(make_team(other), make_day(other, date(2030, 5, 10)), "09:00", "10:00", places=9)

    coverage = coverage_of(forum)

    assert [row.shift for row in coverage.shifts] == [short_by_three, short_by_one, also_one, full]
    assert [row.gap for row in coverage.shifts] == [3, 1, 1, 0]
    assert (coverage.total.needed, coverage.total.taken, coverage.total.gap) == (7, 2, 5)
    assert [(when, total.needed, total.taken) for when, total in coverage.days] == [
        (date(2030, 5, 10), 3, 2),
        (date(2030, 5, 11), 4, 0),
    ]
    assert [(team, total.gap, total.short) for team, total in coverage.teams] == [
        (desk, 4, 2),
        (guides, 1, 1),
    ]


def test_coverage_of_one_team_or_one_day(forum):
    desk, guides = make_team(forum), make_team(forum)
    day = make_day(forum, date(2030, 5, 10))
    other_day = make_day(forum, date(2030, 5, 11))
    mine = make_shift(desk, day, "09:00", "10:00")
    make_shift(guides, day, "09:00", "10:00")
    make_shift(desk, other_day, "09:00", "10:00")
    assert [row.shift for row in coverage_of(forum, team=desk, day=day).shifts] == [mine]
    assert coverage_of(forum, team=guides).total.needed == 1
