"""The coordinator's side of the team: the list (filters, pending first),
approving and turning down, and the forum's interpreting rules.

A pending interpreter (or one turned down earlier) can be approved; a pending or
approved one can be turned down, which takes them off the sessions that have not
started. One who withdrew decides for themselves. Each decision emails the
interpreter in their language and is audited.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.extensions import db
from app.forums.models import Forum
from app.interpreting.models import Interpreter, InterpreterStatus, InterpretingPolicy
from app.interpreting.my_sessions import remove_assignment, upcoming_assignments
from app.interpreting.policy import policy_of
from app.interpreting.team_messages import tell_decision

# Each rule's bounds: (lowest, highest).
POLICY_BOUNDS = {
    "max_sessions_per_day": (1, 10),
    "booth_team_after_minutes": (15, 240),
}
# Pending first: they wait for a decision.
STATUS_ORDER = (
    InterpreterStatus.PENDING,
    InterpreterStatus.APPROVED,
    InterpreterStatus.REJECTED,
    InterpreterStatus.WITHDRAWN,
)


class ApprovalProblem(StrEnum):
    ALREADY_DECIDED = "already_decided"
    WITHDRAWN = "withdrawn"


class ApprovalError(Exception):
    def __init__(self, problem: ApprovalProblem):
        self.problem = problem
        super().__init__(problem)


class PolicyError(Exception):
    """Rules out of bounds: the field names, each with its (lowest, highest)."""

    def __init__(self, fields: dict[str, tuple[int, int]]):
        self.fields = fields
        super().__init__(", ".join(fields))


def team_of(
    forum: Forum,
    *,
    status: InterpreterStatus | None = None,
    language: str | None = None,
    direction: tuple[str, str] | None = None,
) -> list[Interpreter]:
    """The forum's interpreters, pending first, then by name; filtered by status, a
    language they work in and a direction they interpret."""
    query = (
        sa.select(Interpreter)
        .join(User, User.id == Interpreter.user_id)
        .where(Interpreter.forum_id == forum.id)
        .options(
            selectinload(Interpreter.user),
            selectinload(Interpreter.languages),
            selectinload(Interpreter.directions),
        )
        .order_by(User.name, Interpreter.id)
    )
    if status is not None:
        query = query.where(Interpreter.status == status)
    rows = [
        interpreter
        for interpreter in db.session.scalars(query)
        if (language is None or language in {row.language for row in interpreter.languages})
        and (
            direction is None
            or direction in {(row.source, row.target) for row in interpreter.directions}
        )
    ]
    return sorted(rows, key=lambda interpreter: STATUS_ORDER.index(interpreter.status))


def status_counts(forum: Forum) -> dict[InterpreterStatus, int]:
    query = (
        sa.select(Interpreter.status, sa.func.count(Interpreter.id))
        .where(Interpreter.forum_id == forum.id)
        .group_by(Interpreter.status)
    )
    counts = dict.fromkeys(STATUS_ORDER, 0)
    counts.update({InterpreterStatus(status): n for status, n in db.session.execute(query)})
    return counts


def approve_interpreter(interpreter: Interpreter, *, by: User, now: datetime) -> None:
    """Approve a pending interpreter (or one turned down before) and tell them."""
    if interpreter.status == InterpreterStatus.WITHDRAWN:
        raise ApprovalError(ApprovalProblem.WITHDRAWN)
    if interpreter.status == InterpreterStatus.APPROVED:
        raise ApprovalError(ApprovalProblem.ALREADY_DECIDED)
    _decide(interpreter, InterpreterStatus.APPROVED, by, now)


def reject_interpreter(interpreter: Interpreter, *, by: User, now: datetime) -> int:
    """Turn an interpreter down and tell them; they leave the sessions that have
    not started (those needs are open again). Returns how many assignments went."""
    if interpreter.status == InterpreterStatus.WITHDRAWN:
        raise ApprovalError(ApprovalProblem.WITHDRAWN)
    if interpreter.status == InterpreterStatus.REJECTED:
        raise ApprovalError(ApprovalProblem.ALREADY_DECIDED)
    removed = upcoming_assignments(interpreter, now)
    for session in removed:
        remove_assignment(session.assignment, by=by)
    _decide(interpreter, InterpreterStatus.REJECTED, by, now)
    return len(removed)


def _decide(interpreter: Interpreter, status: InterpreterStatus, by: User, now: datetime) -> None:
    interpreter.status = status
    interpreter.decided_at = now
    interpreter.decided_by_id = by.id
    db.session.flush()
    record(
        AuditAction.INTERPRETER_DECIDED,
        actor=by,
        obj=interpreter,
        forum=interpreter.forum,
        status=str(status),
    )
    tell_decision(interpreter)


@dataclass(frozen=True)
class PolicyDetails:
    allow_relay: bool
    max_sessions_per_day: int
    booth_team_after_minutes: int


def update_policy(forum: Forum, details: PolicyDetails) -> InterpretingPolicy:
    """Save the forum's interpreting rules (each number within ``POLICY_BOUNDS``);
    they apply to needs derived and assignments made from now on."""
    wrong = {}
    for name, (lowest, highest) in POLICY_BOUNDS.items():
        value = getattr(details, name)
        if value is None or not lowest <= value <= highest:
            wrong[name] = (lowest, highest)
    if wrong:
        raise PolicyError(wrong)
    policy = db.session.get(InterpretingPolicy, forum.id)
    if policy is None:
        policy = policy_of(forum)
        db.session.add(policy)
    policy.allow_relay = details.allow_relay
    for name in POLICY_BOUNDS:
        setattr(policy, name, getattr(details, name))
    db.session.flush()
    return policy
