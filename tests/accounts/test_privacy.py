"""A person's own data: visibility, "hide me", a copy of everything, deletion."""

import json

import pytest
import sqlalchemy as sa

from app.accounts import privacy
from app.audit.models import AuditEvent
from app.core.crypto import EncryptedText
from app.core.permissions import ForumRoleName
from app.core.visibility import Visibility, public_display_name, visible_to
from app.extensions import db
from tests import factories
from tests.factories import PASSWORD
from tests.helpers import log_in, post_form

CANARY_NAME = "Canaryname Qwzx"
CANARY_EMAIL = "canary.qwzx@example.org"


@pytest.mark.parametrize(
    ("consent", "pseudonym", "hidden", "shown"),
    [
        (False, None, False, None),
        (True, None, False, "Layla"),
        (True, "Dijla", False, "Dijla"),
        (False, "Dijla", False, "Dijla"),
        (True, "Dijla", True, None),
        (True, None, True, None),
        (False, "  ", False, None),
    ],
)
def test_public_name_needs_consent_or_a_pseudonym_and_never_shows_the_hidden(
    consent, pseudonym, hidden, shown
):
    assert public_display_name("Layla", consent, pseudonym, hidden) == shown


@pytest.mark.parametrize(
    ("visibility", "staff_or_own", "participant", "visible"),
    [
        (Visibility.PRIVATE, False, True, False),
        (Visibility.PRIVATE, True, False, True),
        (Visibility.PARTICIPANTS, False, True, True),
        (Visibility.PARTICIPANTS, False, False, False),
        (Visibility.PUBLIC, False, False, True),
    ],
)
def test_visibility_levels(visibility, staff_or_own, participant, visible):
    assert (
        visible_to(visibility, is_staff_or_own=staff_or_own, is_participant=participant) is visible
    )


def test_hide_me_takes_a_person_off_public_pages_in_one_step(app, make_user):
    user = make_user(name="Layla")
    client = app.test_client()
    log_in(client, user.email)
    post_form(client, "/account/privacy", {"public_name_consent": "y", "public_pseudonym": ""})
    with app.app_context():
        from app.accounts.models import User

        assert privacy.public_name(db.session.get(User, user.id)) == "Layla"

    post_form(client, "/account/privacy/hide", {}, page_url="/account/privacy")

    with app.app_context():
        person = db.session.get(User, user.id)
        assert privacy.public_name(person) is None
        assert db.session.scalar(
            sa.select(AuditEvent.action).where(
                AuditEvent.object_id == user.id, AuditEvent.action == "hidden_from_public"
            )
        )


def test_download_holds_everything_about_the_person_and_is_audited(app):
    with app.app_context():
        user = factories.make_user(email=CANARY_EMAIL, name=CANARY_NAME)
        factories.grant_role(user, factories.make_forum(slug="basra-2019"), ForumRoleName.REVIEWER)
        db.session.commit()
    client = app.test_client()
    log_in(client, CANARY_EMAIL)
    new_password = "a staff length passphrase"
    post_form(
        client,
        "/account/password",
        {"current_password": PASSWORD, "password": new_password, "confirm": new_password},
    )

    response = client.get("/account/data.json")

    data = json.loads(response.get_data(as_text=True))
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Cache-Control"] == "no-store"
    assert data["account"]["email"] == CANARY_EMAIL
    assert data["account"]["name"] == CANARY_NAME
    assert data["forum_roles"][0]["forum"] == "basra-2019"
    assert "Your password was changed" in [m["subject"] for m in data["emails_sent_to_you"]]
    assert "password_changed" in [e["action"] for e in data["your_actions_in_the_audit_log"]]
    with app.app_context():
        downloaded = sa.select(AuditEvent.id).where(AuditEvent.action == "personal_data_downloaded")
        assert db.session.scalar(downloaded)


def _every_text_value() -> list[str]:
    """Every text value in the database, raw and (for encrypted columns) decrypted."""
    values = []
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(sa.select(table)).mappings()
        for row in rows:
            for column in table.columns:
                value = row[column.name]
                if value is not None and not isinstance(value, int | float | bool):
                    values.append(str(value))
        raw = db.session.execute(sa.text(f"SELECT * FROM {table.name}")).all()  # noqa: S608 - our table names
        values.extend(str(value) for row in raw for value in row if value is not None)
    assert any(
        isinstance(c.type, EncryptedText) for t in db.metadata.sorted_tables for c in t.columns
    )
    return values


def test_account_deletion_leaves_no_trace_of_the_person(app):
    with app.app_context():
        user = factories.make_user(email=CANARY_EMAIL, name=CANARY_NAME)
        factories.grant_role(user, factories.make_forum(), ForumRoleName.REVIEWER)
        db.session.commit()
    client = app.test_client()
    log_in(client, CANARY_EMAIL, "wrong password")  # a failed sign-in in the audit log
    log_in(client, CANARY_EMAIL)
    post_form(
        client,
        "/account/password",
        {
            "current_password": PASSWORD,
            "password": "a staff length passphrase",
            "confirm": "a staff length passphrase",
        },
    )
    post_form(client, "/account/forgot", {"email": CANARY_EMAIL}, page_url="/account/forgot")
    post_form(client, "/account/privacy/hide", {}, page_url="/account/privacy")
    client.get("/account/data.json")
    with app.app_context():
        assert any(CANARY_NAME in value or CANARY_EMAIL in value for value in _every_text_value())

    unconfirmed = post_form(
        client, "/account/delete", {"current_password": "a staff length passphrase"}
    )
    assert unconfirmed.status_code == 200
    post_form(
        client, "/account/delete", {"current_password": "a staff length passphrase", "confirm": "y"}
    )

    assert client.get("/account/").status_code == 302
    with app.app_context():
        leftovers = [v for v in _every_text_value() if "canary" in v.lower() or "qwzx" in v.lower()]
        assert leftovers == []
        events = list(db.session.scalars(sa.select(AuditEvent)))
        assert events  # what happened is kept…
        assert {e.actor_id for e in events} == {None}  # …but no longer who
        assert "account_deleted" in {e.action for e in events}


def test_account_deletion_needs_the_password(app, make_user):
    user = make_user()
    client = app.test_client()
    log_in(client, user.email)
    post_form(client, "/account/delete", {"current_password": "wrong", "confirm": "y"})
    assert client.get("/account/").status_code == 200
