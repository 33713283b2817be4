"""The board's read model: a day's grid, the activities still to place and their
filters, the conflicts in words with their overrides, the counts."""

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.activities.models import ActivityFormat
from app.extensions import db
from app.forums.models import SlotKind, Theme, TimeSlot
from app.scheduling.board import read_board
from app.scheduling.models import ConflictOverride
from app.scheduling.placing import place_activity
from tests import factories
from tests.scheduling.board_data import accepted, make_data


@pytest.fixture
def data(ctx):
    return make_data()


def _row(board, slot):
    return next(row for row in board.rows if row.slot.id == slot.id)


def test_the_grid_holds_each_session_in_its_cells(data):
    short = accepted(data, "Save the Tigris")
    long = accepted(data, "Assembly", factories.make_organization(), length_slots=2)
    place_activity(data.forum, short, data.hall, data.morning, by=data.organizer)
    place_activity(data.forum, long, data.hall, data.noon, by=data.organizer)

    board = read_board(data.forum)

    assert [room.id for room in board.rooms] == [data.hall.id, data.small.id]
    assert [row.slot.id for row in board.rows] == [
        data.morning.id,
        data.lunch.id,
        data.noon.id,
        data.afternoon.id,
    ]
    hall_morning, small_morning = _row(board, data.morning).cells
    assert hall_morning.card.title == "Save the Tigris"
    assert hall_morning.rows == 1
    assert small_morning.card is None
    # The two-slot session is drawn once and spans the next row.
    start = _row(board, data.noon).cells[0]
    assert (start.card.activity_id, start.rows) == (long.id, 2)
    assert _row(board, data.afternoon).cells[0].covered
    assert _row(board, data.lunch).is_break
    assert _row(board, data.lunch).cells == ()


def test_a_closed_room_is_marked_in_its_slots(data):
    board = read_board(data.forum)

    assert [cell.closed for cell in _row(board, data.afternoon).cells] == [False, True]
    assert [cell.closed for cell in _row(board, data.noon).cells] == [False, False]


def test_the_day_asked_for_is_shown_and_an_unknown_one_is_the_first(data):
    activity = accepted(data, "Save the Tigris")
    place_activity(data.forum, activity, data.hall, data.day2, by=data.organizer)

    second = read_board(data.forum, data.day2.day_id)
    assert second.day.id == data.day2.day_id
    assert _row(second, data.day2).cells[0].card.activity_id == activity.id
    assert read_board(data.forum, 999999).day.id == data.morning.day_id
    assert read_board(data.forum).cards[activity.id].day_id == data.day2.day_id


def test_a_day_without_slots_or_starting_with_a_break_reads(data):
    data.forum.days[1].slots.insert(
        0,
        TimeSlot(
            starts_at=data.day2.starts_at.replace(hour=8),
            ends_at=data.day2.starts_at,
            kind=SlotKind.BREAK,
        ),
    )
    other = make_data()
    other.forum.days[1].slots.clear()

    assert read_board(data.forum, data.day2.day_id).rows[0].is_break
    assert read_board(other.forum, other.forum.days[1].id).rows == []


def test_only_activities_not_placed_are_left_to_place(data):
    placed = accepted(data, "Placed")
    left = accepted(data, "Left")
    factories.make_activity(data.forum, data.organization, title_en="Only submitted")
    place_activity(data.forum, placed, data.hall, data.morning, by=data.organizer)

    board = read_board(data.forum)

    assert [card.title for card in board.unplaced] == ["Left"]
    assert board.counts == {
        "accepted": 2,
        "placed": 1,
        "unplaced": 1,
        "conflicts": 0,
        "overridden": 0,
    }
    assert left.id in board.cards


def test_the_list_to_place_filters_by_theme_format_language_and_size(data):
    theme = Theme(name_en="Water")
    data.forum.themes.append(theme)
    db.session.flush()
    water = accepted(data, "Water", theme_id=theme.id, expected_attendance=25)
    film = accepted(
        data,
        "Film",
        format=ActivityFormat.SCREENING,
        spoken_languages=["ckb"],
        expected_attendance=150,
    )
    crowd = accepted(data, "Crowd", expected_attendance=500)

    def titles(**filters):
        return {card.title for card in read_board(data.forum, **filters).unplaced}

    assert titles() == {"Water", "Film", "Crowd"}
    assert titles(theme=theme.id) == {water.title_en}
    assert titles(format=ActivityFormat.SCREENING) == {film.title_en}
    assert titles(language="ckb") == {"Film"}
    assert titles(size="small") == {"Water"}
    assert titles(size="large") == {"Film"}
    assert titles(size="very_large") == {crowd.title_en}
    assert read_board(data.forum, size="small").unplaced_total == 3


def test_conflicts_are_in_words_with_their_sessions_and_override(data):
    big = accepted(data, "Big assembly", expected_attendance=50)
    place_activity(
        data.forum, big, data.small, data.morning, by=data.organizer, override_reason="They stand"
    )

    with force_locale("en"):
        board = read_board(data.forum)

    [line] = board.conflicts
    assert line.text == "Small room seats 20, but “Big assembly” expects 50 people."
    assert line.rule == "capacity"
    assert [card.activity_id for card in line.sessions] == [big.id]
    assert (line.override.by, line.override.reason) == (data.organizer.name, "They stand")
    assert board.counts["conflicts"] == 1
    assert board.counts["overridden"] == 1
    assert board.cards[big.id].conflicts == 1


def test_a_conflict_without_override_is_listed_unresolved(data):
    first = accepted(data, "First")
    second = accepted(data, "Second")
    place_activity(data.forum, first, data.hall, data.morning, by=data.organizer)
    place_activity(
        data.forum, second, data.small, data.morning, by=data.organizer, override_reason="ok"
    )
    # The override is gone (say, deleted by hand): the conflict stays, unresolved.
    db.session.execute(sa.delete(ConflictOverride))

    with force_locale("en"):
        [line] = read_board(data.forum).conflicts

    assert "Tammuz" in line.text
    assert line.override is None
    assert {card.title for card in line.sessions} == {"First", "Second"}
