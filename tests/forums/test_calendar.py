"""Days and time slots: patterns, per-day edits, no overlap, nothing in use removed."""

from datetime import date, time

import pytest

from app.forums import calendar
from app.forums.calendar import CalendarError, SlotSpec
from app.forums.models import SlotKind
from app.forums.services import update_settings
from tests import factories


@pytest.fixture
def forum(ctx):
    forum = factories.make_forum(start_date=date(2017, 11, 30), end_date=date(2017, 12, 2))
    calendar.sync_days(forum)
    return forum


def _times(day):
    return [(s.starts_at.strftime("%H:%M"), s.ends_at.strftime("%H:%M"), s.kind) for s in day.slots]


def test_the_pattern_gives_every_day_its_slots_and_named_breaks(forum):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)

    for day in forum.days:
        assert len(day.slots) == 5
        lunch = next(s for s in day.slots if s.kind is SlotKind.BREAK)
        assert lunch.label_en == "Lunch and prayer break"
    assert _times(forum.days[0])[0] == ("09:00", "10:30", SlotKind.SESSION)


def test_one_day_can_differ(forum):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)
    last_day = forum.days[-1]
    calendar.remove_slot(last_day.slots[-1])
    calendar.add_slot(last_day, SlotSpec(time(16, 0), time(18, 0)))

    assert _times(last_day)[-1][:2] == ("16:00", "18:00")
    assert _times(forum.days[0])[-1][:2] == ("16:00", "17:30")


@pytest.mark.parametrize(
    ("start", "end", "fits"),
    [
        ((10, 30), (11, 0), True),  # back to back on both sides
        ((10, 0), (11, 0), False),
        ((8, 0), (9, 1), False),
        ((17, 30), (19, 0), True),
        ((9, 0), (10, 30), False),  # the same as an existing one
    ],
)
def test_slots_of_one_day_never_overlap(forum, start, end, fits):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)
    spec = SlotSpec(time(*start), time(*end))
    if fits:
        calendar.add_slot(forum.days[0], spec)
    else:
        with pytest.raises(CalendarError):
            calendar.add_slot(forum.days[0], spec)


def test_a_pattern_that_overlaps_itself_is_refused(forum):
    with pytest.raises(CalendarError, match="09:00-10:30 overlaps 10:00-11:00"):
        calendar.apply_pattern(
            forum, [SlotSpec(time(9), time(10, 30)), SlotSpec(time(10), time(11))]
        )


@pytest.fixture
def first_slot_in_use(forum, monkeypatch):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)
    used = forum.days[0].slots[0]
    monkeypatch.setattr(
        calendar,
        "_usage_readers",
        {"sessions": lambda ids: {used.id: ["session 7"]} if used.id in ids else {}},
    )
    return used


def test_a_slot_in_use_cannot_be_removed_and_the_error_names_the_user(first_slot_in_use):
    with pytest.raises(CalendarError) as error:
        calendar.remove_slot(first_slot_in_use)
    assert error.value.in_use == {first_slot_in_use.id: ["session 7"]}


def test_a_new_pattern_keeps_slots_in_use(forum, first_slot_in_use):
    calendar.apply_pattern(forum, [SlotSpec(time(9), time(10, 30)), SlotSpec(time(11), time(13))])
    assert first_slot_in_use in forum.days[0].slots
    with pytest.raises(CalendarError):
        calendar.apply_pattern(forum, [SlotSpec(time(10), time(11))])


def test_a_day_in_use_cannot_leave_the_dates(forum, first_slot_in_use):
    with pytest.raises(CalendarError):
        update_settings(None, forum, start_date=date(2017, 12, 1))
