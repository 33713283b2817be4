"""programme.ics: RFC 5545 with the forum's time zone, one event per session."""

import re
from datetime import timedelta

from app.extensions import db
from app.forums.models import Forum, Room
from tests.exports.helpers import fetch, publish_again, valid_ics
from tests.interpreting.factories import make_placed_session
from tests.programme.world import make_open_forum


def test_programme_ics_is_a_valid_calendar_in_every_language(client, world):
    for language in ("en", "ar", "ckb"):
        response = fetch(client, world.slug, "programme.ics", language)

        assert response.mimetype == "text/calendar"
        calendar = valid_ics(response.data)
        assert len(calendar.walk("VEVENT")) == 3
        assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Baghdad"]


def test_programme_ics_events_carry_time_room_and_description(client, world):
    calendar = valid_ics(fetch(client, world.slug, "programme.ics").data)

    tigris = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Save the Tigris")
    start, end = tigris["DTSTART"].dt, tigris["DTEND"].dt
    assert start.isoformat() == "2017-11-30T11:00:00+03:00"
    assert end - start == timedelta(hours=1, minutes=30)
    assert str(tigris["LOCATION"]) == "Al-Rasheed Hall"
    assert "channel 1 Kurdish" in str(tigris["DESCRIPTION"])
    assert "Humat Dijla" in str(tigris["DESCRIPTION"])
    assert re.search(rf"/isf-4/programme(/|#session-){world.tigris_id}$", str(tigris["URL"]))


def test_programme_ics_uids_are_unique_and_stable_across_versions(app, client, world):
    first = fetch(client, world.slug, "programme.ics").data
    assert fetch(client, world.slug, "programme.ics").data == first
    uids = {str(e["SUMMARY"]): str(e["UID"]) for e in valid_ics(first).walk("VEVENT")}
    assert len(set(uids.values())) == 3
    with app.app_context():
        forum = db.session.get(Forum, world.forum_id)
        slot = next(s for day in forum.days for s in day.slots if s.id == world.slot_ids[(2, 0)])
        make_placed_session(forum, db.session.get(Room, world.hall_id), slot, title_en="Later")
        db.session.commit()
        publish_again(world.forum_id)

    after = {
        str(e["SUMMARY"]): str(e["UID"])
        for e in valid_ics(fetch(client, world.slug, "programme.ics").data).walk("VEVENT")
    }
    assert {title: after[title] for title in uids} == uids
    assert len(set(after.values())) == 4


def test_programme_ics_in_arabic_keeps_arabic_text(client, world):
    calendar = valid_ics(fetch(client, world.slug, "programme.ics", "ar").data)

    assert "أنقذوا دجلة" in {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


def test_nothing_published_gives_an_empty_valid_calendar(app, client):
    with app.app_context():
        make_open_forum("hit-2017", "Hit Local Forum")
        db.session.commit()

    calendar = valid_ics(fetch(client, "hit-2017", "programme.ics").data)

    assert calendar.walk("VEVENT") == []
