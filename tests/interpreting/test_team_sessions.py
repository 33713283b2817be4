"""The interpreter's own sessions and "I can't make it"."""

from datetime import UTC, date, datetime, time

import pytest

from app.audit.models import AuditEvent
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import ForumStatus, Room, TimeSlot
from app.interpreting.models import InterpretationAssignment
from app.interpreting.my_sessions import (
    CannotGiveBack,
    assignments_by_day,
    give_back,
    upcoming_assignments,
)
from tests.factories import grant_role, make_forum, make_user
from tests.helpers import outbox_to
from tests.interpreting.factories import (
    make_assignment,
    make_interpreter,
    make_need,
    make_placed_session,
    unplace,
)

NOW = datetime(2030, 4, 1, tzinfo=UTC)


@pytest.fixture
def forum(ctx):
    forum = make_forum(
        status=ForumStatus.OPEN,
        start_date=date(2030, 5, 10),
        end_date=date(2030, 5, 11),
        name_en="Baghdad forum",
    )
    sync_days(forum)
    db.session.flush()
    return forum


@pytest.fixture
def room(forum):
    room = Room(forum_id=forum.id, name_en="Hall", capacity=100, has_booth=True, booth_channels=2)
    db.session.add(room)
    db.session.flush()
    return room


def slot(forum, day: int, starts: time, ends: time) -> TimeSlot:
    slot = TimeSlot(day_id=forum.days[day].id, starts_at=starts, ends_at=ends)
    db.session.add(slot)
    db.session.flush()
    return slot


def test_the_sessions_come_by_day_and_time_with_their_times(forum, room):
    interpreter = make_interpreter(forum)
    late = make_need(make_placed_session(forum, room, slot(forum, 1, time(14), time(15))))
    early_slots = [slot(forum, 0, time(9), time(10)), slot(forum, 0, time(10), time(11))]
    early = make_need(make_placed_session(forum, room, early_slots))
    unplaced_activity = make_placed_session(forum, room, slot(forum, 0, time(16), time(17)))
    unplaced = make_need(unplaced_activity)
    for need in (late, early, unplaced):
        make_assignment(need, interpreter)
    unplace(unplaced_activity)
    days = assignments_by_day(interpreter)
    assert [d.day for d in days] == [forum.days[0], forum.days[1], None]
    first = days[0].sessions[0]
    assert (first.need, first.starts_at, first.ends_at, first.room) == (
        early,
        time(9),
        time(11),
        room,
    )
    assert days[2].sessions[0].starts is None
    assert len(upcoming_assignments(interpreter, NOW)) == 3


def test_cannot_make_it_reopens_the_need_and_tells_the_coordinator_in_their_language(forum, room):
    coordinator = make_user(locale="ckb")
    grant_role(coordinator, forum, ForumRoleName.INTERPRETATION_COORDINATOR)
    other_forum_coordinator = make_user()
    grant_role(other_forum_coordinator, make_forum(), ForumRoleName.INTERPRETATION_COORDINATOR)
    interpreter = make_interpreter(forum, user=make_user(name="Layla Hassan"))
    activity = make_placed_session(
        forum, room, slot(forum, 0, time(9), time(10, 30)), title_en="Save the Tigris"
    )
    need = make_need(activity, "ar", "en", channel=2)
    assignment = make_assignment(need, interpreter)
    give_back(assignment, by=interpreter.user, now=NOW)
    assert db.session.scalars(db.select(InterpretationAssignment)).all() == []
    db.session.expire(need)
    assert need.assignments == []
    [mail] = outbox_to(coordinator.email)
    assert mail.locale == "ckb"
    assert "Layla Hassan" in mail.body_text
    assert "Save the Tigris" in mail.body_text
    assert "09:00–10:30" in mail.body_text
    assert "Hall" in mail.body_text
    assert interpreter.user.email not in mail.body_text
    assert outbox_to(other_forum_coordinator.email) == []
    actions = db.session.scalars(db.select(AuditEvent.action)).all()
    assert "interpreter_withdrew_from_session" in actions


def test_the_coordinators_email_is_in_english_for_an_english_reader(forum, room):
    organizer = make_user(locale="en")
    grant_role(organizer, forum, ForumRoleName.ORGANIZER)
    interpreter = make_interpreter(forum, directions=[("ckb", "en")])
    need = make_need(
        make_placed_session(forum, room, slot(forum, 0, time(9), time(10))),
        "ckb",
        "en",
        relay="ar",
    )
    give_back(make_assignment(need, interpreter), by=interpreter.user, now=NOW)
    [mail] = outbox_to(organizer.email)
    assert mail.subject == "An interpreter cannot make it to a session"
    assert "cannot make it to this session" in mail.body_text
    assert "relay through العربية" in mail.body_text
    assert "kurdi" not in mail.body_text.lower()


def test_a_session_that_has_started_cannot_be_given_back(forum, room):
    interpreter = make_interpreter(forum)
    need = make_need(make_placed_session(forum, room, slot(forum, 0, time(9), time(10))))
    assignment = make_assignment(need, interpreter)
    started = datetime(2030, 5, 10, 6, 30, tzinfo=UTC)  # 09:30 in Baghdad
    with pytest.raises(CannotGiveBack):
        give_back(assignment, by=interpreter.user, now=started)
    assert db.session.get(InterpretationAssignment, assignment.id) is not None
