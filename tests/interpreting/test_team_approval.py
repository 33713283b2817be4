"""The coordinator approves or turns down interpreters, filters the team, sets the rules."""

from datetime import UTC, date, datetime, time

import pytest

from app.audit.models import AuditEvent
from app.core.team_decisions import ApprovalError, ApprovalProblem, PolicyError
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import ForumStatus, Room, TimeSlot
from app.interpreting import team_approval
from app.interpreting.models import (
    InterpretationAssignment,
    InterpreterStatus,
    InterpretingPolicy,
)
from app.interpreting.policy import policy_of
from tests.factories import make_forum, make_user
from tests.helpers import outbox_to
from tests.interpreting.factories import (
    make_assignment,
    make_interpreter,
    make_need,
    make_placed_session,
)

NOW = datetime(2030, 4, 1, tzinfo=UTC)


@pytest.fixture
def forum(ctx):
    forum = make_forum(
        status=ForumStatus.OPEN,
        start_date=date(2030, 5, 10),
        end_date=date(2030, 5, 11),
        name_en="Baghdad forum",
        name_ar="منتدى بغداد",
    )
    sync_days(forum)
    db.session.flush()
    return forum


@pytest.fixture
def coordinator(ctx):
    return make_user()


def test_approving_tells_the_interpreter_in_their_language(forum, coordinator):
    interpreter = make_interpreter(
        forum, user=make_user(locale="ar"), status=InterpreterStatus.PENDING
    )
    team_approval.approve_interpreter(interpreter, by=coordinator, now=NOW)
    assert interpreter.status is InterpreterStatus.APPROVED
    assert interpreter.decided_by_id == coordinator.id
    [mail] = outbox_to(interpreter.user.email)
    assert mail.locale == "ar"
    assert "منتدى بغداد" in mail.body_text
    assert "/interpreting/sessions" in mail.body_text
    [event] = db.session.scalars(db.select(AuditEvent)).all()
    assert (event.action, event.details) == ("interpreter_decided", {"status": "approved"})


def test_approving_twice_or_someone_who_withdrew_is_refused(forum, coordinator):
    approved = make_interpreter(forum)
    with pytest.raises(ApprovalError) as twice:
        team_approval.approve_interpreter(approved, by=coordinator, now=NOW)
    assert twice.value.problem is ApprovalProblem.ALREADY_DECIDED
    left = make_interpreter(forum, status=InterpreterStatus.WITHDRAWN)
    with pytest.raises(ApprovalError) as withdrawn:
        team_approval.reject_interpreter(left, by=coordinator, now=NOW)
    assert withdrawn.value.problem is ApprovalProblem.WITHDRAWN
    assert outbox_to(approved.user.email) == outbox_to(left.user.email) == []


def test_turning_down_removes_upcoming_sessions_and_tells_them(forum, coordinator):
    interpreter = make_interpreter(forum)
    room = Room(forum_id=forum.id, name_en="Hall", capacity=50)
    slot = TimeSlot(day_id=forum.days[0].id, starts_at=time(9), ends_at=time(10))
    db.session.add_all([room, slot])
    db.session.flush()
    need = make_need(make_placed_session(forum, room, slot))
    make_assignment(need, interpreter)
    assert team_approval.reject_interpreter(interpreter, by=coordinator, now=NOW) == 1
    assert db.session.scalars(db.select(InterpretationAssignment)).all() == []
    assert interpreter.status is InterpreterStatus.REJECTED
    [mail] = outbox_to(interpreter.user.email)
    assert "cannot take you into the team" in mail.body_text


def test_the_team_lists_pending_first_and_filters(ctx, forum):
    other_forum = make_forum(status=ForumStatus.OPEN)
    make_interpreter(other_forum, directions=[("ckb", "en")])
    approved = make_interpreter(forum, user=make_user(name="Aaron"), directions=[("ar", "en")])
    pending = make_interpreter(
        forum,
        user=make_user(name="Zeinab"),
        directions=[("ckb", "en")],
        status=InterpreterStatus.PENDING,
    )
    assert team_approval.team_of(forum) == [pending, approved]
    assert team_approval.team_of(forum, status=InterpreterStatus.APPROVED) == [approved]
    assert team_approval.team_of(forum, language="ckb") == [pending]
    assert team_approval.team_of(forum, direction=("ar", "en")) == [approved]
    assert team_approval.team_of(forum, direction=("en", "ar")) == []
    counts = team_approval.status_counts(forum)
    assert counts[InterpreterStatus.PENDING] == counts[InterpreterStatus.APPROVED] == 1


def test_the_rules_are_saved_within_their_bounds(forum):
    assert db.session.get(InterpretingPolicy, forum.id) is None
    details = team_approval.PolicyDetails(
        allow_relay=False, max_sessions_per_day=4, booth_team_after_minutes=90
    )
    team_approval.update_policy(forum, details)
    policy = policy_of(forum)
    assert (policy.allow_relay, policy.max_sessions_per_day, policy.booth_team_after_minutes) == (
        False,
        4,
        90,
    )


@pytest.mark.parametrize(
    ("sessions", "minutes", "wrong"),
    [
        (0, 60, {"max_sessions_per_day"}),
        (11, 60, {"max_sessions_per_day"}),
        (3, 14, {"booth_team_after_minutes"}),
        (3, 241, {"booth_team_after_minutes"}),
        (None, None, {"max_sessions_per_day", "booth_team_after_minutes"}),
    ],
)
def test_rules_out_of_bounds_are_refused(forum, sessions, minutes, wrong):
    details = team_approval.PolicyDetails(True, sessions, minutes)
    with pytest.raises(PolicyError) as refused:
        team_approval.update_policy(forum, details)
    assert set(refused.value.fields) == wrong
    assert db.session.get(InterpretingPolicy, forum.id) is None
