"""The auto-scheduler on small forums whose best schedule is known by hand: each soft
rule decides once, and no hard rule is ever broken."""

from dataclasses import replace

from app.scheduling.conflicts import find_conflicts
from app.scheduling.snapshot import Activity, Room, Slot, Snapshot, Spot
from app.scheduling.solver import SolverResult, Weights, suggest_schedule

DAY_1, DAY_2 = 1, 2
# Two days of two linked slots each.
SLOTS = {
    11: Slot(11, DAY_1, 540, 630, next_id=12),
    12: Slot(12, DAY_1, 630, 720),
    21: Slot(21, DAY_2, 540, 630, next_id=22),
    22: Slot(22, DAY_2, 630, 720),
}
SMALL, MIDDLE, LARGE = 1, 2, 3


def rooms(*rooms_: Room) -> dict[int, Room]:
    return {room.id: room for room in rooms_}


TWO_ROOMS = rooms(Room(SMALL, 40), Room(LARGE, 200))


def forum(
    *activities: Activity,
    rooms=TWO_ROOMS,
    slots=SLOTS,
    placements=None,
    pinned=(),
    sequences=(),
    interpreters=None,
) -> Snapshot:
    return Snapshot(
        rooms=rooms,
        slots=slots,
        activities={a.id: a for a in activities},
        placements=dict(placements or {}),
        pinned=frozenset(pinned),
        sequences=tuple(sequences),
        interpreters=interpreters or {},
    )


def solve(snapshot: Snapshot, **options) -> SolverResult:
    options.setdefault("time_limit", 5)
    result = suggest_schedule(snapshot, **options)
    assert find_conflicts(replace(snapshot, placements=result.placements)) == []
    return result


def day_of(result: SolverResult, activity_id: int) -> int:
    return SLOTS[result.placements[activity_id].slot_ids[0]].day_id


def test_suggest_schedule_puts_sessions_on_their_preferred_days():
    snapshot = forum(
        Activity(1, attendance=30, preferred_days=frozenset({DAY_2})),
        Activity(2, attendance=30, preferred_days=frozenset({DAY_1})),
        rooms=rooms(Room(SMALL, 40)),
        slots={11: SLOTS[11], 21: SLOTS[21]},
    )
    result = solve(snapshot)
    assert (day_of(result, 1), day_of(result, 2)) == (DAY_2, DAY_1)
    assert result.status == "optimal"
    assert result.objective == 2.0  # 10 empty seats each


def test_suggest_schedule_puts_a_session_in_the_smallest_room_that_holds_it():
    result = solve(forum(Activity(1, attendance=35)))
    assert result.placements[1].room_id == SMALL
    assert result.objective == 0.5


def test_suggest_schedule_gives_the_large_room_to_the_large_session():
    snapshot = forum(
        Activity(1, attendance=30),
        Activity(2, attendance=100),
        rooms=rooms(Room(SMALL, 40), Room(MIDDLE, 120), Room(LARGE, 200)),
        slots={11: SLOTS[11]},
    )
    result = solve(snapshot)
    assert {a: s.room_id for a, s in result.placements.items()} == {1: SMALL, 2: MIDDLE}
    assert result.objective == 3.0


def test_suggest_schedule_keeps_sessions_of_one_theme_apart():
    snapshot = forum(
        Activity(1, attendance=40, theme_id=5),
        Activity(2, attendance=40, theme_id=5),
        Activity(3, attendance=40, theme_id=6),
        Activity(4, attendance=40, theme_id=6),
        rooms=rooms(Room(SMALL, 40), Room(MIDDLE, 40)),
        slots={11: SLOTS[11], 12: SLOTS[12]},
    )
    result = solve(snapshot)
    slot = {a: s.slot_ids for a, s in result.placements.items()}
    assert slot[1] != slot[2]
    assert slot[3] != slot[4]
    assert result.objective == 0


def test_suggest_schedule_weighs_theme_against_preferred_day():
    # Both want day 1, which has one slot: one of them misses its day or they run
    # side by side. Side by side (5) is cheaper than a missed day (10).
    snapshot = forum(
        Activity(1, attendance=40, theme_id=5, preferred_days=frozenset({DAY_1})),
        Activity(2, attendance=40, theme_id=5, preferred_days=frozenset({DAY_1})),
        rooms=rooms(Room(SMALL, 40), Room(MIDDLE, 40)),
        slots={11: SLOTS[11], 21: SLOTS[21]},
    )
    assert solve(snapshot).objective == 5
    heavier = Weights(theme_parallel=15)
    result = solve(snapshot, weights=heavier)
    assert result.objective == 10
    assert {day_of(result, 1), day_of(result, 2)} == {DAY_1, DAY_2}


def test_suggest_schedule_keeps_an_organization_in_one_place_at_a_time():
    snapshot = forum(
        Activity(1, attendance=30, organizations=frozenset({9})),
        Activity(2, attendance=30, organizations=frozenset({9, 4})),
        slots={11: SLOTS[11], 12: SLOTS[12]},
    )
    result = solve(snapshot)
    assert result.placements[1].slot_ids != result.placements[2].slot_ids
    assert result.unplaced == {}


def test_suggest_schedule_moves_nothing_needlessly_when_it_may_move():
    placed = {1: Spot(SMALL, (11,))}
    snapshot = forum(Activity(1, attendance=40), Activity(2, attendance=40), placements=placed)
    result = solve(snapshot, keep_placed=False)
    assert result.placements[1] == Spot(SMALL, (11,))
    assert result.placements[2].room_id == SMALL
    assert result.objective == 0


def test_suggest_schedule_moves_a_session_when_it_saves_more_than_the_change():
    # 190 empty seats (19) against 20 for a move: it stays; 390 (39): it moves.
    placed = {1: Spot(LARGE, (11,))}
    snapshot = forum(Activity(1, attendance=10), placements=placed)
    assert solve(snapshot, keep_placed=False).placements[1] == Spot(LARGE, (11,))
    huge = rooms(Room(SMALL, 40), Room(LARGE, 400))
    snapshot = forum(Activity(1, attendance=10), placements=placed, rooms=huge)
    result = solve(snapshot, keep_placed=False)
    assert result.placements[1].room_id == SMALL
    assert result.objective == 3 + 20


def test_suggest_schedule_counts_changes_from_a_given_previous_schedule():
    snapshot = forum(Activity(1, attendance=40))
    previous = {1: Spot(LARGE, (22,))}
    result = solve(snapshot, previous=previous)
    assert result.placements[1] == Spot(LARGE, (22,))  # 16 empty seats cost less than a change
    assert solve(snapshot).placements[1].room_id == SMALL
