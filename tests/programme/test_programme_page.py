"""The public programme: the latest published version, by day and time, without
drafts, unlisted organizations or personal data."""

import re
from html import unescape

import pytest

from app.activities.models import Activity
from app.extensions import db
from app.forums.models import Forum, Room, TimeSlot
from app.organizations.models import Organization
from app.organizations.services import set_hidden
from app.safety.services import start_lockdown
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.interpreting.factories import make_placed_session, place
from tests.programme.world import (
    EMAIL,
    HIDDEN_NAME,
    PENDING_NAME,
    PHONE,
    SILENT_PRESENTER,
    UNLISTED_NAME,
    make_open_forum,
    make_world,
)


@pytest.fixture
def world(app):
    with app.app_context():
        return make_world()


def _page(client, slug: str = "isf-4", language: str = "en") -> str:
    client.set_cookie("lang", language)
    response = client.get(f"/{slug}/programme")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _session(page: str, activity_id: int) -> str:
    start = page.index(f'id="session-{activity_id}"')
    return page[start : page.index("</li>", start)]


def _text(html: str) -> str:
    """The visible text, without tags and Unicode isolates."""
    text = unescape(re.sub(r"<[^>]+>", "", html))
    return re.sub(r"\s+", " ", re.sub("[\u2066-\u2069]", "", text)).strip()


def test_sessions_are_listed_by_day_then_time(client, world):
    page = _page(client)

    workers = page.index(f'id="session-{world.workers_id}"')
    tigris = page.index(f'id="session-{world.tigris_id}"')
    women = page.index(f'id="session-{world.women_id}"')
    assert page.index('id="day-2017-11-30"') < workers < tigris < page.index('id="day-2017-12-01"')
    assert page.index('id="day-2017-12-01"') < women
    assert 'id="day-2017-12-02"' not in page  # a day without sessions is not shown


def test_a_session_shows_its_title_time_room_theme_format_and_languages(client, world):
    tigris = _text(_session(_page(client), world.tigris_id))

    assert "11:00–12:30 · Al-Rasheed Hall" in tigris
    assert "Save the Tigris" in tigris
    assert "Workshop · Save the Tigris and the Iraqi Marshes" in tigris
    assert "Arabic · channel 1 Kurdish · channel 2 English" in tigris


def test_the_time_span_is_isolated_left_to_right(client, world):
    tigris = _session(_page(client, language="ar"), world.tigris_id)

    assert "\u206611:00–12:30\u2069" in tigris


def test_consecutive_interpretation_is_shown_with_its_mode(client, world):
    workers = _text(_session(_page(client), world.workers_id))

    assert "Arabic · Kurdish (consecutive)" in workers


def test_the_title_is_in_the_readers_language_with_a_fallback(client, world):
    assert "أنقذوا دجلة" in _session(_page(client, language="ar"), world.tigris_id)
    assert "Shahrazad: women's rights" in _text(_page(client, language="ckb"))  # English only


@pytest.mark.parametrize("language", ["ar", "ckb"])
def test_arabic_and_kurdish_pages_read_right_to_left(client, world, language):
    page = _page(client, language=language)

    assert f'<html lang="{language}" dir="rtl">' in page
    assert f'id="session-{world.tigris_id}"' in page


def test_only_organizations_listed_publicly_and_not_hidden_are_named(client, world):
    page = _page(client)
    tigris = _text(_session(page, world.tigris_id))

    assert "Organized by Humat Dijla, Waterkeepers Iraq" in tigris
    for name in (HIDDEN_NAME, UNLISTED_NAME, PENDING_NAME):
        assert name not in page
    assert "Organized by" not in _session(page, world.workers_id)


def test_an_organization_that_hides_itself_disappears_from_the_programme(app, client, world):
    assert "Humat Dijla" in _page(client)
    with app.app_context():
        activity = db.session.get(Activity, world.tigris_id)
        set_hidden(factories.make_user(), activity.lead_organization, hidden=True)  # "Hide us"
        db.session.commit()

    assert "Humat Dijla" not in _page(client)  # at once, though the page was cached


def test_presenters_are_shown_by_name_only_and_only_with_their_consent(client, world):
    page = _page(client)

    assert "With Layla Hassan" in _text(_session(page, world.tigris_id))
    assert SILENT_PRESENTER not in page
    assert EMAIL not in page
    assert not any(phone in page for phone in PHONE)


def test_a_lockdown_names_no_organization_and_no_presenter(app, client, world):
    with app.app_context():
        start_lockdown(
            factories.make_user(is_site_admin=True), db.session.get(Forum, world.forum_id)
        )
        db.session.commit()
    page = _page(client)

    assert "Save the Tigris" in page  # the programme itself stays
    assert "Humat Dijla" not in page
    assert "Waterkeepers Iraq" not in page
    assert "Layla Hassan" not in page


def test_only_the_latest_published_version_shows_never_the_draft(app, client, world):
    with app.app_context():
        forum = db.session.get(Forum, world.forum_id)
        # On the draft only: a new session, and the Tigris moved to the small room.
        make_placed_session(
            forum,
            db.session.get(Room, world.hall_id),
            db.session.get(TimeSlot, world.slot_ids[(2, 0)]),
            title_en="Draft-only session",
        )
        place(
            db.session.get(Activity, world.tigris_id),
            db.session.get(Room, world.small_id),
            db.session.get(TimeSlot, world.slot_ids[(0, 1)]),
        )
        db.session.commit()
    page = _page(client)

    assert "Draft-only session" not in page
    assert "Al-Rasheed Hall" in _text(_session(page, world.tigris_id))

    with app.app_context():
        organizer = db.session.get(factories.User, world.organizer_id)
        publish_schedule(db.session.get(Forum, world.forum_id), organizer)
        db.session.commit()
    page = _page(client)

    assert "Draft-only session" in page
    assert "Small room" in _text(_session(page, world.tigris_id))
    assert "Version 2" in page


def test_another_forums_sessions_are_absent(client, world):
    assert "Session of the other forum" not in _page(client)
    assert "Session of the other forum" in _page(client, world.other_slug)
    assert "Save the Tigris" not in _page(client, world.other_slug)


def test_a_forum_without_a_published_version_says_so(app, client):
    with app.app_context():
        forum = make_open_forum("najaf-2017", "Najaf Social Forum")
        room = Room(name_en="Najaf Hall", capacity=30)
        forum.rooms.append(room)
        db.session.flush()
        make_placed_session(
            forum, room, next(iter(forum.days[0].slots)), title_en="Placed but not published"
        )
        db.session.commit()
    page = _page(client, "najaf-2017")

    assert "The programme is not published yet" in page
    assert "Placed but not published" not in page


def test_a_draft_forums_programme_is_not_found(app, client, world):
    with app.app_context():
        db.session.get(Forum, world.forum_id).status = "draft"
        db.session.commit()

    assert client.get("/isf-4/programme").status_code == 404


def test_the_forum_page_links_to_the_programme(client, world):
    client.set_cookie("lang", "en")
    page = client.get("/isf-4/").get_data(as_text=True)

    assert 'href="/isf-4/programme"' in page


def test_an_organization_without_a_name_in_any_language_shows_its_acronym(app, client, world):
    with app.app_context():
        organization = db.session.get(Activity, world.women_id).lead_organization
        organization.name_en, organization.acronym = None, "IWJF"
        db.session.commit()
        assert db.session.get(Organization, organization.id).acronym == "IWJF"

    assert "Organized by IWJF" in _text(_session(_page(client), world.women_id))
