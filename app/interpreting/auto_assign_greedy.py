"""A greedy automatic assignment: the first feasible answer, the CP-SAT model's
hint, and the whole answer without OR-Tools.

Positions are taken most constrained first (fewest interpreters who could take
them, then by time); each goes to the interpreter who can take it with the least
load so far, preferring one already in that room that day, and in a booth team
of two someone of the other experience than their teammate.
"""

from app.interpreting.assigning_rules import Sitting
from app.interpreting.auto_assign_problem import Position, Problem, fits_alongside


def solve_greedy(problem: Problem) -> dict[int, int]:
    """Position index -> person id, never breaking a hard rule."""
    held: dict[int, list[Sitting]] = {p: list(s) for p, s in problem.pinned.items()}
    chosen: dict[int, int] = {}
    teammates: dict[tuple[int, tuple[str, str]], list[int]] = {}
    order = sorted(
        problem.positions,
        key=lambda q: (len(problem.eligible[q.index]), q.sitting.day_id, q.sitting.starts, q.index),
    )
    for position in order:
        team = teammates.setdefault((position.need_id, position.leg), [])
        options = [
            person_id
            for person_id in problem.eligible[position.index]
            if fits_alongside(problem, held.get(person_id, []), position)
        ]
        if not options:
            continue
        best = min(options, key=lambda p: _score(problem, held, team, position, p))
        chosen[position.index] = best
        held.setdefault(best, []).append(position.sitting)
        team.append(best)
    return chosen


def _score(
    problem: Problem,
    held: dict[int, list[Sitting]],
    team: list[int],
    position: Position,
    person_id: int,
) -> tuple:
    mine = held.get(person_id, [])
    day = [s for s in mine if s.day_id == position.sitting.day_id]
    other_room = bool(day) and all(s.room_id != position.sitting.room_id for s in day)
    return (
        len(mine),
        other_room,
        not _mixes(problem, team, position, person_id),
        len(day),
        person_id,
    )


def _mixes(problem: Problem, team: list[int], position: Position, person_id: int) -> bool:
    """Joining makes (or keeps open) a booth team of a first-timer and an
    experienced interpreter."""
    if not position.booth_team:
        return True
    experienced = position.pinned_experienced + sum(problem.persons[p].experienced for p in team)
    first_timers = position.pinned_first_timers + sum(
        not problem.persons[p].experienced for p in team
    )
    if problem.persons[person_id].experienced:
        return experienced == 0
    return first_timers == 0
