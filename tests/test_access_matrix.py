"""Every URL rule, called as every kind of user, answers as expected.

Generated from ``app.url_map``: a new rule without an entry here fails the test,
so each view's audience is decided on purpose. Later features add their rules
and roles (forum staff, organizations) to the table.
"""

import re

import pytest

from app.core.permissions import ForumRoleName
from tests import factories
from tests.helpers import csrf_token, log_in

ROLES = ("visitor", "user", "reviewer", "organizer", "site_admin")
LOGIN = "login"  # expected answer: redirected to the login page
HOME = "home"  # expected answer: redirected to the home page
EVERYONE = dict.fromkeys(ROLES, 200)
SIGNED_IN = {"visitor": LOGIN, **dict.fromkeys(ROLES[1:], 200)}
ANONYMOUS_ONLY = {"visitor": 200, **dict.fromkeys(ROLES[1:], HOME)}

# endpoint -> (method, expected answer per role)
EXPECTED = {
    "static": ("GET", EVERYONE),
    "core.home": ("GET", EVERYONE),
    "core.health": ("GET", EVERYONE),
    "core.set_language": ("POST", dict.fromkeys(ROLES, HOME)),
    "accounts.sign_up": ("GET", ANONYMOUS_ONLY),
    "accounts.check_email": ("GET", EVERYONE),
    "accounts.verify_email": ("GET", EVERYONE),
    "accounts.login": ("GET", ANONYMOUS_ONLY),
    "accounts.logout": ("POST", {"visitor": LOGIN, **dict.fromkeys(ROLES[1:], HOME)}),
    "accounts.forgot_password": ("GET", EVERYONE),
    "accounts.reset_password": ("GET", dict.fromkeys(ROLES, "forgot")),
    "accounts.settings": ("GET", SIGNED_IN),
    "accounts.change_password": ("GET", SIGNED_IN),
    "accounts.change_email": ("GET", SIGNED_IN),
    "accounts.confirm_email_change": ("GET", EVERYONE),
}

SAMPLE_ARGUMENTS = {"token": "not-a-real-token", "filename": "css/app.css"}
REDIRECTS = {LOGIN: "/account/login", HOME: "/", "forgot": "/account/forgot"}


def test_every_view_declares_who_may_use_it(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue  # Flask's own: public files only
        view = app.view_functions[rule.endpoint]
        assert getattr(view, "access", None), f"{rule.endpoint} does not declare its audience"


def test_every_rule_has_an_expected_answer(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(EXPECTED), f"add {sorted(endpoints - set(EXPECTED))} to EXPECTED"


@pytest.fixture
def client_as(app):
    def make(role: str):
        client = app.test_client()
        if role == "visitor":
            return client
        with app.app_context():
            user = factories.make_user(is_site_admin=role == "site_admin")
            if role in ("reviewer", "organizer"):
                factories.grant_role(user, factories.make_forum(), ForumRoleName(role))
            from app.extensions import db

            db.session.commit()
            email = user.email
        log_in(client, email)
        return client

    return make


def _url(rule) -> str:
    return rule.build({name: SAMPLE_ARGUMENTS[name] for name in rule.arguments})[1]


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(app, client_as, role):
    client = client_as(role)
    token = csrf_token(client.get("/"))
    # Logging out ends the session, so it is called last.
    rules = sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint == "accounts.logout")
    for rule in rules:
        method, answers = EXPECTED[rule.endpoint]
        url = _url(rule)
        if method == "POST":
            response = client.post(url, data={"csrf_token": token, "language": "en", "next": "/"})
        else:
            response = client.get(url)
        expected = answers[role]
        where = f"{method} {url} as {role}"
        if isinstance(expected, int):
            assert response.status_code == expected, where
        else:
            assert response.status_code == 302, where
            location = re.sub(r"\?.*", "", response.headers["Location"])
            assert location == REDIRECTS[expected], where
