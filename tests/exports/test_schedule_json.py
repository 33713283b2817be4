"""schedule.json: valid against the c3voc schema (draft 6, every format checked)."""

import json
import re

from app.extensions import db
from app.forums.models import Room
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.exports.helpers import SCHEMAS, fetch, json_events, json_validator, valid_json
from tests.interpreting.factories import make_placed_session
from tests.programme.world import make_open_forum, slots_of

JSON_SLUG = r"[a-z0-9_-]+[a-z0-9]"


def test_the_validator_refuses_an_invalid_schedule():
    """The check itself bites: upstream's invalid example fails."""
    invalid = json.loads((SCHEMAS / "examples" / "json" / "invalid-example.json").read_text())
    assert list(json_validator().iter_errors(invalid))
    broken_guid = valid_example()
    event = json_events(broken_guid)[0]
    event["guid"] = "not-a-uuid"
    assert list(json_validator().iter_errors(broken_guid))


def valid_example() -> dict:
    path = SCHEMAS / "examples" / "isf-sample" / "isf-sample.schedule.json"
    return json.loads(path.read_text("utf-8"))


def test_schedule_json_is_valid_in_every_language(client, world):
    for language in ("en", "ar", "ckb"):
        response = fetch(client, world.slug, "schedule.json", language)

        assert response.mimetype == "application/json"
        document = valid_json(response.data)
        assert len(json_events(document)) == 3


def test_schedule_json_describes_the_conference_and_its_sessions(client, world):
    document = valid_json(fetch(client, world.slug, "schedule.json").data)

    schedule = document["schedule"]
    conference = schedule["conference"]
    assert schedule["version"] == "1"
    assert (conference["acronym"], conference["daysCount"]) == ("isf_4", 3)
    assert (conference["start"], conference["end"]) == ("2017-11-30", "2017-12-02")
    assert [room["name"] for room in conference["rooms"]] == ["Al-Rasheed Hall", "Small room"]
    tigris = next(e for e in json_events(document) if e["id"] == world.tigris_id)
    assert tigris["date"] == "2017-11-30T11:00:00+03:00"
    assert tigris["end"] == "2017-11-30T12:30:00+03:00"
    assert tigris["persons"] == [{"name": "Layla Hassan"}]
    assert tigris["track"] == "Save the Tigris and the Iraqi Marshes"
    assert re.fullmatch(JSON_SLUG, tigris["slug"])


def test_schedule_json_and_xml_give_a_session_the_same_guid(client, world):
    document = valid_json(fetch(client, world.slug, "schedule.json").data)
    xml = fetch(client, world.slug, "schedule.xml").get_data(as_text=True)

    for event in json_events(document):
        assert f'id="{event["id"]}" guid="{event["guid"]}"' in xml


def test_all_arabic_and_all_kurdish_titles_stay_valid_with_ascii_slugs(app, client):
    with app.app_context():
        forum = make_open_forum("halabja", "Halabja Forum")
        room = Room(name_ckb="هۆڵی گەورە", capacity=100)
        forum.rooms.append(room)
        db.session.flush()
        slots = slots_of(forum)
        make_placed_session(forum, room, slots[(0, 0)], title_en=None, title_ar="أنقذوا دجلة")
        make_placed_session(
            forum, room, slots[(0, 1)], title_en=None, title_ckb="مافی ئافرەتان",
            spoken_languages=["ckb"],
        )  # fmt: skip
        publish_schedule(forum, factories.make_user())
        db.session.commit()

    document = valid_json(fetch(client, "halabja", "schedule.json", "ckb").data)

    events = json_events(document)
    assert {event["title"] for event in events} == {"أنقذوا دجلة", "مافی ئافرەتان"}
    assert all(re.fullmatch(JSON_SLUG, event["slug"]) for event in events)
    assert all(event["slug"].isascii() for event in events)
    assert {event["language"] for event in events} == {"ar", "ckb"}
    assert "هۆڵی گەورە" in document["schedule"]["conference"]["days"][0]["rooms"]


def test_nothing_published_gives_an_empty_valid_schedule_json(app, client):
    with app.app_context():
        make_open_forum("hit-2017", "Hit Local Forum")
        db.session.commit()

    document = valid_json(fetch(client, "hit-2017", "schedule.json").data)

    assert document["schedule"]["version"] == "0"
    assert json_events(document) == []
    assert len(document["schedule"]["conference"]["days"]) == 3


def test_without_lang_the_visitors_language_is_used(client, world):
    client.set_cookie("lang", "ar")

    for url in ("/isf-4/schedule.json", "/isf-4/schedule.json?lang=xx"):
        document = valid_json(client.get(url).data)
        titles = {event["id"]: event["title"] for event in json_events(document)}
        assert titles[world.tigris_id] == "أنقذوا دجلة"
    document = valid_json(client.get("/isf-4/schedule.json?lang=en").data)
    assert "Save the Tigris" in {event["title"] for event in json_events(document)}
