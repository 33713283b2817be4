"""The auto-scheduler's view of a snapshot: what it places (units), where each unit
may go, and what a schedule costs. Plain values, no OR-Tools.

A *unit* is one activity, or a chain of sequence members placed together in order,
back to back in one room. Time is cut into *moments*: the start of every slot; two
sessions overlap in time exactly when they cover a common moment (intervals are
half-open), so "never in two places at once" is one at-most-one per person and
moment, and one session per room is one at-most-one per room and moment.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.scheduling.snapshot import Activity, Snapshot, Spot
from app.scheduling.solver_chains import chains_of
from app.scheduling.unplaced import Unplaced

# Costs are integers in tenths of the weights' units (wasted seats count per 10).
SCALE = 10

Person = tuple[str, object]


@dataclass(frozen=True)
class Start:
    """Where a unit may start: per member, its slots and the moments they cover."""

    slot_id: int
    day_id: int
    runs: tuple[tuple[int, ...], ...]
    moments: tuple[tuple[int, ...], ...]


@dataclass
class Unit:
    index: int
    members: tuple[Activity, ...]
    free: tuple[int, ...]  # positions in ``members`` the solver places
    rooms: list[tuple[int, int]]  # (cost of the free members' wasted seats, room id)
    starts: list[Start]
    start_costs: dict[int, int]  # start slot id -> preferred-day cost
    persons: tuple[tuple[Person, ...], ...]  # per member
    previous: tuple[Spot | None, ...]  # per member
    change_cost: int = 0
    needs_booth: bool = False

    @property
    def size(self) -> int:
        return sum(self.members[i].length for i in self.free)

    def moved_cost(self, room_id: int, start: Start) -> int:
        """The change cost of the free members that this spot moves away from before."""
        if not self.change_cost:
            return 0
        moved = 0
        for i in self.free:
            before = self.previous[i]
            if before is not None and (before.room_id, before.slot_ids) != (
                room_id,
                start.runs[i],
            ):
                moved += 1
        return moved * self.change_cost

    def spots(self, room_id: int, start: Start) -> dict[int, Spot]:
        return {self.members[i].id: Spot(room_id, start.runs[i]) for i in self.free}


@dataclass
class Problem:
    snapshot: Snapshot
    units: list[Unit]
    fixed: dict[int, Spot]  # sessions that stay where they are
    reasons: dict[int, str]  # activities that can never be placed, and why
    moments_of: dict[int, tuple[int, ...]]  # slot id -> moments it covers
    persons: dict[int, tuple[Person, ...]]  # activity id -> people who must be there
    closed: dict[int, frozenset[int]]  # room id -> slot ids a closure touches
    weights: object
    previous: Mapping[int, Spot] = field(default_factory=dict)
    unplaced_penalty: int = 1  # per member left unplaced, above any gain elsewhere


def build_problem(
    snapshot: Snapshot, weights, keep_placed: bool, previous: Mapping[int, Spot]
) -> Problem:
    activities, placements = snapshot.activities, snapshot.placements
    fixed = {
        a: spot
        for a, spot in placements.items()
        if a in snapshot.pinned or keep_placed or a not in activities
    }
    moments_of = _moments(snapshot)
    closed = {room.id: _closed_slots(snapshot, room) for room in snapshot.rooms.values()}
    persons = _persons(snapshot)
    chains, broken = chains_of(snapshot)
    problem = Problem(snapshot, [], {}, {}, moments_of, persons, closed, weights, previous)
    for activity_id in broken:
        if activity_id in placements:
            fixed.setdefault(activity_id, placements[activity_id])
        else:
            problem.reasons[activity_id] = Unplaced.SEQUENCE_UNPLACEABLE
    problem.fixed = fixed
    patterns: dict[tuple[int, ...], list[Start]] = {}
    in_chain = {a for chain in chains for a in chain}
    groups = [tuple(chain) for chain in chains]
    groups += [(a,) for a in activities if a not in in_chain and a not in broken]
    for group in groups:
        members = tuple(activities.get(a) or Activity(id=a) for a in group)
        free = tuple(i for i, a in enumerate(group) if a not in fixed)
        if not free:
            continue
        if any(members[i].id not in activities for i in free):
            continue  # unknown activities are only ever fixed
        unit = _unit(problem, len(problem.units), members, free, patterns)
        if _has_option(problem, unit):
            problem.units.append(unit)
        else:
            problem.reasons.update(_reasons(problem, unit, patterns))
    big = max((room.capacity for room in snapshot.rooms.values()), default=0)
    per_member = SCALE * (weights.preferred_day + weights.change + weights.theme_parallel * 50)
    problem.unplaced_penalty = 100 * (per_member + weights.wasted_seats * big) + 1000
    return problem


def _unit(problem: Problem, index, members, free, patterns) -> Unit:
    snapshot, weights = problem.snapshot, problem.weights
    fixed = problem.fixed
    lengths = tuple(m.length for m in members)
    if lengths not in patterns:
        patterns[lengths] = starts_for(snapshot, lengths, problem.moments_of)
    banned = frozenset().union(*(m.impossible_days for m in members))
    starts = []
    for start in patterns[lengths]:
        if start.day_id in banned:
            continue
        if any(
            fixed[m.id].slot_ids != start.runs[i] for i, m in enumerate(members) if m.id in fixed
        ):
            continue
        starts.append(start)
    fixed_rooms = {fixed[m.id].room_id for m in members if m.id in fixed}
    rooms = []
    for room in snapshot.rooms.values():
        if fixed_rooms and fixed_rooms != {room.id}:
            continue
        if all(_room_fits(room, members[i]) for i in free):
            waste = sum(max(0, room.capacity - members[i].attendance) for i in free)
            rooms.append((weights.wasted_seats * waste * SCALE // 10, room.id))
    rooms.sort()
    start_costs = {}
    for start in starts:
        cost = 0
        for i in free:
            preferred = members[i].preferred_days
            if preferred and start.day_id not in preferred:
                cost += SCALE * weights.preferred_day
        start_costs[start.slot_id] = cost
    return Unit(
        index=index,
        members=members,
        free=free,
        rooms=rooms,
        starts=starts,
        start_costs=start_costs,
        persons=tuple(problem.persons.get(m.id, ()) for m in members),
        previous=tuple(problem.previous.get(m.id) for m in members),
        change_cost=SCALE * weights.change,
        needs_booth=any(members[i].simultaneous for i in free),
    )


def _room_fits(room, activity: Activity) -> bool:
    if activity.attendance > room.capacity:
        return False
    if activity.simultaneous:
        return room.has_booth and activity.interpretation_languages <= room.channels
    return True


def _has_option(problem: Problem, unit: Unit) -> bool:
    for _cost, room_id in unit.rooms:
        closed = problem.closed.get(room_id, frozenset())
        for start in unit.starts:
            if all(closed.isdisjoint(start.runs[i]) for i in unit.free):
                return True
    return False


def _reasons(problem: Problem, unit: Unit, patterns) -> dict[int, str]:
    """Why a unit with no possible spot can't be placed: each free member's own
    reason, or "sequence" for members that alone could be."""
    reasons = {}
    for i in unit.free:
        member = unit.members[i]
        alone = _unit(problem, -1, (member,), (0,), patterns)
        rooms = [r for r in problem.snapshot.rooms.values() if r.capacity >= member.attendance]
        if not rooms:
            code = Unplaced.NO_ROOM_BIG_ENOUGH
        elif not alone.rooms:
            code = Unplaced.NO_BOOTH_ROOM
        elif member.length < 1 or not patterns[(member.length,)]:
            code = Unplaced.NO_RUN_LONG_ENOUGH
        elif not alone.starts:
            code = Unplaced.NO_POSSIBLE_DAY
        elif not _has_option(problem, alone) or len(unit.members) == 1:
            code = Unplaced.NO_FREE_PLACE
        else:
            code = Unplaced.SEQUENCE_UNPLACEABLE
        reasons[member.id] = code
    return reasons


def starts_for(
    snapshot: Snapshot, lengths: tuple[int, ...], moments_of: Mapping[int, tuple[int, ...]]
) -> list[Start]:
    """Every slot where members of these lengths fit back to back on one day."""
    if not lengths or min(lengths) < 1:
        return []
    starts = []
    for slot in sorted(snapshot.slots.values(), key=lambda s: (s.day_id, s.starts, s.id)):
        run = _run(snapshot, slot.id, sum(lengths))
        if run is None:
            continue
        runs, at = [], 0
        for length in lengths:
            runs.append(run[at : at + length])
            at += length
        moments = tuple(tuple(sorted({m for s in r for m in moments_of[s]})) for r in runs)
        starts.append(Start(slot.id, slot.day_id, tuple(runs), moments))
    return starts


def _run(snapshot: Snapshot, first: int, length: int) -> tuple[int, ...] | None:
    """Like ``Snapshot.run_from``, but only over known slots of one day, no loops."""
    run = [first]
    day = snapshot.slots[first].day_id
    while len(run) < length:
        following = snapshot.slots.get(snapshot.slots[run[-1]].next_id)
        if following is None or following.day_id != day or following.id in run:
            return None
        run.append(following.id)
    return tuple(run)


def _moments(snapshot: Snapshot) -> dict[int, tuple[int, ...]]:
    points = sorted({(s.day_id, s.starts) for s in snapshot.slots.values()})
    index = {point: i for i, point in enumerate(points)}
    by_day = defaultdict(list)
    for day_id, starts in points:
        by_day[day_id].append(starts)
    return {
        slot.id: tuple(
            index[slot.day_id, t] for t in by_day[slot.day_id] if slot.starts <= t < slot.ends
        )
        for slot in snapshot.slots.values()
    }


def _closed_slots(snapshot: Snapshot, room) -> frozenset[int]:
    return frozenset(
        slot.id
        for slot in snapshot.slots.values()
        for closure in room.closures
        if closure.day_id == slot.day_id
        and closure.starts < slot.ends
        and slot.starts < closure.ends
    )


def _persons(snapshot: Snapshot) -> dict[int, tuple[Person, ...]]:
    interpreters = defaultdict(list)
    for key, activity_ids in snapshot.interpreters.items():
        for activity_id in activity_ids:
            interpreters[activity_id].append(("i", key))
    persons = {}
    for activity_id in {*snapshot.activities, *snapshot.placements}:
        activity = snapshot.activities.get(activity_id) or Activity(id=activity_id)
        persons[activity_id] = (
            *(("o", o) for o in sorted(activity.organizations)),
            *(("p", p) for p in sorted(activity.presenters)),
            *interpreters.get(activity_id, ()),
        )
    return persons
