"""The board's pages: what organizers and reviewers see, and the plain forms that
place, move, swap, remove and pin sessions (the same ones drag and drop posts)."""

import re
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import ForumStatus
from app.scheduling.models import ConflictOverride, Placement
from app.scheduling.placing import place_activity
from tests import factories
from tests.helpers import csrf_token, log_in
from tests.scheduling.board_data import accepted, make_data


@dataclass
class Setup:
    slug: str
    hall: int
    small: int
    morning: int
    noon: int
    afternoon: int
    lunch: int
    day1: int
    day2: int
    placed: int  # "Save the Tigris", in the hall at 09:00 on day 1
    later: int  # "Labour law", in the hall at 11:00 on day 1
    big: int  # "Big assembly": 50 people, not placed
    elsewhere: int  # an accepted activity of another forum
    organizer: str
    secret: str
    reviewer: str
    coordinator: str
    coordinator_secret: str


@pytest.fixture
def setup(app) -> Setup:
    with app.app_context():
        data = make_data()
        placed = accepted(data, "Save the Tigris", expected_attendance=40)
        later = accepted(data, "Labour law", factories.make_organization(name_en="Union"))
        big = accepted(data, "Big assembly", factories.make_organization(), expected_attendance=50)
        place_activity(data.forum, placed, data.hall, data.morning, by=data.organizer)
        place_activity(data.forum, later, data.hall, data.noon, by=data.organizer)
        other = make_data()
        elsewhere = accepted(other, "Najaf activity")
        coordinator = factories.make_user(locale="en")
        factories.grant_role(coordinator, data.forum, ForumRoleName.INTERPRETATION_COORDINATOR)
        secret = factories.enable_two_factor(data.organizer)
        coordinator_secret = factories.enable_two_factor(coordinator)
        db.session.commit()
        return Setup(
            data.forum.slug,
            data.hall.id,
            data.small.id,
            data.morning.id,
            data.noon.id,
            data.afternoon.id,
            data.lunch.id,
            data.forum.days[0].id,
            data.forum.days[1].id,
            placed.id,
            later.id,
            big.id,
            elsewhere.id,
            data.organizer.email,
            secret,
            data.reviewer.email,
            coordinator.email,
            coordinator_secret,
        )


def _as(app, email, secret=None):
    client = app.test_client()
    log_in(client, email, totp_secret=secret)
    return client


def _organizer(app, setup):
    return _as(app, setup.organizer, setup.secret)


def _board(setup, **query) -> str:
    arguments = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/{setup.slug}/staff/schedule/" + (f"?{arguments}" if arguments else "")


def _post(client, setup, action: str, data: dict, **kwargs):
    token = csrf_token(client.get(_board(setup, pick=setup.big)))
    url = f"/{setup.slug}/staff/schedule/{action}"
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


def _cells(app, activity_id) -> list[tuple[int, int]]:
    with app.app_context():
        placement = db.session.scalar(
            sa.select(Placement).where(Placement.activity_id == activity_id)
        )
        return sorted((c.room_id, c.slot_id) for c in placement.cells) if placement else []


def _overrides(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(o.rule, o.reason) for o in db.session.scalars(sa.select(ConflictOverride))]


def test_the_board_shows_rooms_slots_breaks_closures_and_what_is_left(app, setup):
    page = _organizer(app, setup).get(_board(setup)).get_data(as_text=True)

    assert "Hall" in page
    assert "Small room" in page
    assert "Lunch" in page
    assert "Room closed" in page
    assert f'id="session-{setup.placed}"' in page
    assert f'id="activity-{setup.big}"' in page  # still to place
    assert "Najaf activity" not in page
    assert f'href="/{setup.slug}/staff/schedule/"' in page  # the staff menu's entry


def test_the_day_tabs_show_each_days_grid(app, setup):
    page = _organizer(app, setup).get(_board(setup, day=setup.day2)).get_data(as_text=True)

    assert f'id="session-{setup.placed}"' not in page
    assert 'aria-current="page"' in page


def test_placing_through_the_form_puts_the_session_in_its_cell(app, setup):
    client = _organizer(app, setup)

    response = _post(
        client, setup, "place", {"activity": setup.big, "room": setup.hall, "slot": setup.afternoon}
    )

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#session-{setup.big}")
    assert _cells(app, setup.big) == [(setup.hall, setup.afternoon)]


def test_a_picked_activity_is_put_in_a_free_cell_with_one_button(app, setup):
    page = _organizer(app, setup).get(_board(setup, pick=setup.big)).get_data(as_text=True)

    assert "Place “Big assembly”" in page
    assert f'name="slot" value="{setup.afternoon}"' in page  # "Put here" in a free cell
    assert page.count("Put here<span") == 4  # the hall at 12:30, the small room all day


def test_a_change_breaking_a_rule_is_refused_with_reasons_then_overridden_and_listed(app, setup):
    client = _organizer(app, setup)
    choice = {
        "activity": setup.big,
        "room": setup.small,
        "slot": setup.noon,
        "view": f"day={setup.day1}",
    }

    refused = _post(client, setup, "place", choice)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "This change was not made." in page
    assert "Small room seats 20, but “Big assembly” expects 50 people." in page
    assert 'name="override"' in page
    assert re.search(rf'<option selected value="{setup.small}">Small room', page)  # kept
    assert _cells(app, setup.big) == []

    no_reason = _post(client, setup, "place", {**choice, "override": "y"}).get_data(as_text=True)
    assert "Say why the rules may be broken here." in no_reason
    assert _cells(app, setup.big) == []

    done = _post(client, setup, "place", {**choice, "override": "y", "reason": "They stand"})
    assert done.status_code == 302
    assert _cells(app, setup.big) == [(setup.small, setup.noon)]
    assert _overrides(app) == [("capacity", "They stand")]
    board = client.get(_board(setup)).get_data(as_text=True)
    conflicts = board[board.index('id="conflicts"') :]
    assert "Small room seats 20" in conflicts
    assert "Overridden" in conflicts
    assert "They stand" in conflicts
    assert f"#session-{setup.big}" in conflicts


def test_a_taken_cell_gives_a_clear_message_and_keeps_the_choice(app, setup):
    client = _organizer(app, setup)

    page = _post(
        client, setup, "place", {"activity": setup.big, "room": setup.hall, "slot": setup.morning}
    ).get_data(as_text=True)

    assert "Another session already holds that room at that time" in page
    assert "Place “Big assembly”" in page
    assert _cells(app, setup.big) == []


def test_swapping_two_sessions_through_the_form(app, setup):
    client = _organizer(app, setup)

    response = _post(client, setup, "swap", {"first": setup.placed, "second": setup.later})

    assert response.status_code == 302
    assert _cells(app, setup.placed) == [(setup.hall, setup.noon)]
    assert _cells(app, setup.later) == [(setup.hall, setup.morning)]


def test_removing_a_session_asks_first(app, setup):
    client = _organizer(app, setup)
    url = f"/{setup.slug}/staff/schedule/sessions/{setup.placed}/remove"

    page = client.get(url).get_data(as_text=True)
    assert "Take “\u2068Save the Tigris\u2069” off the draft schedule?" in page
    assert client.post(url, data={"csrf_token": csrf_token(client.get(url))}).status_code == 200
    assert _cells(app, setup.placed) == [(setup.hall, setup.morning)]

    response = client.post(url, data={"csrf_token": csrf_token(client.get(url)), "confirm": "yes"})
    assert response.status_code == 302
    assert _cells(app, setup.placed) == []
    assert f'id="activity-{setup.placed}"' in client.get(_board(setup)).get_data(as_text=True)


def test_pinning_and_unpinning_a_session(app, setup):
    client = _organizer(app, setup)

    def pinned():
        with app.app_context():
            return db.session.scalar(
                sa.select(Placement.pinned).where(Placement.activity_id == setup.placed)
            )

    _post(client, setup, f"sessions/{setup.placed}/pin", {"pinned": "1"})
    assert pinned() is True
    assert "Unpin" in client.get(_board(setup)).get_data(as_text=True)
    _post(client, setup, f"sessions/{setup.placed}/pin", {"pinned": "0"})
    assert pinned() is False


def test_drag_and_drop_gets_the_board_fragment_back(app, setup):
    client = _organizer(app, setup)
    choice = {"activity": setup.big, "room": setup.hall, "slot": setup.afternoon}

    response = _post(client, setup, "place", choice, headers={"X-Board-Fragment": "1"})

    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="board"')
    assert "<html" not in body
    assert "Placed: \u2068Big assembly\u2069." in body
    choice = {"activity": setup.big, "room": setup.small, "slot": setup.noon}
    refused = _post(client, setup, "place", choice, headers={"X-Board-Fragment": "1"})
    body = refused.get_data(as_text=True)
    assert "This change was not made." in body
    assert 'name="override"' in body


def test_a_refused_swap_offers_its_override(app, setup):
    client = _organizer(app, setup)
    choice = {"activity": setup.later, "room": setup.small, "slot": setup.noon}
    assert _post(client, setup, "place", choice).status_code == 302
    swap = {"first": setup.placed, "second": setup.later}

    page = _post(client, setup, "swap", swap).get_data(as_text=True)
    assert "Small room seats 20, but “Save the Tigris” expects 40 people." in page
    assert "Swap anyway" in page
    assert _cells(app, setup.placed) == [(setup.hall, setup.morning)]

    done = _post(client, setup, "swap", {**swap, "override": "y", "reason": "Smaller than said"})
    assert done.status_code == 302
    assert _cells(app, setup.placed) == [(setup.small, setup.noon)]
    assert ("capacity", "Smaller than said") in _overrides(app)


def test_another_forums_activity_is_not_found(app, setup):
    client = _organizer(app, setup)
    choice = {"activity": setup.elsewhere, "room": setup.hall, "slot": setup.afternoon}

    assert _post(client, setup, "place", choice).status_code == 404


@pytest.mark.parametrize("who", ["reviewer", "coordinator"])
def test_reviewers_and_coordinators_look_but_do_not_change(app, setup, who):
    client = _as(app, getattr(setup, who), getattr(setup, f"{who}_secret", None))

    page = client.get(_board(setup)).get_data(as_text=True)
    assert f'id="session-{setup.placed}"' in page
    assert "Put here" not in page
    assert "Remove" not in page
    assert "board.js" not in page
    versions = f"/{setup.slug}/staff/schedule/versions"
    assert f'href="{versions}"' in page, "whoever sees the board may read the versions"
    assert f'href="/{setup.slug}/staff/schedule/publish"' not in page
    assert client.get(versions).status_code == 200
    token = csrf_token(client.get("/"))
    choice = {
        "csrf_token": token,
        "activity": setup.big,
        "room": setup.hall,
        "slot": setup.afternoon,
    }
    assert client.post(f"/{setup.slug}/staff/schedule/place", data=choice).status_code == 403
    assert _cells(app, setup.big) == []


def test_the_unplaced_list_filters_by_size(app, setup):
    client = _organizer(app, setup)

    small = client.get(_board(setup, size="small")).get_data(as_text=True)
    medium = client.get(_board(setup, size="medium")).get_data(as_text=True)

    assert f'id="activity-{setup.big}"' not in small
    assert f'id="activity-{setup.big}"' in medium


def test_an_archived_forums_board_is_read_only(app, setup):
    with app.app_context():
        forum = db.session.scalar(
            sa.select(factories.Forum).where(factories.Forum.slug == setup.slug)
        )
        forum.status = ForumStatus.ARCHIVED
        db.session.commit()
    client = _organizer(app, setup)

    page = client.get(_board(setup)).get_data(as_text=True)
    assert "This forum is archived" in page
    assert "Put here" not in page
    response = _post(
        client, setup, "place", {"activity": setup.big, "room": setup.hall, "slot": setup.afternoon}
    )
    assert "its schedule can no longer change" in response.get_data(as_text=True)
    assert _cells(app, setup.big) == []


def test_the_arabic_board_reads_right_to_left(app, setup):
    with app.app_context():
        user = db.session.scalar(
            sa.select(factories.User).where(factories.User.email == setup.reviewer)
        )
        user.locale = "ar"
        db.session.commit()
    page = _as(app, setup.reviewer).get(_board(setup)).get_data(as_text=True)

    assert '<html lang="ar" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page


def test_user_written_titles_are_escaped_everywhere(app, setup):
    with app.app_context():
        activity = db.session.get(factories.Activity, setup.placed)
        activity.title_en = "<b>Tigris</b>"
        db.session.commit()
    client = _organizer(app, setup)

    page = client.get(_board(setup, pick=setup.later)).get_data(as_text=True)

    assert "<b>Tigris</b>" not in page
    assert "&lt;b&gt;Tigris&lt;/b&gt;" in page
