"""Volunteers' contacts, walked through every volunteer URL rule of the matrix
forum: another volunteer of the same forum never sees the matrix volunteer's phone
nor reaches the coordinators' pages, and a volunteer coordinator of another forum
reaches none of this forum's coordinators' pages."""

import pytest

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.volunteers.models import VolunteerStatus
from tests import factories
from tests.access.test_matrix import DELEGATE_PHONE, _url, make_forum_with_objects
from tests.helpers import csrf_token, log_in
from tests.volunteers.factories import make_volunteer


@pytest.fixture
def matrix(app):
    with app.app_context():
        arguments = make_forum_with_objects("volunteer-privacy")
        db.session.commit()
    return arguments


def _volunteer_rules(app, prefix: str):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith(prefix)]


def _walk(app, client, matrix, prefix: str):
    token = csrf_token(client.get("/"))
    for rule in _volunteer_rules(app, prefix):
        url = _url(rule, matrix)
        methods = ["POST"] if "GET" not in rule.methods else ["GET"]
        for method in methods:
            response = client.open(url, method=method, data={"csrf_token": token})
            yield rule, f"{method} {url}", response


def _signed_in(app, email: str, secret: str | None = None):
    client = app.test_client()
    log_in(client, email, totp_secret=secret)
    return client


def test_another_volunteer_never_sees_the_volunteers_phone(app, matrix):
    with app.app_context():
        forum = db.session.merge(matrix["forum"])
        fellow = make_volunteer(forum, status=VolunteerStatus.APPROVED, languages=["ar"])
        email = fellow.user.email
        db.session.commit()
    client = _signed_in(app, email)
    walked = 0
    for prefix in ("volunteering.", "volunteers_staff."):
        for _rule, where, response in _walk(app, client, matrix, prefix):
            walked += 1
            body = response.get_data(as_text=True)
            assert not any(phone in body for phone in DELEGATE_PHONE), f"phone shown: {where}"
            if prefix == "volunteers_staff.":
                assert response.status_code == 403, where
    assert walked > 20


def test_a_coordinator_of_another_forum_reaches_none_of_this_forums_pages(app, matrix):
    with app.app_context():
        coordinator = factories.make_user()
        secret = factories.enable_two_factor(coordinator)
        factories.grant_role(
            coordinator, factories.make_forum(), ForumRoleName.VOLUNTEER_COORDINATOR
        )
        email = coordinator.email
        db.session.commit()
    client = _signed_in(app, email, secret)
    for _rule, where, response in _walk(app, client, matrix, "volunteers_staff."):
        body = response.get_data(as_text=True)
        assert response.status_code == 403, where
        assert not any(phone in body for phone in DELEGATE_PHONE), f"phone shown: {where}"


def test_the_forums_own_coordinator_sees_the_phone_on_the_roster(app, matrix):
    """The negative tests above could not fail if the phone were nowhere: it is here."""
    with app.app_context():
        coordinator = factories.make_user()
        secret = factories.enable_two_factor(coordinator)
        factories.grant_role(
            coordinator, db.session.merge(matrix["forum"]), ForumRoleName.VOLUNTEER_COORDINATOR
        )
        email = coordinator.email
        db.session.commit()
    client = _signed_in(app, email, secret)
    body = client.get(
        f"/volunteer-privacy/staff/volunteers/shifts/{matrix['shift_id']}/roster"
    ).get_data(as_text=True)
    assert DELEGATE_PHONE[1] in body
