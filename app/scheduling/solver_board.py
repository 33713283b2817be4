"""The schedule being built: who holds each room and each person at each moment.
Fixed sessions hold theirs for good; a unit is only ever placed where it fits."""

from collections import Counter
from dataclasses import dataclass

from app.scheduling.snapshot import Spot
from app.scheduling.solver_problem import SCALE, Problem, Start, Unit

FIXED = -1


@dataclass(frozen=True)
class Option:
    room_id: int
    start: Start


class Board:
    def __init__(self, problem: Problem):
        self.problem = problem
        self.choice: list[Option | None] = [None] * len(problem.units)
        self.room_at: dict[tuple[int, int], int] = {}
        self.person_at: dict[tuple, list[int]] = {}
        self.theme_load: Counter = Counter()
        for activity_id, spot in problem.fixed.items():
            moments = {m for s in spot.slot_ids for m in problem.moments_of.get(s, ())}
            self._hold(FIXED, activity_id, spot.room_id, tuple(moments))

    def _theme(self, activity_id: int):
        activity = self.problem.snapshot.activities.get(activity_id)
        return activity.theme_id if activity is not None else None

    def _hold(self, holder: int, activity_id: int, room_id: int, moments) -> None:
        theme = self._theme(activity_id)
        for moment in moments:
            self.room_at[room_id, moment] = holder
            for person in self.problem.persons.get(activity_id, ()):
                self.person_at.setdefault((person, moment), []).append(holder)
            if theme is not None:
                self.theme_load[theme, moment] += 1

    def place(self, unit: Unit, option: Option) -> None:
        assert self.choice[unit.index] is None
        self.choice[unit.index] = option
        for i in unit.free:
            self._hold(unit.index, unit.members[i].id, option.room_id, option.start.moments[i])

    def remove(self, unit: Unit) -> None:
        option = self.choice[unit.index]
        if option is None:
            return
        self.choice[unit.index] = None
        for i in unit.free:
            member = unit.members[i]
            theme = member.theme_id
            for moment in option.start.moments[i]:
                del self.room_at[option.room_id, moment]
                for person in self.problem.persons.get(member.id, ()):
                    holders = self.person_at[person, moment]
                    holders.remove(unit.index)
                    if not holders:
                        del self.person_at[person, moment]
                if theme is not None:
                    self.theme_load[theme, moment] -= 1

    def persons_free(self, unit: Unit, start: Start) -> bool:
        person_at = self.person_at
        for i in unit.free:
            for person in unit.persons[i]:
                for moment in start.moments[i]:
                    if (person, moment) in person_at:
                        return False
        return True

    def room_free(self, unit: Unit, room_id: int, start: Start) -> bool:
        closed = self.problem.closed.get(room_id)
        room_at = self.room_at
        for i in unit.free:
            if closed and not closed.isdisjoint(start.runs[i]):
                return False
            for moment in start.moments[i]:
                if (room_id, moment) in room_at:
                    return False
        return True

    def theme_cost(self, unit: Unit, start: Start) -> int:
        """Same-theme sessions this unit would run beside (per moment)."""
        weight = self.problem.weights.theme_parallel
        if not weight:
            return 0
        load = self.theme_load
        count = 0
        for i in unit.free:
            theme = unit.members[i].theme_id
            if theme is not None:
                count += sum(load[theme, m] for m in start.moments[i])
        return SCALE * weight * count

    def blockers(self, unit: Unit, option: Option) -> set[int] | None:
        """The placed units in the way of this option, None when a fixed session is."""
        found = set()
        for i in unit.free:
            for moment in option.start.moments[i]:
                holder = self.room_at.get((option.room_id, moment))
                if holder is not None:
                    found.add(holder)
                for person in unit.persons[i]:
                    found.update(self.person_at.get((person, moment), ()))
        if FIXED in found:
            return None
        return found

    def placements(self) -> dict[int, Spot]:
        """Every session: the fixed ones and the placed units' members."""
        spots = dict(self.problem.fixed)
        for unit, option in zip(self.problem.units, self.choice, strict=True):
            if option is not None:
                spots.update(unit.spots(option.room_id, option.start))
        return spots

    def unplaced_units(self) -> list[Unit]:
        return [u for u, option in zip(self.problem.units, self.choice, strict=True) if not option]
