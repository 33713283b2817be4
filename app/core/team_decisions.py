"""Coordinators' decisions on the people who offer to help a forum (volunteers,
interpreters), and the bounds of each team's rules: one set of rules for both.

A pending person (or one turned down earlier) can be approved; a pending or
approved one can be turned down. One who withdrew decides for themselves. Each
decision keeps who made it and when, and is audited.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.extensions import db
from app.forums.models import Forum

# The statuses by value, pending first: they wait for a decision.
STATUS_ORDER = ("pending", "approved", "rejected", "withdrawn")
WITHDRAWN = "withdrawn"


class Decided(Protocol):
    """A volunteer or an interpreter: a person's offer to a forum's team."""

    id: int
    status: Any
    decided_at: datetime | None
    decided_by_id: int | None
    forum: Forum


Person = TypeVar("Person", bound=Decided)


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


def check_decision(person: Decided, decision: StrEnum) -> None:
    """Refuse a decision on someone who withdrew, or one already in force."""
    if person.status == WITHDRAWN:
        raise ApprovalError(ApprovalProblem.WITHDRAWN)
    if person.status == decision:
        raise ApprovalError(ApprovalProblem.ALREADY_DECIDED)


def record_decision(
    person: Decided, decision: StrEnum, *, by: User, now: datetime, action: AuditAction
) -> None:
    person.status = decision
    person.decided_at = now
    person.decided_by_id = by.id
    db.session.flush()
    record(action, actor=by, obj=person, forum=person.forum, status=str(decision))


def pending_first(people: Iterable[Person]) -> list[Person]:
    """``people`` by status (pending first), keeping their order within each."""
    return sorted(people, key=lambda person: STATUS_ORDER.index(str(person.status)))


def status_counts(model: type, statuses: type[StrEnum], forum: Forum) -> dict:
    """How many of the forum's ``model`` rows have each status, all statuses named."""
    query = (
        sa.select(model.status, sa.func.count(model.id))
        .where(model.forum_id == forum.id)
        .group_by(model.status)
    )
    counts = {statuses(value): 0 for value in STATUS_ORDER}
    counts.update({statuses(status): count for status, count in db.session.execute(query)})
    return counts


def check_bounds(
    values: Mapping[str, int | None],
    bounds: Mapping[str, tuple[int, int]],
    optional: Iterable[str] = (),
) -> None:
    """Raise ``PolicyError`` naming each rule outside its (lowest, highest); the
    ``optional`` ones may also be empty."""
    optional = set(optional)
    wrong = {}
    for name, (lowest, highest) in bounds.items():
        value = values[name]
        if value is None and name in optional:
            continue
        if value is None or not lowest <= value <= highest:
            wrong[name] = (lowest, highest)
    if wrong:
        raise PolicyError(wrong)
