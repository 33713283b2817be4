"""The coverage page and its CSV download (refused during a lockdown, audited)."""

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.audit.services import AuditAction
from app.extensions import db
from app.forums.models import Forum
from app.safety.services import start_lockdown
from tests.factories import make_user
from tests.helpers import log_in
from tests.interpreting.board_data import make_data
from tests.interpreting.factories import (
    make_assignment,
    make_interpreter,
    make_need,
    make_placed_session,
)


@pytest.fixture
def setup(app):
    with app.app_context():
        data = make_data(slug="isf-cover")
        session = make_placed_session(data.forum, data.hall, data.morning)
        make_assignment(
            make_need(session, "ar", "en"), make_interpreter(data.forum, make_user(name="Aya"))
        )
        make_need(session, "ar", "ckb")
        other = make_data()
        make_interpreter(other.forum, make_user(name="Elsewhere"))
        db.session.commit()
        return data.forum.id, data.coordinator.email, data.secret


@pytest.fixture
def client(app, setup):
    client = app.test_client()
    log_in(client, setup[1], totp_secret=setup[2])
    return client


def _exports(app, forum_id, action):
    with app.app_context():
        query = sa.select(AuditEvent).where(
            AuditEvent.forum_id == forum_id, AuditEvent.action == str(action)
        )
        return list(db.session.scalars(query))


def test_the_page_shows_pairs_and_hours(client):
    page = client.get("/isf-cover/staff/interpreting/coverage").get_data(as_text=True)
    assert "1 of 2 needs met; 1 places still open." in page
    assert "Arabic → Kurdish" in page
    assert "Aya" in page
    assert "1:30" in page
    assert "Elsewhere" not in page


def test_the_csv_is_a_download_and_audited(app, client, setup):
    response = client.get("/isf-cover/staff/interpreting/coverage.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    assert "Aya" in response.get_data(as_text=True)
    assert len(_exports(app, setup[0], AuditAction.PERSONAL_DATA_EXPORTED)) == 1


def test_the_csv_is_refused_during_a_lockdown(app, setup):
    with app.app_context():
        start_lockdown(make_user(), db.session.get(Forum, setup[0]))
        db.session.commit()
    client = app.test_client()
    log_in(client, setup[1], totp_secret=setup[2])  # signed in during the lockdown
    response = client.get("/isf-cover/staff/interpreting/coverage.csv")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/isf-cover/staff/interpreting/coverage")
    assert _exports(app, setup[0], AuditAction.PERSONAL_DATA_EXPORTED) == []
    assert len(_exports(app, setup[0], AuditAction.EXPORT_REFUSED)) == 1
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "stopped while the lockdown lasts" in page
