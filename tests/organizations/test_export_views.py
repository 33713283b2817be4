"""The data page and the CSV downloads, through HTTP."""

import codecs

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import ForumStatus
from app.safety.services import start_lockdown
from tests import factories
from tests.helpers import log_in

BASE = "/isf-4/staff/registrations"


def organizer_client(app, locked_down: bool = False):
    """The organizer of forum isf-4, signed in; the forum has one registration with a
    delegate, another forum one whose canary must never appear. A lockdown starts
    before the organizer signs in (so that no fresh confirmation is asked)."""
    client = app.test_client()
    with app.app_context():
        forum = factories.make_forum(slug="isf-4", status=ForumStatus.OPEN, name_en="ISF 4")
        user = factories.make_user(locale="en")
        secret = factories.enable_two_factor(user)
        factories.grant_role(user, forum, ForumRoleName.ORGANIZER)
        ours = factories.make_organization(name_ar="منظمة تموز", contact_phone="+9647701234567")
        registration = factories.make_registration(forum, ours, delegates=1)
        registration.delegates[0].name = "Zainab"
        other = factories.make_forum(slug="najaf", status=ForumStatus.OPEN)
        theirs = factories.make_organization(name_en="Canary organization")
        factories.make_registration(other, theirs).delegates[0].name = "Canary delegate"
        if locked_down:
            start_lockdown(factories.make_user(is_site_admin=True), forum)
        db.session.commit()
        forum_id, email = forum.id, user.email
    log_in(client, email, totp_secret=secret)
    client.forum_id = forum_id
    return client


@pytest.fixture
def organizer(app):
    return organizer_client(app)


@pytest.mark.parametrize(
    ("path", "filename", "expected"),
    [
        ("/export.csv", "isf-4-registrations.csv", "منظمة تموز"),
        ("/delegates.csv", "isf-4-delegates.csv", "Zainab"),
    ],
)
def test_an_organizer_downloads_a_csv_file_of_this_forum_only(organizer, path, filename, expected):
    response = organizer.get(BASE + path)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith(codecs.BOM_UTF8)
    text = response.data.decode("utf-8-sig")
    assert expected in text
    assert "Canary" not in text


def test_the_download_is_recorded_in_the_audit_log(app, organizer):
    organizer.get(BASE + "/delegates.csv")
    with app.app_context():
        event = db.session.scalar(
            sa.select(AuditEvent).where(AuditEvent.action == "personal_data_exported")
        )
        assert event.details == {"kind": "delegates", "rows": 1}
        assert event.forum_id == organizer.forum_id


@pytest.mark.parametrize("path", ["/export.csv", "/delegates.csv"])
def test_during_a_lockdown_the_download_is_refused_and_explained(app, path):
    organizer = organizer_client(app, locked_down=True)

    response = organizer.get(BASE + path)

    assert response.status_code == 302
    assert response.headers["Location"] == BASE + "/"
    page = organizer.get(BASE + "/").get_data(as_text=True)
    assert "stopped while the lockdown lasts" in page
    with app.app_context():
        actions = db.session.scalars(sa.select(AuditEvent.action)).all()
        assert "export_refused" in actions
        assert "personal_data_exported" not in actions


def test_the_data_page_offers_both_files_and_the_import(organizer):
    page = organizer.get(BASE + "/data").get_data(as_text=True)

    assert f'href="{BASE}/export.csv"' in page
    assert f'href="{BASE}/delegates.csv"' in page
    assert 'enctype="multipart/form-data"' in page
    assert f'action="{BASE}/import"' in page
    assert f'href="{BASE}/import/template.csv"' in page
    assert "contact_phone" in page
    assert "Canary" not in page


def test_the_data_page_says_exports_are_stopped_during_a_lockdown(app):
    organizer = organizer_client(app, locked_down=True)

    page = organizer.get(BASE + "/data").get_data(as_text=True)

    assert "stopped while the lockdown lasts" in page
    assert f'href="{BASE}/export.csv"' not in page


def test_the_template_holds_the_columns_only(organizer):
    response = organizer.get(BASE + "/import/template.csv")

    assert response.headers["Content-Disposition"] == (
        'attachment; filename="isf-4-organizations-template.csv"'
    )
    assert response.data.startswith(codecs.BOM_UTF8)
    lines = response.data.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("name_ar,name_ckb,name_en,acronym,type,")
    assert lines[1:] == [""]


def test_a_reviewer_of_the_forum_downloads_nothing(app):
    client = app.test_client()
    with app.app_context():
        forum = factories.make_forum(slug="isf-4", status=ForumStatus.OPEN)
        reviewer = factories.make_user()
        factories.grant_role(reviewer, forum, ForumRoleName.REVIEWER)
        db.session.commit()
        email = reviewer.email
    log_in(client, email)
    for path in ("/export.csv", "/delegates.csv", "/data", "/import", "/import/template.csv"):
        assert client.get(BASE + path).status_code == 403, path
