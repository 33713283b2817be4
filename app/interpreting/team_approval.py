"""The coordinator's side of the team: the list (filters, pending first),
approving and turning down, and the forum's interpreting rules.

A pending interpreter (or one turned down earlier) can be approved; a pending or
approved one can be turned down, which takes them off the sessions that have not
started. One who withdrew decides for themselves. Each decision emails the
interpreter in their language and is audited.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.audit.services import AuditAction
from app.core import team_decisions as decisions
from app.core.team_decisions import check_bounds, check_decision, pending_first, record_decision
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
    return pending_first(
        interpreter
        for interpreter in db.session.scalars(query)
        if (language is None or language in {row.language for row in interpreter.languages})
        and (
            direction is None
            or direction in {(row.source, row.target) for row in interpreter.directions}
        )
    )


def status_counts(forum: Forum) -> dict[InterpreterStatus, int]:
    return decisions.status_counts(Interpreter, InterpreterStatus, forum)


def approve_interpreter(interpreter: Interpreter, *, by: User, now: datetime) -> None:
    """Approve a pending interpreter (or one turned down before) and tell them."""
    check_decision(interpreter, InterpreterStatus.APPROVED)
    _decide(interpreter, InterpreterStatus.APPROVED, by, now)


def reject_interpreter(interpreter: Interpreter, *, by: User, now: datetime) -> int:
    """Turn an interpreter down and tell them; they leave the sessions that have
    not started (those needs are open again). Returns how many assignments went."""
    check_decision(interpreter, InterpreterStatus.REJECTED)
    removed = upcoming_assignments(interpreter, now)
    for session in removed:
        remove_assignment(session.assignment, by=by)
    _decide(interpreter, InterpreterStatus.REJECTED, by, now)
    return len(removed)


def _decide(interpreter: Interpreter, status: InterpreterStatus, by: User, now: datetime) -> None:
    record_decision(interpreter, status, by=by, now=now, action=AuditAction.INTERPRETER_DECIDED)
    tell_decision(interpreter)


@dataclass(frozen=True)
class PolicyDetails:
    allow_relay: bool
    max_sessions_per_day: int
    booth_team_after_minutes: int


def update_policy(forum: Forum, details: PolicyDetails) -> InterpretingPolicy:
    """Save the forum's interpreting rules (each number within ``POLICY_BOUNDS``);
    they apply to needs derived and assignments made from now on."""
    check_bounds(vars(details), POLICY_BOUNDS)
    policy = db.session.get(InterpretingPolicy, forum.id)
    if policy is None:
        policy = policy_of(forum)
        db.session.add(policy)
    policy.allow_relay = details.allow_relay
    for name in POLICY_BOUNDS:
        setattr(policy, name, getattr(details, name))
    db.session.flush()
    return policy
