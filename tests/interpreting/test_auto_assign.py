"""The automatic assignment: small instances with a known answer, pinned ones
kept, the previous automatic ones replaced, unmet needs with their reason, the
greedy answer without OR-Tools, and the sentences for unmet needs."""

import sys
from collections import defaultdict

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.activities.models import InterpretationMode
from app.extensions import db
from app.interpreting.auto_assign import Unmet, UnmetReason, auto_assign
from app.interpreting.models import InterpretationAssignment, InterpretingPolicy
from app.interpreting.unmet_messages import describe_unmet
from tests import factories
from tests.interpreting.factories import (
    make_interpreter,
    make_placed_session,
    make_schedule,
)

SIMULTANEOUS = InterpretationMode.SIMULTANEOUS


@pytest.fixture
def s(ctx):
    return make_schedule()


@pytest.fixture(params=["cp-sat", "greedy"])
def solver(request, monkeypatch):
    """Every known answer holds for CP-SAT and for the greedy answer alone."""
    if request.param == "greedy":
        monkeypatch.setitem(sys.modules, "ortools", None)
    return request.param


def _interpreter(forum, **fields):
    return make_interpreter(forum, **{"modes": ["simultaneous", "consecutive"], **fields})


def _session(s, room, slot, into=("en",), **fields):
    return make_placed_session(s.forum, room, slot, interpretation_into=list(into), **fields)


def _assignments(forum):
    return list(db.session.scalars(sa.select(InterpretationAssignment)))


def _sessions_of(assignments):
    held = defaultdict(set)
    for a in assignments:
        held[a.interpreter_id].add(a.need.activity_id)
    return held


def test_load_is_spread(s, solver):
    first, second = _interpreter(s.forum), _interpreter(s.forum)
    for slot in (s.s0900, s.s1100, s.s1400, s.d2_0900):
        _session(s, s.small, slot)
    result = auto_assign(s.forum, by=s.organizer, time_limit=2)
    assert (result.assigned, result.unmet) == (4, [])
    held = _sessions_of(_assignments(s.forum))
    assert sorted(len(held[i.id]) for i in (first, second)) == [2, 2]
    assert result.status == ("optimal" if solver == "cp-sat" else "unavailable")


def test_never_a_third_session_in_a_row(s, solver):
    _interpreter(s.forum)
    sessions = [_session(s, s.small, slot) for slot in (s.s1100, s.s1230, s.s1400)]
    result = auto_assign(s.forum, by=s.organizer, time_limit=2)
    assert result.assigned == 2
    (unmet,) = result.unmet
    assert unmet.reason == UnmetReason.ALL_BUSY
    assert unmet.activity_id in {a.id for a in sessions}


def test_daily_maximum_respected(s, solver):
    db.session.add(InterpretingPolicy(forum_id=s.forum.id, max_sessions_per_day=1))
    _interpreter(s.forum)
    _session(s, s.small, s.s0900)
    _session(s, s.small, s.s1400)
    result = auto_assign(s.forum, by=s.organizer, time_limit=2)
    assert result.assigned == 1
    assert [u.reason for u in result.unmet] == [UnmetReason.ALL_BUSY]


def test_one_room_per_day_where_possible(s, solver):
    _interpreter(s.forum)
    _interpreter(s.forum)
    for room in (s.small, s.hall):
        for slot in (s.s0900, s.s1100):
            _session(s, room, slot)
    assert auto_assign(s.forum, by=s.organizer, time_limit=2).assigned == 4
    rooms = defaultdict(set)
    for a in _assignments(s.forum):
        rooms[a.interpreter_id].add(_room_of(a))
    assert sorted(len(r) for r in rooms.values()) == [1, 1]


def _room_of(assignment):
    from app.scheduling.models import Placement

    return db.session.scalar(
        sa.select(Placement.room_id).where(Placement.activity_id == assignment.need.activity_id)
    )


def test_booth_teams_mix_first_timers_and_experienced(s, solver):
    experienced = {_interpreter(s.forum).id for _ in range(2)}
    for _ in range(2):
        _interpreter(s.forum, experienced=False)
    for room in (s.hall, s.annex):
        _session(s, room, s.s0900, interpretation_mode=SIMULTANEOUS)
    assert auto_assign(s.forum, by=s.organizer, time_limit=2).assigned == 4
    teams = defaultdict(set)
    for a in _assignments(s.forum):
        teams[a.need_id].add(a.interpreter_id in experienced)
    assert list(teams.values()) == [{True, False}, {True, False}]


def test_relay_gets_one_interpreter_per_leg(s, solver):
    first = _interpreter(s.forum, directions=[("ckb", "ar")], modes=["consecutive"])
    second = _interpreter(s.forum, directions=[("ar", "en")], modes=["consecutive"])
    _session(s, s.small, s.s0900, spoken_languages=["ckb"])
    result = auto_assign(s.forum, by=s.organizer, time_limit=2)
    assert (result.assigned, result.unmet) == (2, [])
    assert {a.interpreter_id for a in _assignments(s.forum)} == {first.id, second.id}


def test_pinned_kept_and_automatic_replaced(s, solver):
    _interpreter(s.forum)
    _interpreter(s.forum)
    _session(s, s.small, s.s0900)
    _session(s, s.small, s.s1100)
    assert auto_assign(s.forum, by=s.organizer, time_limit=2).assigned == 2
    pinned, _automatic = _assignments(s.forum)
    pinned.pinned = True
    db.session.flush()
    someone_else = factories.make_user()
    result = auto_assign(s.forum, by=someone_else, time_limit=2)
    assert result.assigned == 1
    after = {a.id: (a.pinned, a.created_by_id) for a in _assignments(s.forum)}
    assert after[pinned.id] == (True, s.organizer.id)
    assert sorted(after.values()) == [(False, someone_else.id), (True, s.organizer.id)]


def test_unmet_reasons(s, solver):
    _interpreter(s.forum, directions=[("ar", "en")], modes=["consecutive"], days=[s.day1])
    _interpreter(s.forum, directions=[("ar", "fr")], modes=["whispered"])
    _session(s, s.small, s.s0900, into=["ckb"])  # nobody has ar → ckb
    _session(s, s.small, s.s1100, into=["fr"])  # ar → fr only whispered
    _session(s, s.small, s.d2_0900, into=["en"])  # ar → en only on day 1
    _session(s, s.small, s.s1400, into=["en"])
    _session(s, s.hall, s.s1400, into=["en"])  # the only ar → en is in the small room then
    result = auto_assign(s.forum, by=s.organizer, time_limit=2)
    assert result.assigned == 1
    assert sorted((u.reason, u.pair) for u in result.unmet) == [
        (UnmetReason.ALL_BUSY, ("ar", "en")),
        (UnmetReason.NO_DIRECTION, ("ar", "ckb")),
        (UnmetReason.NO_MODE, ("ar", "fr")),
        (UnmetReason.NOT_AVAILABLE, ("ar", "en")),
    ]


def test_describe_unmet_in_english(s):
    unmet = Unmet(
        need_id=1, reason=UnmetReason.ALL_BUSY, day_id=s.day1.id, starts=660, pair=("ckb", "en")
    )
    with force_locale("en"):
        assert describe_unmet(unmet) == (
            "No one with Kurdish → English is free on Thursday 4 March at 11:00."
        )
        two = Unmet(1, UnmetReason.NO_DIRECTION, s.day2.id, 540, ("ar", "fr"), missing=2)
        assert describe_unmet(two) == (
            "No one on the team interprets Arabic → French (Friday 5 March at 09:00)."
            " 2 interpreters are missing."
        )
