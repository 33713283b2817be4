"""The volunteer's calendar: the secret address and the iCalendar file."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import current_app
from icalendar import Calendar
from itsdangerous import URLSafeSerializer

from app.forums.models import Room
from app.volunteers.feed import (
    SALT,
    ensure_feed_address,
    feed_token,
    renew_feed_address,
    shifts_calendar,
    volunteer_by_feed_token,
)
from app.volunteers.models import VolunteerStatus
from tests.factories import make_forum, make_user
from tests.volunteers.factories import make_day, make_shift, make_signup, make_team, make_volunteer

DAY = date(2030, 5, 10)
NOW = datetime(2030, 4, 1, tzinfo=UTC)
BAGHDAD = ZoneInfo("Asia/Baghdad")


@pytest.fixture
def forum(ctx):
    return make_forum(timezone="Asia/Baghdad", name_en="Baghdad forum")


@pytest.fixture
def volunteer(forum):
    return make_volunteer(forum, make_user(locale="ar"), feed_nonce="0" * 32)


def test_the_token_finds_its_volunteer(forum, volunteer):
    assert volunteer_by_feed_token(forum, feed_token(volunteer)) is volunteer


def test_a_volunteer_without_a_nonce_has_no_address_until_given_one(forum):
    volunteer = make_volunteer(forum, feed_nonce=None)
    serializer = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)
    assert volunteer_by_feed_token(forum, serializer.dumps([volunteer.id, ""])) is None
    with pytest.raises(ValueError, match="nonce"):
        feed_token(volunteer)
    assert ensure_feed_address(volunteer) is True
    assert ensure_feed_address(volunteer) is False
    assert volunteer_by_feed_token(forum, feed_token(volunteer)) is volunteer
    # Long enough for the log filter to take it for a secret.
    assert len(feed_token(volunteer).split(".")[0]) >= 32


def test_a_renewed_address_makes_the_old_token_fail(forum, volunteer):
    old = feed_token(volunteer)
    renew_feed_address(volunteer)
    assert volunteer_by_feed_token(forum, old) is None
    assert volunteer_by_feed_token(forum, feed_token(volunteer)) is volunteer


def test_a_token_with_another_volunteers_id_fails(forum, volunteer):
    other = make_volunteer(forum, feed_nonce="1" * 32)
    token = feed_token(volunteer)
    _payload, signature = token.rsplit(".", 1)
    forged = feed_token(other).rsplit(".", 1)[0] + "." + signature
    assert volunteer_by_feed_token(forum, forged) is None
    # Signed correctly, but with another volunteer's id and this one's nonce.
    serializer = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)
    assert volunteer_by_feed_token(forum, serializer.dumps([other.id, "0" * 32])) is None


@pytest.mark.parametrize("token", ["", "not-a-token", "WzEsIiJd.abc", "W10.xyz"])
def test_nonsense_tokens_fail(forum, token):
    assert volunteer_by_feed_token(forum, token) is None


def test_a_token_signed_with_another_key_or_salt_fails(forum, volunteer):
    payload = [volunteer.id, volunteer.feed_nonce]
    assert (
        volunteer_by_feed_token(forum, URLSafeSerializer("other key", salt=SALT).dumps(payload))
        is None
    )
    other_salt = URLSafeSerializer(current_app.config["SECRET_KEY"], salt="other").dumps(payload)
    assert volunteer_by_feed_token(forum, other_salt) is None


def test_another_forums_address_fails(forum, volunteer):
    assert volunteer_by_feed_token(make_forum(), feed_token(volunteer)) is None


@pytest.mark.parametrize("status", [VolunteerStatus.WITHDRAWN, VolunteerStatus.REJECTED])
def test_no_feed_for_someone_no_longer_volunteering(forum, volunteer, status):
    volunteer.status = status
    assert volunteer_by_feed_token(forum, feed_token(volunteer)) is None


def test_the_calendar_holds_the_volunteers_shifts_in_the_forums_time(forum, volunteer):
    team = make_team(forum, name_en="Guides", name_ar="المرشدون")
    room = Room(forum_id=forum.id, name_en="Hall", name_ar="القاعة", capacity=50)
    forum.rooms.append(room)
    day = make_day(forum, DAY)
    in_room = make_shift(team, day, "09:00", "12:30", room=room)
    outside = make_shift(
        team, make_day(forum, DAY + timedelta(days=1)), "14:00", "16:00", area="Gate"
    )
    make_signup(in_room, volunteer)
    make_signup(outside, volunteer)
    someone_else = make_volunteer(forum)
    make_signup(make_shift(team, day, "13:00", "14:00", area="Not mine"), someone_else)

    calendar = Calendar.from_ical(shifts_calendar(volunteer, now=NOW))
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    first, second = events
    assert first["uid"] == f"shift-{in_room.id}.volunteer-{volunteer.id}@muntada"
    assert first.decoded("dtstart") == datetime(2030, 5, 10, 9, 0, tzinfo=BAGHDAD)
    assert first.decoded("dtend") == datetime(2030, 5, 10, 12, 30, tzinfo=BAGHDAD)
    assert first["dtstart"].params["TZID"] == "Asia/Baghdad"
    assert str(first["summary"]) == "المرشدون"  # the volunteer reads Arabic
    assert str(first["location"]) == "القاعة"
    assert str(second["location"]) == "Gate"
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Asia/Baghdad"
    assert b"Not mine" not in calendar.to_ical()


def test_the_calendar_is_stable_across_refreshes_but_for_its_stamp(forum, volunteer):
    shift = make_shift(make_team(forum), make_day(forum, DAY), "09:00", "10:00")
    make_signup(shift, volunteer)
    first = Calendar.from_ical(shifts_calendar(volunteer, now=NOW)).walk("VEVENT")[0]
    later = NOW + timedelta(hours=1)
    second = Calendar.from_ical(shifts_calendar(volunteer, now=later)).walk("VEVENT")[0]
    assert first["uid"] == second["uid"]
    assert first.decoded("dtstart") == second.decoded("dtstart")


def test_an_empty_calendar_is_still_a_calendar(forum, volunteer):
    calendar = Calendar.from_ical(shifts_calendar(volunteer, now=NOW))
    assert calendar.name == "VCALENDAR"
    assert calendar.walk("VEVENT") == []
