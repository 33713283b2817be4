"""The conflict engine on a WSF-size forum: fast, and its keys unique and short."""

import random
import time

from app.scheduling.conflicts import Conflict, Rule, find_conflicts
from app.scheduling.snapshot import Activity, Room, Slot, Snapshot, Spot


def _big_forum(activities=1500, rooms=100, days=5, slots_per_day=4, seed=7) -> Snapshot:
    """A WSF-size draft: every activity placed, no cell taken twice, organizations
    with 1–5 activities, 30 % wanting interpretation, 10 % in a sequence."""
    chance = random.Random(seed)
    slots = {}
    for day in range(days):
        for index in range(slots_per_day):
            slot_id = day * 100 + index
            next_id = slot_id + 1 if index < slots_per_day - 1 else None
            starts = 9 * 60 + index * 90
            slots[slot_id] = Slot(slot_id, day, starts, starts + 90, next_id)
    room_map = {
        r: Room(r, capacity=chance.choice([30, 60, 120, 300]), has_booth=r % 5 == 0, channels=2)
        for r in range(1, rooms + 1)
    }
    free = [(r, s) for r in room_map for s in slots]
    chance.shuffle(free)
    acts, placements, organization = {}, {}, 1
    for id_ in range(1, activities + 1):
        if chance.random() < 0.3:
            organization += 1
        length = 2 if chance.random() < 0.1 else 1
        cells = _take_cells(free, slots, length) or _take_cells(free, slots, 1)
        length = len(cells)
        acts[id_] = Activity(
            id_,
            length=length,
            attendance=chance.choice([20, 50, 100]),
            simultaneous=chance.random() < 0.3,
            interpretation_languages=chance.choice([1, 2, 3]),
            organizations=frozenset({organization, chance.randrange(1, organization + 1)}),
            presenters=frozenset({f"email:p{chance.randrange(activities * 2)}@example.org"}),
            impossible_days=frozenset({chance.randrange(days)}),
        )
        placements[id_] = Spot(cells[0][0], tuple(s for _, s in cells))
    ids = list(acts)
    sequences = tuple(tuple(chance.sample(ids, 2)) for _ in range(activities // 20))
    interpreters = {f"i{n}": frozenset(chance.sample(ids, 12)) for n in range(40)}
    return Snapshot(
        room_map, slots, acts, placements, sequences=sequences, interpreters=interpreters
    )


def _take_cells(free: list, slots: dict, length: int) -> list[tuple[int, int]] | None:
    """Consecutive free cells of one room, taken off ``free``."""
    for index in range(len(free) - 1, max(len(free) - 50, -1), -1):
        room_id, first = free[index]
        cells = [(room_id, first)]
        if length == 2:
            cells.append((room_id, slots[first].next_id))
            if cells[1] not in free:
                continue
        for cell in cells:
            free.remove(cell)
        return cells
    return None


def test_a_wsf_size_forum_is_checked_fast():
    snapshot = _big_forum()
    assert len(snapshot.placements) == 1500

    started = time.perf_counter()
    conflicts = find_conflicts(snapshot)
    elapsed = time.perf_counter() - started

    assert conflicts
    # Well under 1 s on our 2-core machine; the margin is for busy test runners.
    assert elapsed < 2.0, f"find_conflicts took {elapsed:.2f} s"


def test_keys_differ_between_conflicts_and_stay_short():
    conflicts = find_conflicts(_big_forum(activities=300, rooms=20))

    keys = [c.key for c in conflicts]
    assert conflicts
    assert len(set(keys)) == len(keys)
    assert max(len(key) for key in keys) <= 200
    assert len(Conflict(Rule.SEQUENCE, tuple(range(10**6, 10**6 + 40))).key) <= 200
