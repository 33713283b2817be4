"""The automatic assignment as plain values: open positions (one per interpreter
still missing on a leg of a need), the approved interpreters who could take each,
and what the pinned assignments already hold. No Flask, no database here
(``auto_assign.py`` builds it).

A position is one place in a team: a direct need of team size 2 has two, a relay
need of team size 1 has two (one per leg), a relay need of team size 2 has four.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.interpreting.assigning_rules import Direction, Sitting, follows, load_problems
from app.scheduling.snapshot import Slot


@dataclass(frozen=True)
class Person:
    id: int
    directions: frozenset[Direction]
    modes: frozenset[str]
    days: frozenset[int]
    experienced: bool


@dataclass(frozen=True)
class Position:
    index: int
    need_id: int
    leg: Direction
    mode: str
    sitting: Sitting
    # Booth teams of two mix a first-timer with an experienced interpreter.
    booth_team: bool = False
    # Pinned team members on this leg who are experienced / first-timers.
    pinned_experienced: int = 0
    pinned_first_timers: int = 0


@dataclass
class Problem:
    persons: dict[int, Person]
    positions: list[Position]
    slots: Mapping[int, Slot]
    max_per_day: int
    # Person id -> the sittings their pinned assignments hold.
    pinned: dict[int, list[Sitting]] = field(default_factory=dict)
    eligible: dict[int, list[int]] = field(default_factory=dict)  # position -> person ids

    def __post_init__(self) -> None:
        if not self.eligible:
            self.eligible = {
                q.index: [p.id for p in self.persons.values() if self.could_take(p, q)]
                for q in self.positions
            }

    def could_take(self, person: Person, position: Position) -> bool:
        """Direction, mode and day, and free around what they hold pinned."""
        if position.leg not in person.directions or position.mode not in person.modes:
            return False
        if position.sitting.day_id not in person.days:
            return False
        held = self.pinned.get(person.id, [])
        if any(s.activity_id == position.sitting.activity_id for s in held):
            return False
        return not load_problems(held, position.sitting, self.slots, self.max_per_day)

    def days(self) -> list[int]:
        return sorted({q.sitting.day_id for q in self.positions})

    def runs_of_three(self, sittings: list[Sitting]) -> list[tuple[Sitting, Sitting, Sitting]]:
        """Every three sittings one after another with no break (one day)."""
        after = {s: [t for t in sittings if follows(self.slots, s, t)] for s in sittings}
        return [(a, b, c) for a in sittings for b in after[a] for c in after[b]]


def fits_alongside(problem: Problem, held: list[Sitting], position: Position) -> bool:
    """``position`` can join what the person already holds (pinned and chosen)."""
    if any(s.activity_id == position.sitting.activity_id for s in held):
        return False
    return not load_problems(held, position.sitting, problem.slots, problem.max_per_day)


def check_solution(problem: Problem, chosen: Mapping[int, int]) -> bool:
    """Every chosen (position -> person) keeps every hard rule, with the pinned ones."""
    held: dict[int, list[Sitting]] = {p: list(s) for p, s in problem.pinned.items()}
    for index in sorted(chosen, key=lambda i: problem.positions[i].sitting.starts):
        position, person_id = problem.positions[index], chosen[index]
        if person_id not in problem.eligible.get(index, ()):
            return False
        mine = held.setdefault(person_id, [])
        if not fits_alongside(problem, mine, position):
            return False
        mine.append(position.sitting)
    return True
