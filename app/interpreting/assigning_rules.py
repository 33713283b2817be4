"""The rules of putting an interpreter on a need, as pure functions over plain values
(no Flask, no database): the manual assignment, the board's candidates and the
automatic assignment all ask these.

Hard rules: an interpreter works only in a direction they have (never
overridden), in a mode they have, on a day they said they are available, never
in two sessions at once (half-open intervals: back to back is fine), at most the
forum's daily maximum of sessions (a session of several slots counts once), and
never three sessions in a row: two consecutive sessions, then a break. Two
sessions are consecutive when the second starts in the session slot that follows
the last slot of the first with no break slot between (``Slot.next_id``); a free
session slot or a break slot between them is the break.

A relay need (``relay`` set: source → relay → target) has two legs, each needing
``team_size`` interpreters (one source → relay, one relay → target for a team of
one); a direct need has one leg.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.interpreting.policy import MAX_IN_A_ROW
from app.scheduling.snapshot import Slot, Snapshot

Direction = tuple[str, str]


class AssignProblem(StrEnum):
    NOT_APPROVED = "not_approved"
    NO_DIRECTION = "no_direction"  # never overridden
    NO_MODE = "no_mode"
    NOT_AVAILABLE = "not_available"
    BUSY = "busy"  # in another session at that time; never overridden
    DAILY_MAXIMUM = "daily_maximum"
    NO_BREAK = "no_break"  # a third session in a row
    TEAM_FULL = "team_full"
    ALREADY_ASSIGNED = "already_assigned"
    NOT_PLACED = "not_placed"  # the session is not on the draft schedule


@dataclass(frozen=True)
class Sitting:
    """When and where a placed session sits (minutes since midnight, half-open)."""

    activity_id: int
    room_id: int
    day_id: int
    starts: int
    ends: int
    slot_ids: tuple[int, ...]

    @property
    def minutes(self) -> int:
        return self.ends - self.starts

    def overlaps(self, other: "Sitting") -> bool:
        return self.day_id == other.day_id and self.starts < other.ends and other.starts < self.ends


def sittings_of(snapshot: Snapshot) -> dict[int, Sitting]:
    """Every placed session of the draft by activity id (its full span of slots)."""
    sittings = {}
    for activity_id, spot in snapshot.placements.items():
        slots = [snapshot.slots[s] for s in spot.slot_ids if s in snapshot.slots]
        if not slots:
            continue
        sittings[activity_id] = Sitting(
            activity_id=activity_id,
            room_id=spot.room_id,
            day_id=slots[0].day_id,
            starts=min(s.starts for s in slots),
            ends=max(s.ends for s in slots),
            slot_ids=tuple(spot.slot_ids),
        )
    return sittings


def follows(slots: Mapping[int, Slot], first: Sitting, then: Sitting) -> bool:
    """``then`` starts right after ``first`` with no break between."""
    last = slots.get(first.slot_ids[-1])
    return last is not None and last.next_id == then.slot_ids[0]


def longest_run(sittings: Iterable[Sitting], slots: Mapping[int, Slot]) -> int:
    """The most sessions one after another without a break among ``sittings``."""
    ordered = sorted(set(sittings), key=lambda s: (s.day_id, s.starts))
    run: dict[Sitting, int] = {}
    for here in ordered:
        before = [run[p] for p in run if p.day_id == here.day_id and follows(slots, p, here)]
        run[here] = 1 + max(before, default=0)
    return max(run.values(), default=0)


def load_problems(
    held: Iterable[Sitting], new: Sitting, slots: Mapping[int, Slot], max_per_day: int
) -> list[AssignProblem]:
    """What stops someone who holds ``held`` from also working ``new``: being busy
    then, the daily maximum, and a third session in a row."""
    same_day = {s for s in held if s.day_id == new.day_id and s.activity_id != new.activity_id}
    problems = []
    if any(s.overlaps(new) for s in same_day):
        problems.append(AssignProblem.BUSY)
    if len(same_day) + 1 > max_per_day:
        problems.append(AssignProblem.DAILY_MAXIMUM)
    if longest_run([*same_day, new], slots) > MAX_IN_A_ROW:
        problems.append(AssignProblem.NO_BREAK)
    return problems


def legs_of(source: str, target: str, relay: str | None) -> tuple[Direction, ...]:
    """The directions a need asks for: one, or two through a relay language."""
    if relay:
        return ((source, relay), (relay, target))
    return ((source, target),)


def leg_fill(legs: tuple[Direction, ...], team: Iterable[set[Direction]]) -> dict[Direction, int]:
    """How many of the team (each member's directions) work on each leg: someone
    who can do only one leg is on it; someone who can do both goes where fewer are."""
    fill = {leg: 0 for leg in legs}
    both = 0
    for directions in team:
        usable = [leg for leg in legs if leg in directions]
        if len(usable) == 1:
            fill[usable[0]] += 1
        elif usable:
            both += 1
    for _ in range(both):
        leg = min(legs, key=lambda leg: fill[leg])
        fill[leg] += 1
    return fill


def open_legs(
    legs: tuple[Direction, ...], team_size: int, team: Iterable[set[Direction]]
) -> dict[Direction, int]:
    """Places still open on each leg (zero when full)."""
    fill = leg_fill(legs, team)
    return {leg: max(0, team_size - fill[leg]) for leg in legs}


def joinable_legs(
    legs: tuple[Direction, ...],
    team_size: int,
    team: Iterable[set[Direction]],
    directions: set[Direction],
) -> list[Direction]:
    """The open legs someone with ``directions`` could take."""
    still_open = open_legs(legs, team_size, team)
    return [leg for leg in legs if leg in directions and still_open[leg] > 0]
