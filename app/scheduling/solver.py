"""The auto-scheduler: a proposed schedule that places the forum's unplaced accepted
activities without breaking any hard rule, and is cheap under weighted soft rules.

How: a greedy schedule first (the most constrained units first, each into its
cheapest free spot, then ejection chains for those left over), which is the first
feasible schedule. Then OR-Tools CP-SAT improves it: in one model for a small forum
(it may prove the optimum), by large neighbourhood search for a large one (the
sessions of some rooms, or of one day, re-placed around the rest, each kept only
when no worse). OR-Tools is an optional extra (``scheduler``); without it the
greedy schedule comes back with status "unavailable".

Plain values in and out (``Snapshot``, ``Spot``); no Flask, no database.
"""

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.scheduling.snapshot import Snapshot, Spot
from app.scheduling.solver_board import Board
from app.scheduling.solver_cost import schedule_cost
from app.scheduling.solver_greedy import Greedy, greedy_order
from app.scheduling.solver_problem import build_problem
from app.scheduling.unplaced import Unplaced

# The whole forum goes into one CP-SAT model up to this many (unit, room, start) options.
WHOLE_MODEL_OPTIONS = 40_000


@dataclass(frozen=True)
class Weights:
    preferred_day: int = 10  # per session not on one of its preferred days (when it has any)
    wasted_seats: int = 1  # per 10 empty seats (room capacity - attendance)
    theme_parallel: int = 5  # per pair of same-theme sessions overlapping in time
    change: int = 20  # per session moved away from `previous`


@dataclass
class SolverResult:
    placements: dict[int, Spot]  # every session of the proposed schedule, kept ones included
    unplaced: dict[int, str]  # activity id -> reason code (see unplaced.py)
    objective: float | None
    status: str  # "optimal" | "feasible" | "greedy" | "unavailable" (no OR-Tools)
    seconds_to_first: float | None  # time to the first feasible schedule
    seconds: float  # wall time


def suggest_schedule(
    snapshot: Snapshot,
    *,
    time_limit: float = 20.0,
    weights: Weights = Weights(),
    keep_placed: bool = True,
    previous: Mapping[int, Spot] | None = None,
    progress: Callable[[float], None] | None = None,
) -> SolverResult:
    """Propose a schedule: pinned sessions stay exactly where they are, and so does
    every placed session with ``keep_placed``; otherwise the unpinned ones may move,
    each move away from ``previous`` (default: the current placements) costing
    ``weights.change``. Returns within ``time_limit`` seconds (wall clock)."""
    began = time.monotonic()
    deadline = began + max(0.0, time_limit) - min(1.0, 0.05 * max(0.0, time_limit))

    def tick() -> None:
        if progress is not None:
            progress(min(1.0, (time.monotonic() - began) / max(time_limit, 1e-9)))

    if progress is not None:
        progress(0.0)
    before = previous if previous is not None else snapshot.placements
    before = {a: Spot(spot.room_id, tuple(spot.slot_ids)) for a, spot in before.items()}
    problem = build_problem(snapshot, weights, keep_placed, before)
    board = Board(problem)
    greedy = Greedy(board)
    if not keep_placed:
        greedy.keep_previous(problem.units)
    order = greedy_order(problem.units)
    greedy.place_all(order)
    greedy.repair(order, began + 0.5 * max(0.0, time_limit))
    first = time.monotonic() - began
    tick()
    status = _improve(board, deadline, tick)
    placements = board.placements()
    unplaced = dict(problem.reasons)
    for unit in board.unplaced_units():
        for i in unit.free:
            unplaced[unit.members[i].id] = Unplaced.NO_FREE_PLACE.value
    if progress is not None:
        progress(1.0)
    return SolverResult(
        placements=placements,
        unplaced={a: str(code) for a, code in sorted(unplaced.items())},
        objective=schedule_cost(problem, placements),
        status=status,
        seconds_to_first=first,
        seconds=time.monotonic() - began,
    )


def _improve(board: Board, deadline: float, tick: Callable[[], None]) -> str:
    try:
        import ortools  # noqa: F401
    except ImportError:
        return "unavailable"
    from app.scheduling.solver_model import option_count, solve_part
    from app.scheduling.solver_search import score, search

    units = board.problem.units
    if not units:
        return "optimal"
    if option_count(units) > WHOLE_MODEL_OPTIONS:
        return search(board, deadline, tick)
    saved = {u.index: board.choice[u.index] for u in units}
    before = score(board)
    outcome = solve_part(board, units, deadline, deadline - time.monotonic())
    if outcome.status in ("unknown", "infeasible"):
        return "greedy"
    if score(board) > before:
        for unit in units:
            board.remove(unit)
        for unit in units:
            if saved[unit.index] is not None:
                board.place(unit, saved[unit.index])
        return "greedy"
    return outcome.status
