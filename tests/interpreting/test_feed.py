"""The interpreter's calendar: the secret address and the iCalendar file."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from flask import current_app
from icalendar import Calendar
from itsdangerous import URLSafeSerializer

from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import ForumStatus, Room, TimeSlot
from app.interpreting.feed import (
    SALT,
    ensure_feed_address,
    feed_token,
    interpreter_by_feed_token,
    renew_feed_address,
    sessions_calendar,
)
from app.interpreting.models import InterpreterStatus
from app.volunteers.feed import SALT as VOLUNTEER_SALT
from tests.factories import make_forum, make_user
from tests.interpreting.factories import (
    make_assignment,
    make_interpreter,
    make_need,
    make_placed_session,
)

NOW = datetime(2030, 4, 1, tzinfo=UTC)
BAGHDAD = ZoneInfo("Asia/Baghdad")


@pytest.fixture
def forum(ctx):
    forum = make_forum(
        status=ForumStatus.OPEN,
        timezone="Asia/Baghdad",
        start_date=date(2030, 5, 10),
        end_date=date(2030, 5, 11),
        name_en="Baghdad forum",
    )
    sync_days(forum)
    db.session.flush()
    return forum


@pytest.fixture
def interpreter(forum):
    return make_interpreter(forum, make_user(locale="en"), feed_nonce="0" * 32)


def test_the_token_finds_its_interpreter(forum, interpreter):
    assert interpreter_by_feed_token(forum, feed_token(interpreter)) is interpreter


def test_an_interpreter_without_a_nonce_is_given_one(forum):
    interpreter = make_interpreter(forum, feed_nonce=None)
    with pytest.raises(ValueError, match="nonce"):
        feed_token(interpreter)
    assert ensure_feed_address(interpreter) is True
    assert ensure_feed_address(interpreter) is False
    assert interpreter_by_feed_token(forum, feed_token(interpreter)) is interpreter


def test_a_renewed_address_makes_the_old_token_fail(forum, interpreter):
    old = feed_token(interpreter)
    renew_feed_address(interpreter)
    assert interpreter_by_feed_token(forum, old) is None
    assert interpreter_by_feed_token(forum, feed_token(interpreter)) is interpreter


@pytest.mark.parametrize("token", ["", "not-a-token", "WzEsIiJd.abc", "W10.xyz"])
def test_nonsense_tokens_fail(forum, token):
    assert interpreter_by_feed_token(forum, token) is None


def test_tampered_tokens_fail(forum, interpreter):
    other = make_interpreter(forum, feed_nonce="1" * 32)
    signature = feed_token(interpreter).rsplit(".", 1)[1]
    forged = feed_token(other).rsplit(".", 1)[0] + "." + signature
    assert interpreter_by_feed_token(forum, forged) is None
    serializer = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)
    assert interpreter_by_feed_token(forum, serializer.dumps([other.id, "0" * 32])) is None
    # A volunteer's token (same key, another salt) opens no interpreter's calendar.
    volunteers = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=VOLUNTEER_SALT)
    token = volunteers.dumps([interpreter.id, interpreter.feed_nonce])
    assert interpreter_by_feed_token(forum, token) is None


def test_another_forums_or_a_withdrawn_interpreters_token_fails(forum, interpreter):
    token = feed_token(interpreter)
    assert interpreter_by_feed_token(make_forum(), token) is None
    interpreter.status = InterpreterStatus.WITHDRAWN
    assert interpreter_by_feed_token(forum, token) is None


def test_the_calendar_holds_the_interpreters_sessions(forum, interpreter):
    room = Room(forum_id=forum.id, name_en="Hall", capacity=100, has_booth=True, booth_channels=2)
    slot = TimeSlot(day_id=forum.days[0].id, starts_at=time(9), ends_at=time(10, 30))
    db.session.add_all([room, slot])
    db.session.flush()
    activity = make_placed_session(
        forum, room, slot, title_en="Save the Tigris", description_en="Water and marshes."
    )
    make_assignment(make_need(activity, "ar", "en", channel=2), interpreter)
    # Another interpreter's session is not in this calendar.
    other = make_interpreter(forum)
    other_slot = TimeSlot(day_id=forum.days[1].id, starts_at=time(9), ends_at=time(10))
    db.session.add(other_slot)
    db.session.flush()
    make_assignment(make_need(make_placed_session(forum, room, other_slot)), other)

    calendar = Calendar.from_ical(sessions_calendar(interpreter, now=NOW))
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2030, 5, 10, 9, tzinfo=BAGHDAD)
    assert event.decoded("dtend") == datetime(2030, 5, 10, 10, 30, tzinfo=BAGHDAD)
    assert "Save the Tigris" in str(event["summary"])
    assert "English" in str(event["summary"])
    assert str(event["location"]) == "Hall, booth channel 2"
    assert "Water and marshes." in str(event["description"])
    assert "Simultaneous interpretation" in str(event["description"])
    assert calendar.walk("VTIMEZONE")
    assert interpreter.user.name not in sessions_calendar(interpreter, now=NOW).decode()
