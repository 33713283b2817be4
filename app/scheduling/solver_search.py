"""Improving a large schedule a neighbourhood at a time: free the sessions of some
rooms (all days) or of one day (some rooms), plus units still unplaced, and let
CP-SAT re-place them around the rest. A neighbourhood's new schedule is kept only
when it is no worse (fewer unplaced first, then a lower cost)."""

import random
import time
from collections.abc import Callable

from app.scheduling.solver_board import Board
from app.scheduling.solver_cost import schedule_cost
from app.scheduling.solver_model import solve_part
from app.scheduling.solver_problem import Unit

TARGET_UNITS = 110
PART_SECONDS = 3.0
GIVE_UP_AFTER = 40  # neighbourhoods in a row without a gain
MAX_WAITING = 20  # unplaced units tried in one neighbourhood


def score(board: Board) -> tuple[int, float]:
    unplaced = sum(len(u.free) for u in board.unplaced_units())
    return unplaced, schedule_cost(board.problem, board.placements())


def search(board: Board, deadline: float, tick: Callable[[], None], seed: int = 0) -> str:
    """Improve the board until the deadline; "feasible", or "greedy" when no
    neighbourhood could be solved at all."""
    problem = board.problem
    rng = random.Random(seed)  # noqa: S311 - a search order, not a secret
    rooms = sorted(problem.snapshot.rooms.values(), key=lambda r: (r.capacity, r.id))
    room_ids = [r.id for r in rooms]
    days = sorted({s.day_id for s in problem.snapshot.slots.values()})
    best = score(board)
    solved_any, idle, turn = False, 0, 0
    target = TARGET_UNITS
    while time.monotonic() < deadline - 0.2 and idle < GIVE_UP_AFTER:
        turn += 1
        placed = max(1, len(problem.units) - len(board.unplaced_units()))
        per_room = max(1.0, placed / max(1, len(room_ids)))
        width = max(2, min(len(room_ids), round(target / per_room)))
        chosen_rooms, chosen_days = _neighbourhood(board, rng, turn, room_ids, days, width)
        units = _units_in(board, chosen_rooms, chosen_days, rng)
        if not units:
            idle += 1
            continue
        saved = {u.index: board.choice[u.index] for u in units}
        started = time.monotonic()
        outcome = solve_part(board, units, deadline - 0.1, PART_SECONDS, chosen_rooms, chosen_days)
        spent = time.monotonic() - started
        solved_any |= outcome.status in ("optimal", "feasible")
        now = score(board) if outcome.improved else best
        if now < best:
            best, idle = now, 0
        else:
            idle += 1
            if now > best:
                _put_back(board, units, saved)
        # Grow neighbourhoods CP-SAT closes quickly, shrink the slow ones.
        if outcome.status == "optimal" and spent < PART_SECONDS / 3:
            target = min(400, int(target * 1.25))
        elif outcome.status != "optimal":
            target = max(30, int(target * 0.8))
        tick()
    return "feasible" if solved_any else "greedy"


def _neighbourhood(board: Board, rng, turn, room_ids, days, width):
    unplaced = board.unplaced_units()
    if unplaced and turn % 2:
        unit = rng.choice(unplaced)
        fitting = [r for _c, r in unit.rooms]
        near = fitting[: max(1, width // 2)]
        others = [r for r in room_ids if r not in near]
        extra = rng.sample(others, min(len(others), width - len(near)))
        return set(near) | set(extra), None
    mode = turn % 3
    if mode == 0 or len(days) < 2:  # neighbouring rooms, every day
        first = rng.randrange(0, max(1, len(room_ids) - width + 1))
        return set(room_ids[first : first + width]), None
    if mode == 1:  # any rooms, every day
        return set(rng.sample(room_ids, min(width, len(room_ids)))), None
    wide = min(len(room_ids), width * len(days))  # one day, more rooms
    first = rng.randrange(0, max(1, len(room_ids) - wide + 1))
    return set(room_ids[first : first + wide]), {rng.choice(days)}


def _units_in(board: Board, rooms, days, rng) -> list[Unit]:
    """The placed units inside, and some of the unplaced ones that could be."""
    units, waiting = [], []
    for unit, option in zip(board.problem.units, board.choice, strict=True):
        if option is None:
            if any(r in rooms for _c, r in unit.rooms):
                waiting.append(unit)
        elif option.room_id in rooms and (days is None or option.start.day_id in days):
            units.append(unit)
    return units + rng.sample(waiting, min(len(waiting), MAX_WAITING))


def _put_back(board: Board, units: list[Unit], saved) -> None:
    for unit in units:
        board.remove(unit)
    for unit in units:
        if saved[unit.index] is not None:
            board.place(unit, saved[unit.index])
