"""Retention: the volunteers' phones and notes go when the forum's time is over."""

import pytest

from app.safety.retention import registered_purgers
from app.volunteers.retention import purge_volunteers
from tests.factories import make_forum
from tests.volunteers.factories import make_volunteer


@pytest.fixture
def forum(ctx):
    return make_forum()


def test_the_purger_clears_phones_and_notes_of_the_forum_only(forum):
    volunteer = make_volunteer(forum, phone="+9647701234567", notes="Needs a lift", skills=["it"])
    bare = make_volunteer(forum)
    elsewhere = make_volunteer(make_forum(), phone="+9647701234568")
    assert purge_volunteers(forum) == 1
    assert (volunteer.phone, volunteer.notes, volunteer.skills) == (None, None, ["it"])
    assert bare.phone is None
    assert elsewhere.phone == "+9647701234568"
    assert purge_volunteers(forum) == 0


def test_the_purger_is_registered():
    assert registered_purgers()["volunteers"] is purge_volunteers
