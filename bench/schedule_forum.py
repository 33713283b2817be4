"""A WSF-size forum as a ``Snapshot``, seeded, for the auto-scheduler benchmark.

It is made from a hidden schedule that breaks no rule, so every activity is
placeable: rooms and days are laid first, sessions planted into them, and each
activity gets what its planted spot allows (attendance up to the room's capacity,
simultaneous interpretation only in booth rooms, organizations, presenters and
interpreters never in two planted sessions at once, impossible days other than the
planted one, closures only where nothing is planted, sequences of planted sessions
that follow each other in one room). The solver never sees the hidden schedule.
"""

from dataclasses import dataclass
from random import Random

from app.scheduling.snapshot import Activity, Closure, Room, Slot, Snapshot, Spot

SLOT_TIMES = ((540, 630), (660, 750), (840, 930), (960, 1050))  # 4 sessions a day, linked


@dataclass
class Planted:
    snapshot: Snapshot
    hidden: dict[int, Spot]  # a schedule with no conflict: proof that all are placeable


def wsf_forum(
    seed: int = 2024,
    activities: int = 1500,
    rooms: int = 100,
    days: int = 5,
    booth_rooms: int = 18,
    themes: int = 12,
) -> Planted:
    rng = Random(seed)  # noqa: S311 - benchmark data, not a secret
    slots = {}
    for day in range(1, days + 1):
        for k, (starts, ends) in enumerate(SLOT_TIMES):
            slot_id = day * 10 + k
            following = slot_id + 1 if k + 1 < len(SLOT_TIMES) else None
            slots[slot_id] = Slot(slot_id, day, starts, ends, following)
    day_slots = {d: [d * 10 + k for k in range(len(SLOT_TIMES))] for d in range(1, days + 1)}
    room_list = _rooms(rng, rooms, booth_rooms)
    closed_cells = {}  # (room, day) -> closed slot positions
    for room in rng.sample(room_list, max(1, rooms // 12)):
        day = rng.randint(1, days)
        closed_cells[room.id, day] = {0, 1} if rng.random() < 0.5 else {2, 3}
    hidden, spots = _plant(rng, room_list, day_slots, closed_cells, activities)
    room_of = {r.id: r for r in room_list}
    made = {}
    for activity_id, spot in hidden.items():
        room = room_of[spot.room_id]
        made[activity_id] = _activity(rng, activity_id, room, spot, slots, days, themes)
    _add_organizations(rng, made, hidden, slots)
    _add_presenters(rng, made, hidden, slots)
    sequences = _sequences(rng, hidden, slots, spots, len(made) // 10)
    interpreters = _interpreters(rng, made, hidden, slots)
    final_rooms = {}
    for room in room_list:
        closures = tuple(
            Closure(day, SLOT_TIMES[min(c)][0], SLOT_TIMES[max(c)][1])
            for (room_id, day), c in closed_cells.items()
            if room_id == room.id
        )
        final_rooms[room.id] = Room(room.id, room.capacity, room.has_booth, room.channels, closures)
    snapshot = Snapshot(
        rooms=final_rooms,
        slots=slots,
        activities=made,
        placements={},
        sequences=sequences,
        interpreters=interpreters,
    )
    return Planted(snapshot, hidden)


def _rooms(rng: Random, count: int, booths: int) -> list[Room]:
    rooms = []
    for room_id in range(1, count + 1):
        band = rng.random()
        if band < 0.4:
            capacity = rng.randrange(20, 61, 5)
        elif band < 0.7:
            capacity = rng.randrange(60, 151, 10)
        elif band < 0.9:
            capacity = rng.randrange(150, 301, 25)
        else:
            capacity = rng.randrange(300, 501, 50)
        rooms.append(Room(room_id, capacity))
    large = [r for r in rooms if r.capacity >= 60]
    with_booth = {r.id for r in rng.sample(large, min(booths, len(large)))}
    return [
        Room(r.id, r.capacity, True, rng.choice((2, 2, 3))) if r.id in with_booth else r
        for r in rooms
    ]


def _plant(rng, rooms, day_slots, closed_cells, wanted):
    """Sessions laid into room-days: lengths mostly 1, some 2 and 3, a few cells empty."""
    cells = [(room, day) for room in rooms for day in day_slots]
    rng.shuffle(cells)
    free = sum(len(day_slots[d]) - len(closed_cells.get((r.id, d), ())) for r, d in cells)
    empty_rate = max(0.0, 1 - wanted * 1.16 / free)
    hidden, spots, next_id = {}, {}, 1
    for room, day in cells:
        closed = closed_cells.get((room.id, day), set())
        position, ids = 0, day_slots[day]
        while position < len(ids) and next_id <= wanted:
            if position in closed or rng.random() < empty_rate:
                position += 1
                continue
            length = rng.choices((1, 2, 3), weights=(86, 11, 3))[0]
            while length > 1 and (
                position + length > len(ids)
                or any(p in closed for p in range(position, position + length))
            ):
                length -= 1
            spot = Spot(room.id, tuple(ids[position : position + length]))
            hidden[next_id] = spot
            spots[room.id, ids[position]] = next_id
            next_id += 1
            position += length
    return hidden, spots


def _activity(rng, activity_id, room, spot, slots, days, themes) -> Activity:
    day = slots[spot.slot_ids[0]].day_id
    attendance = max(5, int(room.capacity * rng.uniform(0.35, 1.0)) // 5 * 5)
    simultaneous = room.has_booth and rng.random() < 0.95
    languages = rng.randint(1, room.channels) if simultaneous else 0
    if not simultaneous and rng.random() < 0.17:
        languages = rng.randint(1, 2)  # consecutive interpretation: no booth needed
    other_days = [d for d in range(1, days + 1) if d != day]
    impossible = frozenset(rng.sample(other_days, rng.randint(1, 2))) if rng.random() < 0.1 else ()
    preferred = frozenset()
    if rng.random() < 0.25:
        preferred = frozenset(rng.sample(range(1, days + 1), rng.randint(1, 2)))
    return Activity(
        id=activity_id,
        length=len(spot.slot_ids),
        attendance=attendance,
        simultaneous=simultaneous,
        interpretation_languages=languages,
        impossible_days=frozenset(impossible),
        preferred_days=preferred - frozenset(impossible),
        theme_id=rng.randint(1, themes),
    )


def _overlap(a: Spot, b: Spot, slots) -> bool:
    first, second = slots[a.slot_ids[0]], slots[b.slot_ids[0]]
    if first.day_id != second.day_id:
        return False
    return slots[a.slot_ids[0]].starts < slots[b.slot_ids[-1]].ends and (
        slots[b.slot_ids[0]].starts < slots[a.slot_ids[-1]].ends
    )


def _apart(rng, pool, hidden, slots, size, chosen=(), tries=30) -> list[int]:
    """Up to ``size`` activities of ``pool`` whose planted sessions never overlap
    (nor those ``chosen`` already)."""
    chosen = list(chosen)
    size += len(chosen)
    for _ in range(tries):
        if len(chosen) == size or not pool:
            break
        candidate = rng.choice(pool)
        if candidate not in chosen and not any(
            _overlap(hidden[candidate], hidden[c], slots) for c in chosen
        ):
            chosen.append(candidate)
    return chosen


def _add_organizations(rng, made, hidden, slots) -> None:
    lead: dict[int, set[int]] = {a: set() for a in made}
    pool = list(made)
    rng.shuffle(pool)
    organization = 0
    while pool:
        organization += 1
        size = rng.choices((1, 2, 3, 4, 5), weights=(40, 25, 15, 10, 10))[0]
        group = _apart(rng, pool, hidden, slots, size - 1, chosen=[pool.pop()])
        for activity_id in group:
            lead[activity_id].add(organization)
            if activity_id in pool:
                pool.remove(activity_id)
    # One in ten has a co-organizer whose other sessions it does not overlap.
    sessions_of: dict[int, list[int]] = {}
    for activity_id, organizations in lead.items():
        for o in organizations:
            sessions_of.setdefault(o, []).append(activity_id)
    for activity_id in rng.sample(list(made), len(made) // 10):
        partner = rng.randint(1, organization)
        if all(
            not _overlap(hidden[activity_id], hidden[o], slots)
            for o in sessions_of[partner]
            if o != activity_id
        ):
            lead[activity_id].add(partner)
            sessions_of[partner].append(activity_id)
    for activity_id, organizations in lead.items():
        made[activity_id] = _with(made[activity_id], organizations=frozenset(organizations))


def _add_presenters(rng, made, hidden, slots) -> None:
    presenters = {a: {f"p{a}-{k}" for k in range(rng.randint(1, 3))} for a in made}
    pool = list(made)
    for star in range(len(made) // 25):  # some people present in several sessions
        for activity_id in _apart(rng, pool, hidden, slots, rng.randint(2, 4)):
            presenters[activity_id].add(f"star{star}")
    for activity_id, keys in presenters.items():
        made[activity_id] = _with(made[activity_id], presenters=frozenset(keys))


def _sequences(rng, hidden, slots, spots, members_wanted):
    """Pairs and triples of planted sessions that follow each other in one room."""
    sequences, used, members = [], set(), 0
    starts = list(hidden)
    rng.shuffle(starts)
    for first in starts:
        if members >= members_wanted:
            break
        chain = [first]
        while len(chain) < rng.choice((2, 2, 3)):
            last = hidden[chain[-1]]
            following = slots[last.slot_ids[-1]].next_id
            after = spots.get((last.room_id, following)) if following else None
            if after is None or after in used:
                break
            chain.append(after)
        if len(chain) > 1 and not used.intersection(chain):
            used.update(chain)
            sequences.append(tuple(chain))
            members += len(chain)
    return tuple(sequences)


def _interpreters(rng, made, hidden, slots) -> dict[str, frozenset[int]]:
    interpreted = [a for a, activity in made.items() if activity.interpretation_languages]
    team = {}
    for k in range(len(interpreted) // 8):
        team[f"interpreter{k}"] = frozenset(_apart(rng, interpreted, hidden, slots, 6))
    return team


def _with(activity: Activity, **changes) -> Activity:
    from dataclasses import replace

    return replace(activity, **changes)
