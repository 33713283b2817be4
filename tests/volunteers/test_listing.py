"""The free shifts a volunteer sees (order, filters, pages) and their own shifts."""

from datetime import UTC, date, datetime

import pytest

from app.extensions import db
from app.volunteers.listing import ShiftFilters, filter_choices, free_shifts, my_shifts
from app.volunteers.taking import policy_of
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

FIRST, SECOND = date(2030, 5, 10), date(2030, 5, 11)
EARLY = datetime(2030, 4, 1, tzinfo=UTC)


@pytest.fixture
def forum(ctx):
    return make_forum(timezone="Asia/Baghdad")


@pytest.fixture
def days(forum):
    return make_day(forum, FIRST), make_day(forum, SECOND)


@pytest.fixture
def volunteer(forum):
    return make_volunteer(forum, languages=["ar"])


def ids(page) -> list[int]:
    return [entry.shift.id for entry in page.entries]


def test_free_shifts_leave_out_full_held_started_and_other_forums_shifts(forum, days, volunteer):
    team = make_team(forum)
    free = make_shift(team, days[0], "09:00", "12:00", places=2)
    make_signup(free, make_volunteer(forum))
    full = make_shift(team, days[0], "13:00", "15:00", places=1)
    make_signup(full, make_volunteer(forum))
    held = make_shift(team, days[1], "09:00", "12:00", places=3)
    make_signup(held, volunteer)
    other_forum = make_forum()
    make_shift(make_team(other_forum), make_day(other_forum, FIRST), "09:00", "12:00")
    page = free_shifts(volunteer, now=EARLY)
    assert ids(page) == [free.id]
    assert page.entries[0].free_places == 1
    # 10:00 in Baghdad on the first day: the 09:00 shift has started.
    assert ids(free_shifts(volunteer, now=datetime(2030, 5, 10, 7, tzinfo=UTC))) == []
    # 08:00 in Baghdad: not yet.
    assert ids(free_shifts(volunteer, now=datetime(2030, 5, 10, 5, tzinfo=UTC))) == [free.id]


def test_the_shifts_that_fit_come_first(forum, days, volunteer):
    plain = make_team(forum, position=1)
    english = make_team(forum, required_language="en", position=0)
    approved_only = make_team(forum, requires_approval=True, position=2)
    approved_too = make_team(forum, requires_approval=True, position=3)
    approve_for_team(approved_too, volunteer)
    make_availability(volunteer, days[0], "08:00", "14:00")
    needs_english = make_shift(english, days[0], "08:00", "09:00")
    fits = make_shift(plain, days[0], "10:00", "12:00")
    too_late = make_shift(plain, days[0], "13:00", "15:00")
    other_day = make_shift(plain, days[1], "09:00", "10:00")
    no_approval = make_shift(approved_only, days[0], "09:00", "10:00")
    approved = make_shift(approved_too, days[0], "11:00", "12:00")
    page = free_shifts(volunteer, now=EARLY)
    assert ids(page) == [
        fits.id,
        approved.id,
        needs_english.id,
        no_approval.id,
        too_late.id,
        other_day.id,
    ]
    assert [entry.fits for entry in page.entries] == [True, True, False, False, False, False]


def test_without_availability_every_day_fits(forum, days, volunteer):
    shift = make_shift(make_team(forum), days[1], "09:00", "10:00")
    assert [e.fits for e in free_shifts(volunteer, now=EARLY).entries] == [True]
    assert ids(free_shifts(volunteer, now=EARLY)) == [shift.id]


def test_filters_by_team_day_and_language(forum, days, volunteer):
    guides, media = make_team(forum), make_team(forum, required_language="en")
    first_guides = make_shift(guides, days[0], "09:00", "10:00")
    second_guides = make_shift(guides, days[1], "09:00", "10:00")
    first_media = make_shift(media, days[0], "11:00", "12:00")
    page = free_shifts(volunteer, now=EARLY, filters=ShiftFilters(team_id=guides.id))
    assert ids(page) == [first_guides.id, second_guides.id]
    page = free_shifts(volunteer, now=EARLY, filters=ShiftFilters(day_id=days[0].id))
    assert sorted(ids(page)) == sorted([first_guides.id, first_media.id])
    page = free_shifts(volunteer, now=EARLY, filters=ShiftFilters(language="en"))
    assert ids(page) == [first_media.id]
    choices = filter_choices(forum.id)
    assert [t.id for t in choices.teams] == [guides.id, media.id]
    assert [d.id for d in choices.days] == [days[0].id, days[1].id]
    assert choices.languages == ["en"]


def test_free_shifts_come_in_pages(forum, days, volunteer):
    team = make_team(forum)
    shifts = [
        make_shift(team, days[0], f"{hour:02d}:00", f"{hour:02d}:30") for hour in range(8, 13)
    ]
    first = free_shifts(volunteer, now=EARLY, per_page=2)
    third = free_shifts(volunteer, now=EARLY, page=3, per_page=2)
    assert (first.pages, first.total, first.has_next, first.has_previous) == (3, 5, True, False)
    assert ids(first) == [shifts[0].id, shifts[1].id]
    assert ids(third) == [shifts[4].id]
    assert free_shifts(volunteer, now=EARLY, page=4, per_page=2) is None
    assert free_shifts(make_volunteer(make_forum()), now=EARLY).entries == []


def test_my_shifts_by_day_with_the_drop_cut_off(forum, days, volunteer):
    policy = policy_of(forum)
    policy.drop_cutoff_hours = 24
    db.session.add(policy)
    team = make_team(forum)
    later = make_signup(make_shift(team, days[1], "09:00", "12:00"), volunteer)
    early = make_signup(make_shift(team, days[0], "14:00", "16:00"), volunteer)
    morning = make_signup(make_shift(team, days[0], "08:00", "10:00"), volunteer)
    make_signup(make_shift(team, days[0], "10:00", "12:00"), make_volunteer(forum))
    # 12:00 in Baghdad the day before the first day: the 08:00 shift is within 24 hours.
    now = datetime(2030, 5, 9, 9, tzinfo=UTC)
    held_days = my_shifts(volunteer, now=now)
    assert [d.date for d in held_days] == [FIRST, SECOND]
    assert [[h.signup.id for h in d.shifts] for d in held_days] == [
        [morning.id, early.id],
        [later.id],
    ]
    assert [[h.can_drop for h in d.shifts] for d in held_days] == [[False, True], [True]]
    assert not any(h.started for d in held_days for h in d.shifts)
