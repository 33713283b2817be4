"""The automatic assignment of one day as a CP-SAT model (OR-Tools, imported only
here; the caller checks it is installed).

Variables: x[position, person] for every person who could take the position.
Hard: a position has at most one person; a person is in at most one session at
any moment (a clique per session start), at most the daily maximum of sessions,
never three in a row (every run of three consecutive sessions holds at most two).
Objective, by weight: fill positions; a fair load (the sum of squares of each
person's sessions in the forum, and the largest); few rooms per person and day;
booth teams of two mixing a first-timer with an experienced interpreter.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from app.interpreting.assigning_rules import Sitting
from app.interpreting.auto_assign_problem import Problem
from app.interpreting.policy import MAX_IN_A_ROW


@dataclass(frozen=True)
class Weights:
    fill: int = 1000  # per position taken
    square: int = 4  # per unit of a person's squared load
    largest: int = 10  # per session of the most loaded person
    room: int = 15  # per room a person works in on a day
    mix: int = 30  # per booth team mixing experience


def solve_day(
    problem: Problem,
    day_id: int,
    prior: Mapping[int, int],
    hint: Mapping[int, int],
    seconds: float,
    weights: Weights = Weights(),
) -> tuple[str, dict[int, int]]:
    """Status and position -> person for the positions of ``day_id``; ``prior``: each
    person's sessions on the other days (pinned and chosen)."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    positions = [q for q in problem.positions if q.sitting.day_id == day_id]
    x: dict[tuple[int, int], object] = {}
    for q in positions:
        for p in problem.eligible[q.index]:
            x[q.index, p] = model.NewBoolVar("")
            model.AddHint(x[q.index, p], hint.get(q.index) == p)
        if problem.eligible[q.index]:
            model.AddAtMostOne(x[q.index, p] for p in problem.eligible[q.index])
    by_person: dict[int, dict[Sitting, list]] = defaultdict(lambda: defaultdict(list))
    for (index, p), var in x.items():
        by_person[p][problem.positions[index].sitting].append(var)
    objective = [weights.fill * var for var in x.values()]
    largest = model.NewIntVar(0, len(problem.positions) + max(prior.values(), default=0), "")
    for p, sittings in by_person.items():
        held = [s for s in problem.pinned.get(p, []) if s.day_id == day_id]
        worked = {s: _worked(model, vars_) for s, vars_ in sittings.items()}
        for moment in {s.starts for s in worked}:
            group = [w for s, w in worked.items() if s.starts <= moment < s.ends]
            if len(group) > 1:
                model.AddAtMostOne(group)
        model.Add(sum(worked.values()) <= max(0, problem.max_per_day - len(held)))
        everything = [*worked, *held]
        for run in problem.runs_of_three(everything):
            free = [worked[s] for s in run if s in worked]
            if free:
                model.Add(sum(free) <= max(0, MAX_IN_A_ROW - (len(run) - len(free))))
        load = model.NewIntVar(0, 1000, "")
        before = prior.get(p, 0) + len(held)
        model.Add(load == before + sum(worked.values()))
        model.Add(largest >= load)
        objective.append(-weights.square * _square(model, load, before, before + len(worked)))
        rooms = defaultdict(list)
        for s, w in worked.items():
            rooms[s.room_id].append(w)
        pinned_rooms = {s.room_id for s in held}
        for room_id, group in rooms.items():
            if room_id in pinned_rooms:
                continue
            used = model.NewBoolVar("")
            for w in group:
                model.AddImplication(w, used)
            objective.append(-weights.room * used)
    objective.append(-weights.largest * largest)
    _mix_teams(model, problem, positions, x, objective, weights)
    model.Maximize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = 2
    code = solver.Solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "unknown", {}
    chosen = {index: p for (index, p), var in x.items() if solver.Value(var)}
    return ("optimal" if code == cp_model.OPTIMAL else "feasible"), chosen


def _worked(model, vars_: list):
    """1 when the person takes any position of this sitting (at most one)."""
    if len(vars_) == 1:
        return vars_[0]
    model.AddAtMostOne(vars_)
    worked = model.NewBoolVar("")
    model.Add(worked == sum(vars_))
    return worked


def _square(model, load, low: int, high: int):
    """A variable at least load² (exact at integers: the tangents of a convex curve)."""
    square = model.NewIntVar(0, high * high, "")
    for k in range(low, high + 1):
        model.Add(square >= (2 * k + 1) * load - k * (k + 1))
    return square


def _mix_teams(model, problem: Problem, positions, x, objective, weights: Weights) -> None:
    teams = defaultdict(list)
    for q in positions:
        if q.booth_team:
            teams[q.need_id, q.leg].append(q)
    for team in teams.values():
        first = team[0]
        experienced = [
            x[q.index, p]
            for q in team
            for p in problem.eligible[q.index]
            if problem.persons[p].experienced
        ]
        first_timers = [
            x[q.index, p]
            for q in team
            for p in problem.eligible[q.index]
            if not problem.persons[p].experienced
        ]
        mixed = model.NewBoolVar("")
        model.Add(mixed <= first.pinned_experienced + sum(experienced))
        model.Add(mixed <= first.pinned_first_timers + sum(first_timers))
        objective.append(weights.mix * mixed)
