"""Lockdown: listings off, exports refused, staff confirm their sign-in again."""

import pytest
import sqlalchemy as sa

from app.accounts.passwords import hash_password
from app.audit.models import AuditEvent
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.safety import services
from tests import factories
from tests.helpers import current_code, log_in, post_form

STAFF_PASSWORD = "a staff length passphrase"


def test_a_forum_lockdown_covers_that_forum_only(ctx):
    admin = factories.make_user(is_site_admin=True)
    baghdad, najaf = factories.make_forum(), factories.make_forum()

    lockdown = services.start_lockdown(admin, baghdad)

    assert not services.public_listings_allowed(baghdad)
    assert services.public_listings_allowed(najaf)
    with pytest.raises(services.AlreadyLockedDown):
        services.start_lockdown(admin, baghdad)
    services.end_lockdown(admin, lockdown)
    assert services.public_listings_allowed(baghdad)


def test_a_site_lockdown_covers_every_forum(ctx):
    admin = factories.make_user(is_site_admin=True)
    forum = factories.make_forum()
    services.start_lockdown(admin, None)

    assert not services.public_listings_allowed(forum)
    assert not services.public_listings_allowed(None)


def test_personal_data_exports_are_refused_and_the_attempt_audited(ctx):
    admin = factories.make_user(is_site_admin=True)
    organizer = factories.make_user()
    forum = factories.make_forum()
    services.ensure_personal_data_export_allowed(organizer, forum)  # no lockdown: fine
    services.start_lockdown(admin, forum)

    with pytest.raises(services.ExportRefused):
        services.ensure_personal_data_export_allowed(organizer, forum)

    refused = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "export_refused"))
    assert (refused.actor_id, refused.forum_id) == (organizer.id, forum.id)


def test_staff_confirm_their_sign_in_again_when_a_lockdown_starts(app):
    with app.app_context():
        organizer = factories.make_user(password_hash=hash_password(STAFF_PASSWORD))
        secret = factories.enable_two_factor(organizer)
        forum = factories.make_forum()
        factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
        admin = factories.make_user(is_site_admin=True)
        db.session.commit()
        email, forum_id, admin_id = organizer.email, forum.id, admin.id
    client = app.test_client()
    log_in(client, email, STAFF_PASSWORD, totp_secret=secret)
    assert client.get("/account/").status_code == 200

    with app.app_context():
        from app.accounts.models import User
        from app.forums.models import Forum

        services.start_lockdown(db.session.get(User, admin_id), db.session.get(Forum, forum_id))
        db.session.commit()

    asked = client.get("/account/")
    assert asked.headers["Location"].startswith("/account/two-factor/confirm")
    # A new time step, so the code is not refused as a replay of the sign-in code.
    with app.app_context():
        db.session.execute(sa.text("UPDATE users SET totp_last_counter = totp_last_counter - 2"))
        db.session.commit()
    post_form(client, "/account/two-factor/confirm", {"code": current_code(secret)})
    assert client.get("/account/").status_code == 200


def test_staff_without_two_factor_must_enrol_during_a_lockdown(app):
    with app.app_context():
        reviewer = factories.make_user(password_hash=hash_password(STAFF_PASSWORD))
        forum = factories.make_forum()
        factories.grant_role(reviewer, forum, ForumRoleName.REVIEWER)
        services.start_lockdown(factories.make_user(is_site_admin=True), forum)
        db.session.commit()
        email = reviewer.email
    client = app.test_client()
    log_in(client, email, STAFF_PASSWORD)

    assert client.get("/account/").headers["Location"] == "/account/two-factor"


def test_participants_are_not_asked_anything_during_a_lockdown(app, make_user):
    user = make_user()
    with app.app_context():
        services.start_lockdown(factories.make_user(is_site_admin=True), None)
        db.session.commit()
    client = app.test_client()
    log_in(client, user.email)
    assert client.get("/account/").status_code == 200


@pytest.fixture
def admin(app):
    with app.app_context():
        admin = factories.make_user(is_site_admin=True, password_hash=hash_password(STAFF_PASSWORD))
        secret = factories.enable_two_factor(admin)
        factories.make_forum(slug="najaf-2018")
        db.session.commit()
        email = admin.email
    client = app.test_client()
    log_in(client, email, STAFF_PASSWORD, totp_secret=secret)
    return client, secret


def test_administrator_starts_and_ends_a_lockdown_with_confirmation(app, admin):
    admin_client, secret = admin
    unconfirmed = post_form(
        admin_client, "/admin/lockdown/start", {"scope": "najaf-2018"}, page_url="/admin/lockdown/"
    )
    assert unconfirmed.status_code == 200
    assert 'id="confirm-errors"' in unconfirmed.get_data(as_text=True)
    with app.app_context():
        assert services.active_lockdowns() == []

    post_form(
        admin_client,
        "/admin/lockdown/start",
        {"scope": "najaf-2018", "confirm": "y"},
        page_url="/admin/lockdown/",
    )
    with app.app_context():
        [lockdown] = services.active_lockdowns()
        lockdown_id = lockdown.id
        # The lockdown asks its own starter to confirm too; a later time step, not a replay.
        db.session.execute(sa.text("UPDATE users SET totp_last_counter = totp_last_counter - 2"))
        db.session.commit()
    assert admin_client.get("/admin/lockdown/").headers["Location"] == (
        "/account/two-factor/confirm?next=/admin/lockdown/"
    )
    post_form(admin_client, "/account/two-factor/confirm", {"code": current_code(secret)})
    page = admin_client.get("/admin/lockdown/").get_data(as_text=True)
    assert "najaf-2018" in page

    post_form(admin_client, f"/admin/lockdown/{lockdown_id}/end", {}, page_url="/admin/lockdown/")
    with app.app_context():
        assert services.active_lockdowns() == []
        actions = set(db.session.scalars(sa.select(AuditEvent.action)))
        assert {"lockdown_started", "lockdown_ended"} <= actions
