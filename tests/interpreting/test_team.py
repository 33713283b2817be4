"""Joining the interpretation team, changing one's details, withdrawing."""

from datetime import UTC, date, datetime, time

import pytest

from app.audit.models import AuditEvent
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import ForumStatus, Room, TimeSlot
from app.interpreting import team
from app.interpreting.models import InterpretationAssignment, InterpreterStatus, LanguageLevel
from tests.factories import grant_role, make_forum, make_user
from tests.helpers import outbox_to
from tests.interpreting.factories import (
    make_assignment,
    make_interpreter,
    make_need,
    make_placed_session,
)

A, B, C = LanguageLevel.A, LanguageLevel.B, LanguageLevel.C
NOW = datetime(2030, 4, 1, tzinfo=UTC)


@pytest.fixture
def forum(ctx):
    forum = make_forum(
        status=ForumStatus.OPEN,
        start_date=date(2030, 5, 10),
        end_date=date(2030, 5, 12),
        name_en="Baghdad forum",
    )
    sync_days(forum)
    db.session.flush()
    return forum


def details(forum, **fields) -> team.InterpreterDetails:
    values = {
        "languages": (("ar", A), ("en", B)),
        "directions": (("en", "ar"), ("ar", "en")),
        "modes": ("simultaneous", "consecutive"),
        "experienced": True,
        "day_ids": (forum.days[0].id,) if forum.days else (),
        **fields,
    }
    return team.InterpreterDetails(**values)


def test_joining_makes_a_pending_interpreter_with_their_details(forum):
    user = make_user()
    interpreter = team.join_team(forum, user, details(forum), now=NOW)
    assert interpreter.status is InterpreterStatus.PENDING
    assert {(row.language, row.level) for row in interpreter.languages} == {("ar", A), ("en", B)}
    # In the list's order, whatever order they came in.
    assert [(d.source, d.target) for d in interpreter.directions] == [("ar", "en"), ("en", "ar")]
    assert interpreter.modes == ["simultaneous", "consecutive"]
    assert interpreter.experienced is True
    assert [a.day_id for a in interpreter.availability] == [forum.days[0].id]
    assert interpreter.feed_nonce


@pytest.mark.parametrize(
    ("fields", "field", "problem"),
    [
        ({"languages": ()}, "languages", team.DetailProblem.NO_LANGUAGE),
        ({"languages": (("ar", A), ("xx", B))}, "languages", team.DetailProblem.UNKNOWN_LANGUAGE),
        ({"directions": ()}, "directions", team.DetailProblem.NO_DIRECTION),
        ({"directions": (("ar", "ar"),)}, "directions", team.DetailProblem.NO_DIRECTION),
        (
            {"directions": (("ckb", "en"),)},
            "directions",
            team.DetailProblem.DIRECTION_NOT_SPOKEN,
        ),
        ({"modes": ()}, "modes", team.DetailProblem.NO_MODE),
        ({"modes": ("telepathy",)}, "modes", team.DetailProblem.UNKNOWN_MODE),
        ({"day_ids": ()}, "days", team.DetailProblem.NO_DAY),
        ({"day_ids": (999999,)}, "days", team.DetailProblem.UNKNOWN_DAY),
    ],
)
def test_wrong_details_are_refused_with_the_field(forum, fields, field, problem):
    user = make_user()
    with pytest.raises(team.DetailsRejected) as refused:
        team.join_team(forum, user, details(forum, **fields), now=NOW)
    assert team.DetailError(field, problem) in refused.value.errors
    assert team.interpreter_of(forum, user) is None


def test_a_forum_without_days_needs_no_day(ctx):
    forum = make_forum(status=ForumStatus.OPEN)
    interpreter = team.join_team(forum, make_user(), details(forum, day_ids=()), now=NOW)
    assert interpreter.availability == []


def test_joining_follows_the_volunteering_window_when_the_forum_sets_one(forum):
    forum.volunteering_opens, forum.volunteering_closes = date(2030, 3, 1), date(2030, 3, 31)
    assert not team.joining_is_open(forum, NOW)
    with pytest.raises(team.JoiningClosed):
        team.join_team(forum, make_user(), details(forum), now=NOW)
    forum.volunteering_closes = date(2030, 4, 30)
    assert team.joining_is_open(forum, NOW)


@pytest.mark.parametrize("status", [ForumStatus.DRAFT, ForumStatus.CLOSED, ForumStatus.ARCHIVED])
def test_without_a_window_joining_is_open_while_the_forum_is_open(forum, status):
    assert team.joining_is_open(forum, NOW)
    forum.status = status
    assert not team.joining_is_open(forum, NOW)


def test_someone_turned_down_cannot_join_again_but_one_who_withdrew_can(forum):
    refused = make_interpreter(forum, status=InterpreterStatus.REJECTED)
    with pytest.raises(team.JoiningRefused):
        team.join_team(forum, refused.user, details(forum), now=NOW)
    left = make_interpreter(forum, status=InterpreterStatus.WITHDRAWN)
    back = team.join_team(forum, left.user, details(forum), now=NOW)
    assert back is left
    assert back.status is InterpreterStatus.PENDING


def test_editing_replaces_the_details_and_keeps_the_status(forum):
    interpreter = make_interpreter(forum, directions=[("ar", "en")])
    changed = details(
        forum,
        languages=(("ar", A), ("ckb", B), ("en", C)),
        directions=(("ckb", "ar"),),
        modes=("whispered",),
        experienced=False,
        day_ids=tuple(day.id for day in forum.days[1:]),
    )
    team.update_details(interpreter, changed)
    db.session.expire_all()
    assert interpreter.status is InterpreterStatus.APPROVED
    assert [(d.source, d.target) for d in interpreter.directions] == [("ckb", "ar")]
    assert {row.language: row.level for row in interpreter.languages} == {
        "ar": A,
        "ckb": B,
        "en": C,
    }
    assert interpreter.modes == ["whispered"]
    assert interpreter.experienced is False
    assert sorted(a.day_id for a in interpreter.availability) == [d.id for d in forum.days[1:]]
    assert team.InterpreterDetails.of(interpreter) == team.check_details(forum, changed)[0]


def test_details_cannot_change_once_the_forum_is_closed(forum):
    interpreter = make_interpreter(forum)
    forum.status = ForumStatus.CLOSED
    with pytest.raises(team.JoiningClosed):
        team.update_details(interpreter, details(forum))


def _session(forum, starts: time, ends: time, day=0, **fields):
    room = Room(forum_id=forum.id, name_en="Hall", capacity=100, has_booth=True, booth_channels=2)
    slot = TimeSlot(day_id=forum.days[day].id, starts_at=starts, ends_at=ends)
    db.session.add_all([room, slot])
    db.session.flush()
    return make_placed_session(forum, room, slot, **fields)


def test_withdrawing_removes_upcoming_assignments_and_tells_the_coordinator(forum):
    coordinator = make_user(locale="ar")
    grant_role(coordinator, forum, ForumRoleName.INTERPRETATION_COORDINATOR)
    organizer = make_user()
    grant_role(organizer, forum, ForumRoleName.ORGANIZER)
    interpreter = make_interpreter(forum, user=make_user(name="Layla Hassan"))
    done = make_need(_session(forum, time(9), time(10, 30), title_en="Past one"))
    make_assignment(done, interpreter)
    upcoming = make_need(_session(forum, time(11), time(12), title_en="Save the Tigris"))
    make_assignment(upcoming, interpreter)
    # Between the two sessions of the first day.
    now = datetime(2030, 5, 10, 7, 45, tzinfo=UTC)  # 10:45 in Baghdad
    removed = team.withdraw_from_team(interpreter, now=now)
    kept = db.session.scalars(db.select(InterpretationAssignment.need_id)).all()
    assert kept == [done.id]
    assert removed == 1
    assert interpreter.status is InterpreterStatus.WITHDRAWN
    [mail] = outbox_to(coordinator.email)
    assert mail.locale == "ar"
    assert "Layla Hassan" in mail.body_text
    assert "Save the Tigris" in mail.body_text
    assert "Past one" not in mail.body_text
    assert interpreter.user.email not in mail.body_text
    # The organizers hear nothing when the forum has a coordinator.
    assert outbox_to(organizer.email) == []


def test_without_a_coordinator_the_organizers_are_told(forum):
    organizer = make_user()
    grant_role(organizer, forum, ForumRoleName.ORGANIZER)
    interpreter = make_interpreter(forum)
    team.withdraw_from_team(interpreter, now=NOW)
    [mail] = outbox_to(organizer.email)
    assert "has left the interpretation team" in mail.body_text
    assert "no session that had not started" in mail.body_text


def test_withdrawing_twice_is_refused(forum):
    interpreter = make_interpreter(forum, status=InterpreterStatus.WITHDRAWN)
    with pytest.raises(team.NotInTeam):
        team.withdraw_from_team(interpreter, now=NOW)
    assert db.session.scalars(db.select(AuditEvent)).all() == []
