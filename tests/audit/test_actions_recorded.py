"""The journeys of the safety issue leave audit rows, and no personal value in them."""

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.safety import services as safety
from tests import factories
from tests.factories import PASSWORD
from tests.helpers import log_in, post_form

CANARY_NAME = "Canaryname Audx"
CANARY_EMAIL = "canary.audx@example.org"
NEW_PASSWORD = "a brand new passphrase"


def _all_audit_text() -> str:
    rows = db.session.execute(sa.text("SELECT * FROM audit_events")).all()
    return " ".join(str(value) for row in rows for value in row)


def test_each_action_is_recorded_without_personal_values(app):
    with app.app_context():
        user = factories.make_user(email=CANARY_EMAIL, name=CANARY_NAME)
        secret = factories.enable_two_factor(user)
        forum = factories.make_forum()
        factories.grant_role(user, forum, ForumRoleName.ORGANIZER)
        db.session.commit()
        user_id, forum_id = user.id, forum.id
    client = app.test_client()

    log_in(client, CANARY_EMAIL, "not the password")
    log_in(client, "nobody.audx@example.org", PASSWORD)
    post_form(client, "/account/login", {"email": CANARY_EMAIL, "password": PASSWORD})
    post_form(client, "/account/login/two-factor", {"code": "000000"})
    log_in(client, CANARY_EMAIL, PASSWORD, totp_secret=secret)
    post_form(
        client,
        "/account/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    client.get("/account/data.json")
    with app.app_context():
        from app.accounts.models import User
        from app.forums.models import Forum

        organizer = db.session.get(User, user_id)
        forum = db.session.get(Forum, forum_id)
        admin = factories.make_user(is_site_admin=True)
        lockdown = safety.start_lockdown(admin, forum)
        with pytest.raises(safety.ExportRefused):
            safety.ensure_personal_data_export_allowed(organizer, forum)
        safety.end_lockdown(admin, lockdown)
        db.session.commit()
    runner = app.test_cli_runner()
    runner.invoke(args=["create-admin", CANARY_EMAIL])
    post_form(client, "/account/logout", {}, page_url="/account/")

    with app.app_context():
        actions = set(db.session.scalars(sa.select(AuditEvent.action)))
        assert {
            "login_failed",
            "two_factor_failed",
            "login",
            "password_changed",
            "personal_data_downloaded",
            "lockdown_started",
            "export_refused",
            "lockdown_ended",
            "site_admin_granted",
            "logout",
        } <= actions
        text = _all_audit_text().lower()
        for canary in ("canaryname", "audx", "example.org", PASSWORD, NEW_PASSWORD, "000000"):
            assert canary not in text
