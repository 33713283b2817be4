"""The rules volunteers' and interpreters' coordinators share: which decisions
may be taken, the order of the list, and the bounds of each team's rules."""

from dataclasses import dataclass

import pytest

from app.core.team_decisions import (
    ApprovalError,
    ApprovalProblem,
    PolicyError,
    check_bounds,
    check_decision,
    pending_first,
)
from app.interpreting.models import InterpreterStatus
from app.volunteers.models import VolunteerStatus


@dataclass
class Offer:
    status: str
    name: str = ""


@pytest.mark.parametrize("statuses", [VolunteerStatus, InterpreterStatus])
def test_a_decision_in_force_or_on_someone_who_withdrew_is_refused(statuses):
    with pytest.raises(ApprovalError) as twice:
        check_decision(Offer(statuses.APPROVED), statuses.APPROVED)
    with pytest.raises(ApprovalError) as withdrawn:
        check_decision(Offer(statuses.WITHDRAWN), statuses.APPROVED)

    assert twice.value.problem is ApprovalProblem.ALREADY_DECIDED
    assert withdrawn.value.problem is ApprovalProblem.WITHDRAWN
    check_decision(Offer(statuses.REJECTED), statuses.APPROVED)  # turned down, then approved
    check_decision(Offer(statuses.APPROVED), statuses.REJECTED)


def test_pending_come_first_keeping_the_order_within_a_status():
    people = [
        Offer(VolunteerStatus.APPROVED, "Aya"),
        Offer(VolunteerStatus.WITHDRAWN, "Bilal"),
        Offer(VolunteerStatus.PENDING, "Dara"),
        Offer(VolunteerStatus.REJECTED, "Hana"),
        Offer(VolunteerStatus.PENDING, "Zain"),
    ]

    assert [p.name for p in pending_first(people)] == ["Dara", "Zain", "Aya", "Hana", "Bilal"]


def test_rules_out_of_bounds_are_named_with_their_bounds():
    bounds = {"max_hours_per_day": (1, 24), "advance_days": (0, 365), "rest": (0, 720)}

    with pytest.raises(PolicyError) as refused:
        check_bounds({"max_hours_per_day": 0, "advance_days": None, "rest": None}, bounds)
    check_bounds(
        {"max_hours_per_day": 24, "advance_days": None, "rest": 0},
        bounds,
        optional=["advance_days"],
    )

    assert refused.value.fields == {
        "max_hours_per_day": (1, 24),
        "advance_days": (0, 365),
        "rest": (0, 720),
    }
