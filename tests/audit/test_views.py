"""Reading the audit log through the pages: who sees what."""

import pytest

from app.audit.services import AuditAction, record
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import ForumStatus
from tests import factories
from tests.helpers import log_in

CANARY_NAME = "Canaryname Logv"
CANARY_EMAIL = "canary.logv@example.org"


@pytest.fixture
def setting(app):
    with app.app_context():
        baghdad = factories.make_forum(slug="baghdad-log")
        # Open: a draft would be hidden (404) from outsiders before any permission check.
        najaf = factories.make_forum(slug="najaf-log", status=ForumStatus.OPEN)
        subject = factories.make_user(name=CANARY_NAME, email=CANARY_EMAIL)
        record(AuditAction.ROLE_GRANTED, obj=subject, forum=baghdad, role="reviewer")
        record(AuditAction.LOCKDOWN_STARTED, forum=najaf)
        people = {}
        for name, forum, role in (
            ("organizer", baghdad, ForumRoleName.ORGANIZER),
            ("reviewer", baghdad, ForumRoleName.REVIEWER),
            ("admin", None, None),
        ):
            user = factories.make_user(is_site_admin=name == "admin")
            secret = factories.enable_two_factor(user)
            if forum:
                factories.grant_role(user, forum, role)
            people[name] = (user.email, secret)
        db.session.commit()
    return people


def _table(page) -> str:
    """The rows of the log (the filter's options name every action too)."""
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""


def _client(app, setting, name):
    client = app.test_client()
    email, secret = setting[name]
    log_in(client, email, totp_secret=secret)
    return client


def test_organizers_read_their_forums_part_only(app, setting):
    client = _client(app, setting, "organizer")

    page = client.get("/baghdad-log/staff/audit").get_data(as_text=True)
    rows = _table(page)

    assert "Role granted" in rows
    assert "Lockdown started" not in rows
    assert CANARY_NAME not in page
    assert CANARY_EMAIL not in page
    assert client.get("/najaf-log/staff/audit").status_code == 403
    assert client.get("/admin/audit").status_code == 403


def test_reviewers_do_not_read_the_log(app, setting):
    assert _client(app, setting, "reviewer").get("/baghdad-log/staff/audit").status_code == 403


def test_site_administrators_read_everything_and_filter(app, setting):
    client = _client(app, setting, "admin")

    everything = client.get("/admin/audit").get_data(as_text=True)
    filtered = _table(client.get("/admin/audit?action=lockdown_started").get_data(as_text=True))

    assert "Role granted" in _table(everything)
    assert "Lockdown started" in _table(everything)
    assert "Lockdown started" in filtered
    assert "Role granted" not in filtered
    assert CANARY_NAME not in everything
    assert CANARY_EMAIL not in everything


def test_a_backwards_date_range_is_explained_and_the_filters_kept(app, setting):
    client = _client(app, setting, "admin")

    page = client.get("/admin/audit?object_type=users&since=2026-11-20&until=2026-11-01").get_data(
        as_text=True
    )

    assert 'id="until-errors"' in page
    assert 'value="users"' in page
    assert "No events match these filters." in page


def test_long_logs_page_back(app, setting):
    with app.app_context():
        for _ in range(60):
            record(AuditAction.LOGIN_FAILED)
        db.session.commit()
    client = _client(app, setting, "admin")

    first = client.get("/admin/audit?action=login_failed").get_data(as_text=True)
    assert "Older events" in first
    link = first.split('href="/admin/audit?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = client.get(f"/admin/audit?{link}").get_data(as_text=True)
    assert "Older events" not in second
    assert _table(first).count("Failed sign-in") == 50
    assert _table(second).count("Failed sign-in") == 10
