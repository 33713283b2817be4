"""A session's page (``/<forum>/programme/<activity id>``): what the public may know
of it, in the reader's language; 404 for anything not in the published version."""

import re

import pytest
import sqlalchemy as sa

from app.activities.models import Activity
from app.extensions import db
from app.forums.models import Forum, Room, TimeSlot
from app.safety.services import start_lockdown
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.interpreting.factories import make_placed_session, unplace
from tests.programme.helpers import get_page, visible_text
from tests.programme.world import (
    EMAIL,
    HIDDEN_NAME,
    PENDING_NAME,
    PHONE,
    SILENT_PRESENTER,
    make_world,
)


@pytest.fixture
def world(app):
    with app.app_context():
        world = make_world()
        tigris = db.session.get(Activity, world.tigris_id)
        tigris.description_en = "Why the Tigris and the marshes need saving."
        tigris.description_ar = "لماذا يحتاج دجلة والأهوار إلى الإنقاذ."
        db.session.commit()
        return world


def _session_page(client, world, language: str = "en") -> str:
    return get_page(client, f"/isf-4/programme/{world.tigris_id}", language)


def _fact(page: str, name: str) -> str:
    found = re.search(rf'<dd class="col-sm-9 programme-{name}">(.*?)</dd>', page, re.S)
    assert found, name
    return visible_text(found.group(1))


def test_the_session_page_shows_what_the_public_may_know(client, world):
    page = _session_page(client, world)

    assert "<h1" in page
    assert "Save the Tigris" in visible_text(page)
    assert _fact(page, "when").startswith("Thursday, November 30, 2017 · 11:00–12:30")
    assert "Iraq Time (Asia/Baghdad, UTC+03:00)" in _fact(page, "when")
    assert _fact(page, "room") == "Al-Rasheed Hall"
    assert _fact(page, "theme") == "Save the Tigris and the Iraqi Marshes"
    assert _fact(page, "format") == "Workshop"
    assert _fact(page, "languages") == "Arabic · channel 1 Kurdish · channel 2 English"
    assert _fact(page, "organizations") == "Humat Dijla, Waterkeepers Iraq"
    assert _fact(page, "presenters") == "Layla Hassan"
    assert "Why the Tigris and the marshes need saving." in page


def test_the_session_page_names_no_one_it_may_not(client, world):
    page = _session_page(client, world)

    for secret in (HIDDEN_NAME, PENDING_NAME, SILENT_PRESENTER, EMAIL, *PHONE):
        assert secret not in page


def test_title_and_description_are_in_the_readers_language_with_a_fallback(client, world):
    arabic = _session_page(client, world, "ar")
    kurdish = _session_page(client, world, "ckb")  # no Kurdish text: Arabic comes first

    assert "أنقذوا دجلة" in arabic
    assert "لماذا يحتاج دجلة" in arabic
    assert "توقيت العراق" in arabic
    assert "أنقذوا دجلة" in kurdish


def test_a_kurdish_title_is_shown_to_kurdish_readers(app, client, world):
    with app.app_context():
        db.session.get(Activity, world.tigris_id).title_ckb = "دیجلە ڕزگار بکەن"
        db.session.commit()

    assert "دیجلە ڕزگار بکەن" in _session_page(client, world, "ckb")


@pytest.mark.parametrize("language", ["ar", "ckb"])
def test_the_session_page_reads_right_to_left(client, world, language):
    page = _session_page(client, world, language)

    assert f'<html lang="{language}" dir="rtl">' in page
    assert '<h1 class="h3" dir="auto">' in page


def test_a_lockdown_names_no_organization_and_no_presenter_on_the_session_page(app, client, world):
    with app.app_context():
        start_lockdown(
            factories.make_user(is_site_admin=True), db.session.get(Forum, world.forum_id)
        )
        db.session.commit()
    page = _session_page(client, world)

    assert "Save the Tigris" in page
    assert "Humat Dijla" not in page
    assert "Layla Hassan" not in page


def test_the_session_page_offers_its_calendar_and_links_back(client, world):
    page = _session_page(client, world)

    assert f'href="/isf-4/programme/mine.ics?ids={world.tigris_id}"' in page
    assert 'href="/isf-4/programme"' in page


def test_each_session_of_the_programme_links_to_its_page(client, world):
    page = get_page(client, "/isf-4/programme")

    for activity_id in (world.tigris_id, world.workers_id, world.women_id):
        assert f'href="/isf-4/programme/{activity_id}"' in page


def test_a_session_only_on_the_draft_is_not_found(app, client, world):
    with app.app_context():
        draft = make_placed_session(
            db.session.get(Forum, world.forum_id),
            db.session.get(Room, world.hall_id),
            db.session.get(TimeSlot, world.slot_ids[(2, 0)]),
            title_en="Draft-only session",
        )
        db.session.commit()
        draft_id = draft.id

    get_page(client, f"/isf-4/programme/{draft_id}", status=404)


def test_a_session_taken_off_in_a_newer_version_is_not_found(app, client, world):
    get_page(client, f"/isf-4/programme/{world.women_id}")
    with app.app_context():
        unplace(db.session.get(Activity, world.women_id))
        publish_schedule(
            db.session.get(Forum, world.forum_id),
            db.session.get(factories.User, world.organizer_id),
        )
        db.session.commit()

    get_page(client, f"/isf-4/programme/{world.women_id}", status=404)


def test_another_forums_session_is_not_found_under_this_forum(app, client, world):
    with app.app_context():
        other_id = db.session.scalar(
            sa.select(Activity.id).where(Activity.title_en == "Session of the other forum")
        )

    get_page(client, f"/ksf-2017/programme/{other_id}")
    get_page(client, f"/isf-4/programme/{other_id}", status=404)


def test_an_unknown_session_is_not_found(client, world):
    get_page(client, "/isf-4/programme/999999", status=404)


def test_a_draft_forums_session_is_not_found(app, client, world):
    with app.app_context():
        db.session.get(Forum, world.forum_id).status = "draft"
        db.session.commit()

    get_page(client, f"/isf-4/programme/{world.tigris_id}", status=404)
