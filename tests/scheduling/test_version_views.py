"""The version pages: the publish form with the changes it would record, publishing,
the list of versions, one version, and the published slot on the organization's
activity pages."""

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import Forum
from app.scheduling.models import ScheduleVersion
from app.scheduling.placing import place_activity
from tests import factories
from tests.helpers import log_in, outbox_to, post_form
from tests.scheduling.board_data import accepted, make_data


@dataclass
class Setup:
    slug: str
    base: str
    talk: int
    organizer: str
    secret: str
    reviewer: str
    member: str


@pytest.fixture
def setup(app) -> Setup:
    with app.app_context():
        data = make_data()
        member = factories.make_user(email="member@example.org", locale="en")
        organization = factories.make_organization(members=[member], name_en="Humat Dijla")
        talk = accepted(data, "Save the Tigris", organization)
        accepted(data, "Not placed", factories.make_organization())
        place_activity(data.forum, talk, data.hall, data.noon, by=data.organizer)
        secret = factories.enable_two_factor(data.organizer)
        db.session.commit()
        return Setup(
            data.forum.slug,
            f"/{data.forum.slug}/staff/schedule",
            talk.id,
            data.organizer.email,
            secret,
            data.reviewer.email,
            member.email,
        )


def _organizer(app, setup):
    client = app.test_client()
    log_in(client, setup.organizer, totp_secret=setup.secret)
    return client


def test_the_publish_form_shows_what_publishing_would_record(app, setup):
    page = _organizer(app, setup).get(f"{setup.base}/publish").get_data(as_text=True)
    assert "Save the Tigris" in page
    assert "new" in page
    assert "Not placed" not in page
    assert "11:00–12:30" in page
    assert "Hall" in page
    assert 'name="note"' in page


def test_publishing_makes_version_1_tells_the_organization_and_lists_it(app, setup):
    client = _organizer(app, setup)
    response = post_form(client, f"{setup.base}/publish", {"note": "First programme"})
    assert response.headers["Location"].endswith(f"{setup.base}/versions/1")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Version 1 is published." in page
    assert "Save the Tigris" in page
    assert "First programme" in page
    listing = client.get(f"{setup.base}/versions").get_data(as_text=True)
    assert "First programme" in listing
    assert f"{setup.base}/versions/1" in listing
    with app.app_context():
        (message,) = outbox_to(setup.member)
        assert "Save the Tigris" in message.body_text


def test_publishing_an_unchanged_draft_is_refused_with_a_message(app, setup):
    client = _organizer(app, setup)
    post_form(client, f"{setup.base}/publish", {})
    response = post_form(client, f"{setup.base}/publish", {})
    assert response.status_code == 200
    assert "The draft is the same as the latest published version" in response.get_data(
        as_text=True
    )
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ScheduleVersion.id))) == 1


def test_a_reviewer_reads_the_versions_but_cannot_publish(app, setup):
    post_form(_organizer(app, setup), f"{setup.base}/publish", {})
    client = app.test_client()
    log_in(client, setup.reviewer)
    assert client.get(f"{setup.base}/versions").status_code == 200
    assert client.get(f"{setup.base}/versions/1").status_code == 200
    assert client.get(f"{setup.base}/versions/2").status_code == 404
    assert client.get(f"{setup.base}/publish").status_code == 403


def test_the_organization_sees_its_published_slot_once_published(app, setup):
    client = app.test_client()
    log_in(client, setup.member)
    view = f"/{setup.slug}/activities/{setup.talk}"
    assert "In the published programme" not in client.get(view).get_data(as_text=True)
    post_form(_organizer(app, setup), f"{setup.base}/publish", {})
    for url in (view, f"/{setup.slug}/activities/mine"):
        page = client.get(url).get_data(as_text=True)
        assert "In the published programme" in page, url
        assert "11:00–12:30" in page
        assert "Hall" in page


def test_the_version_pages_read_right_to_left_in_arabic_and_kurdish(app, setup):
    post_form(_organizer(app, setup), f"{setup.base}/publish", {})
    for language in ("ar", "ckb"):
        with app.app_context():
            reader = factories.make_user(locale=language)
            forum = db.session.scalar(sa.select(Forum).where(Forum.slug == setup.slug))
            factories.grant_role(reader, forum, ForumRoleName.REVIEWER)
            db.session.commit()
            email = reader.email
        client = app.test_client()
        log_in(client, email)
        for url in (f"{setup.base}/versions", f"{setup.base}/versions/1"):
            page = client.get(url).get_data(as_text=True)
            assert 'dir="rtl"' in page, url
            assert "Save the Tigris" in page or url.endswith("/versions")
