"""The board as the page reads it: the day's placed sessions with their needs, who
holds them, who fits an open place (the others with why not), and the open needs."""

import pytest
from flask_babel import force_locale

from app.interpreting.assigning_rules import AssignProblem
from app.interpreting.board import describe_problem, read_board
from app.interpreting.models import InterpreterStatus
from tests.factories import make_user
from tests.interpreting.board_data import make_data
from tests.interpreting.factories import (
    make_assignment,
    make_interpreter,
    make_need,
    make_placed_session,
)


@pytest.fixture
def data(ctx):
    with force_locale("en"):
        yield make_data()


def test_the_board_shows_the_days_sessions_with_their_needs(data):
    first = make_placed_session(data.forum, data.hall, data.morning, title_en="Save the Tigris",
                                spoken_languages=["ar"])  # fmt: skip
    make_placed_session(data.forum, data.hall, data.day2, title_en="Labour law")
    need = make_need(first, "ar", "en", channel=1)
    make_need(first, "ar", "ckb", channel=2, team_size=2)
    other = make_data()
    make_need(make_placed_session(other.forum, other.hall, other.morning), "ar", "en")

    board = read_board(data.forum, data.forum.days[0].id)

    (session,) = board.sessions
    assert session.title == "Save the Tigris"
    assert (session.room, session.has_booth, session.channels) == ("Hall", True, 2)
    assert session.spoken == ("Arabic",)
    assert [(n.source, n.target, n.channel, n.team_size) for n in session.needs] == [
        ("Arabic", "English", 1, 1),
        ("Arabic", "Kurdish", 2, 2),
    ]
    assert session.needs[0].need_id == need.id
    assert board.counts["sessions"] == 2  # the forum's, every day
    assert board.counts["needs"] == 2


def test_another_day_shows_its_own_sessions(data):
    make_placed_session(data.forum, data.hall, data.morning, title_en="First day")
    make_placed_session(data.forum, data.hall, data.day2, title_en="Second day")
    board = read_board(data.forum, data.forum.days[1].id)
    assert [s.title for s in board.sessions] == ["Second day"]
    assert board.day == data.forum.days[1]


def test_an_open_place_lists_who_fits_first_then_the_others_with_reasons(data):
    session = make_placed_session(data.forum, data.hall, data.morning)
    need = make_need(session, "ar", "en")
    make_interpreter(data.forum, make_user(name="Zina"), directions=[("ar", "en")])
    make_interpreter(data.forum, make_user(name="Omar"), directions=[("ckb", "en")])
    make_interpreter(data.forum, make_user(name="Pending"), status=InterpreterStatus.PENDING)
    make_interpreter(make_data().forum, make_user(name="Elsewhere"))

    (line,) = read_board(data.forum).sessions[0].needs

    assert line.need_id == need.id
    assert line.open_places == 1
    assert [(c.name, c.fits) for c in line.candidates] == [("Zina", True), ("Omar", False)]
    assert line.candidates[1].reasons == (describe_problem(AssignProblem.NO_DIRECTION),)
    assert line.candidates[1].reasons == ("does not interpret in this direction",)


def test_a_held_need_shows_its_interpreters_and_no_candidates(data):
    session = make_placed_session(data.forum, data.hall, data.morning)
    need = make_need(session, "ar", "en")
    aya = make_interpreter(data.forum, make_user(name="Aya"))
    make_interpreter(data.forum, make_user(name="Zina"))
    assignment = make_assignment(need, aya, pinned=True)

    board = read_board(data.forum)
    (line,) = board.sessions[0].needs

    assert [(a.name, a.assignment_id, a.pinned) for a in line.assigned] == [
        ("Aya", assignment.id, True)
    ]
    assert line.open_places == 0
    assert line.candidates == ()
    assert board.unmet == []


def test_the_open_needs_of_every_day_are_listed_with_why(data):
    held = make_placed_session(data.forum, data.hall, data.morning, title_en="Held")
    make_assignment(make_need(held, "ar", "en"), make_interpreter(data.forum, days=[]))
    later = make_placed_session(data.forum, data.hall, data.day2, title_en="Later")
    open_need = make_need(later, "ckb", "en")

    board = read_board(data.forum, data.forum.days[0].id)

    (line,) = board.unmet
    assert (line.need_id, line.day_id) == (open_need.id, data.forum.days[1].id)
    assert "Later" in line.text
    assert "Kurdish → English" in line.text
    assert "1 place open. No one with Kurdish → English is free then." in line.text


def test_a_need_of_a_session_no_longer_placed_is_not_shown(data):
    from tests.interpreting.factories import unplace

    session = make_placed_session(data.forum, data.hall, data.morning)
    make_need(session, "ar", "en")
    unplace(session)
    board = read_board(data.forum)
    assert board.sessions == []
    assert board.unmet == []


def test_the_pairs_arrow_points_the_way_the_reader_reads(data):
    from app.interpreting.board import pair_text

    need = make_need(make_placed_session(data.forum, data.hall, data.morning), "ckb", "en",
                     relay="ar")  # fmt: skip
    assert pair_text(need) == "Kurdish → Arabic → English"
    with force_locale("ar"):
        assert pair_text(need).count(" ← ") == 2
