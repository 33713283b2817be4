"""Days and time slots: patterns, per-day edits, no overlap, nothing in use removed."""

import re
from datetime import date, time

import pytest
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.core.intervals import Interval
from app.forums import calendar
from app.forums.calendar import CalendarError, CalendarProblem, SlotSpec
from app.forums.calendar_messages import calendar_error_message
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
        with pytest.raises(CalendarError) as error:
            calendar.add_slot(forum.days[0], spec)
        assert error.value.problem is CalendarProblem.OVERLAP
        assert error.value.times == Interval(spec.starts_at, spec.ends_at)


def test_a_pattern_that_overlaps_itself_is_refused(forum):
    with pytest.raises(CalendarError) as error:
        calendar.apply_pattern(
            forum, [SlotSpec(time(9), time(10, 30)), SlotSpec(time(10), time(11))]
        )
    assert error.value.problem is CalendarProblem.OVERLAP
    assert (error.value.times, error.value.other) == (
        Interval(time(9), time(10, 30)),
        Interval(time(10), time(11)),
    )
    assert all(not day.slots for day in forum.days)


@pytest.fixture
def first_slot_in_use(forum):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)
    used = forum.days[0].slots[0]

    def sessions(ids):
        return {used.id: ["session 7"]} if used.id in ids else {}

    with calendar.registered_slot_usage("test-sessions", sessions):
        yield used


def test_a_slot_in_use_cannot_be_removed_and_the_error_names_the_user(first_slot_in_use):
    with pytest.raises(CalendarError) as error:
        calendar.remove_slot(first_slot_in_use)
    assert error.value.problem is CalendarProblem.IN_USE
    assert error.value.in_use == {first_slot_in_use.id: ["session 7"]}
    assert error.value.times == Interval(time(9), time(10, 30))
    assert first_slot_in_use in first_slot_in_use.day.slots


def test_a_new_pattern_keeps_slots_in_use(forum, first_slot_in_use):
    calendar.apply_pattern(forum, [SlotSpec(time(9), time(10, 30)), SlotSpec(time(11), time(13))])
    assert first_slot_in_use in forum.days[0].slots
    with pytest.raises(CalendarError) as error:
        calendar.apply_pattern(forum, [SlotSpec(time(10), time(11))])
    assert error.value.problem is CalendarProblem.KEPT_SLOT_OVERLAPS
    assert error.value.day == date(2017, 11, 30)
    assert error.value.other == Interval(time(10), time(11))
    assert error.value.in_use == {first_slot_in_use.id: ["session 7"]}


def test_a_refused_pattern_changes_no_day(forum, first_slot_in_use):
    before = [_times(day) for day in forum.days]
    with pytest.raises(CalendarError):
        # fits the later days, but not the first one's slot in use
        calendar.apply_pattern(forum, [SlotSpec(time(10), time(11))])
    assert [_times(day) for day in forum.days] == before


def test_a_day_in_use_cannot_leave_the_dates(forum, first_slot_in_use):
    with pytest.raises(CalendarError) as error:
        update_settings(None, forum, start_date=date(2017, 12, 1))
    assert error.value.problem is CalendarProblem.DAY_IN_USE
    assert [(use.day, use.uses) for use in error.value.uses] == [
        (date(2017, 11, 30), ("session 7",))
    ]


def test_a_usage_reader_is_gone_once_unregistered(forum, first_slot_in_use):
    calendar.unregister_slot_usage("test-sessions")
    calendar.remove_slot(first_slot_in_use)
    assert len(forum.days[0].slots) == 4


def test_copying_a_day_gives_the_others_its_slots(forum):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)
    first, *others = forum.days
    calendar.remove_slot(first.slots[-1])
    calendar.add_slot(first, SlotSpec(time(16), time(18)))

    calendar.copy_day_to_other_days(first)

    assert all(_times(day) == _times(first) for day in others)


def test_a_break_needs_a_label(forum):
    with pytest.raises(CalendarError) as error:
        calendar.add_slot(forum.days[0], SlotSpec(time(12), time(13), SlotKind.BREAK))
    assert error.value.problem is CalendarProblem.BREAK_WITHOUT_LABEL
    calendar.add_slot(forum.days[0], SlotSpec(time(12), time(13), SlotKind.BREAK, label_ckb="نوێژ"))
    calendar.add_slot(forum.days[0], SlotSpec(time(9), time(10)))  # a session slot may have none


def test_a_slot_ends_after_it_starts(forum):
    with pytest.raises(CalendarError) as error:
        calendar.add_slot(forum.days[0], SlotSpec(time(11), time(11)))
    assert error.value.problem is CalendarProblem.ENDS_BEFORE_START
    assert not forum.days[0].slots


# update_slot


def test_a_slot_moves_and_changes_its_label(forum):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)
    last = forum.days[0].slots[-1]

    calendar.update_slot(last, SlotSpec(time(15, 45), time(17, 45), label_en="Closing"))

    assert (last.starts_at, last.ends_at, last.label_en) == (time(15, 45), time(17, 45), "Closing")
    assert forum.days[1].slots[-1].starts_at == time(16)  # the other days keep theirs


def test_a_slot_moved_onto_another_is_refused_naming_it(forum):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)
    first = forum.days[0].slots[0]

    with pytest.raises(CalendarError) as error:
        calendar.update_slot(first, SlotSpec(time(9), time(11, 30)))

    assert error.value.problem is CalendarProblem.OVERLAP
    assert error.value.other == Interval(time(11), time(12, 30))
    assert first.ends_at == time(10, 30)


def test_a_slot_may_keep_its_own_times(forum):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)
    lunch = forum.days[0].slots[2]
    calendar.update_slot(lunch, SlotSpec(time(12, 30), time(14), SlotKind.BREAK, label_en="Lunch"))
    assert lunch.label_en == "Lunch"


def test_a_slot_in_use_changes_its_label_but_not_its_times_or_kind(first_slot_in_use):
    slot = first_slot_in_use
    calendar.update_slot(slot, SlotSpec(time(9), time(10, 30), label_en="Opening"))
    assert slot.label_en == "Opening"

    with pytest.raises(CalendarError) as moved:
        calendar.update_slot(slot, SlotSpec(time(9, 15), time(10, 30)))
    with pytest.raises(CalendarError) as made_a_break:
        calendar.update_slot(slot, SlotSpec(time(9), time(10, 30), SlotKind.BREAK, label_en="Tea"))

    assert moved.value.problem is CalendarProblem.TIMES_IN_USE
    assert moved.value.in_use == {slot.id: ["session 7"]}
    assert made_a_break.value.problem is CalendarProblem.KIND_IN_USE
    assert (slot.starts_at, slot.kind) == (time(9), SlotKind.SESSION)


# messages: the codes in the reader's words, naming times and uses


def _message(call, *args, **kwargs) -> str:
    with pytest.raises(CalendarError) as error:
        call(*args, **kwargs)
    with force_locale("en"):
        message = calendar_error_message(error.value)
    # drop the bidi isolates around times and uses, to read the words
    return re.sub("[\u2066\u2068\u2069]", "", message)


def test_an_overlap_names_both_slots(forum):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)
    message = _message(calendar.add_slot, forum.days[0], SlotSpec(time(10), time(11, 30)))
    assert message == "10:00–11:30 overlaps 09:00–10:30."


def test_a_refusal_names_what_uses_the_slot(first_slot_in_use):
    removing = _message(calendar.remove_slot, first_slot_in_use)
    moving = _message(calendar.update_slot, first_slot_in_use, SlotSpec(time(8), time(10, 30)))
    leaving = _message(
        update_settings, None, first_slot_in_use.day.forum, start_date=date(2017, 12, 1)
    )

    assert removing == "09:00–10:30 cannot be removed: it is in use (session 7)."
    assert "(session 7)" in moving
    assert "Nov 30, 2017, 09:00–10:30 (session 7)" in leaving


def test_readers_may_describe_uses_with_lazy_translations(forum):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)
    slot = forum.days[0].slots[1]

    def shifts(ids):
        return {slot.id: [_l("shift: registration desk"), _l("shift: stewards")]}

    with calendar.registered_slot_usage("test-shifts", shifts):
        message = _message(calendar.remove_slot, slot)

    assert "(shift: registration desk and shift: stewards)" in message
