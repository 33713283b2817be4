"""Whatever small forum it is given, every schedule the auto-scheduler returns passes
the conflict engine with no conflict and keeps the sessions it must keep."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.scheduling.conflicts import find_conflicts
from app.scheduling.snapshot import Activity, Closure, Room, Slot, Snapshot, Spot
from app.scheduling.solver import suggest_schedule
from app.scheduling.unplaced import Unplaced


@st.composite
def slots(draw) -> dict[int, Slot]:
    made = {}
    for day in range(1, draw(st.integers(1, 2)) + 1):
        count = draw(st.integers(1, 3))
        for k in range(count):
            linked = k + 1 < count and draw(st.booleans())
            slot_id = day * 10 + k
            made[slot_id] = Slot(
                slot_id, day, 540 + 90 * k, 630 + 90 * k, slot_id + 1 if linked else None
            )
    return made


@st.composite
def rooms(draw, days: int) -> dict[int, Room]:
    made = {}
    for room_id in range(1, draw(st.integers(1, 3)) + 1):
        booth = draw(st.booleans())
        closures = ()
        if draw(st.integers(0, 3)) == 0:
            start = draw(st.sampled_from([540, 600, 700]))
            closures = (Closure(draw(st.integers(1, days)), start, start + 60),)
        made[room_id] = Room(
            room_id,
            draw(st.sampled_from([10, 50, 100])),
            has_booth=booth,
            channels=draw(st.integers(1, 3)) if booth else 0,
            closures=closures,
        )
    return made


@st.composite
def activity(draw, activity_id: int, days: int) -> Activity:
    day_set = st.frozensets(st.integers(1, days), max_size=days)
    languages = draw(st.integers(0, 3))
    return Activity(
        id=activity_id,
        length=draw(st.sampled_from([1, 1, 1, 2])),
        attendance=draw(st.sampled_from([0, 8, 30, 60, 120])),
        simultaneous=languages > 0 and draw(st.booleans()),
        interpretation_languages=languages,
        organizations=draw(st.frozensets(st.integers(1, 3), max_size=2)),
        presenters=draw(st.frozensets(st.sampled_from(["amal", "omar"]), max_size=1)),
        impossible_days=draw(day_set),
        preferred_days=draw(day_set),
        theme_id=draw(st.sampled_from([None, 1, 2])),
    )


@st.composite
def forums(draw) -> Snapshot:
    the_slots = draw(slots())
    days = max(s.day_id for s in the_slots.values())
    the_rooms = draw(rooms(days))
    ids = range(1, draw(st.integers(1, 8)) + 1)
    activities = {a: draw(activity(a, days)) for a in ids}
    pool = st.sampled_from(list(ids))
    sequences = tuple(
        tuple(draw(st.lists(pool, min_size=2, max_size=3))) for _ in range(draw(st.integers(0, 2)))
    )
    interpreters = {"zainab": draw(st.frozensets(pool, max_size=3))}
    snapshot = Snapshot(
        the_rooms, the_slots, activities, {}, sequences=sequences, interpreters=interpreters
    )
    # A current schedule without conflicts: random spots, each kept only if it adds none.
    for activity_id in draw(st.lists(pool, max_size=5, unique=True)):
        first = draw(st.sampled_from(sorted(the_slots)))
        run = snapshot.run_from(first, activities[activity_id].length)
        if run is None:
            continue
        spot = Spot(draw(st.sampled_from(sorted(the_rooms))), run)
        trial = snapshot.with_changes({activity_id: spot})
        if not find_conflicts(trial):
            snapshot = trial
    pinned = draw(st.frozensets(st.sampled_from(list(ids)), max_size=3))
    return Snapshot(
        the_rooms,
        the_slots,
        activities,
        snapshot.placements,
        pinned=pinned & frozenset(snapshot.placements),
        sequences=sequences,
        interpreters=interpreters,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forums(), st.booleans())
def test_suggest_schedule_never_breaks_a_hard_rule(snapshot, keep_placed):
    result = suggest_schedule(snapshot, time_limit=1, keep_placed=keep_placed)
    assert find_conflicts(replace(snapshot, placements=result.placements)) == []
    for activity_id in snapshot.pinned:
        assert result.placements[activity_id] == snapshot.placements[activity_id]
    if keep_placed:
        for activity_id, spot in snapshot.placements.items():
            assert result.placements[activity_id] == spot
    assert set(result.placements).isdisjoint(result.unplaced)
    assert set(result.placements) | set(result.unplaced) >= set(snapshot.activities)
    assert set(result.unplaced.values()) <= {code.value for code in Unplaced}
    assert result.seconds < 1.2
