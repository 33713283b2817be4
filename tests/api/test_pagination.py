"""Cursor pagination: every item once, bounded pages, refused bad input."""

import base64
import json

import pytest

from app.api.pagination import MAX_LIMIT, encode_cursor
from app.extensions import db
from app.forums.models import Forum, ForumStatus, Room, TimeSlot
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.api.helpers import get_json, walk
from tests.interpreting.factories import make_placed_session

LISTS = ("/api/v1/forums", "/api/v1/forums/isf-4/programme", "/api/v1/forums/isf-4/organizations")


@pytest.mark.parametrize("limit", [1, 2, 3, MAX_LIMIT])
def test_walking_the_forums_gives_each_public_forum_once(client, world, limit):
    slugs = [forum["slug"] for forum in walk(client, f"/api/v1/forums?limit={limit}")]

    assert len(slugs) == len(set(slugs))
    assert {"isf-4", "ksf-2017", "najaf-2017", "child-of-a-draft"} == set(slugs)


@pytest.mark.parametrize("limit", [1, 2, 50])
def test_walking_the_programme_gives_each_session_once_in_order(client, world, limit):
    sessions = walk(client, f"/api/v1/forums/{world.slug}/programme?limit={limit}")

    ids = [session["id"] for session in sessions]
    assert ids == [world.programme.workers_id, world.programme.tigris_id, world.programme.women_id]
    assert [s["start"] for s in sessions] == sorted(s["start"] for s in sessions)


def test_walking_the_organizations_gives_each_once(client, world):
    items = walk(client, f"/api/v1/forums/{world.slug}/organizations?limit=1")

    assert [item["id"] for item in items] == world.listed_ids


def test_a_page_holds_at_most_limit_items_and_keeps_the_limit(client, world):
    page = get_json(client, "/api/v1/forums?limit=2")

    assert len(page["data"]) == 2
    assert "limit=2" in page["next"]
    assert get_json(client, "/api/v1/forums")["next"] is None  # the default (50) holds them all


@pytest.mark.parametrize("limit", ["0", "-1", "101", "ten", "1.5", "", "²"])
@pytest.mark.parametrize("url", LISTS)
def test_a_limit_out_of_bounds_is_refused(client, world, url, limit):
    assert get_json(client, f"{url}?limit={limit}", status=400) == {"error": "bad_limit"}


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor!",
        "e30",  # {} : no list named
        base64.urlsafe_b64encode(b"[1, 2]").decode(),
        encode_cursor("forums", after="1"),
        encode_cursor("forums", after=-1),
        encode_cursor("sessions", forum=1, version=1, offset=0),  # another list's
    ],
)
def test_a_bad_cursor_is_refused(client, world, cursor):
    answer = get_json(client, f"/api/v1/forums?cursor={cursor}", status=400)

    assert answer == {"error": "bad_cursor"}


def test_a_programme_cursor_of_another_forum_or_version_is_refused(client, world):
    page = get_json(client, f"/api/v1/forums/{world.slug}/programme?limit=1")
    cursor = page["next"].split("cursor=")[1].split("&")[0]
    position = json.loads(base64.urlsafe_b64decode(cursor + "=="))
    wrong_version = encode_cursor("sessions", **{**position, "version": 7})

    url = f"/api/v1/forums/{world.other_slug}/programme?cursor={cursor}"
    assert get_json(client, url, status=400) == {"error": "bad_cursor"}
    url = f"/api/v1/forums/{world.slug}/programme?cursor={wrong_version}"
    assert get_json(client, url, status=400) == {"error": "bad_cursor"}


def test_a_cursor_keeps_reading_its_version_after_a_new_one_is_published(app, client, world):
    first = get_json(client, f"/api/v1/forums/{world.slug}/programme?limit=2")
    with app.app_context():
        forum = db.session.get(Forum, world.programme.forum_id)
        make_placed_session(
            forum,
            db.session.get(Room, world.programme.small_id),
            db.session.get(TimeSlot, world.programme.slot_ids[(0, 1)]),
            title_en="Added in version 2",
        )
        publish_schedule(forum, factories.make_user())
        db.session.commit()

    rest = get_json(client, first["next"])
    assert rest["version"]["number"] == 1
    assert [s["id"] for s in rest["data"]] == [world.programme.women_id]
    latest = get_json(client, f"/api/v1/forums/{world.slug}/programme")
    assert latest["version"]["number"] == 2
    assert "Added in version 2" in [s["title"]["en"] for s in latest["data"]]


def test_a_forum_with_nothing_published_has_an_empty_programme(app, client, world):
    with app.app_context():
        factories.make_forum(slug="unpublished", status=ForumStatus.OPEN)
        db.session.commit()

    answer = get_json(client, "/api/v1/forums/unpublished/programme")
    assert answer == {"forum": "unpublished", "version": None, "data": [], "next": None}
