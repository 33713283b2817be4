"""How long a sign-in lasts: 30 minutes idle for staff, 3 hours for others, 12 hours in all."""

import pytest

from app.accounts import sessions
from app.accounts.passwords import hash_password
from app.core.permissions import ForumRoleName
from app.extensions import db
from tests import factories
from tests.helpers import log_in

STAFF_PASSWORD = "a staff length passphrase"


class Clock:
    def __init__(self, monkeypatch):
        self.now = sessions.clock()
        monkeypatch.setattr(sessions, "clock", lambda: self.now)

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def _signed_in_client(app, role=None):
    with app.app_context():
        user = factories.make_user(password_hash=hash_password(STAFF_PASSWORD))
        secret = None
        if role:
            secret = factories.enable_two_factor(user)
            factories.grant_role(user, factories.make_forum(), role)
        db.session.commit()
        email = user.email
    client = app.test_client()
    log_in(client, email, STAFF_PASSWORD, totp_secret=secret)
    assert client.get("/account/").status_code == 200
    return client


@pytest.mark.parametrize(
    ("role", "idle_minutes", "still_in"),
    [
        (ForumRoleName.ORGANIZER, 29, True),
        (ForumRoleName.ORGANIZER, 31, False),
        (ForumRoleName.REVIEWER, 31, False),
        (None, 31, True),
        (None, 179, True),
        (None, 181, False),
    ],
)
def test_idle_sessions_end(app, clock, role, idle_minutes, still_in):
    client = _signed_in_client(app, role)

    clock.advance(idle_minutes)
    response = client.get("/account/")

    assert (response.status_code == 200) is still_in
    if not still_in:
        assert response.headers["Location"].startswith("/account/login")
        assert client.get("/account/").status_code == 302  # and it stays ended


def test_activity_keeps_a_session_alive_but_not_past_twelve_hours(app, clock):
    client = _signed_in_client(app, ForumRoleName.ORGANIZER)
    for _ in range(35):  # 35 x 20 minutes = 11 h 40
        clock.advance(20)
        assert client.get("/account/").status_code == 200
    clock.advance(25)  # 12 h 05 after signing in, 25 minutes idle

    assert client.get("/account/").status_code == 302


def test_staff_with_a_password_shorter_than_fifteen_must_change_it_first(app):
    with app.app_context():
        user = factories.make_user(password_hash=hash_password("twelve chars ok"[:13]))
        factories.grant_role(user, factories.make_forum(), ForumRoleName.REVIEWER)
        db.session.commit()
        email = user.email
    client = app.test_client()
    log_in(client, email, "twelve chars ok"[:13])

    assert client.get("/").headers["Location"] == "/account/password"
    assert client.get("/account/password").status_code == 200
