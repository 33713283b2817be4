"""A forum's schedule as plain values: what the conflict engine checks and the
auto-scheduler solves. No Flask and no database here (``loading.py`` builds it).

Times are minutes since midnight in the forum's time zone; intervals are half-open,
so back-to-back sessions do not clash.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Slot:
    """A session slot. ``next_id`` is the session slot that follows it on the same
    day with no break between (None at the end of a run)."""

    id: int
    day_id: int
    starts: int
    ends: int
    next_id: int | None = None


@dataclass(frozen=True)
class Closure:
    day_id: int
    starts: int
    ends: int


@dataclass(frozen=True)
class Room:
    id: int
    capacity: int
    has_booth: bool = False
    channels: int = 0
    closures: tuple[Closure, ...] = ()


@dataclass(frozen=True)
class Activity:
    """An accepted activity. ``organizations``: lead and accepted co-organizers;
    ``presenters``: opaque keys of the people presenting (never shown)."""

    id: int
    length: int = 1
    attendance: int = 0
    simultaneous: bool = False
    interpretation_languages: int = 0
    organizations: frozenset[int] = frozenset()
    presenters: frozenset[str] = frozenset()
    impossible_days: frozenset[int] = frozenset()
    preferred_days: frozenset[int] = frozenset()
    theme_id: int | None = None


@dataclass(frozen=True)
class Spot:
    """Where a session sits: one room, consecutive slots of one day."""

    room_id: int
    slot_ids: tuple[int, ...]


@dataclass(frozen=True)
class Snapshot:
    rooms: Mapping[int, Room]
    slots: Mapping[int, Slot]
    activities: Mapping[int, Activity]
    placements: Mapping[int, Spot]  # activity id -> spot
    pinned: frozenset[int] = frozenset()
    # Completed *sequence* merges: activity ids in their order.
    sequences: tuple[tuple[int, ...], ...] = ()
    # Interpreters' assignments (issue 9): interpreter key -> activity ids.
    interpreters: Mapping[str, frozenset[int]] = field(default_factory=dict)

    def with_changes(self, changes: Mapping[int, Spot | None]) -> "Snapshot":
        """This schedule with some activities moved (a Spot) or taken off (None)."""
        placements = dict(self.placements)
        for activity_id, spot in changes.items():
            if spot is None:
                placements.pop(activity_id, None)
            else:
                placements[activity_id] = spot
        return replace(self, placements=placements)

    def run_from(self, first_slot_id: int, length: int) -> tuple[int, ...] | None:
        """``length`` consecutive session slots starting at ``first_slot_id``, or
        None when the day's run of sessions ends before."""
        run = [first_slot_id]
        while len(run) < length:
            next_id = self.slots[run[-1]].next_id
            if next_id is None:
                return None
            run.append(next_id)
        return tuple(run)
