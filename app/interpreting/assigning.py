"""Putting interpreters on the needs of placed sessions by hand, and who fits.

The rules are in ``assigning_rules.py``. A coordinator's assignment is refused with
every rule in the way (``AssignmentRefused``); none is overridden: a direction the
interpreter does not have and two sessions at once are hard rules of the schedule,
and the others (mode, availability, daily maximum, a break after two sessions,
a full team) protect the interpreters. Assignments made here are pinned unless
told: the automatic assignment keeps them.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.extensions import db
from app.forums.models import Forum
from app.interpreting.assigning_rules import (
    AssignProblem,
    Direction,
    Sitting,
    joinable_legs,
    legs_of,
    load_problems,
    open_legs,
    sittings_of,
)
from app.interpreting.models import (
    InterpretationAssignment,
    InterpretationNeed,
    Interpreter,
    InterpreterStatus,
    InterpretingPolicy,
)
from app.interpreting.policy import policy_of
from app.scheduling.loading import load_snapshot
from app.scheduling.snapshot import Snapshot


class AssignmentRefused(Exception):
    def __init__(self, problems: list[AssignProblem]):
        super().__init__(", ".join(str(p) for p in problems))
        self.problems = problems


class Candidate(NamedTuple):
    """An interpreter for the board: whether they fit the need, and if not why."""

    interpreter: Interpreter
    fits: bool
    reasons: list[AssignProblem]

    @property
    def ok(self) -> bool:
        return self.fits


@dataclass
class AssignContext:
    """What the rules read about a forum, loaded once for many questions."""

    forum: Forum
    policy: InterpretingPolicy
    snapshot: Snapshot
    sittings: dict[int, Sitting]
    interpreters: dict[int, Interpreter]
    # need id -> the interpreters on it; interpreter id -> (need id, activity id) held.
    teams: dict[int, list[int]] = field(default_factory=dict)
    held: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def sittings_held(self, interpreter_id: int, leaving_out: int | None = None) -> list[Sitting]:
        return [
            self.sittings[activity_id]
            for need_id, activity_id in self.held.get(interpreter_id, ())
            if need_id != leaving_out and activity_id in self.sittings
        ]

    def load(self, interpreter_id: int, day_id: int | None = None) -> int:
        """Sessions held (in the forum, or on one day)."""
        sittings = {s.activity_id: s for s in self.sittings_held(interpreter_id)}
        return sum(1 for s in sittings.values() if day_id is None or s.day_id == day_id)


def load_context(forum: Forum) -> AssignContext:
    snapshot = load_snapshot(forum)
    interpreters = {
        i.id: i
        for i in db.session.scalars(
            sa.select(Interpreter)
            .where(Interpreter.forum_id == forum.id)
            .options(
                selectinload(Interpreter.directions),
                selectinload(Interpreter.availability),
                selectinload(Interpreter.user),
            )
            .order_by(Interpreter.id)
        )
    }
    context = AssignContext(forum, policy_of(forum), snapshot, sittings_of(snapshot), interpreters)
    rows = db.session.execute(
        sa.select(
            InterpretationAssignment.need_id,
            InterpretationAssignment.interpreter_id,
            InterpretationNeed.activity_id,
        )
        .join(InterpretationNeed, InterpretationNeed.id == InterpretationAssignment.need_id)
        .where(InterpretationNeed.forum_id == forum.id)
        .order_by(InterpretationAssignment.id)
    )
    for need_id, interpreter_id, activity_id in rows:
        context.teams.setdefault(need_id, []).append(interpreter_id)
        context.held.setdefault(interpreter_id, []).append((need_id, activity_id))
    return context


def directions_of(interpreter: Interpreter) -> set[Direction]:
    return {(d.source, d.target) for d in interpreter.directions}


def is_available(interpreter: Interpreter, day_id: int) -> bool:
    return any(a.day_id == day_id for a in interpreter.availability)


def need_legs(need: InterpretationNeed) -> tuple[Direction, ...]:
    return legs_of(need.source, need.target, need.relay)


def assignment_problems(
    need: InterpretationNeed, interpreter: Interpreter, context: AssignContext
) -> list[AssignProblem]:
    """Every rule that stops ``interpreter`` from joining ``need``'s team."""
    problems = []
    if interpreter.status != InterpreterStatus.APPROVED:
        problems.append(AssignProblem.NOT_APPROVED)
    team = context.teams.get(need.id, [])
    if interpreter.id in team:
        problems.append(AssignProblem.ALREADY_ASSIGNED)
    directions = directions_of(interpreter)
    legs = need_legs(need)
    if not any(leg in directions for leg in legs):
        problems.append(AssignProblem.NO_DIRECTION)
    elif interpreter.id not in team:
        others = [directions_of(context.interpreters[i]) for i in team if i in context.interpreters]
        if not joinable_legs(legs, need.team_size, others, directions):
            problems.append(AssignProblem.TEAM_FULL)
    if str(need.mode) not in (interpreter.modes or []):
        problems.append(AssignProblem.NO_MODE)
    sitting = context.sittings.get(need.activity_id)
    if sitting is None:
        problems.append(AssignProblem.NOT_PLACED)
        return problems
    if not is_available(interpreter, sitting.day_id):
        problems.append(AssignProblem.NOT_AVAILABLE)
    held = context.sittings_held(interpreter.id, leaving_out=need.id)
    if any(s.activity_id == sitting.activity_id for s in held):
        problems.append(AssignProblem.BUSY)  # another need of the same session
    for problem in load_problems(
        held, sitting, context.snapshot.slots, context.policy.max_sessions_per_day
    ):
        if problem not in problems:
            problems.append(problem)
    return problems


def candidates(need: InterpretationNeed, context: AssignContext | None = None) -> list[Candidate]:
    """The forum's approved interpreters for ``need``: those who fit first, the
    least loaded first (sessions that day, then in the forum), then by name."""
    context = context or load_context(db.session.get(Forum, need.forum_id))
    sitting = context.sittings.get(need.activity_id)
    day_id = sitting.day_id if sitting else None
    found = [
        Candidate(interpreter, not problems, problems)
        for interpreter in context.interpreters.values()
        if interpreter.status == InterpreterStatus.APPROVED
        for problems in [assignment_problems(need, interpreter, context)]
    ]
    return sorted(
        found,
        key=lambda c: (
            not c.fits,
            context.load(c.interpreter.id, day_id) if day_id else 0,
            context.load(c.interpreter.id),
            (c.interpreter.user.name or "").casefold(),
            c.interpreter.id,
        ),
    )


def _lock(interpreter: Interpreter) -> None:
    """One interpreter's assignments are checked and written one after the other
    (PostgreSQL; SQLite writes one at a time anyway)."""
    db.session.execute(
        sa.select(Interpreter.id).where(Interpreter.id == interpreter.id).with_for_update()
    )


def assign_interpreter(
    need: InterpretationNeed, interpreter: Interpreter, *, by: User, pinned: bool = True
) -> InterpretationAssignment:
    """Put ``interpreter`` on ``need``'s team, refused with every rule in the way."""
    _lock(interpreter)
    context = load_context(db.session.get(Forum, need.forum_id))
    problems = assignment_problems(need, interpreter, context)
    if problems:
        raise AssignmentRefused(problems)
    assignment = InterpretationAssignment(
        need_id=need.id, interpreter_id=interpreter.id, pinned=pinned, created_by_id=by.id
    )
    try:
        with db.session.begin_nested():
            db.session.add(assignment)
    except IntegrityError:
        raise AssignmentRefused([AssignProblem.ALREADY_ASSIGNED]) from None
    db.session.expire(need, ["assignments"])
    db.session.expire(interpreter, ["assignments"])
    record(
        AuditAction.INTERPRETER_ASSIGNED,
        actor=by,
        obj=assignment,
        forum=context.forum,
        need_id=need.id,
        interpreter_id=interpreter.id,
        activity_id=need.activity_id,
        pinned=pinned,
    )
    db.session.flush()
    return assignment


def unassign(assignment: InterpretationAssignment, *, by: User) -> None:
    """Take the interpreter off the need; the need is open again."""
    need, interpreter = assignment.need, assignment.interpreter
    record(
        AuditAction.INTERPRETER_UNASSIGNED,
        actor=by,
        obj=assignment,
        forum=db.session.get(Forum, need.forum_id),
        need_id=need.id,
        interpreter_id=assignment.interpreter_id,
        activity_id=need.activity_id,
    )
    db.session.delete(assignment)
    db.session.flush()
    db.session.expire(need, ["assignments"])
    db.session.expire(interpreter, ["assignments"])


def team_directions(need: InterpretationNeed) -> list[set[Direction]]:
    """The directions of each interpreter on ``need``."""
    return [directions_of(a.interpreter) for a in need.assignments]


def open_places(need: InterpretationNeed, team: Iterable[set[Direction]] | None = None) -> int:
    """Interpreters still missing on ``need`` (both legs of a relay counted)."""
    team = team_directions(need) if team is None else team
    return sum(open_legs(need_legs(need), need.team_size, team).values())
