"""The suggestion pages: ask (inline here), watch the progress, review the diff,
accept the ticked sessions or all, the refusal when the draft changed, discard
with confirmation; reviewers read only."""

import re
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from app.activities.models import Activity
from app.extensions import db
from app.forums.models import Room
from app.scheduling import suggesting
from app.scheduling.models import Placement, ScheduleSuggestion, SuggestionStatus
from app.scheduling.placing import place_activity
from app.scheduling.snapshot import Spot
from app.scheduling.solver import SolverResult
from tests import factories
from tests.helpers import csrf_token, log_in, post_form
from tests.scheduling.board_data import accepted, make_data


@dataclass
class Setup:
    base: str
    forum_id: int
    organizer_id: int
    hall: int
    small: int
    morning: int
    noon: int
    first: int  # "Save the Tigris", unplaced
    second: int  # "Labour law", unplaced, another organization
    placed: int  # "Marsh screening", in the small room at 09:00
    left: int  # "Huge assembly", left unplaced by the suggestion
    organizer: str
    secret: str
    reviewer: str


@pytest.fixture
def setup(app, monkeypatch) -> Setup:
    with app.app_context():
        data = make_data()
        first = accepted(data, "Save the Tigris")
        second = accepted(data, "Labour law", factories.make_organization())
        placed = accepted(data, "Marsh screening", factories.make_organization())
        left = accepted(data, "Huge assembly", factories.make_organization())
        place_activity(data.forum, placed, data.small, data.morning, by=data.organizer)
        secret = factories.enable_two_factor(data.organizer)
        db.session.commit()
        setup = Setup(
            f"/{data.forum.slug}/staff/schedule",
            data.forum.id,
            data.organizer.id,
            data.hall.id,
            data.small.id,
            data.morning.id,
            data.noon.id,
            first.id,
            second.id,
            placed.id,
            left.id,
            data.organizer.email,
            secret,
            data.reviewer.email,
        )
    result = SolverResult(
        {
            setup.first: Spot(setup.hall, (setup.morning,)),
            setup.second: Spot(setup.hall, (setup.noon,)),
            setup.placed: Spot(setup.small, (setup.noon,)),
        },
        {setup.left: "no_room_big_enough"},
        4.0,
        "optimal",
        0.0,
        0.0,
    )
    monkeypatch.setattr(suggesting, "solve", lambda snapshot, **options: result)
    return setup


def _organizer(app, setup):
    client = app.test_client()
    log_in(client, setup.organizer, totp_secret=setup.secret)
    return client


def _suggested(app, setup, client) -> str:
    """Ask for a suggestion through the form; returns its page's address."""
    response = post_form(client, f"{setup.base}/suggest", {"time_limit": "5"})
    assert response.status_code == 302
    return response.headers["Location"]


def _draft(app) -> dict[int, tuple[int, list[int]]]:
    with app.app_context():
        placements = db.session.scalars(sa.select(Placement))
        return {p.activity_id: (p.room_id, sorted(c.slot_id for c in p.cells)) for p in placements}


def test_the_form_offers_a_time_limit_of_20_seconds_and_checks_it(app, setup):
    client = _organizer(app, setup)
    page = client.get(f"{setup.base}/suggest").get_data(as_text=True)
    assert 'name="time_limit"' in page
    assert 'value="20"' in page
    assert 'name="may_move"' in page
    response = post_form(client, f"{setup.base}/suggest", {"time_limit": "301"})
    assert response.status_code == 200
    assert "between 5 and 300 seconds" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ScheduleSuggestion.id))) == 0


def test_a_suggestion_shows_placed_moved_and_unplaced_with_boxes_to_tick(app, setup):
    client = _organizer(app, setup)
    page = client.get(_suggested(app, setup, client)).get_data(as_text=True)
    assert 'http-equiv="refresh"' not in page
    assert "Sessions it would place" in page
    assert "Sessions it would move" in page
    for title in ("Save the Tigris", "Labour law", "Marsh screening", "Huge assembly"):
        assert title in page
    assert "No room holds the expected attendance." in page
    ticks = set(re.findall(r'name="activities" value="(\d+)"', page))
    assert ticks == {str(setup.first), str(setup.second), str(setup.placed)}
    assert "Accept all" in page
    assert "Accept the ticked ones" in page


def test_a_running_suggestion_shows_its_progress_and_refreshes(app, setup):
    with app.app_context():
        suggestion = ScheduleSuggestion(
            forum_id=setup.forum_id, status=SuggestionStatus.RUNNING, progress=40
        )
        db.session.add(suggestion)
        db.session.commit()
        url = f"{setup.base}/suggestions/{suggestion.id}"
    page = _organizer(app, setup).get(url).get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'aria-valuenow="40"' in page
    assert "width: 40%" in page
    assert 'name="activities"' not in page


def test_accepting_the_ticked_ones_changes_only_those(app, setup):
    client = _organizer(app, setup)
    url = _suggested(app, setup, client)
    response = post_form(
        client,
        f"{url}/apply",
        {"activities": [str(setup.second)], "accept_ticked": "Accept the ticked ones"},
        page_url=url,
    )
    assert response.status_code == 302
    assert "1 session placed or moved as suggested." in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    assert _draft(app) == {
        setup.placed: (setup.small, [setup.morning]),
        setup.second: (setup.hall, [setup.noon]),
    }


def test_accepting_all_places_and_moves_everything_suggested(app, setup):
    client = _organizer(app, setup)
    url = _suggested(app, setup, client)
    post_form(client, f"{url}/apply", {"accept_all": "Accept all"}, page_url=url)
    assert _draft(app) == {
        setup.first: (setup.hall, [setup.morning]),
        setup.second: (setup.hall, [setup.noon]),
        setup.placed: (setup.small, [setup.noon]),
    }
    page = client.get(url).get_data(as_text=True)
    assert "This suggestion was accepted." in page


def test_a_draft_changed_meanwhile_is_said_and_nothing_is_applied(app, setup):
    client = _organizer(app, setup)
    url = _suggested(app, setup, client)
    page = client.get(url)
    with app.app_context():
        # Meanwhile the hall shrinks below what "Save the Tigris" expects.
        db.session.get(Room, setup.hall).capacity = 10
        db.session.get(Activity, setup.first).expected_attendance = 40
        db.session.commit()
    response = client.post(
        f"{url}/apply",
        data={"csrf_token": csrf_token(page), "accept_all": "Accept all"},
        follow_redirects=True,
    )
    text = response.get_data(as_text=True)
    assert "The draft has changed since this suggestion was made" in text
    assert "Nothing was applied." in text
    assert "Save the Tigris" in text
    assert "Hall" in text
    assert _draft(app) == {setup.placed: (setup.small, [setup.morning])}
    with app.app_context():
        assert db.session.get(ScheduleSuggestion, int(url.rsplit("/", 1)[1])).status == "ready"


def test_a_reviewer_reads_the_suggestion_but_cannot_accept_it(app, setup):
    url = _suggested(app, setup, _organizer(app, setup))
    client = app.test_client()
    log_in(client, setup.reviewer)
    page = client.get(url)
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Save the Tigris" in text
    assert 'name="activities"' not in text
    assert "Accept all" not in text
    token = csrf_token(client.get("/"))
    response = client.post(f"{url}/apply", data={"csrf_token": token, "accept_all": "1"})
    assert response.status_code == 403
    assert client.get(f"{setup.base}/suggest").status_code == 403


def test_discarding_asks_first_then_leaves_the_draft_as_it_is(app, setup):
    client = _organizer(app, setup)
    url = _suggested(app, setup, client)
    confirm = client.get(f"{url}/discard")
    assert "Discard this suggested schedule?" in confirm.get_data(as_text=True)
    response = client.post(
        f"{url}/discard", data={"csrf_token": csrf_token(confirm), "confirm": "yes"}
    )
    assert response.status_code == 302
    with app.app_context():
        (suggestion,) = db.session.scalars(sa.select(ScheduleSuggestion))
        assert suggestion.status == SuggestionStatus.DISCARDED
    assert _draft(app) == {setup.placed: (setup.small, [setup.morning])}


def test_asking_twice_while_one_runs_leads_to_the_running_one(app, setup):
    with app.app_context():
        suggestion = ScheduleSuggestion(forum_id=setup.forum_id, status=SuggestionStatus.QUEUED)
        db.session.add(suggestion)
        db.session.commit()
        running_id = suggestion.id
    client = _organizer(app, setup)
    response = post_form(client, f"{setup.base}/suggest", {"time_limit": "5"})
    assert response.headers["Location"].endswith(f"/suggestions/{running_id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "already working on a suggestion" in page


def test_may_move_lets_the_solver_move_placed_sessions(app, setup, monkeypatch):
    seen = []
    monkeypatch.setattr(
        suggesting,
        "solve",
        lambda snapshot, **options: (
            seen.append(options["keep_placed"]) or SolverResult({}, {}, 0.0, "optimal", 0.0, 0.0)
        ),
    )
    client = _organizer(app, setup)
    post_form(client, f"{setup.base}/suggest", {"time_limit": "5"})
    with app.app_context():
        db.session.execute(sa.update(ScheduleSuggestion).values(status=SuggestionStatus.DISCARDED))
        db.session.commit()
    post_form(client, f"{setup.base}/suggest", {"time_limit": "5", "may_move": "y"})
    assert seen == [True, False]
    with app.app_context():
        rows = db.session.scalars(sa.select(ScheduleSuggestion).order_by(ScheduleSuggestion.id))
        assert [row.keep_placed for row in rows] == [True, False]


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("optimal", "Best schedule proven."),
        ("feasible", "Good schedule found within the time limit."),
        ("greedy", "Quick schedule (the optimiser found nothing better in time)."),
        ("unavailable", "Quick schedule: the optimiser (OR-Tools) is not installed."),
    ],
)
def test_the_page_says_how_good_the_schedule_is(app, setup, monkeypatch, status, words):
    result = SolverResult({setup.first: Spot(setup.hall, (setup.morning,))}, {}, 1.0, status, 0, 0)
    monkeypatch.setattr(suggesting, "solve", lambda snapshot, **options: result)
    client = _organizer(app, setup)
    page = client.get(_suggested(app, setup, client)).get_data(as_text=True)
    assert words in page
    assert "Save the Tigris" in page, "a quick schedule is ready to review like any other"
    assert "Accept all" in page


@pytest.mark.parametrize(
    ("may_move", "words"),
    [
        ({}, "sessions already placed stay where they are"),
        ({"may_move": "y"}, "sessions not pinned may move"),
    ],
)
def test_the_page_says_whether_placed_sessions_could_move(app, setup, may_move, words):
    client = _organizer(app, setup)
    response = post_form(client, f"{setup.base}/suggest", {"time_limit": "5", **may_move})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert words in page
    other = {"sessions already placed stay where they are", "sessions not pinned may move"}
    assert not any(text in page for text in other - {words})
