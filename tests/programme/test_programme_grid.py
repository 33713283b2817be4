"""The programme as a day × room grid (``?view=grid``), right to left in ar and
ckb, and the programme's stylesheet (with its print rules) and script."""

import re
from pathlib import Path

import pytest

from app.extensions import db
from app.forums.models import Forum, Room, TimeSlot
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.interpreting.factories import make_placed_session
from tests.programme.helpers import get_page, shown_ids, visible_text
from tests.programme.world import make_world

STATIC = Path(__file__).resolve().parents[2] / "static"


@pytest.fixture
def world(app):
    with app.app_context():
        return make_world()


def _rows(page: str) -> list[str]:
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return re.findall(r"<tr>(.*?)</tr>", body, re.S)


def _cells(row: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)


def test_the_grid_of_a_day_has_a_column_per_room_and_a_row_per_start_time(client, world):
    page = get_page(client, "/isf-4/programme?view=grid&day=2017-11-30")
    head = page[page.index("<thead>") : page.index("</thead>")]
    rows = _rows(page)

    assert visible_text(head) == "Time Al-Rasheed Hall Small room"
    assert [visible_text(re.search(r"<th[^>]*>(.*?)</th>", row).group(1)) for row in rows] == [
        "09:00",
        "11:00",
    ]
    nine, eleven = (_cells(row) for row in rows)
    assert shown_ids(nine[0]) == set()
    assert shown_ids(nine[1]) == {world.workers_id}
    assert shown_ids(eleven[0]) == {world.tigris_id}
    assert shown_ids(eleven[1]) == set()
    assert "Save the Tigris" in visible_text(eleven[0])


def test_the_grid_shows_the_first_day_unless_another_is_chosen(client, world):
    first = get_page(client, "/isf-4/programme?view=grid")
    second = get_page(client, "/isf-4/programme?view=grid&day=2017-12-01")

    assert shown_ids(first) == {world.tigris_id, world.workers_id}
    assert shown_ids(second) == {world.women_id}
    assert "Small room" not in second[second.index("<thead>") : second.index("</thead>")]
    assert (
        'aria-current="page"\n        href="/isf-4/programme?view=grid&amp;day=2017-12-01"'
        in second
    )


def test_a_session_of_two_slots_spans_two_rows(app, client, world):
    with app.app_context():
        forum = db.session.get(Forum, world.forum_id)
        slots = [db.session.get(TimeSlot, world.slot_ids[(2, index)]) for index in (0, 1)]
        long = make_placed_session(
            forum, db.session.get(Room, world.hall_id), slots, title_en="Long assembly"
        )
        short = make_placed_session(
            forum, db.session.get(Room, world.small_id), slots[1], title_en="Short talk"
        )
        publish_schedule(forum, db.session.get(factories.User, world.organizer_id))
        db.session.commit()
        long_id, short_id = long.id, short.id
    page = get_page(client, "/isf-4/programme?view=grid&day=2017-12-02")
    nine, eleven = _rows(page)

    assert re.search(rf'<td data-room="{world.hall_id}" rowspan="2">', nine)
    assert shown_ids(nine) == {long_id}
    assert len(_cells(eleven)) == 1
    assert shown_ids(eleven) == {short_id}


def test_the_grid_scrolls_inside_its_box_and_links_each_session(client, world):
    page = get_page(client, "/isf-4/programme?view=grid")

    assert 'class="programme-grid-scroll" role="region" tabindex="0"' in page
    assert f'href="/isf-4/programme/{world.tigris_id}"' in page


def test_the_view_switch_keeps_the_filters(client, world):
    page = get_page(client, "/isf-4/programme?understand=en&q=tigris")

    assert 'href="/isf-4/programme?view=grid&amp;understand=en&amp;q=tigris"' in page
    assert "List by time" in page
    assert "Grid of rooms" in page


@pytest.mark.parametrize("language", ["ar", "ckb"])
def test_the_grid_reads_right_to_left_in_arabic_and_kurdish(client, world, language):
    page = get_page(client, "/isf-4/programme?view=grid", language)

    assert f'<html lang="{language}" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page
    assert f'id="session-{world.tigris_id}"' in page


def test_the_stylesheet_uses_logical_directions_only():
    css = re.sub(r"/\*.*?\*/", "", (STATIC / "css" / "programme.css").read_text(), flags=re.S)

    assert "inset-inline-start" in css
    assert not re.search(r"\b(left|right)\b", css)


def test_the_programme_page_links_its_stylesheet_and_script(client, world):
    page = get_page(client, "/isf-4/programme")

    assert 'href="/static/css/programme.css"' in page
    assert 'src="/static/js/programme.js" defer' in page
    assert client.get("/static/css/programme.css").status_code == 200
    assert client.get("/static/js/programme.js").status_code == 200


def test_printing_hides_what_is_not_the_programme_and_puts_a_day_per_page():
    css = (STATIC / "css" / "programme.css").read_text()
    print_rules = css[css.index("@media print") :]

    for hidden in (".site-header", ".programme-filters", ".programme-tools", ".programme-star"):
        assert hidden in print_rules.split("display: none")[0]
    assert ".programme-day { break-before: page; }" in print_rules
    assert ".programme-day:first-of-type { break-before: auto; }" in print_rules
    assert "table-header-group" in print_rules  # the grid's head on every printed page


def test_without_an_account_the_stars_are_left_to_the_script(client, world):
    page = get_page(client, "/isf-4/programme")

    assert 'data-stars="browser"' in page
    assert f'<span class="programme-star" data-activity="{world.tigris_id}"></span>' in page
    assert "csrf_token" not in page[page.index('id="programme"') :]  # nothing of the visitor


def test_the_script_keeps_stars_in_the_browser_and_builds_the_calendar_address():
    script = (STATIC / "js" / "programme.js").read_text()

    assert "localStorage" in script
    assert '"?ids=" + ids.join(",")' in script
    assert 'dataset.stars !== "browser"' in script  # nothing to do for an account
