"""The interpreter's pages through HTTP: joining (errors beside the fields, nothing
typed lost), editing, leaving; their sessions with "I can't make it"; the
calendar feed, its download and new address; Arabic right to left; and no
interpreter reaching another's assignment."""

import re
from datetime import time, timedelta

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from app.core.db import utcnow
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.listing import local_today
from app.forums.models import ForumStatus, Room, TimeSlot
from app.interpreting.models import (
    InterpretationAssignment,
    InterpretationNeed,
    Interpreter,
    InterpreterStatus,
)
from tests import factories
from tests.helpers import csrf_token, log_in, outbox_to, post_form
from tests.interpreting.factories import (
    make_assignment,
    make_interpreter,
    make_need,
    make_placed_session,
)

JOIN = "/isf-int/interpreting/"
SESSIONS = "/isf-int/interpreting/sessions"


def _day(offset: int):
    return local_today("Asia/Baghdad", utcnow()) + timedelta(days=offset)


@pytest.fixture
def setting(app):
    """Forum isf-int (days 20 to 21 days from now, no volunteering window), a user
    not yet in the team, a coordinator, and a placed session with a need."""
    with app.app_context():
        forum = factories.make_forum(
            slug="isf-int", status=ForumStatus.OPEN, name_en="ISF", timezone="Asia/Baghdad",
            start_date=_day(20), end_date=_day(21),
        )  # fmt: skip
        sync_days(forum)
        room = Room(forum_id=forum.id, name_en="Hall", capacity=80, has_booth=True)
        slot = TimeSlot(day_id=forum.days[0].id, starts_at=time(9), ends_at=time(10, 30))
        db.session.add_all([room, slot])
        db.session.flush()
        activity = make_placed_session(
            forum, room, slot, title_en="Save the Tigris", title_ar="أنقذوا دجلة",
            description_en="Water and marshes.", spoken_languages=["ar"],
        )  # fmt: skip
        need = make_need(activity, "ar", "en", channel=2)
        user = factories.make_user(name="Layla")
        coordinator = factories.make_user(locale="en")
        factories.grant_role(coordinator, forum, ForumRoleName.INTERPRETATION_COORDINATOR)
        db.session.commit()
        return {
            "forum": forum.id,
            "user": user.id,
            "email": user.email,
            "days": [d.id for d in forum.days],
            "need": need.id,
            "coordinator_email": coordinator.email,
        }


def form_data(setting, **overrides) -> dict:
    data = {
        "languages-0-code": "ar", "languages-0-level": "A",
        "languages-1-code": "ckb", "languages-1-level": "",
        "languages-2-code": "en", "languages-2-level": "B",
        "directions": ["ar-en", "en-ar"],
        "modes": ["simultaneous"],
        "experience": "experienced",
        "days": [str(setting["days"][0])],
    }  # fmt: skip
    data.update(overrides)
    return data


def is_ticked(page: str, value: str) -> bool:
    return re.search(rf'<input checked [^>]*value="{value}"', page) is not None


def the_interpreter(app, setting) -> Interpreter | None:
    with app.app_context():
        return db.session.scalar(
            sa.select(Interpreter).where(Interpreter.user_id == setting["user"])
        )


def join_as(app, setting, status=InterpreterStatus.APPROVED) -> int:
    with app.app_context():
        forum = db.session.get(factories.Forum, setting["forum"])
        user = db.session.get(factories.User, setting["user"])
        interpreter = make_interpreter(forum, user=user, status=status, feed_nonce="0" * 32)
        db.session.commit()
        return interpreter.id


def assign(app, setting, interpreter_id: int) -> int:
    with app.app_context():
        need = db.session.get(InterpretationNeed, setting["need"])
        assignment = make_assignment(need, db.session.get(Interpreter, interpreter_id))
        db.session.commit()
        return assignment.id


@pytest.fixture
def client_in(app, client, setting):
    log_in(client, setting["email"])
    return client


def test_visitors_are_asked_to_log_in(client, setting):
    response = client.get(JOIN)
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


def test_the_form_shows_errors_beside_the_fields_and_keeps_what_was_typed(app, client_in, setting):
    page = client_in.get(JOIN).get_data(as_text=True)
    assert 'value="ar-en"' in page
    assert 'value="simultaneous"' in page
    response = post_form(
        client_in,
        JOIN,
        form_data(setting, directions=["ckb-en"], modes=[], **{"languages-2-level": "C"}),
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Each direction must be between two of the languages" in body
    assert "Tick at least one way of interpreting." in body
    assert is_ticked(body, "ckb-en")
    assert '<option selected value="C">' in body
    assert the_interpreter(app, setting) is None


def test_joining_leaves_the_interpreter_pending_and_editing_keeps_it(app, client_in, setting):
    response = post_form(client_in, JOIN, form_data(setting))
    assert response.status_code == 302
    interpreter = the_interpreter(app, setting)
    assert interpreter.status is InterpreterStatus.PENDING
    page = client_in.get(JOIN).get_data(as_text=True)
    assert "The interpretation coordinator will look at your offer" in page
    assert is_ticked(page, "en-ar")
    post_form(client_in, JOIN, form_data(setting, directions=["ar-en"]))
    with app.app_context():
        interpreter = db.session.merge(the_interpreter(app, setting))
        assert [(d.source, d.target) for d in interpreter.directions] == [("ar", "en")]
        assert interpreter.status is InterpreterStatus.PENDING


def test_a_closed_window_says_so(app, client_in, setting):
    with app.app_context():
        forum = db.session.get(factories.Forum, setting["forum"])
        forum.volunteering_opens, forum.volunteering_closes = _day(-10), _day(-5)
        db.session.commit()
    page = client_in.get(JOIN).get_data(as_text=True)
    assert "takes no one now" in page
    assert 'name="directions"' not in page


def test_leaving_asks_first_then_gives_the_sessions_back(app, client_in, setting):
    assign(app, setting, join_as(app, setting))
    token = csrf_token(client_in.get(JOIN))
    confirm = client_in.post("/isf-int/interpreting/withdraw", data={"csrf_token": token})
    assert "Leave the interpretation team of this forum?" in confirm.get_data(as_text=True)
    assert the_interpreter(app, setting).status is InterpreterStatus.APPROVED
    response = client_in.post(
        "/isf-int/interpreting/withdraw", data={"csrf_token": token, "confirm": "yes"}
    )
    assert response.status_code == 302
    assert the_interpreter(app, setting).status is InterpreterStatus.WITHDRAWN
    with app.app_context():
        assert db.session.scalars(sa.select(InterpretationAssignment)).all() == []
        assert len(outbox_to(setting["coordinator_email"])) == 1


def test_the_sessions_page_shows_the_session_and_the_calendar(app, client_in, setting):
    assign(app, setting, join_as(app, setting))
    page = client_in.get(SESSIONS).get_data(as_text=True)
    assert "Save the Tigris" in page
    assert "Water and marshes." in page
    assert "Hall" in page
    assert "Booth channel 2" in page
    assert "English" in page
    assert "Simultaneous interpretation" in page
    assert "09:00" in page
    assert "/isf-int/interpreting/calendar/" in page
    download = client_in.get("/isf-int/interpreting/my-sessions.ics")
    assert download.headers["Content-Disposition"].startswith("attachment")
    [event] = Calendar.from_ical(download.data).walk("VEVENT")
    assert "Save the Tigris" in str(event["summary"])


def test_arabic_readers_get_the_page_right_to_left_in_arabic(app, client, setting):
    with app.app_context():
        db.session.get(factories.User, setting["user"]).locale = "ar"
        db.session.commit()
    log_in(client, setting["email"])
    assign(app, setting, join_as(app, setting))
    page = client.get(SESSIONS).get_data(as_text=True)
    assert 'dir="rtl"' in page
    assert "أنقذوا دجلة" in page
    # Arrows are not mirrored: right to left, the source comes first and the arrow points left.
    assert "العربية ← English" in page
    join_page = client.get(JOIN)
    assert join_page.status_code == 200
    assert "العربية ← English" in join_page.get_data(as_text=True)


def test_the_feed_answers_its_token_and_a_new_address_revokes_it(app, client_in, client, setting):
    assign(app, setting, join_as(app, setting))
    page = client_in.get(SESSIONS).get_data(as_text=True)
    address = page.split("/isf-int/interpreting/calendar/", 1)[1].split('"', 1)[0]
    feed_url = f"/isf-int/interpreting/calendar/{address}"
    anonymous = app.test_client()
    response = anonymous.get(feed_url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert anonymous.get(feed_url.replace(".ics", "x.ics")).status_code == 404
    token = csrf_token(client_in.get(SESSIONS))
    confirm = client_in.post(
        "/isf-int/interpreting/calendar/new-address", data={"csrf_token": token}
    )
    assert "new secret address" in confirm.get_data(as_text=True)
    assert anonymous.get(feed_url).status_code == 200
    client_in.post(
        "/isf-int/interpreting/calendar/new-address", data={"csrf_token": token, "confirm": "yes"}
    )
    assert anonymous.get(feed_url).status_code == 404


def test_i_cant_make_it_asks_first_then_reopens_the_need_and_tells_the_coordinator(
    app, client_in, setting
):
    assignment_id = assign(app, setting, join_as(app, setting))
    url = f"/isf-int/interpreting/sessions/{assignment_id}/cannot-make-it"
    token = csrf_token(client_in.get(SESSIONS))
    confirm = client_in.post(url, data={"csrf_token": token}).get_data(as_text=True)
    assert "Give back" in confirm
    assert "Save the Tigris" in confirm
    response = client_in.post(url, data={"csrf_token": token, "confirm": "yes"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(InterpretationAssignment, assignment_id) is None
        [mail] = outbox_to(setting["coordinator_email"])
        assert "Layla" in mail.body_text
        assert "Save the Tigris" in mail.body_text
    assert f'id="assignment-{assignment_id}"' not in client_in.get(SESSIONS).get_data(as_text=True)


def test_no_one_reaches_another_interpreters_assignment(app, client_in, setting):
    join_as(app, setting)
    with app.app_context():
        forum = db.session.get(factories.Forum, setting["forum"])
        other = make_interpreter(forum)
        db.session.commit()
        other_id = other.id
    assignment_id = assign(app, setting, other_id)
    token = csrf_token(client_in.get(SESSIONS))
    url = f"/isf-int/interpreting/sessions/{assignment_id}/cannot-make-it"
    response = client_in.post(url, data={"csrf_token": token, "confirm": "yes"})
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(InterpretationAssignment, assignment_id) is not None


def test_someone_not_in_the_team_is_sent_to_join(client_in, setting):
    response = client_in.get(SESSIONS)
    assert response.status_code == 302
    assert response.headers["Location"] == JOIN
