"""The one conflict engine: every hard scheduling rule, checked over a ``Snapshot``.

Plain values in, a sorted list of ``Conflict`` out; no Flask and no database. Times
are half-open intervals of minutes on one day, so back-to-back sessions never clash.
A session occupies each of its slots; a well-placed multi-slot session therefore
spans from its first slot's start to its last slot's end.

Speed: sessions are indexed by room and slot (double bookings) and by organization,
presenter and interpreter (clashes); pairs are only ever formed inside one of those
small groups, by a sweep over start times, never over all pairs of the forum.

Which fields each rule sets (they make the key, so an override sticks to them):

- one session: BAD_SPOT (room, first slot; numbers = (length,)), CAPACITY (room;
  (capacity, attendance)), NO_BOOTH (room), TOO_FEW_CHANNELS (room; (channels,
  languages)), IMPOSSIBLE_DAY (first slot on that day; (day_id,)), ROOM_CLOSED (room,
  first slot the closure overlaps);
- a pair, one conflict per pair and rule at the earliest moment they meet:
  DOUBLE_BOOKED (room, slot), ORGANIZATION_CLASH (slot, the lowest organization id
  they share), PRESENTER_CLASH (slot), INTERPRETER_CLASH (slot), SEQUENCE (numbers =
  the two ids in sequence order).
"""

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from hashlib import sha256
from itertools import combinations, pairwise

from app.scheduling.snapshot import Activity, Slot, Snapshot, Spot

KEY_LENGTH = 200


class Rule(StrEnum):
    DOUBLE_BOOKED = "double_booked"
    BAD_SPOT = "bad_spot"
    CAPACITY = "capacity"
    NO_BOOTH = "no_booth"
    TOO_FEW_CHANNELS = "too_few_channels"
    ORGANIZATION_CLASH = "organization_clash"
    PRESENTER_CLASH = "presenter_clash"
    IMPOSSIBLE_DAY = "impossible_day"
    ROOM_CLOSED = "room_closed"
    SEQUENCE = "sequence"
    INTERPRETER_CLASH = "interpreter_clash"


_RULE_ORDER = {rule: index for index, rule in enumerate(Rule)}


@dataclass(frozen=True)
class Conflict:
    rule: Rule
    activity_ids: tuple[int, ...]  # sorted
    room_id: int | None = None
    slot_id: int | None = None
    organization_id: int | None = None
    numbers: tuple[int, ...] = ()  # what the message needs

    @property
    def key(self) -> str:
        """Stable name of the conflict (rule, sessions, room/slot/organization), at
        most 200 characters. Never holds personal data: ids only, no presenter or
        interpreter keys."""
        parts = [self.rule.value, "-".join(str(i) for i in self.activity_ids)]
        for prefix, value in (
            ("r", self.room_id),
            ("s", self.slot_id),
            ("o", self.organization_id),
        ):
            if value is not None:
                parts.append(f"{prefix}{value}")
        key = ":".join(parts)
        if len(key) > KEY_LENGTH:
            digest = sha256(key.encode()).hexdigest()
            key = f"{self.rule.value}:{digest}"
        return key


@dataclass(frozen=True)
class _Session:
    activity: Activity
    spot: Spot
    slots: tuple[Slot, ...]  # the known ones, in time order

    @property
    def id(self) -> int:
        return self.activity.id


def find_conflicts(
    snapshot: Snapshot, activity_ids: Collection[int] | None = None
) -> list[Conflict]:
    """Every conflict of the schedule, or only those involving these activities;
    sorted, deduplicated (one conflict per pair and rule, not per slot)."""
    wanted = None if activity_ids is None else frozenset(activity_ids)
    sessions = _sessions(snapshot)
    found: set[Conflict] = set()
    for session in sessions.values():
        if wanted is None or session.id in wanted:
            found.update(_session_conflicts(snapshot, session))
    found.update(_double_bookings(snapshot, sessions, wanted))
    found.update(_organization_clashes(sessions, wanted))
    found.update(_clashes(Rule.PRESENTER_CLASH, _presenter_groups(sessions), wanted))
    interpreters = _interpreter_groups(snapshot, sessions)
    found.update(_clashes(Rule.INTERPRETER_CLASH, interpreters, wanted))
    found.update(_sequence_breaks(snapshot, wanted))
    return sorted(found, key=_order)


def new_conflicts(before: Snapshot, after: Snapshot, changed: Collection[int]) -> list[Conflict]:
    """Conflicts of ``after`` involving the changed activities whose key is not
    among ``before``'s conflicts."""
    changed = frozenset(changed)
    # A key names its activities, so before's conflicts outside ``changed`` can
    # never match one that involves a changed activity.
    known = {conflict.key for conflict in find_conflicts(before, changed)}
    return [c for c in find_conflicts(after, changed) if c.key not in known]


def _order(conflict: Conflict) -> tuple:
    return (
        _RULE_ORDER[conflict.rule],
        conflict.activity_ids,
        conflict.room_id if conflict.room_id is not None else -1,
        conflict.slot_id if conflict.slot_id is not None else -1,
        conflict.organization_id if conflict.organization_id is not None else -1,
        conflict.numbers,
    )


def _sessions(snapshot: Snapshot) -> dict[int, _Session]:
    sessions = {}
    for activity_id, spot in snapshot.placements.items():
        # An activity no longer in the snapshot still holds its cells.
        activity = snapshot.activities.get(activity_id) or Activity(id=activity_id)
        known = [snapshot.slots[s] for s in spot.slot_ids if s in snapshot.slots]
        known.sort(key=lambda slot: (slot.day_id, slot.starts, slot.id))
        sessions[activity_id] = _Session(activity, spot, tuple(known))
    return sessions


def _session_conflicts(snapshot: Snapshot, session: _Session) -> Iterator[Conflict]:
    """The rules that concern one session alone."""
    activity, spot, ids = session.activity, session.spot, (session.id,)
    first_slot = spot.slot_ids[0] if spot.slot_ids else None
    if not _is_good_spot(snapshot, activity, spot):
        yield Conflict(Rule.BAD_SPOT, ids, spot.room_id, first_slot, numbers=(activity.length,))
    for slot in session.slots:
        if slot.day_id in activity.impossible_days:
            yield Conflict(Rule.IMPOSSIBLE_DAY, ids, slot_id=slot.id, numbers=(slot.day_id,))
            break
    room = snapshot.rooms.get(spot.room_id)
    if room is None:
        return
    if activity.attendance > room.capacity:
        yield Conflict(Rule.CAPACITY, ids, room.id, numbers=(room.capacity, activity.attendance))
    if activity.simultaneous and not room.has_booth:
        yield Conflict(Rule.NO_BOOTH, ids, room.id)
    elif activity.simultaneous and activity.interpretation_languages > room.channels:
        numbers = (room.channels, activity.interpretation_languages)
        yield Conflict(Rule.TOO_FEW_CHANNELS, ids, room.id, numbers=numbers)
    for slot in session.slots:
        if any(
            closure.day_id == slot.day_id
            and closure.starts < slot.ends
            and slot.starts < closure.ends
            for closure in room.closures
        ):
            yield Conflict(Rule.ROOM_CLOSED, ids, room.id, slot.id)
            break


def _is_good_spot(snapshot: Snapshot, activity: Activity, spot: Spot) -> bool:
    """A known room and ``length`` consecutive session slots of one day."""
    if spot.room_id not in snapshot.rooms or len(spot.slot_ids) != activity.length:
        return False
    if not spot.slot_ids or any(s not in snapshot.slots for s in spot.slot_ids):
        return False
    run = snapshot.run_from(spot.slot_ids[0], activity.length)
    return run == tuple(spot.slot_ids) and len({snapshot.slots[s].day_id for s in run}) == 1


def _double_bookings(
    snapshot: Snapshot, sessions: Mapping[int, _Session], wanted: frozenset[int] | None
) -> Iterator[Conflict]:
    """Two sessions holding one room × slot cell; one conflict per pair, at the
    earliest cell they share."""
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for session in sessions.values():
        for slot_id in dict.fromkeys(session.spot.slot_ids):
            cells[session.spot.room_id, slot_id].append(session.id)
    earliest: dict[tuple[int, int], tuple[tuple, int, int]] = {}
    for (room_id, slot_id), holders in cells.items():
        if len(holders) < 2:
            continue
        when = _when(snapshot, slot_id)
        for pair in combinations(sorted(holders), 2):
            if wanted is not None and wanted.isdisjoint(pair):
                continue
            if pair not in earliest or when < earliest[pair][0]:
                earliest[pair] = (when, room_id, slot_id)
    for pair, (_, room_id, slot_id) in earliest.items():
        yield Conflict(Rule.DOUBLE_BOOKED, pair, room_id, slot_id)


def _when(snapshot: Snapshot, slot_id: int) -> tuple:
    slot = snapshot.slots.get(slot_id)
    if slot is None:  # unknown slots sort last
        return (1, 0, 0, slot_id)
    return (0, slot.day_id, slot.starts, slot_id)


def _organization_clashes(
    sessions: Mapping[int, _Session], wanted: frozenset[int] | None
) -> Iterator[Conflict]:
    groups: dict[int, list[_Session]] = defaultdict(list)
    for session in sessions.values():
        for organization_id in session.activity.organizations:
            groups[organization_id].append(session)
    seen: set[tuple[int, int]] = set()
    # The lowest shared organization names the clash: one conflict per pair.
    for organization_id in sorted(groups):
        for pair, slot_id in _overlapping_pairs(groups[organization_id], wanted):
            if pair not in seen:
                seen.add(pair)
                yield Conflict(
                    Rule.ORGANIZATION_CLASH, pair, slot_id=slot_id, organization_id=organization_id
                )


def _presenter_groups(sessions: Mapping[int, _Session]) -> Iterable[list[_Session]]:
    groups: dict[str, list[_Session]] = defaultdict(list)
    for session in sessions.values():
        for presenter in session.activity.presenters:
            groups[presenter].append(session)
    return groups.values()


def _interpreter_groups(
    snapshot: Snapshot, sessions: Mapping[int, _Session]
) -> Iterable[list[_Session]]:
    return [
        [sessions[a] for a in sorted(activity_ids) if a in sessions]
        for activity_ids in snapshot.interpreters.values()
    ]


def _clashes(
    rule: Rule, groups: Iterable[list[_Session]], wanted: frozenset[int] | None
) -> Iterator[Conflict]:
    """Sessions of one group (a person) overlapping in time; one per pair."""
    seen: dict[tuple[int, int], int] = {}
    for group in groups:
        for pair, slot_id in _overlapping_pairs(group, wanted):
            seen.setdefault(pair, slot_id)
    for pair, slot_id in seen.items():
        yield Conflict(rule, pair, slot_id=slot_id)


def _overlapping_pairs(
    group: list[_Session], wanted: frozenset[int] | None
) -> Iterator[tuple[tuple[int, int], int]]:
    """Pairs of sessions of ``group`` that overlap in time, each once, with the slot
    where they first meet. A sweep over start times, day by day."""
    if len(group) < 2 or (wanted is not None and not any(s.id in wanted for s in group)):
        return
    entries = sorted(
        ((slot.day_id, slot.starts, slot.ends, slot.id, session.id))
        for session in group
        for slot in session.slots
    )
    active: list[tuple[int, int, int, int, int]] = []
    reported: set[tuple[int, int]] = set()
    for entry in entries:
        day_id, starts, _ends, slot_id, activity_id = entry
        active = [a for a in active if a[0] == day_id and a[2] > starts]
        for other in active:
            if other[4] == activity_id:
                continue
            pair = _pair(activity_id, other[4])
            if pair in reported or (wanted is not None and wanted.isdisjoint(pair)):
                continue
            reported.add(pair)
            # ``entry`` starts no earlier than ``other``: they meet in its slot.
            yield pair, slot_id
        active.append(entry)


def _pair(first: int, second: int) -> tuple[int, int]:
    return (first, second) if first < second else (second, first)


def _sequence_breaks(snapshot: Snapshot, wanted: frozenset[int] | None) -> Iterator[Conflict]:
    """Each member of a sequence starts, in the same room, in the session slot right
    after the previous member's last slot. Unplaced members break nothing."""
    for sequence in snapshot.sequences:
        for first, second in pairwise(sequence):
            if first == second or (wanted is not None and wanted.isdisjoint((first, second))):
                continue
            before, after = snapshot.placements.get(first), snapshot.placements.get(second)
            if before is None or after is None:
                continue
            if not _follows(snapshot, before, after):
                yield Conflict(Rule.SEQUENCE, _pair(first, second), numbers=(first, second))


def _follows(snapshot: Snapshot, before: Spot, after: Spot) -> bool:
    if before.room_id != after.room_id or not before.slot_ids or not after.slot_ids:
        return False
    last = snapshot.slots.get(before.slot_ids[-1])
    return last is not None and last.next_id == after.slot_ids[0]
