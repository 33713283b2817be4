"""Every URL rule, called as every kind of user, answers as expected.

Generated from ``app.url_map``: a new rule without an entry here fails the test,
so each view's audience is decided on purpose. Later features add their rules
(and roles) to the table.
"""

import re

import pytest

from app.core.permissions import ForumRoleName
from app.extensions import db
from tests import factories
from tests.helpers import csrf_token, log_in

ROLES = ("visitor", "user", "reviewer", "organizer", "organizer_elsewhere", "site_admin")
SIGNED_IN_ROLES = ROLES[1:]
FORUM = "matrix-forum"
LOGIN, HOME, FORGOT, TWO_FACTOR, PRIVACY = "login", "home", "forgot", "two_factor", "privacy"
REDIRECTS = {
    LOGIN: "/account/login",
    HOME: "/",
    FORGOT: "/account/forgot",
    TWO_FACTOR: "/account/two-factor",
    PRIVACY: "/account/privacy",
}


def signed_in(answer) -> dict:
    return {"visitor": LOGIN, **dict.fromkeys(SIGNED_IN_ROLES, answer)}


def only(allowed: dict, others=403) -> dict:
    return {"visitor": LOGIN, **dict.fromkeys(SIGNED_IN_ROLES, others), **allowed}


EVERYONE = dict.fromkeys(ROLES, 200)
ANONYMOUS_ONLY = {"visitor": 200, **dict.fromkeys(SIGNED_IN_ROLES, HOME)}

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
    "accounts.two_factor_login": ("GET", dict.fromkeys(ROLES, LOGIN)),
    "accounts.two_factor_confirm": ("GET", signed_in(200)),
    "accounts.two_factor": ("GET", signed_in(200)),
    "accounts.regenerate_recovery_codes": ("POST", signed_in(TWO_FACTOR)),
    "accounts.disable_two_factor": ("POST", signed_in(TWO_FACTOR)),
    "accounts.logout": ("POST", signed_in(HOME)),
    "accounts.forgot_password": ("GET", EVERYONE),
    "accounts.reset_password": ("GET", dict.fromkeys(ROLES, FORGOT)),
    "accounts.settings": ("GET", signed_in(200)),
    "accounts.change_password": ("GET", signed_in(200)),
    "accounts.change_email": ("GET", signed_in(200)),
    "accounts.confirm_email_change": ("GET", EVERYONE),
    "accounts.privacy_settings": ("GET", signed_in(200)),
    "accounts.toggle_hidden": ("POST", signed_in(PRIVACY)),
    "accounts.download_my_data": ("GET", signed_in(200)),
    "accounts.delete_account": ("GET", signed_in(200)),
    "safety.lockdowns": ("GET", only({"site_admin": 200})),
    "safety.start_lockdown": ("POST", only({"site_admin": 200})),  # unconfirmed: the form again
    "safety.end_lockdown": ("POST", only({"site_admin": 404})),  # no such lockdown
    "audit.site_log": ("GET", only({"site_admin": 200})),
    "forum_audit.forum_log": ("GET", only({"organizer": 200})),
}

SAMPLE_ARGUMENTS = {
    "token": "not-a-real-token",
    "filename": "css/app.css",
    "forum_slug": FORUM,
    "lockdown_id": 999999,
}


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
    """A browser signed in as ``role`` (staff who must use two-factor sign-in have it)."""

    def make(role: str):
        client = app.test_client()
        with app.app_context():
            forum = factories.make_forum(slug=FORUM)
            if role == "visitor":
                db.session.commit()
                return client
            user = factories.make_user(is_site_admin=role == "site_admin")
            secret = None
            if role in ("organizer", "organizer_elsewhere", "site_admin"):
                secret = factories.enable_two_factor(user)
            if role == "organizer_elsewhere":
                forum = factories.make_forum()
            if role in ("reviewer", "organizer", "organizer_elsewhere"):
                name = "organizer" if role.startswith("organizer") else role
                factories.grant_role(user, forum, ForumRoleName(name))
            db.session.commit()
            email = user.email
        log_in(client, email, totp_secret=secret)
        assert client.get("/account/").status_code == 200, "sign-in did not finish"
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


def test_an_unknown_forum_is_not_found_even_for_its_would_be_organizer(app, client_as):
    client = client_as("organizer")
    assert client.get("/no-such-forum/staff/audit").status_code == 404
