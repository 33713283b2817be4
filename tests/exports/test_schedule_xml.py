"""schedule.xml: valid against the c3voc XSD, ASCII slugs, stable GUIDs, clean text."""

import re
from datetime import time

from app.extensions import db
from app.forums.models import Forum, Room, TimeSlot
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.exports.helpers import (
    XSD_SLUG,
    activity,
    fetch,
    publish_again,
    valid_xml,
    xml_events,
)
from tests.interpreting.factories import make_placed_session, place
from tests.programme.world import make_open_forum, slots_of


def _event(root, activity_id: int):
    (event,) = [e for e in xml_events(root) if e.get("id") == str(activity_id)]
    return event


def test_schedule_xml_is_valid_against_the_xsd_in_every_language(client, world):
    for language in ("en", "ar", "ckb"):
        response = fetch(client, world.slug, "schedule.xml", language)

        assert response.mimetype == "application/xml"
        assert response.headers["Cache-Control"] == "public, max-age=60"
        root = valid_xml(response.data)
        assert [day.get("date") for day in root.findall("day")] == [
            "2017-11-30",
            "2017-12-01",
            "2017-12-02",
        ]
        assert len(xml_events(root)) == 3


def test_schedule_xml_describes_the_conference_and_its_sessions(client, world):
    root = valid_xml(fetch(client, world.slug, "schedule.xml").data)

    assert root.findtext("version") == "1"
    assert root.findtext("conference/acronym") == "isf_4"
    assert root.findtext("conference/title") == "4th Iraqi Social Forum"
    assert root.findtext("conference/time_zone_name") == "Asia/Baghdad"
    assert root.findtext("conference/days") == "3"
    first_day = root.find("day")
    assert first_day.get("start") == "2017-11-30T09:00:00+03:00"
    tigris = _event(root, world.tigris_id)
    assert tigris.findtext("title") == "Save the Tigris"
    assert tigris.findtext("date") == "2017-11-30T11:00:00+03:00"
    assert (tigris.findtext("start"), tigris.findtext("duration")) == ("11:00", "01:30")
    assert tigris.findtext("room") == "Al-Rasheed Hall"
    assert tigris.findtext("track") == "Save the Tigris and the Iraqi Marshes"
    assert tigris.findtext("type") == "workshop"
    assert tigris.findtext("language") == "ar"
    assert [person.text for person in tigris.iter("person")] == ["Layla Hassan"]
    # The session's page (or, without one, its place in the list).
    assert re.search(rf"/isf-4/programme(/|#session-){world.tigris_id}$", tigris.findtext("url"))


def test_schedule_xml_titles_follow_the_language_with_fallback(client, world):
    root = valid_xml(fetch(client, world.slug, "schedule.xml", "ar").data)

    assert _event(root, world.tigris_id).findtext("title") == "أنقذوا دجلة"
    # No Arabic title was given: the English one stands in.
    assert _event(root, world.women_id).findtext("title") == "Shahrazad: women's rights"


def _script_only_forum(app) -> str:
    """A forum whose room and sessions have Arabic or Kurdish titles only."""
    with app.app_context():
        forum = make_open_forum("nasiriyah", "Nasiriyah Local Forum")
        room = Room(name_ar="القاعة الكبرى", capacity=100)
        forum.rooms.append(room)
        db.session.flush()
        slots = slots_of(forum)
        make_placed_session(
            forum, room, slots[(0, 0)], title_en=None, description_en=None,
            title_ar="ورشة عمل: المياه والزراعة", description_ar="نص عربي",
        )  # fmt: skip
        make_placed_session(
            forum, room, slots[(0, 1)], title_en=None, description_en=None,
            title_ckb="کۆڕی گفتوگۆ لەسەر ئاو و کشتوکاڵ", description_ckb="دەقی کوردی",
        )  # fmt: skip
        publish_schedule(forum, factories.make_user())
        db.session.commit()
        return forum.slug


def test_all_arabic_and_all_kurdish_titles_get_ascii_slugs(app, client):
    slug = _script_only_forum(app)

    for language in ("en", "ar", "ckb"):
        root = valid_xml(fetch(client, slug, "schedule.xml", language).data)
        events = xml_events(root)
        assert {event.findtext("title") for event in events} == {
            "ورشة عمل: المياه والزراعة",
            "کۆڕی گفتوگۆ لەسەر ئاو و کشتوکاڵ",
        }
        assert root.find("day/room").get("name") == "القاعة الكبرى"
        for event in events:
            assert re.fullmatch(XSD_SLUG, event.findtext("slug"))
            assert event.findtext("slug") == f"nasiriyah-{event.get('id')}-session"


def test_control_characters_are_stripped_from_every_text(app, client, world):
    with app.app_context():
        tigris = activity(world.tigris_id)
        # (No NUL: PostgreSQL refuses it in text columns, so it never reaches an export.)
        tigris.title_en = "Save\x01 the\x07 Tigris\x1b\x7f"
        tigris.description_en = "Line one\x0c\r\nline two\x85\ufffe"
        db.session.get(Room, world.hall_id).name_en = "Al-Rasheed\x08 Hall"
        db.session.commit()

    body = fetch(client, world.slug, "schedule.xml").data
    root = valid_xml(body)

    event = _event(root, world.tigris_id)
    assert event.findtext("title") == "Save the Tigris"
    assert event.findtext("abstract") == "Line one\nline two"
    assert event.findtext("room") == "Al-Rasheed Hall"
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", body)


def _guids(root) -> tuple[dict, dict]:
    events = {event.get("id"): event.get("guid") for event in xml_events(root)}
    rooms = {room.get("name"): room.get("guid") for room in root.findall("day/room")}
    return events, rooms


def test_guids_are_stable_across_exports_and_new_versions(app, client, world):
    first = fetch(client, world.slug, "schedule.xml").data
    assert fetch(client, world.slug, "schedule.xml").data == first
    events_before, rooms_before = _guids(valid_xml(first))
    with app.app_context():
        forum = db.session.get(Forum, world.forum_id)
        slots = {slot.id: slot for day in forum.days for slot in day.slots}
        # Version 2: the Tigris moves to the small room on day 3, a new session comes.
        place(activity(world.tigris_id), db.session.get(Room, world.small_id),
              slots[world.slot_ids[(2, 1)]])  # fmt: skip
        make_placed_session(
            forum, db.session.get(Room, world.hall_id), slots[world.slot_ids[(2, 0)]],
            title_en="New in version 2",
        )  # fmt: skip
        db.session.commit()
        publish_again(world.forum_id)

    root = valid_xml(fetch(client, world.slug, "schedule.xml").data)
    events_after, rooms_after = _guids(root)

    assert root.findtext("version") == "2"
    assert len(events_after) == 4
    assert len(set(events_after.values())) == 4
    assert {key: events_after[key] for key in events_before} == events_before
    assert {name: rooms_after[name] for name in rooms_before} == rooms_before
    assert _event(root, world.tigris_id).findtext("room") == "Small room"


def test_nothing_published_gives_an_empty_valid_schedule(app, client):
    with app.app_context():
        forum = make_open_forum("hit-2017", "Hit Local Forum")
        forum.rooms.append(Room(name_en="Hall", capacity=10))
        db.session.commit()

    root = valid_xml(fetch(client, "hit-2017", "schedule.xml").data)

    assert root.findtext("version") == "0"
    assert len(root.findall("day")) == 3
    assert xml_events(root) == []


def test_a_forum_without_days_still_has_the_one_day_the_xsd_needs(app, client):
    with app.app_context():
        factories.make_forum(slug="najaf", status="open", name_en="Najaf")
        db.session.commit()

    root = valid_xml(fetch(client, "najaf", "schedule.xml").data)

    assert len(root.findall("day")) == 1


def test_a_session_over_two_slots_lasts_from_the_first_start_to_the_last_end(app, client):
    with app.app_context():
        forum = make_open_forum("basra", "Basra Forum")
        room = Room(name_en="Hall", capacity=10)
        forum.rooms.append(room)
        forum.days[0].slots.append(TimeSlot(starts_at=time(12, 30), ends_at=time(14)))
        db.session.flush()
        slots = sorted(forum.days[0].slots, key=lambda slot: slot.starts_at)
        make_placed_session(forum, room, slots[1:3], title_en="Long", length_slots=2)
        publish_schedule(forum, factories.make_user())
        db.session.commit()

    (event,) = xml_events(valid_xml(fetch(client, "basra", "schedule.xml").data))

    assert (event.findtext("start"), event.findtext("duration")) == ("11:00", "03:00")
