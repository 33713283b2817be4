"""The reminder the day before: once per sign-up, one email per volunteer, in their
language, by the forum's local date; and the ``flask remind-volunteers`` command."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.extensions import db
from app.forums.models import ForumStatus
from app.volunteers.models import VolunteerStatus
from app.volunteers.reminders import send_reminders
from tests import factories
from tests.factories import make_forum, make_user
from tests.helpers import outbox_to
from tests.volunteers.factories import make_day, make_shift, make_signup, make_team, make_volunteer

# 9 May 2030, 22:30 in Baghdad (UTC+3), 19:30 UTC: "tomorrow" is 10 May.
EVENING = datetime(2030, 5, 9, 19, 30, tzinfo=UTC)
# 21:30 UTC is already 10 May in Baghdad: "tomorrow" is 11 May there.
LATE = datetime(2030, 5, 9, 21, 30, tzinfo=UTC)


@pytest.fixture
def setting(ctx):
    forum = make_forum(timezone="Asia/Baghdad", name_en="ISF", name_ar="المنتدى")
    team = make_team(forum, name_en="Stewards", name_ar="المنظمون")
    tomorrow, after = make_day(forum, date(2030, 5, 10)), make_day(forum, date(2030, 5, 11))
    morning = make_shift(team, tomorrow, "09:00", "12:00", places=3)
    afternoon = make_shift(team, tomorrow, "14:00", "16:00", places=3)
    later = make_shift(team, after, "09:00", "12:00", places=3)
    arabic = make_volunteer(forum, user=make_user(locale="ar"))
    english = make_volunteer(forum)
    pending = make_volunteer(forum, status=VolunteerStatus.PENDING)
    make_signup(morning, arabic)
    make_signup(afternoon, arabic)
    make_signup(later, english)
    make_signup(morning, pending)
    return {"arabic": arabic, "english": english, "pending": pending, "morning": morning}


def test_each_volunteer_with_shifts_tomorrow_is_reminded_once(setting):
    assert send_reminders(EVENING) == 1
    (email,) = outbox_to(setting["arabic"].user.email)
    assert email.locale == "ar"
    assert "المنظمون" in email.body_text
    assert "09:00" in email.body_text
    assert "14:00" in email.body_text
    assert outbox_to(setting["english"].user.email) == []
    assert outbox_to(setting["pending"].user.email) == []
    assert all(s.reminded_at == EVENING for s in setting["arabic"].signups)
    assert send_reminders(EVENING) == 0
    assert len(outbox_to(setting["arabic"].user.email)) == 1


def test_tomorrow_is_the_forums_local_date(setting):
    assert send_reminders(LATE) == 1
    assert len(outbox_to(setting["english"].user.email)) == 1
    assert outbox_to(setting["arabic"].user.email) == []


def test_a_signup_made_after_the_reminder_is_reminded_next_time(setting):
    send_reminders(EVENING)
    make_signup(setting["morning"], setting["english"])
    assert send_reminders(EVENING) == 1
    assert len(outbox_to(setting["english"].user.email)) == 1


def test_archived_forums_are_not_reminded(setting):
    setting["arabic"].forum.status = ForumStatus.ARCHIVED
    db.session.flush()
    assert send_reminders(EVENING) == 0


def test_the_command_queues_the_reminders(app):
    with app.app_context():
        forum = factories.make_forum()
        today = datetime.now(ZoneInfo("Asia/Baghdad")).date()
        day = make_day(forum, today + timedelta(days=1))
        volunteer = make_volunteer(forum)
        make_signup(make_shift(make_team(forum), day, "10:00", "12:00"), volunteer)
        db.session.commit()
        email = volunteer.user.email
    result = app.test_cli_runner().invoke(args=["remind-volunteers"])
    assert result.exit_code == 0, result.output
    assert "reminders queued: 1" in result.output
    with app.app_context():
        assert len(outbox_to(email)) == 1
