"""Assign interpreters automatically to the open needs of the draft schedule.

The needs are derived again first (``needs.derive_needs``: edited ones are kept).
Pinned assignments (made by hand) stay; the previous automatic ones are replaced.
The answer never breaks a hard rule (a direction the interpreter has, never two
sessions at once, the daily maximum, a break after two sessions in a row, only
days they are available, modes they work in) and, within those, fills as many
places as it can, spreads the load fairly, keeps an interpreter in one room for a
day where possible and mixes a first-timer with an experienced interpreter in
booth teams of two (the Babels rule).

How: a greedy answer first (``auto_assign_greedy.py``), then OR-Tools CP-SAT day
by day (``auto_assign_model.py``), each day's answer kept only when it passes the
rules and fills at least as many places. Without OR-Tools (the optional extra
``scheduler``) the greedy answer is the answer.

Places left open are listed as ``Unmet`` with a reason: ``no_direction`` (no
approved interpreter has that direction), ``no_mode`` (none of them works in that
mode), ``not_available`` (none of those is available that day), ``all_busy``
(every one of them is busy then or at their limit).
"""

import time
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.extensions import db
from app.forums.models import Forum
from app.interpreting.assigning import directions_of, load_context, need_legs
from app.interpreting.assigning_rules import Direction, leg_fill
from app.interpreting.auto_assign_greedy import solve_greedy
from app.interpreting.auto_assign_problem import Person, Position, Problem, check_solution
from app.interpreting.models import InterpretationAssignment, InterpretationNeed
from app.interpreting.models import InterpreterStatus as Status
from app.interpreting.needs import derive_needs


class UnmetReason(StrEnum):
    NO_DIRECTION = "no_direction"
    NO_MODE = "no_mode"
    NOT_AVAILABLE = "not_available"
    ALL_BUSY = "all_busy"


@dataclass(frozen=True)
class Unmet:
    """``missing`` interpreters for ``pair`` (a leg of the need) of the session
    starting ``starts`` minutes after midnight on ``day_id``."""

    need_id: int
    reason: UnmetReason
    day_id: int
    starts: int
    pair: Direction
    missing: int = 1
    activity_id: int | None = None
    mode: str | None = None

    @property
    def reason_code(self) -> str:
        return str(self.reason)


@dataclass
class AutoResult:
    assigned: int  # automatic assignments made
    unmet: list[Unmet]
    status: str = "greedy"  # "optimal" | "feasible" | "greedy" | "unavailable" (no OR-Tools)


def auto_assign(forum: Forum, *, by: User, time_limit: float = 10.0) -> AutoResult:
    """Replace the forum's automatic assignments by a fresh answer (see the module)."""
    began = time.monotonic()
    needs = derive_needs(forum)
    for need in needs:
        for assignment in [a for a in need.assignments if not a.pinned]:
            need.assignments.remove(assignment)
    db.session.flush()
    context = load_context(forum)
    problem = build_problem(context, needs)
    chosen, status = solve(problem, began + max(0.0, time_limit))
    for index, person_id in sorted(chosen.items()):
        db.session.add(
            InterpretationAssignment(
                need_id=problem.positions[index].need_id,
                interpreter_id=person_id,
                pinned=False,
                created_by_id=by.id,
            )
        )
    record(
        AuditAction.INTERPRETER_ASSIGNED,
        actor=by,
        obj=forum,
        forum=forum,
        automatic=True,
        assigned=len(chosen),
        status=status,
    )
    db.session.flush()
    return AutoResult(len(chosen), unmet_of(problem, chosen), status)


def build_problem(context, needs: list[InterpretationNeed]) -> Problem:
    persons = {
        i.id: Person(
            id=i.id,
            directions=frozenset(directions_of(i)),
            modes=frozenset(i.modes or ()),
            days=frozenset(a.day_id for a in i.availability),
            experienced=bool(i.experienced),
        )
        for i in context.interpreters.values()
        if i.status == Status.APPROVED
    }
    pinned = {p: context.sittings_held(p) for p in context.held}
    positions: list[Position] = []
    for need in needs:
        sitting = context.sittings.get(need.activity_id)
        if sitting is None:
            continue
        team = [context.interpreters[i] for i in context.teams.get(need.id, [])]
        legs = need_legs(need)
        fill = leg_fill(legs, [directions_of(i) for i in team])
        for leg in legs:
            on_leg = [i for i in team if leg in directions_of(i)]
            for _ in range(max(0, need.team_size - fill[leg])):
                positions.append(
                    Position(
                        index=len(positions),
                        need_id=need.id,
                        leg=leg,
                        mode=str(need.mode),
                        sitting=sitting,
                        booth_team=need.team_size == 2 and need.mode == "simultaneous",
                        pinned_experienced=sum(1 for i in on_leg if i.experienced),
                        pinned_first_timers=sum(1 for i in on_leg if not i.experienced),
                    )
                )
    return Problem(
        persons=persons,
        positions=positions,
        slots=context.snapshot.slots,
        max_per_day=context.policy.max_sessions_per_day,
        pinned=pinned,
    )


def solve(problem: Problem, deadline: float) -> tuple[dict[int, int], str]:
    """Position -> person, and how the answer was found."""
    chosen = solve_greedy(problem)
    try:
        import ortools  # noqa: F401
    except ImportError:
        return chosen, "unavailable"
    from app.interpreting.auto_assign_model import solve_day

    days = problem.days()
    statuses = set()
    for number, day_id in enumerate(days):
        seconds = (deadline - time.monotonic()) / (len(days) - number)
        if seconds < 0.05:
            statuses.add("greedy")
            continue
        today = {q.index for q in problem.positions if q.sitting.day_id == day_id}
        prior = Counter(p for index, p in chosen.items() if index not in today) + Counter(
            {p: len([s for s in held if s.day_id != day_id]) for p, held in problem.pinned.items()}
        )
        status, answer = solve_day(problem, day_id, prior, chosen, seconds)
        trial = {i: p for i, p in chosen.items() if i not in today} | answer
        greedy_today = sum(1 for i in chosen if i in today)
        if status == "unknown" or len(answer) < greedy_today or not check_solution(problem, trial):
            statuses.add("greedy")
            continue
        chosen = trial
        statuses.add(status)
    for status in ("greedy", "feasible", "optimal"):
        if status in statuses:
            return chosen, status
    return chosen, "optimal"


def unmet_of(problem: Problem, chosen: dict[int, int]) -> list[Unmet]:
    """The places left open, one line per need and leg, with why."""
    missing: Counter[tuple[int, Direction]] = Counter()
    first: dict[tuple[int, Direction], Position] = {}
    for q in problem.positions:
        if q.index not in chosen:
            missing[q.need_id, q.leg] += 1
            first.setdefault((q.need_id, q.leg), q)
    unmet = [
        Unmet(
            need_id=q.need_id,
            reason=reason_for(problem, q),
            day_id=q.sitting.day_id,
            starts=q.sitting.starts,
            pair=q.leg,
            missing=missing[key],
            activity_id=q.sitting.activity_id,
            mode=q.mode,
        )
        for key, q in first.items()
    ]
    return sorted(unmet, key=lambda u: (u.day_id, u.starts, u.need_id, u.pair))


def reason_for(problem: Problem, position: Position) -> UnmetReason:
    people = [p for p in problem.persons.values() if position.leg in p.directions]
    if not people:
        return UnmetReason.NO_DIRECTION
    people = [p for p in people if position.mode in p.modes]
    if not people:
        return UnmetReason.NO_MODE
    if not any(position.sitting.day_id in p.days for p in people):
        return UnmetReason.NOT_AVAILABLE
    return UnmetReason.ALL_BUSY
