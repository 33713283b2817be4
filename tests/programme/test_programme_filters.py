"""The programme's filters (a GET form): day, theme, format, spoken language and
"understandable for me", each alone and together; unknown values are ignored."""

import pytest

from app.activities.models import Activity, ActivityFormat
from app.extensions import db
from app.programme.filters import Filters, parse_filters
from tests.programme.helpers import get_page, shown_ids, visible_text
from tests.programme.world import make_world


@pytest.fixture
def world(app):
    with app.app_context():
        world = make_world()
        db.session.get(Activity, world.women_id).format = ActivityFormat.SEMINAR
        db.session.commit()
        return world


def _shown(client, query: str) -> set[int]:
    return shown_ids(get_page(client, f"/isf-4/programme?{query}"))


def test_without_filters_every_session_shows(client, world):
    assert _shown(client, "") == {world.tigris_id, world.workers_id, world.women_id}


def test_the_day_filter_keeps_that_day(client, world):
    assert _shown(client, "day=2017-12-01") == {world.women_id}
    assert _shown(client, "day=2017-11-30") == {world.tigris_id, world.workers_id}


def test_the_theme_filter_keeps_that_theme(app, client, world):
    with app.app_context():
        theme_id = db.session.get(Activity, world.tigris_id).theme_id

    assert _shown(client, f"theme={theme_id}") == {world.tigris_id}


def test_the_format_filter_keeps_that_format(client, world):
    assert _shown(client, "format=seminar") == {world.women_id}
    assert _shown(client, "format=workshop") == {world.tigris_id, world.workers_id}


def test_the_spoken_language_filter_ignores_interpretation(client, world):
    assert _shown(client, "language=en") == {world.women_id}  # the Tigris is only interpreted
    assert _shown(client, "language=ar") == {world.tigris_id, world.workers_id, world.women_id}


def test_understandable_for_me_is_spoken_in_or_interpreted_into(client, world):
    # English: spoken in the women's session, interpreted (channel 2) in the Tigris one.
    assert _shown(client, "understand=en") == {world.tigris_id, world.women_id}
    # Kurdish: never spoken; interpreted in the Tigris (channel) and workers' (consecutive).
    assert _shown(client, "understand=ckb") == {world.tigris_id, world.workers_id}


def test_filters_combine(app, client, world):
    with app.app_context():
        theme_id = db.session.get(Activity, world.tigris_id).theme_id

    assert _shown(client, "understand=ckb&day=2017-11-30&format=workshop") == {
        world.tigris_id,
        world.workers_id,
    }
    assert _shown(client, f"understand=en&day=2017-11-30&theme={theme_id}") == {world.tigris_id}
    assert _shown(client, "understand=en&format=workshop&q=tigris") == {world.tigris_id}
    assert _shown(client, "understand=en&day=2017-12-01&language=ar") == {world.women_id}


def test_filters_also_narrow_the_grid(client, world):
    page = get_page(client, "/isf-4/programme?view=grid&day=2017-11-30&understand=en")

    assert shown_ids(page) == {world.tigris_id}
    assert page.count('data-room="') >= 4  # both rooms stay as columns


def test_an_empty_result_says_so(client, world):
    page = get_page(client, "/isf-4/programme?language=ckb")

    assert shown_ids(page) == set()
    assert "No session matches these filters." in visible_text(page)


def test_the_form_keeps_the_choices_and_offers_what_the_programme_holds(client, world):
    page = get_page(client, "/isf-4/programme?understand=ckb&format=seminar")

    assert '<option value="ckb" selected>' in page
    assert '<option value="seminar" selected>' in page
    assert '<option value="2017-12-02"' not in page  # a day without sessions
    assert 'method="get"' in page
    assert "Clear the filters" in page


def test_the_count_of_matching_sessions_is_said(client, world):
    assert "2 sessions match." in visible_text(get_page(client, "/isf-4/programme?understand=en"))


@pytest.mark.parametrize(
    "query",
    ["day=someday", "day=2017-13-40", "theme=abc", "language=xx", "understand=<b>", "view=table"],
)
def test_unknown_values_are_ignored(client, world, query):
    assert _shown(client, query) == {world.tigris_id, world.workers_id, world.women_id}


def test_an_unknown_format_or_theme_finds_nothing_but_the_page_answers(client, world):
    assert _shown(client, "format=banquet") == set()
    assert _shown(client, "theme=999999") == set()


def test_parse_filters_reads_each_value():
    filters = parse_filters(
        {"day": "2017-11-30", "theme": "7", "format": "seminar", "language": "en",
         "understand": "ckb", "q": "  save   the  ", "view": "grid"}
    )  # fmt: skip

    assert filters.day.isoformat() == "2017-11-30"
    assert (filters.theme, filters.format, filters.language, filters.understand) == (
        7, "seminar", "en", "ckb",
    )  # fmt: skip
    assert (filters.q, filters.view) == ("save the", "grid")
    assert filters.query(view="list", q="") == {
        "day": "2017-11-30", "theme": "7", "format": "seminar", "language": "en",
        "understand": "ckb",
    }  # fmt: skip


def test_filters_are_hashable_for_a_cache_key():
    assert hash(parse_filters({"q": "x"})) == hash(Filters(q="x"))
