"""Assigning by hand: one refused and one accepted case per rule, the board's
candidates, the audit log, and taking an interpreter off."""

import pytest
import sqlalchemy as sa

from app.activities.models import InterpretationMode
from app.audit.models import AuditEvent
from app.extensions import db
from app.interpreting.assigning import (
    AssignmentRefused,
    assign_interpreter,
    candidates,
    open_places,
    unassign,
)
from app.interpreting.assigning_rules import AssignProblem as P
from app.interpreting.models import (
    InterpretationAssignment,
    InterpreterStatus,
    InterpretingPolicy,
)
from tests.interpreting.factories import (
    make_interpreter,
    make_need,
    make_placed_session,
    make_schedule,
)

SIMULTANEOUS = InterpretationMode.SIMULTANEOUS


@pytest.fixture
def s(ctx):
    return make_schedule()


def _session_need(s, room=None, slots=None, **need_fields):
    activity = make_placed_session(s.forum, room or s.hall, slots or s.s0900)
    return make_need(activity, **need_fields)


def _refused(need, interpreter, by) -> list[P]:
    with pytest.raises(AssignmentRefused) as refused:
        assign_interpreter(need, interpreter, by=by)
    return refused.value.problems


def test_assigning_records_a_pinned_assignment_and_an_audit_event(s):
    interpreter = make_interpreter(s.forum)
    need = _session_need(s)
    assignment = assign_interpreter(need, interpreter, by=s.organizer)
    assert (assignment.pinned, assignment.created_by_id) == (True, s.organizer.id)
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "interpreter_assigned")
    )
    assert event.details["interpreter_id"] == interpreter.id


def test_direction_missing_is_refused(s):
    interpreter = make_interpreter(s.forum, directions=[("en", "ar")])
    assert _refused(_session_need(s), interpreter, s.organizer) == [P.NO_DIRECTION]


def test_not_approved_is_refused(s):
    interpreter = make_interpreter(s.forum, status=InterpreterStatus.PENDING)
    assert _refused(_session_need(s), interpreter, s.organizer) == [P.NOT_APPROVED]


def test_mode_missing_is_refused_and_present_accepted(s):
    need = _session_need(s, mode=InterpretationMode.WHISPERED)
    simultaneous_only = make_interpreter(s.forum)
    assert _refused(need, simultaneous_only, s.organizer) == [P.NO_MODE]
    assign_interpreter(need, make_interpreter(s.forum, modes=["whispered"]), by=s.organizer)


def test_day_not_available_is_refused(s):
    need = _session_need(s, slots=s.d2_0900)
    day1_only = make_interpreter(s.forum, days=[s.day1])
    assert _refused(need, day1_only, s.organizer) == [P.NOT_AVAILABLE]
    assign_interpreter(need, make_interpreter(s.forum, days=[s.day2]), by=s.organizer)


def test_two_sessions_at_once_are_refused_back_to_back_fine(s):
    interpreter = make_interpreter(s.forum)
    assign_interpreter(_session_need(s, s.hall, s.s1100), interpreter, by=s.organizer)
    at_once = _session_need(s, s.annex, s.s1100)
    assert _refused(at_once, interpreter, s.organizer) == [P.BUSY]
    assign_interpreter(_session_need(s, s.annex, s.s1230), interpreter, by=s.organizer)


def test_two_needs_of_one_session_are_refused(s):
    interpreter = make_interpreter(s.forum, directions=[("ar", "en"), ("ar", "ckb")])
    activity = make_placed_session(s.forum, s.hall, s.s0900)
    assign_interpreter(make_need(activity, target="en"), interpreter, by=s.organizer)
    assert _refused(make_need(activity, target="ckb"), interpreter, s.organizer) == [P.BUSY]


def test_daily_maximum_is_refused(s):
    db.session.add(InterpretingPolicy(forum_id=s.forum.id, max_sessions_per_day=2))
    interpreter = make_interpreter(s.forum)
    assign_interpreter(_session_need(s, slots=s.s0900), interpreter, by=s.organizer)
    assign_interpreter(_session_need(s, slots=s.s1100), interpreter, by=s.organizer)
    assert _refused(_session_need(s, slots=s.s1400), interpreter, s.organizer) == [P.DAILY_MAXIMUM]
    # Another day is another count.
    assign_interpreter(_session_need(s, slots=s.d2_0900), interpreter, by=s.organizer)


def test_third_session_in_a_row_is_refused(s):
    interpreter = make_interpreter(s.forum)
    assign_interpreter(_session_need(s, slots=s.s1100), interpreter, by=s.organizer)
    assign_interpreter(_session_need(s, slots=s.s1230), interpreter, by=s.organizer)
    assert _refused(_session_need(s, slots=s.s1400), interpreter, s.organizer) == [P.NO_BREAK]


def test_a_break_slot_or_a_free_slot_is_the_break(s):
    interpreter = make_interpreter(s.forum)
    # 09:00, then the lunch break, then 11:00 and 12:30: never three in a row.
    for slot in (s.s0900, s.s1100, s.s1230):
        assign_interpreter(_session_need(s, slots=slot), interpreter, by=s.organizer)
    other = make_interpreter(s.forum)
    # 11:00 and 14:00 with 12:30 free between them.
    for slot in (s.s1100, s.s1400):
        assign_interpreter(_session_need(s, s.annex, slot), other, by=s.organizer)


def test_a_long_session_counts_once_in_a_row(s):
    interpreter = make_interpreter(s.forum)
    two_slots = make_placed_session(s.forum, s.hall, [s.s1100, s.s1230])
    assign_interpreter(make_need(two_slots), interpreter, by=s.organizer)
    assign_interpreter(_session_need(s, slots=s.s1400), interpreter, by=s.organizer)
    assign_interpreter(_session_need(s, slots=s.s0900), interpreter, by=s.organizer)


def test_team_full_is_refused(s):
    need = _session_need(s, team_size=1)
    assign_interpreter(need, make_interpreter(s.forum), by=s.organizer)
    assert _refused(need, make_interpreter(s.forum), s.organizer) == [P.TEAM_FULL]


def test_booth_team_of_two_takes_two(s):
    need = _session_need(s, team_size=2)
    assign_interpreter(need, make_interpreter(s.forum), by=s.organizer)
    assign_interpreter(need, make_interpreter(s.forum), by=s.organizer)
    assert open_places(need) == 0
    assert _refused(need, make_interpreter(s.forum), s.organizer) == [P.TEAM_FULL]


def test_relay_takes_one_interpreter_per_leg(s):
    need = _session_need(s, source="ckb", target="en", relay="ar")
    direct = make_interpreter(s.forum, directions=[("ckb", "en")])
    assert _refused(need, direct, s.organizer) == [P.NO_DIRECTION]
    first_leg = make_interpreter(s.forum, directions=[("ckb", "ar")])
    assign_interpreter(need, first_leg, by=s.organizer)
    assert open_places(need) == 1
    same_leg = make_interpreter(s.forum, directions=[("ckb", "ar")])
    assert _refused(need, same_leg, s.organizer) == [P.TEAM_FULL]
    assign_interpreter(need, make_interpreter(s.forum, directions=[("ar", "en")]), by=s.organizer)
    assert open_places(need) == 0


def test_already_assigned_is_refused(s):
    interpreter = make_interpreter(s.forum)
    need = _session_need(s, team_size=2)
    assign_interpreter(need, interpreter, by=s.organizer)
    assert P.ALREADY_ASSIGNED in _refused(need, interpreter, s.organizer)


def test_candidates_fit_first_least_loaded_first(s):
    busy = make_interpreter(s.forum)
    idle = make_interpreter(s.forum)
    make_interpreter(s.forum, directions=[("en", "ar")])
    make_interpreter(s.forum, status=InterpreterStatus.PENDING)
    assign_interpreter(_session_need(s, slots=s.s1400), busy, by=s.organizer)
    need = _session_need(s, slots=s.s0900, team_size=2)
    found = candidates(need)
    assert [(c.interpreter.id, c.fits) for c in found][:2] == [(idle.id, True), (busy.id, True)]
    assert found[2].reasons == [P.NO_DIRECTION]
    assert len(found) == 3  # the pending interpreter is not offered


def test_unassign_reopens_the_need(s):
    interpreter = make_interpreter(s.forum)
    need = _session_need(s, team_size=1)
    assignment = assign_interpreter(need, interpreter, by=s.organizer)
    unassign(assignment, by=s.organizer)
    assert db.session.get(InterpretationAssignment, assignment.id) is None
    assert open_places(need) == 1
    assert candidates(need)[0].fits


def test_every_problem_has_a_sentence(s):
    from flask_babel import force_locale

    from app.interpreting.assigning_messages import describe_problems

    with force_locale("en"):
        sentences = describe_problems(list(P))
    assert len(set(sentences)) == len(P)
    assert "Would work three sessions in a row: a break is due." in sentences
