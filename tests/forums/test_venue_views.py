"""Organizers set up a forum's rooms (and when they are closed) and its themes."""

import re
from datetime import date, time

import pytest
import sqlalchemy as sa

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums import venue
from app.forums.calendar import sync_days
from app.forums.models import ForumStatus, Room, RoomClosure, Theme
from tests import factories
from tests.helpers import csrf_token, log_in, post_form

BASE = "/isf-4-venue/staff"


@pytest.fixture
def setting(app):
    """Baghdad (3 days, a hall with a closure, two themes) and Najaf, whose rooms and
    themes must never show under Baghdad."""
    with app.app_context():
        baghdad = factories.make_forum(
            slug="isf-4-venue",
            status=ForumStatus.OPEN,
            start_date=date(2017, 11, 30),
            end_date=date(2017, 12, 2),
        )
        sync_days(baghdad)
        hall = venue.add_room(baghdad, name_en="Great hall", capacity=300)
        venue.close_room(hall, baghdad.days[0], time(12), time(13))
        venue.add_theme(baghdad, name_en="Women's rights (Shahrazad)")
        venue.add_theme(baghdad, name_en="Save the Tigris")
        najaf = factories.make_forum(
            slug="najaf-venue", start_date=date(2017, 10, 5), end_date=date(2017, 10, 5)
        )
        sync_days(najaf)
        kufa = venue.add_room(najaf, name_en="Kufa room", capacity=40)
        venue.close_room(kufa, najaf.days[0], time(9), time(10))
        venue.add_theme(najaf, name_en="Najaf-only theme")
        people = {}
        for name, role in (("organizer", ForumRoleName.ORGANIZER), ("reviewer", None)):
            user = factories.make_user()
            secret = factories.enable_two_factor(user)
            factories.grant_role(user, baghdad, role or ForumRoleName.REVIEWER)
            people[name] = (user.email, secret)
        db.session.commit()
        ids = {
            "hall": hall.id,
            "hall_closure": hall.closures[0].id,
            "kufa": kufa.id,
            "kufa_closure": kufa.closures[0].id,
            "themes": [t.id for t in baghdad.themes],
            "najaf_theme": najaf.themes[0].id,
        }
    return {"people": people, **ids}


@pytest.fixture
def organizer(app, setting):
    client = app.test_client()
    email, secret = setting["people"]["organizer"]
    log_in(client, email, totp_secret=secret)
    return client


def _page(response) -> str:
    return response.get_data(as_text=True)


def _errors_of(page: str, field_id: str) -> str:
    match = re.search(rf'id="{field_id}-errors"[^>]*>(.*?)</div>\s*</div>', page, re.S)
    return match.group(1) if match else ""


def _room_names(app, slug="isf-4-venue") -> list[str]:
    with app.app_context():
        query = sa.select(Room.name_en).where(Room.forum.has(slug=slug)).order_by(Room.id)
        return list(db.session.scalars(query))


def _room(app, room_id: int) -> Room | None:
    with app.app_context():
        room = db.session.get(Room, room_id)
        if room is not None:
            db.session.expunge(room)
        return room


NEW_ROOM = {
    "name_ar": "قاعة دجلة",
    "name_en": "Tigris hall",
    "capacity": "120",
    "has_booth": "y",
    "booth_channels": "2",
    "step_free": "y",
    "equipment": ["projector", "sound"],
}


def test_organizers_add_a_room_with_a_booth_of_two_channels(app, organizer):
    response = post_form(organizer, f"{BASE}/rooms/new", NEW_ROOM)

    assert response.status_code == 302
    page = _page(organizer.get(f"{BASE}/rooms"))
    assert "<bdi>Tigris hall</bdi>" in page
    assert "Booth with 2 channels" in page
    assert "Projector" in page
    assert "Sound system" in page
    with app.app_context():
        tigris = db.session.scalar(sa.select(Room).where(Room.name_en == "Tigris hall"))
        assert (tigris.capacity, tigris.has_booth, tigris.booth_channels) == (120, True, 2)
        assert (tigris.name_ar, tigris.step_free) == ("قاعة دجلة", True)
        assert tigris.equipment == ["projector", "sound"]
        assert tigris.position == 1


def test_a_booth_without_channels_is_refused_beside_the_channels_field(app, organizer):
    response = post_form(organizer, f"{BASE}/rooms/new", {**NEW_ROOM, "booth_channels": ""})

    page = _page(response)
    assert response.status_code == 200
    assert "A booth has at least one channel." in _errors_of(page, "booth_channels")
    assert 'value="Tigris hall"' in page
    assert 'value="120"' in page
    assert re.search(r'value="projector"[^>]*checked|checked[^>]*value="projector"', page)
    assert _room_names(app) == ["Great hall"]


def test_channels_without_a_booth_and_a_missing_name_are_both_refused(app, organizer):
    data = {"capacity": "30", "booth_channels": "3"}
    page = _page(post_form(organizer, f"{BASE}/rooms/new", data))

    assert "Only a room with a booth has channels" in _errors_of(page, "booth_channels")
    assert "Give the name in at least one language." in _errors_of(page, "names")
    assert _room_names(app) == ["Great hall"]


def test_a_room_holds_at_least_one_person(app, organizer):
    page = _page(post_form(organizer, f"{BASE}/rooms/new", {**NEW_ROOM, "capacity": "0"}))

    assert "From 1 to 10000." in _errors_of(page, "capacity")


def test_editing_a_room_saves_its_equipment_and_booth(app, organizer, setting):
    url = f"{BASE}/rooms/{setting['hall']}"
    form = _page(organizer.get(url))
    assert 'value="Great hall"' in form

    response = post_form(
        organizer,
        url,
        {"name_en": "Great hall", "capacity": "280", "has_booth": "y", "booth_channels": "3",
         "equipment": ["microphones", "internet"]},
    )  # fmt: skip

    assert response.status_code == 302
    hall = _room(app, setting["hall"])
    assert (hall.capacity, hall.booth_channels, hall.step_free) == (280, 3, False)
    assert hall.equipment == ["microphones", "internet"]


def test_a_refused_edit_changes_nothing(app, organizer, setting):
    url = f"{BASE}/rooms/{setting['hall']}"
    response = post_form(organizer, url, {"name_en": "Renamed", "capacity": "50", "has_booth": "y"})

    assert response.status_code == 200
    assert 'value="Renamed"' in _page(response)
    assert _room(app, setting["hall"]).name_en == "Great hall"


def test_removing_a_room_asks_first(app, organizer, setting):
    url = f"{BASE}/rooms/{setting['hall']}/delete"
    question = organizer.get(url)
    assert "Remove the room <bdi>Great hall</bdi>?" in _page(question)

    unconfirmed = organizer.post(url, data={"csrf_token": csrf_token(question)})
    assert unconfirmed.status_code == 200
    assert _room(app, setting["hall"]) is not None

    confirmed = post_form(organizer, url, {"confirm": "yes"})
    assert confirmed.status_code == 302
    assert _room(app, setting["hall"]) is None
    with app.app_context():
        assert db.session.get(RoomClosure, setting["hall_closure"]) is None


@pytest.fixture
def hall_in_use(setting):
    def sessions(room_ids):
        return (
            {setting["hall"]: ["Session “Water and peace”"]} if setting["hall"] in room_ids else {}
        )

    with venue.registered_room_usage("test-sessions", sessions):
        yield


def test_a_room_in_use_is_not_removed_and_its_uses_are_named(app, organizer, setting, hall_in_use):
    response = post_form(
        organizer,
        f"{BASE}/rooms/{setting['hall']}/delete",
        {"confirm": "yes"},
        follow_redirects=True,
    )

    page = _page(response)
    assert "cannot be removed while it is in use" in page
    assert "Session “Water and peace”" in page
    assert _room(app, setting["hall"]) is not None


def test_a_closure_is_added_and_an_overlapping_one_refused(app, organizer, setting):
    url = f"{BASE}/rooms/{setting['hall']}/closures/new"
    form = _page(organizer.get(url))
    assert "Friday, December 1, 2017" in form
    with app.app_context():
        day_ids = [c.day_id for c in db.session.get(Room, setting["hall"]).closures]
        first_day = day_ids[0]

    overlapping = post_form(
        organizer, url, {"day": first_day, "starts_at": "12:30", "ends_at": "14:00"}
    )
    assert overlapping.status_code == 200
    assert "already closed from 12:00 to 13:00" in _errors_of(_page(overlapping), "starts_at")

    backwards = post_form(
        organizer, url, {"day": first_day, "starts_at": "15:00", "ends_at": "14:00"}
    )
    assert "The end comes after the start." in _errors_of(_page(backwards), "ends_at")

    added = post_form(organizer, url, {"day": first_day, "starts_at": "13:00", "ends_at": "14:30"})
    assert added.status_code == 302
    page = _page(organizer.get(f"{BASE}/rooms"))
    assert ">13:00</time>–<time" in page
    assert ">14:30</time>" in page


def test_a_closure_is_removed_after_confirmation(app, organizer, setting):
    url = f"{BASE}/rooms/{setting['hall']}/closures/{setting['hall_closure']}/delete"
    assert "from 12:00 to 13:00" in _page(organizer.get(url))

    assert (
        organizer.post(url, data={"csrf_token": csrf_token(organizer.get(url))}).status_code == 200
    )
    assert post_form(organizer, url, {"confirm": "yes"}).status_code == 302

    with app.app_context():
        assert db.session.get(RoomClosure, setting["hall_closure"]) is None


def test_closures_wait_for_the_forums_days(app, organizer, setting):
    with app.app_context():
        forum = db.session.get(Room, setting["hall"]).forum
        forum.days.clear()
        db.session.commit()

    page = _page(organizer.get(f"{BASE}/rooms/{setting['hall']}/closures/new"))

    assert "The forum has no days yet" in page
    assert 'name="starts_at"' not in page


def test_another_forums_rooms_closures_and_themes_are_not_found(organizer, setting):
    kufa, hall = setting["kufa"], setting["hall"]
    for url in (
        f"{BASE}/rooms/{kufa}",
        f"{BASE}/rooms/{kufa}/delete",
        f"{BASE}/rooms/{kufa}/closures/new",
        f"{BASE}/rooms/{hall}/closures/{setting['kufa_closure']}/delete",
        f"{BASE}/themes/{setting['najaf_theme']}",
        f"{BASE}/themes/{setting['najaf_theme']}/delete",
    ):
        assert organizer.get(url).status_code == 404, url


def test_a_closure_of_another_room_is_not_found(app, organizer, setting):
    with app.app_context():
        forum = db.session.get(Room, setting["hall"]).forum
        other = venue.add_room(forum, name_en="Small room", capacity=20)
        db.session.commit()
        other_id = other.id

    url = f"{BASE}/rooms/{other_id}/closures/{setting['hall_closure']}/delete"
    assert organizer.get(url).status_code == 404


def test_the_lists_show_nothing_of_another_forum(organizer):
    rooms = _page(organizer.get(f"{BASE}/rooms"))
    themes = _page(organizer.get(f"{BASE}/themes"))

    assert "Great hall" in rooms
    assert "12:00" in rooms
    assert "Kufa room" not in rooms
    assert "09:00" not in rooms
    assert "Save the Tigris" in themes
    assert "Najaf-only theme" not in themes


def test_an_empty_forum_invites_to_add_the_first_room_and_theme(app, organizer, setting):
    with app.app_context():
        forum = db.session.get(Room, setting["hall"]).forum
        forum.rooms.clear()
        forum.themes.clear()
        db.session.commit()

    assert "Add the first room" in _page(organizer.get(f"{BASE}/rooms"))
    assert "Add the first theme" in _page(organizer.get(f"{BASE}/themes"))


def test_reviewers_are_refused(app, setting):
    client = app.test_client()
    email, secret = setting["people"]["reviewer"]
    log_in(client, email, totp_secret=secret)

    for url in (f"{BASE}/rooms", f"{BASE}/rooms/new", f"{BASE}/themes", f"{BASE}/themes/new"):
        assert client.get(url).status_code == 403, url


def _theme_names(app, slug="isf-4-venue") -> list[str]:
    with app.app_context():
        query = (
            sa.select(Theme.name_en)
            .where(Theme.forum.has(slug=slug))
            .order_by(Theme.position, Theme.id)
        )
        return list(db.session.scalars(query))


def test_themes_are_added_edited_and_reordered(app, organizer, setting):
    added = post_form(organizer, f"{BASE}/themes/new", {"name_en": "Sports for peace"})
    assert added.status_code == 302
    assert _theme_names(app) == [
        "Women's rights (Shahrazad)",
        "Save the Tigris",
        "Sports for peace",
    ]

    tigris = setting["themes"][1]
    moved = post_form(
        organizer, f"{BASE}/themes/{tigris}/move", {"direction": "up"}, page_url=f"{BASE}/themes"
    )
    assert moved.status_code == 302
    assert _theme_names(app) == [
        "Save the Tigris",
        "Women's rights (Shahrazad)",
        "Sports for peace",
    ]

    post_form(organizer, f"{BASE}/themes/{tigris}/move", {"direction": "down"}, f"{BASE}/themes")
    assert _theme_names(app)[1] == "Save the Tigris"

    edited = post_form(
        organizer, f"{BASE}/themes/{tigris}", {"name_en": "Save the Tigris and the Marshes"}
    )
    assert edited.status_code == 302
    assert "Save the Tigris and the Marshes" in _page(organizer.get(f"{BASE}/themes"))


def test_an_incomplete_move_changes_nothing(app, organizer, setting):
    tigris = setting["themes"][1]
    for data in ({}, {"direction": "sideways"}):
        response = post_form(organizer, f"{BASE}/themes/{tigris}/move", data, f"{BASE}/themes")
        assert response.headers["Location"] == f"{BASE}/themes"
    assert _theme_names(app) == ["Women's rights (Shahrazad)", "Save the Tigris"]


def test_a_theme_needs_a_name(app, organizer):
    response = post_form(organizer, f"{BASE}/themes/new", {"name_ar": "  "})

    assert response.status_code == 200
    assert "Give the name in at least one language." in _errors_of(_page(response), "names")
    assert len(_theme_names(app)) == 2


def test_removing_a_theme_asks_first_and_closes_ranks(app, organizer, setting):
    first = setting["themes"][0]
    url = f"{BASE}/themes/{first}/delete"
    assert "<bdi>Women&#39;s rights (Shahrazad)</bdi>" in _page(organizer.get(url))
    assert (
        organizer.post(url, data={"csrf_token": csrf_token(organizer.get(url))}).status_code == 200
    )
    assert len(_theme_names(app)) == 2

    assert post_form(organizer, url, {"confirm": "yes"}).status_code == 302

    with app.app_context():
        remaining = db.session.scalars(sa.select(Theme).where(Theme.id.in_(setting["themes"])))
        assert [(t.name_en, t.position) for t in remaining] == [("Save the Tigris", 0)]


def test_a_theme_in_use_is_not_removed(app, organizer, setting):
    first = setting["themes"][0]
    with venue.registered_theme_usage(
        "test-activities", lambda ids: {first: ["Activity “Shahrazad”"]}
    ):
        response = post_form(
            organizer, f"{BASE}/themes/{first}/delete", {"confirm": "yes"}, follow_redirects=True
        )

    assert "Activity “Shahrazad”" in _page(response)
    assert len(_theme_names(app)) == 2


def test_rooms_can_be_reordered(app, organizer, setting):
    with app.app_context():
        forum = db.session.get(Room, setting["hall"]).forum
        small = venue.add_room(forum, name_en="Small room", capacity=20)
        db.session.commit()
        small_id = small.id

    post_form(organizer, f"{BASE}/rooms/{small_id}/move", {"direction": "up"}, f"{BASE}/rooms")

    page = _page(organizer.get(f"{BASE}/rooms"))
    assert page.index("Small room") < page.index("Great hall")
