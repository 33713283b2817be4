"""What the API says of a forum, its rooms, themes and sessions."""

from tests.api.helpers import get_json, walk


def test_a_session_has_its_times_with_the_forums_offset_and_its_interpretation(client, world):
    sessions = {s["id"]: s for s in walk(client, f"/api/v1/forums/{world.slug}/programme")}

    tigris = sessions[world.programme.tigris_id]
    assert tigris["start"] == "2017-11-30T11:00:00+03:00"
    assert tigris["end"] == "2017-11-30T12:30:00+03:00"
    assert tigris["title"] == {"ar": "أنقذوا دجلة", "ckb": None, "en": "Save the Tigris"}
    assert tigris["room"] == world.programme.hall_id
    assert [(i["target"], i["mode"], i["channel"]) for i in tigris["interpretation"]] == [
        ("ckb", "simultaneous", 1),
        ("en", "simultaneous", 2),
    ]
    workers = sessions[world.programme.workers_id]
    assert workers["interpretation"] == [
        {"source": "ar", "target": "ckb", "mode": "consecutive", "channel": None}
    ]
    assert sessions[world.programme.women_id]["spoken_languages"] == ["ar", "en"]


def test_rooms_and_themes_are_the_forums_own(client, world):
    rooms = get_json(client, f"/api/v1/forums/{world.slug}/rooms")["data"]
    themes = get_json(client, f"/api/v1/forums/{world.slug}/themes")["data"]

    assert [(r["name"]["en"], r["booth"], r["channels"]) for r in rooms] == [
        ("Al-Rasheed Hall", True, 2),
        ("Small room", False, 0),
    ]
    assert [t["name"]["en"] for t in themes] == ["Save the Tigris and the Iraqi Marshes"]
    sessions = walk(client, f"/api/v1/forums/{world.slug}/programme")
    assert {s["room"] for s in sessions} <= {r["id"] for r in rooms}
    assert {s["theme"] for s in sessions} - {None} <= {t["id"] for t in themes}


def test_a_forum_says_what_and_where_it_is(client, world):
    forum = get_json(client, f"/api/v1/forums/{world.slug}")

    assert forum["slug"] == world.slug
    assert forum["number"] == 4
    assert forum["city"] == "Baghdad"
    assert (forum["start_date"], forum["end_date"]) == ("2017-11-30", "2017-12-02")
    assert forum["links"]["programme"].endswith(f"/api/v1/forums/{world.slug}/programme")


def test_an_organization_gives_only_a_safe_website(client, world):
    organizations = walk(client, f"/api/v1/forums/{world.slug}/organizations")

    assert [o["website"] for o in organizations] == [None, "https://almesalla.example.org"]
