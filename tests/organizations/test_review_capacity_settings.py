"""Organizers set the forum's capacity (organizations, delegates) on the settings page."""

import pytest

from app.extensions import db
from app.forums import services
from app.forums.models import Forum
from app.forums.services import SettingsProblem
from tests.forums.test_settings_views import SETTINGS, STAFF, _errors_of, _forum, _signed_in
from tests.helpers import post_form


@pytest.mark.parametrize(
    ("given", "problems"),
    [
        ({"max_organizations": None, "max_delegates": None}, []),
        ({"max_organizations": 1, "max_delegates": 1}, []),
        ({"max_organizations": 60, "max_delegates": 200}, []),
        ({"max_organizations": 0}, [("max_organizations", SettingsProblem.OUT_OF_RANGE)]),
        ({"max_delegates": -3}, [("max_delegates", SettingsProblem.OUT_OF_RANGE)]),
        ({"max_delegates": 2.5}, [("max_delegates", SettingsProblem.OUT_OF_RANGE)]),
    ],
)
def test_the_capacity_is_optional_and_at_least_one(given, problems):
    errors = services.settings_errors(given)
    assert [(e.field, e.problem) for e in errors] == problems


def test_an_organizer_sets_and_clears_the_capacity(app):
    forum_id = _forum(app)
    organizer = _signed_in(app, forum_id)

    response = post_form(
        organizer, f"{STAFF}/settings", {**SETTINGS, "max_organizations": "60", "max_delegates": ""}
    )

    assert response.headers["Location"] == f"{STAFF}/settings"
    with app.app_context():
        forum = db.session.get(Forum, forum_id)
        assert (forum.max_organizations, forum.max_delegates) == (60, None)

    post_form(organizer, f"{STAFF}/settings", {**SETTINGS, "max_organizations": ""})
    with app.app_context():
        assert db.session.get(Forum, forum_id).max_organizations is None


def test_a_capacity_of_zero_is_explained_beside_the_field(app):
    forum_id = _forum(app)
    organizer = _signed_in(app, forum_id)

    response = post_form(organizer, f"{STAFF}/settings", {**SETTINGS, "max_delegates": "0"})

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "from 1 to 1,000,000" in _errors_of(page, "max_delegates")
    assert 'value="0"' in page
