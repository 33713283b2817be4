"""The interpretation board's pages: assigning by the form (a refusal in words),
unassigning after a confirmation, deriving the needs again, assigning
automatically, and a need changed by hand, which deriving again keeps."""

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.interpreting import views_board
from app.interpreting.auto_assign import AutoResult, Unmet, UnmetReason
from app.interpreting.models import InterpretationAssignment, InterpretationNeed
from tests.factories import make_user
from tests.helpers import csrf_token, log_in
from tests.interpreting.board_data import make_data
from tests.interpreting.factories import (
    make_assignment,
    make_interpreter,
    make_need,
    make_placed_session,
)


@dataclass
class Setup:
    slug: str
    coordinator: str
    secret: str
    day1: int
    day2: int
    tigris: int  # day 1, 09:00 in the hall (booth): spoken ar, asks for en
    need: int  # its ar → en need, open
    held: int  # day 2: ar → ckb, held by Aya
    assignment: int
    aya: int  # ar → en, ar → ckb
    omar: int  # ckb → en only
    elsewhere: int  # a need of another forum


@pytest.fixture
def setup(app) -> Setup:
    with app.app_context():
        data = make_data()
        tigris = make_placed_session(
            data.forum, data.hall, data.morning, title_en="Save the Tigris",
            spoken_languages=["ar"], interpretation_into=["en"], interpretation_mode="simultaneous",
        )  # fmt: skip
        need = make_need(tigris, "ar", "en", channel=1)
        later = make_placed_session(
            data.forum, data.small, data.day2, title_en="Labour law", spoken_languages=["ar"],
            interpretation_into=["ckb"], interpretation_mode="consecutive",
        )  # fmt: skip
        held = make_need(later, "ar", "ckb", mode="consecutive")
        aya = make_interpreter(
            data.forum, make_user(name="Aya"), directions=[("ar", "en"), ("ar", "ckb")],
            modes=["simultaneous", "consecutive"],
        )  # fmt: skip
        omar = make_interpreter(data.forum, make_user(name="Omar"), directions=[("ckb", "en")])
        assignment = make_assignment(held, aya)
        other = make_data()
        elsewhere = make_need(make_placed_session(other.forum, other.hall, other.morning))
        db.session.commit()
        return Setup(
            data.forum.slug, data.coordinator.email, data.secret,
            data.forum.days[0].id, data.forum.days[1].id, tigris.id, need.id, held.id,
            assignment.id, aya.id, omar.id, elsewhere.id,
        )  # fmt: skip


@pytest.fixture
def client(app, setup):
    client = app.test_client()
    log_in(client, setup.coordinator, totp_secret=setup.secret)
    return client


def _url(setup, path: str) -> str:
    return f"/{setup.slug}/staff/interpreting/{path}"


def _post(client, setup, path: str, data: dict | None = None, **kwargs):
    token = csrf_token(client.get(_url(setup, f"board?day={setup.day1}")))
    return client.post(_url(setup, path), data={"csrf_token": token, **(data or {})}, **kwargs)


def _assignments(app, need_id: int) -> list[tuple[int, bool]]:
    with app.app_context():
        query = sa.select(InterpretationAssignment).where(
            InterpretationAssignment.need_id == need_id
        )
        return [(a.interpreter_id, a.pinned) for a in db.session.scalars(query)]


def test_the_board_shows_the_days_sessions_needs_and_who_fits(client, setup):
    page = client.get(_url(setup, f"board?day={setup.day1}")).get_data(as_text=True)
    assert "Save the Tigris" in page
    assert "Labour law" not in page  # day 2
    assert f'id="need-{setup.need}"' in page
    assert "booth with 2 channels" in page
    assert f'<option value="{setup.aya}">Aya</option>' in page
    assert "Omar (does not interpret in this direction" in page
    assert "Needs still open in the forum" in page


def test_the_second_day_shows_who_holds_its_need(client, setup):
    page = client.get(_url(setup, f"board?day={setup.day2}")).get_data(as_text=True)
    assert "Labour law" in page
    assert "Aya" in page
    assert f"assignments/{setup.assignment}/remove" in page


def test_assigning_by_the_form_pins_the_interpreter(app, client, setup):
    response = _post(client, setup, f"needs/{setup.need}/assign", {"interpreter": setup.aya})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"board?day={setup.day1}#need-{setup.need}")
    assert _assignments(app, setup.need) == [(setup.aya, True)]
    assert "Aya interprets Arabic → English." in client.get(response.headers["Location"]).get_data(
        as_text=True
    ).replace("\u2068", "").replace("\u2069", "")


def test_a_refused_assignment_says_why_in_words(app, client, setup):
    response = _post(client, setup, f"needs/{setup.need}/assign", {"interpreter": setup.omar})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Omar was not assigned:" in page
    assert "<li>does not interpret in this direction</li>" in page
    assert _assignments(app, setup.need) == []


def test_assigning_without_an_interpreter_asks_for_one(client, setup):
    response = _post(client, setup, f"needs/{setup.need}/assign")
    assert response.status_code == 400
    assert "Choose an interpreter in the list." in response.get_data(as_text=True)


def test_another_forums_need_is_not_found(client, setup):
    response = _post(client, setup, f"needs/{setup.elsewhere}/assign", {"interpreter": setup.aya})
    assert response.status_code == 404


def test_unassigning_asks_first_then_reopens_the_place(app, client, setup):
    url = _url(setup, f"assignments/{setup.assignment}/remove")
    page = client.get(url).get_data(as_text=True)
    assert "Take Aya off Arabic → Kurdish" in page.replace("\u2068", "").replace("\u2069", "")
    assert _assignments(app, setup.held) == [(setup.aya, True)]
    response = client.post(url, data={"csrf_token": csrf_token(client.get(url)), "confirm": "yes"})
    assert response.status_code == 302
    assert _assignments(app, setup.held) == []


def test_deriving_again_flashes_a_summary(app, client, setup):
    response = _post(client, setup, f"derive?day={setup.day1}", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "The needs are derived again." in page
    with app.app_context():
        needs = db.session.scalars(
            sa.select(InterpretationNeed).where(InterpretationNeed.activity_id == setup.tigris)
        )
        assert [(n.source, n.target) for n in needs] == [("ar", "en")]


def test_assigning_automatically_shows_what_is_left_open(monkeypatch, client, setup):
    calls = []

    def fake(forum, *, by, time_limit):
        calls.append(time_limit)
        unmet = Unmet(setup.need, UnmetReason.ALL_BUSY, setup.day1, 540, ("ckb", "en"))
        return AutoResult(assigned=3, unmet=[unmet])

    monkeypatch.setattr(views_board, "auto_assign", fake)
    response = _post(client, setup, f"auto-assign?day={setup.day1}", {"time_limit": "5"})
    page = response.get_data(as_text=True)
    assert calls == [5.0]
    assert "3 interpreters were assigned automatically." in page
    assert "No one with Kurdish → English is free on" in page


def test_assigning_automatically_keeps_the_hand_made_assignments(app, client, setup):
    response = _post(client, setup, "auto-assign", {"time_limit": "2"})
    assert response.status_code == 200
    assert "Automatic assignment done" in response.get_data(as_text=True)
    assert (setup.aya, True) in _assignments(app, setup.held)


def test_a_time_limit_out_of_range_is_refused_beside_the_field(client, setup):
    response = _post(client, setup, "auto-assign", {"time_limit": "0"})
    assert response.status_code == 400
    assert "From 1 to 120 seconds." in response.get_data(as_text=True)


def test_a_need_changed_by_hand_is_kept_when_derived_again(app, client, setup):
    url = _url(setup, f"needs/{setup.need}/edit")
    page = client.get(url).get_data(as_text=True)
    assert 'name="team_size"' in page
    data = {"target": "en", "relay": "", "mode": "simultaneous", "team_size": "2", "channel": "1"}
    response = client.post(url, data={"csrf_token": csrf_token(client.get(url)), **data})
    assert response.status_code == 302
    _post(client, setup, "derive")
    with app.app_context():
        need = db.session.get(InterpretationNeed, setup.need)
        assert (need.team_size, need.edited, need.channel) == (2, True, 1)


def test_a_refused_change_is_shown_beside_its_field(app, client, setup):
    url = _url(setup, f"needs/{setup.need}/edit")
    data = {"target": "ar", "relay": "ar", "mode": "consecutive", "team_size": "1", "channel": "3"}
    page = client.post(url, data={"csrf_token": csrf_token(client.get(url)), **data}).get_data(
        as_text=True
    )
    assert "Choose a language other than the one spoken." in page
    assert "A relay is a third language" in page
    assert "Only simultaneous interpretation goes on a channel" in page
    with app.app_context():
        assert db.session.get(InterpretationNeed, setup.need).target == "en"


def test_a_need_can_be_added_and_removed(app, client, setup):
    url = _url(setup, f"sessions/{setup.tigris}/needs/add")
    data = {"source": "ar", "target": "ckb", "relay": "", "mode": "simultaneous",
            "team_size": "1", "channel": "2"}  # fmt: skip
    response = client.post(url, data={"csrf_token": csrf_token(client.get(url)), **data})
    assert response.status_code == 302
    with app.app_context():
        added = db.session.scalar(
            sa.select(InterpretationNeed).where(
                InterpretationNeed.activity_id == setup.tigris, InterpretationNeed.target == "ckb"
            )
        )
        assert (added.channel, added.edited) == (2, True)
        added_id = added.id
    remove = _url(setup, f"needs/{added_id}/remove")
    assert "Remove a need" in client.get(remove).get_data(as_text=True)
    token = csrf_token(client.get(remove))
    assert client.post(remove, data={"csrf_token": token, "confirm": "yes"}).status_code == 302
    with app.app_context():
        assert db.session.get(InterpretationNeed, added_id) is None
