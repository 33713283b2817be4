"""The first schedule: the most constrained units first, each into its cheapest free
spot; then units left over push one or two others aside (an ejection chain)."""

import time

from app.scheduling.solver_board import Board, Option
from app.scheduling.solver_problem import SCALE, Unit

# A session that needs no booth pays this (in wasted seats) for taking a booth room,
# so booths stay free for the sessions that need them.
BOOTH_SEATS = 60
REPAIR_TRIES = 40


def greedy_order(units: list[Unit]) -> list[Unit]:
    """Fewest possible spots first; then the largest and the longest."""

    def key(unit: Unit):
        attendance = max(unit.members[i].attendance for i in unit.free)
        return (len(unit.rooms) * len(unit.starts), -attendance, -unit.size, unit.index)

    return sorted(units, key=key)


class Greedy:
    def __init__(self, board: Board):
        self.board = board
        self.problem = board.problem
        self._rooms: dict[int, list[tuple[int, int, int]]] = {}
        booth_rooms = {r.id for r in self.problem.snapshot.rooms.values() if r.has_booth}
        self._booth_rooms = booth_rooms
        self._booth_cost = BOOTH_SEATS * max(1, self.problem.weights.wasted_seats) * SCALE // 10

    def rooms(self, unit: Unit) -> list[tuple[int, int, int]]:
        """(greedy cost, true cost, room id), cheapest first."""
        if unit.index not in self._rooms:
            extra = 0 if unit.needs_booth else self._booth_cost
            ranked = [(c + (extra if r in self._booth_rooms else 0), c, r) for c, r in unit.rooms]
            self._rooms[unit.index] = sorted(ranked)
        return self._rooms[unit.index]

    def previous_option(self, unit: Unit) -> Option | None:
        before = [unit.previous[i] for i in unit.free]
        if any(spot is None for spot in before) or len({s.room_id for s in before}) != 1:
            return None
        for start in unit.starts:
            if all(start.runs[i] == unit.previous[i].slot_ids for i in unit.free):
                return Option(before[0].room_id, start)
        return None

    def best_option(self, unit: Unit) -> Option | None:
        """The cheapest spot where the unit fits now, or None."""
        board = self.board
        best, best_cost = None, None
        previous = self.previous_option(unit)
        if previous is not None and self._fits(unit, previous):
            best = previous
            best_cost = unit.start_costs[previous.start.slot_id] + board.theme_cost(
                unit, previous.start
            )
            best_cost += next(c for c, _t, r in self.rooms(unit) if r == previous.room_id)
        rooms = self.rooms(unit)
        if not rooms:
            return best
        timed = []
        for start in unit.starts:
            if board.persons_free(unit, start):
                cost = unit.start_costs[start.slot_id] + board.theme_cost(unit, start)
                timed.append((cost, start.slot_id, start))
        timed.sort(key=lambda t: (t[0], t[1]))
        for time_cost, _id, start in timed:
            if best_cost is not None and time_cost + rooms[0][0] >= best_cost:
                break
            for room_cost, _true, room_id in rooms:
                cost = time_cost + room_cost
                if best_cost is not None and cost >= best_cost:
                    break
                if board.room_free(unit, room_id, start):
                    cost += unit.moved_cost(room_id, start)
                    if best_cost is None or cost < best_cost:
                        best, best_cost = Option(room_id, start), cost
                    break
        return best

    def place_all(self, units: list[Unit]) -> None:
        for unit in units:
            if self.board.choice[unit.index] is None:
                option = self.best_option(unit)
                if option is not None:
                    self.board.place(unit, option)

    def keep_previous(self, units: list[Unit]) -> None:
        """Units that were placed before go back where they were, when they still fit."""
        for unit in units:
            option = self.previous_option(unit)
            if option is not None and self._fits(unit, option):
                self.board.place(unit, option)

    def _fits(self, unit: Unit, option: Option) -> bool:
        """A possible spot for the unit, free now."""
        board = self.board
        return (
            any(r == option.room_id for _c, r in unit.rooms)
            and board.persons_free(unit, option.start)
            and board.room_free(unit, option.room_id, option.start)
        )

    def repair(self, units: list[Unit], deadline: float) -> None:
        """Each unplaced unit takes a spot held by one or two placed units, which
        move elsewhere; undone when they can't."""
        board, everyone = self.board, self.problem.units
        for unit in units:
            if board.choice[unit.index] is not None:
                continue
            if time.monotonic() > deadline:
                return
            candidates = []
            for start in unit.starts:
                for room_cost, _true, room_id in self.rooms(unit):
                    if not self._open(unit, room_id, start):
                        continue
                    option = Option(room_id, start)
                    blockers = board.blockers(unit, option)
                    if blockers is not None and len(blockers) <= 2:
                        candidates.append(
                            (len(blockers), room_cost, start.slot_id, option, blockers)
                        )
            candidates.sort(key=lambda c: c[:3])
            for _n, _cost, _slot, option, blockers in candidates[:REPAIR_TRIES]:
                if self._eject(unit, option, [everyone[b] for b in sorted(blockers)]):
                    break

    def _open(self, unit: Unit, room_id: int, start) -> bool:
        closed = self.problem.closed.get(room_id)
        return not closed or all(closed.isdisjoint(start.runs[i]) for i in unit.free)

    def _eject(self, unit: Unit, option: Option, blockers: list[Unit]) -> bool:
        board = self.board
        saved = [(b, board.choice[b.index]) for b in blockers]
        for blocker in blockers:
            board.remove(blocker)
        board.place(unit, option)
        moved = []
        for blocker in blockers:
            found = self.best_option(blocker)
            if found is None:
                break
            board.place(blocker, found)
            moved.append(blocker)
        else:
            return True
        for blocker in moved:
            board.remove(blocker)
        board.remove(unit)
        for blocker, before in saved:
            board.place(blocker, before)
        return False
