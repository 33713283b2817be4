"""Messages to a team or a shift: to the right volunteers, each in their language,
the coordinator's text as written."""

from datetime import date

import pytest

from app.volunteers import messaging
from app.volunteers.models import VolunteerStatus
from tests.factories import make_forum, make_user
from tests.helpers import outbox_to
from tests.volunteers.factories import (
    approve_for_team,
    make_day,
    make_shift,
    make_signup,
    make_team,
    make_volunteer,
)


@pytest.fixture
def forum(ctx):
    return make_forum(name_en="ISF", name_ckb="فۆرەم")


@pytest.fixture
def setting(forum):
    team = make_team(forum, name_en="Guides", name_ckb="ڕێنماییکەران")
    day = make_day(forum, date(2030, 5, 10))
    morning = make_shift(team, day, "09:00", "12:00", places=3)
    evening = make_shift(team, day, "14:00", "17:00", places=3)
    kurdish = make_volunteer(forum, user=make_user(locale="ckb"))
    english = make_volunteer(forum)
    approved_only = make_volunteer(forum)
    left = make_volunteer(forum, status=VolunteerStatus.WITHDRAWN)
    outsider = make_volunteer(forum)
    make_signup(morning, kurdish)
    make_signup(evening, english)
    make_signup(morning, left)
    approve_for_team(team, approved_only)
    make_signup(make_shift(make_team(forum), day, "09:00", "12:00"), outsider)
    return {
        "team": team,
        "morning": morning,
        "kurdish": kurdish,
        "english": english,
        "approved_only": approved_only,
        "left": left,
        "outsider": outsider,
    }


def test_a_team_message_goes_to_its_approved_volunteers(setting):
    sender = make_user(name="Coordinator Sara")
    count = messaging.message_team(
        setting["team"], subject="Meeting at 8", body="Come early,\nplease.", by=sender
    )
    assert count == 3
    for name in ("kurdish", "english", "approved_only"):
        assert len(outbox_to(setting[name].user.email)) == 1
    for name in ("left", "outsider"):
        assert outbox_to(setting[name].user.email) == []
    (kurdish,) = outbox_to(setting["kurdish"].user.email)
    assert kurdish.locale == "ckb"
    assert "ڕێنماییکەران" in kurdish.body_text
    assert "Come early,\nplease." in kurdish.body_text
    assert "Meeting at 8" in kurdish.subject
    (english,) = outbox_to(setting["english"].user.email)
    assert "Coordinator Sara" in english.body_text
    assert "Guides" in english.body_text


def test_a_shift_message_goes_to_the_volunteers_on_it(setting):
    count = messaging.message_shift(
        setting["morning"], subject="Room change", body="Hall B.", by=make_user()
    )
    assert count == 1
    assert len(outbox_to(setting["kurdish"].user.email)) == 1
    assert outbox_to(setting["english"].user.email) == []
    assert "09:00" in outbox_to(setting["kurdish"].user.email)[0].body_text


def test_a_message_needs_a_subject_and_a_text(setting):
    with pytest.raises(ValueError, match="subject"):
        messaging.message_team(setting["team"], subject=" ", body="x", by=make_user())
