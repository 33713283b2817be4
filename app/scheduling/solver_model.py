"""One CP-SAT model over some units: each takes one of its spots inside the allowed
rooms and days (or stays unplaced, at a high price), at most one session per room
and moment, each person in at most one place per moment, the rest of the schedule
fixed. The auto-scheduler solves it for the whole forum when that is small, and for
neighbourhoods of a large one (large neighbourhood search)."""

import time
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from app.scheduling.solver_board import Board, Option
from app.scheduling.solver_problem import SCALE, Unit


@dataclass
class Outcome:
    status: str  # "optimal" | "feasible" | "unknown" | "infeasible"
    improved: bool


def option_count(units: list[Unit]) -> int:
    return sum(len(u.rooms) * len(u.starts) for u in units)


def solve_part(
    board: Board,
    units: list[Unit],
    deadline: float,
    max_seconds: float,
    rooms: Collection[int] | None = None,
    days: Collection[int] | None = None,
    workers: int = 2,
) -> Outcome:
    """Re-place these units (placed or not) inside the rooms and days, keeping every
    other session; the board gets the solver's schedule when CP-SAT finds one."""
    from ortools.sat.python import cp_model

    problem = board.problem
    saved = {u.index: board.choice[u.index] for u in units}
    for unit in units:
        board.remove(unit)
    model = cp_model.CpModel()
    chosen: dict[int, list[tuple[object, Option]]] = {}
    room_groups, person_groups = defaultdict(list), defaultdict(list)
    theme_groups = defaultdict(list)
    objective = []
    hinted: set[int] = set()  # the variables of the current schedule
    for unit in units:
        options = []
        for start in unit.starts:
            if days is not None and start.day_id not in days:
                continue
            if not board.persons_free(unit, start):
                continue
            time_cost = unit.start_costs[start.slot_id]
            for room_cost, room_id in unit.rooms:
                if rooms is not None and room_id not in rooms:
                    continue
                if not board.room_free(unit, room_id, start):
                    continue
                var = model.NewBoolVar("")
                option = Option(room_id, start)
                options.append((var, option))
                cost = time_cost + room_cost + unit.moved_cost(room_id, start)
                if cost:
                    objective.append(cost * var)
                for i in unit.free:
                    member = unit.members[i]
                    for moment in start.moments[i]:
                        room_groups[room_id, moment].append(var)
                        for person in unit.persons[i]:
                            person_groups[person, moment].append(var)
                        if member.theme_id is not None:
                            theme_groups[member.theme_id, moment].append(var)
        left_out = model.NewBoolVar("")
        model.AddExactlyOne([v for v, _o in options] + [left_out])
        objective.append(problem.unplaced_penalty * len(unit.free) * left_out)
        was = saved[unit.index]
        for var, option in options:
            model.AddHint(var, option == was)
            if option == was:
                hinted.add(var.Index())
        model.AddHint(left_out, not any(option == was for _v, option in options))
        chosen[unit.index] = options
    for group in (*room_groups.values(), *person_groups.values()):
        if len(group) > 1:
            model.AddAtMostOne(group)
    weight = SCALE * problem.weights.theme_parallel
    if weight:
        for (theme, moment), group in theme_groups.items():
            outside = board.theme_load[theme, moment]
            if outside + len(group) < 2:
                continue
            # Pairs n(n-1)/2 are convex in n: the tangents at each integer bound them.
            top = outside + len(group)
            count = model.NewIntVar(outside, top, "")
            model.Add(count == outside + sum(group))
            pairs = model.NewIntVar(0, top * (top - 1) // 2, "")
            for k in range(max(outside, 1), top):
                model.Add(pairs >= k * count - k * (k + 1) // 2)
            objective.append(weight * pairs)
            # A complete hint lets CP-SAT start from the current schedule at once.
            now = outside + sum(1 for v in group if v.Index() in hinted)
            model.AddHint(count, now)
            model.AddHint(pairs, now * (now - 1) // 2)
    model.Minimize(sum(objective))
    seconds = min(max_seconds, deadline - time.monotonic())
    if seconds < 0.05:
        _restore(board, units, saved)
        return Outcome("unknown", False)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    # Presolve probing and symmetry cost more than they give on these models, whose
    # complete hint is already a good solution.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    code = solver.Solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        _restore(board, units, saved)
        return Outcome("infeasible" if code == cp_model.INFEASIBLE else "unknown", False)
    improved = False
    for unit in units:
        picked = next((o for v, o in chosen[unit.index] if solver.Value(v)), None)
        if picked is not None:
            board.place(unit, picked)
        improved |= picked != saved[unit.index]
    return Outcome("optimal" if code == cp_model.OPTIMAL else "feasible", improved)


def _restore(board: Board, units: list[Unit], saved: dict[int, Option | None]) -> None:
    for unit in units:
        board.remove(unit)
        if saved[unit.index] is not None:
            board.place(unit, saved[unit.index])
