"""Search of the programme (``?q=``) in any script, with the Arabic-aware
normalisation: titles and descriptions in every language, and the names of the
organizations the programme names — never of those it may not name."""

from urllib.parse import quote

import pytest

from app.activities.models import Activity
from app.extensions import db
from app.forums.models import Forum
from app.organizations.models import Organization
from app.programme.search import matches_query, query_words, search_key
from app.safety.services import start_lockdown
from tests import factories
from tests.programme.helpers import get_page, publish_more, shown_ids, visible_text
from tests.programme.world import (
    HIDDEN_NAME,
    PENDING_NAME,
    SILENT_PRESENTER,
    UNLISTED_NAME,
    listed,
    make_world,
)


@pytest.fixture
def world(app):
    with app.app_context():
        world = make_world()
        workers = db.session.get(Activity, world.workers_id)
        workers.title_ckb = "مافی کرێکاران و یاسای کار"
        media, youth = publish_more(
            world,
            (world.hall_id, (2, 0), {
                "title_ar": "الإعلام الحر في العراق", "title_en": "Free media in Iraq",
                "description_ar": "نقاش عن آفاق الحُرِّيَّة",
                "organization": listed(name_ar="جمعية الأمل", name_en="Hope Society"),
            }),
            (world.small_id, (2, 1), {
                "title_ar": "ملتقى الشباب", "title_en": "Youth gathering",
                "description_en": "Sport and peace.",
            }),
        )  # fmt: skip
        world.media_id, world.youth_id = media, youth
        return world


def _found(client, query: str, language: str = "en") -> set[int]:
    return shown_ids(get_page(client, f"/isf-4/programme?q={quote(query)}", language))


@pytest.mark.parametrize(
    "query",
    [
        "أنقذوا دجلة",  # as written
        "انقذوا دجله",  # without the hamza, ha for ta marbuta
        "دِجْلَة",  # with harakat
        "دجل",  # the start of a word
        "دجلـــة",  # with tatweel
    ],
)
def test_arabic_finds_the_title_whatever_the_spelling(client, world, query):
    assert _found(client, query) == {world.tigris_id}


@pytest.mark.parametrize("query", ["الاعلام", "الإعلام", "الأعلام", "افاق", "آفاق", "الحرية"])
def test_arabic_alef_forms_and_diacritics_meet_in_titles_and_descriptions(client, world, query):
    assert _found(client, query) == {world.media_id}


@pytest.mark.parametrize("query", ["ملتقى", "ملتقي", "الشباب"])
def test_alef_maqsura_and_yeh_meet(client, world, query):
    assert _found(client, query) == {world.youth_id}


@pytest.mark.parametrize("query", ["کرێکاران", "كرێکاران", "مافي", "مافی کار"])
def test_kurdish_finds_its_title_with_either_kaf_and_yeh(client, world, query):
    assert _found(client, query, language="ckb") == {world.workers_id}


@pytest.mark.parametrize("query", ["tigris", "TIGRIS", "rights women", "sport peace"])
def test_english_ignores_case_and_word_order(client, world, query):
    expected = {
        "tigris": {world.tigris_id},
        "TIGRIS": {world.tigris_id},
        "rights women": {world.women_id},
        "sport peace": {world.youth_id},
    }[query]
    assert _found(client, query) == expected


def test_a_search_in_another_script_than_the_page_finds_the_session(client, world):
    page = get_page(client, f"/isf-4/programme?q={quote('دجلة')}", "en")

    assert "Save the Tigris" in visible_text(page)  # shown in the reader's language


def test_the_names_of_public_organizations_are_searched_in_every_language(client, world):
    assert _found(client, "جمعيه الامل") == {world.media_id}
    assert _found(client, "hope society") == {world.media_id}
    assert _found(client, "waterkeepers") == {world.tigris_id}  # a co-organizer


@pytest.mark.parametrize("name", [HIDDEN_NAME, UNLISTED_NAME, PENDING_NAME, SILENT_PRESENTER])
def test_names_the_programme_may_not_show_are_not_searched(client, world, name):
    assert _found(client, name) == set()


def test_an_organization_is_not_searched_during_a_lockdown(app, client, world):
    assert _found(client, "Humat Dijla") == {world.tigris_id}
    with app.app_context():
        start_lockdown(
            factories.make_user(is_site_admin=True), db.session.get(Forum, world.forum_id)
        )
        db.session.commit()

    assert _found(client, "Humat Dijla") == set()


def test_a_hidden_lead_organization_is_not_searched(app, client, world):
    with app.app_context():
        organization = db.session.get(Activity, world.media_id).lead_organization
        db.session.get(Organization, organization.id).listed_publicly = False
        db.session.commit()

    assert _found(client, "Hope Society") == set()


def test_a_search_that_finds_nothing_says_so_and_keeps_the_words(client, world):
    page = get_page(client, f"/isf-4/programme?q={quote('لا شيء هنا')}", "ar")

    assert shown_ids(page) == set()
    assert 'class="alert alert-info programme-no-match"' in page
    assert 'value="لا شيء هنا"' in page


def test_another_forums_sessions_are_not_found(client, world):
    assert _found(client, "other forum") == set()


def test_the_search_key_and_the_query_meet_on_the_normalised_words():
    key = search_key(["أنقذوا دجلة", None, "Save the Tigris"])

    assert matches_query(key, query_words("TIGRIS انقذوا"))
    assert not matches_query(key, query_words("euphrates"))
    assert matches_query(key, query_words(""))  # no query: everything matches
