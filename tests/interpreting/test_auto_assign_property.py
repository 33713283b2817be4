"""Whatever small forum it is given, every assignment the automatic assignment
makes passes the scheduling conflict engine (no interpreter in two sessions at
once) and the rules of directions, modes, availability, the daily maximum and a
break after two sessions in a row — checked here independently of the code under
test, from the database rows."""

import contextlib
import itertools
from collections import defaultdict

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.activities.models import InterpretationMode
from app.extensions import db
from app.forums.models import SlotKind
from app.interpreting.assigning import AssignmentRefused, assign_interpreter
from app.interpreting.auto_assign import auto_assign
from app.interpreting.models import (
    InterpretationAssignment,
    InterpretationNeed,
    InterpreterStatus,
    InterpretingPolicy,
)
from app.interpreting.needs import derive_needs
from app.scheduling.conflicts import Rule, find_conflicts
from app.scheduling.loading import load_snapshot
from app.scheduling.models import Placement
from tests.interpreting.factories import make_interpreter, make_placed_session, make_schedule

LANGUAGES = ["ar", "ckb", "en"]
DIRECTIONS = [(a, b) for a in LANGUAGES for b in LANGUAGES if a != b]
# Most sessions are in Arabic with English asked for: interpreters are scarce, so
# the daily maximum and the breaks bind.
SPOKEN = ["ar", "ar", "ar", "ckb", "en"]
TARGETS = ["en", "en", "ckb", "ar"]
MODES = [m.value for m in InterpretationMode]

interpreters = st.lists(
    st.tuples(
        st.lists(
            st.sampled_from([("ar", "en")] * 4 + DIRECTIONS), min_size=1, max_size=3, unique=True
        ),
        st.sampled_from([MODES, MODES, ["simultaneous"], ["consecutive", "whispered"]]),
        st.booleans(),  # experienced
        st.sampled_from(["both", "both", "day1", "day2"]),
        st.sampled_from([InterpreterStatus.APPROVED] * 4 + [InterpreterStatus.PENDING]),
    ),
    min_size=1,
    max_size=4,
)
sessions = st.lists(
    st.tuples(
        st.integers(0, 2),  # room
        st.sampled_from([0, 1, 2, 2, 3, 3, 4, 5]),  # start slot (11:00 to 14:00 the most)
        st.sampled_from([False, False, True]),  # two slots long when it can
        st.sampled_from(SPOKEN),
        st.lists(st.sampled_from(TARGETS), min_size=1, max_size=2, unique=True),
        st.sampled_from([*MODES, None]),
    ),
    min_size=1,
    max_size=10,
)


@pytest.fixture
def app_ctx(ctx):
    return None


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(  # one interpreter, three sessions in a row: the break must bind
    people=[([("ar", "en")], MODES, True, "both", InterpreterStatus.APPROVED)],
    placed=[(2, start, False, "ar", ["en"], None) for start in (1, 2, 3)],
    max_per_day=3,
    relay=False,
    pins=[],
)
@given(
    people=interpreters,
    placed=sessions,
    max_per_day=st.sampled_from([1, 2, 3, 3, 3]),
    relay=st.booleans(),
    pins=st.lists(st.tuples(st.integers(0, 20), st.integers(0, 4)), max_size=3),
)
def test_every_automatic_assignment_keeps_the_rules(
    app_ctx, people, placed, max_per_day, relay, pins
):
    s = make_schedule()
    db.session.add(
        InterpretingPolicy(forum_id=s.forum.id, max_sessions_per_day=max_per_day, allow_relay=relay)
    )
    days = {"both": None, "day1": [s.day1], "day2": [s.day2]}
    team = [
        make_interpreter(
            s.forum, directions=d, modes=m, experienced=e, days=days[when], status=status
        )
        for d, m, e, when, status in people
    ]
    _place_sessions(s, placed)
    needs = derive_needs(s.forum)
    for need_index, person_index in pins:  # some by hand first, where the rules let them
        if needs and person_index < len(team):
            with contextlib.suppress(AssignmentRefused):
                assign_interpreter(
                    needs[need_index % len(needs)], team[person_index], by=s.organizer
                )
    result = auto_assign(s.forum, by=s.organizer, time_limit=0.5)
    conflicts = find_conflicts(load_snapshot(s.forum))
    assert not [c for c in conflicts if c.rule == Rule.INTERPRETER_CLASH]
    assert_rules_kept(s, max_per_day)
    automatic = db.session.scalar(
        sa.select(sa.func.count(InterpretationAssignment.id))
        .join(InterpretationNeed)
        .where(
            InterpretationNeed.forum_id == s.forum.id, InterpretationAssignment.pinned.is_(False)
        )
    )
    assert automatic == result.assigned


def _place_sessions(s, placed) -> None:
    rooms = [s.hall, s.annex, s.small]
    runs = [[s.s0900], [s.s1100, s.s1230, s.s1400], [s.d2_0900, s.d2_1100]]
    starts = [(run, k) for run in runs for k in range(len(run))]
    taken = set()
    for room_index, start, long, spoken, into, mode in placed:
        run, k = starts[start]
        slots = run[k : k + 2] if long else run[k : k + 1]
        cells = {(room_index, slot.id) for slot in slots}
        if cells & taken:
            continue
        taken |= cells
        make_placed_session(
            s.forum,
            rooms[room_index],
            slots,
            spoken_languages=[spoken],
            interpretation_into=into,
            interpretation_mode=mode,
        )


def assert_rules_kept(s, max_per_day: int) -> None:
    rows = db.session.scalars(
        sa.select(InterpretationAssignment)
        .join(InterpretationNeed)
        .where(InterpretationNeed.forum_id == s.forum.id)
    ).all()
    held = defaultdict(list)
    per_need = defaultdict(int)
    for assignment in rows:
        need, interpreter = assignment.need, assignment.interpreter
        directions = {(d.source, d.target) for d in interpreter.directions}
        legs = (
            {(need.source, need.relay), (need.relay, need.target)}
            if need.relay
            else {(need.source, need.target)}
        )
        assert directions & legs, "a direction the interpreter does not have"
        assert need.mode in interpreter.modes
        assert interpreter.status == InterpreterStatus.APPROVED
        placement = db.session.scalar(
            sa.select(Placement).where(Placement.activity_id == need.activity_id)
        )
        cells = sorted(placement.cells, key=lambda c: c.slot.starts_at)
        assert placement.day_id in {a.day_id for a in interpreter.availability}
        held[interpreter.id].append((placement.day, [c.slot for c in cells], need.activity_id))
        per_need[need.id] += 1
        assert per_need[need.id] <= need.team_size * len(legs)
    for sittings in held.values():
        by_day = defaultdict(list)
        for day, slots, activity_id in sittings:
            by_day[day].append((slots, activity_id))
        for day, day_sittings in by_day.items():
            assert len(day_sittings) <= max_per_day
            _no_overlap_and_breaks(day, day_sittings)


def _no_overlap_and_breaks(day, sittings) -> None:
    order = list(day.slots)  # every slot of the day, breaks too, by time
    spans = sorted(
        (order.index(slots[0]), order.index(slots[-1]), slots[0].starts_at, slots[-1].ends_at)
        for slots, _activity in sittings
    )
    run = 1
    for (_f1, last1, _s1, end1), (first2, _l2, start2, _e2) in itertools.pairwise(spans):
        assert end1 <= start2, "two sessions at once"
        right_after = first2 == last1 + 1 and order[first2].kind == SlotKind.SESSION
        run = run + 1 if right_after else 1
        assert run <= 2, "a third session in a row"
