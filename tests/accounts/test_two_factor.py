"""Two-factor sign-in: enrolment, single-use codes, the 5-minute step, who must use it."""

import pyotp
import pytest
import sqlalchemy as sa

from app.accounts import sessions, two_factor
from app.accounts.models import User
from app.accounts.passwords import hash_password
from app.audit.models import AuditEvent
from app.core.permissions import ForumRoleName
from app.extensions import db
from tests import factories
from tests.factories import PASSWORD
from tests.helpers import current_code, log_in, outbox_to, post_form


def _code_at_step(secret: str, step: int) -> str:
    return pyotp.TOTP(secret).generate_otp(step)


def test_enrolment_needs_a_right_code_and_gives_ten_recovery_codes(ctx):
    user = factories.make_user()
    secret = two_factor.start_enrolment(user)

    assert two_factor.confirm_enrolment(user, "000000") is None or not user.has_two_factor
    codes = two_factor.confirm_enrolment(user, pyotp.TOTP(secret).now())

    assert user.has_two_factor
    assert len(codes) == len(set(codes)) == 10
    assert two_factor.remaining_recovery_codes(user) == 10


def test_a_code_works_once(ctx):
    user = factories.make_user()
    secret = factories.enable_two_factor(user)
    code = pyotp.TOTP(secret).now()

    assert two_factor.verify_totp(user, code)
    assert not two_factor.verify_totp(user, code)


def test_a_code_older_than_the_last_accepted_one_is_refused(ctx):
    user = factories.make_user()
    secret = factories.enable_two_factor(user)
    step = pyotp.TOTP(secret).timecode(
        __import__("datetime").datetime.now(__import__("datetime").UTC)
    )

    assert two_factor.verify_totp(user, _code_at_step(secret, step))
    assert not two_factor.verify_totp(user, _code_at_step(secret, step - 1))


@pytest.mark.parametrize("code", ["", "12345", "abcdef", "1234567"])
def test_malformed_codes_are_refused(ctx, code):
    user = factories.make_user()
    factories.enable_two_factor(user)
    assert not two_factor.verify_totp(user, code)


def test_recovery_codes_work_once_each(ctx):
    user = factories.make_user()
    factories.enable_two_factor(user)
    codes = two_factor.replace_recovery_codes(user)

    assert two_factor.use_recovery_code(user, codes[0].upper().replace("-", " "))
    assert not two_factor.use_recovery_code(user, codes[0])
    assert two_factor.remaining_recovery_codes(user) == 9
    new_codes = two_factor.replace_recovery_codes(user)
    assert not two_factor.use_recovery_code(user, codes[1])
    assert two_factor.use_recovery_code(user, new_codes[1])


@pytest.fixture
def two_factor_user(app):
    with app.app_context():
        user = factories.make_user()
        secret = factories.enable_two_factor(user)
        db.session.commit()
        return user.email, user.id, secret


def test_sign_in_asks_for_the_code_after_the_password(app, two_factor_user):
    email, _user_id, secret = two_factor_user
    client = app.test_client()

    first = post_form(client, "/account/login", {"email": email, "password": PASSWORD})
    assert first.headers["Location"] == "/account/login/two-factor"
    assert client.get("/account/").status_code == 302  # not signed in yet

    wrong = post_form(client, "/account/login/two-factor", {"code": "000000"})
    assert wrong.status_code == 200
    right = post_form(client, "/account/login/two-factor", {"code": current_code(secret)})
    assert right.headers["Location"] == "/"
    assert client.get("/account/").status_code == 200


def test_the_two_factor_step_expires_after_five_minutes(app, two_factor_user, monkeypatch):
    email, _user_id, secret = two_factor_user
    client = app.test_client()
    post_form(client, "/account/login", {"email": email, "password": PASSWORD})
    start = sessions.clock()
    monkeypatch.setattr(sessions, "clock", lambda: start + 5 * 60 + 1)

    response = post_form(
        client,
        "/account/login/two-factor",
        {"code": current_code(secret)},
        page_url="/account/login",
    )

    assert response.headers["Location"] == "/account/login"
    assert client.get("/account/").status_code == 302


def test_a_replayed_code_does_not_sign_in_a_second_browser(app, two_factor_user):
    email, _user_id, secret = two_factor_user
    code = current_code(secret)
    first, second = app.test_client(), app.test_client()
    for client in (first, second):
        post_form(client, "/account/login", {"email": email, "password": PASSWORD})

    assert post_form(first, "/account/login/two-factor", {"code": code}).status_code == 302
    assert post_form(second, "/account/login/two-factor", {"code": code}).status_code == 200
    assert second.get("/account/").status_code == 302


def test_failed_codes_are_audited_without_the_code(app, two_factor_user):
    email, user_id, _secret = two_factor_user
    client = app.test_client()
    post_form(client, "/account/login", {"email": email, "password": PASSWORD})
    post_form(client, "/account/login/two-factor", {"code": "123456"})

    with app.app_context():
        event = db.session.scalar(
            sa.select(AuditEvent).where(AuditEvent.action == "two_factor_failed")
        )
        assert (event.object_type, event.object_id) == ("users", user_id)
        assert "123456" not in str(event.details)


@pytest.mark.parametrize(
    ("role", "required"),
    [
        (ForumRoleName.ORGANIZER, True),
        (ForumRoleName.VOLUNTEER_COORDINATOR, True),
        (ForumRoleName.INTERPRETATION_COORDINATOR, True),
        (ForumRoleName.REVIEWER, False),
        (None, False),
    ],
)
def test_roles_that_see_personal_data_must_enrol_before_anything_else(app, role, required):
    with app.app_context():
        user = factories.make_user(password_hash=hash_password("a staff length passphrase"))
        if role:
            factories.grant_role(user, factories.make_forum(), role)
        db.session.commit()
        email = user.email
    client = app.test_client()
    log_in(client, email, "a staff length passphrase")

    response = client.get("/account/")

    if required:
        assert response.headers["Location"] == "/account/two-factor"
        assert client.get("/account/two-factor").status_code == 200
    else:
        assert response.status_code == 200


def test_site_administrators_must_enrol(app):
    with app.app_context():
        admin = factories.make_user(
            is_site_admin=True, password_hash=hash_password("a staff length passphrase")
        )
        db.session.commit()
        email = admin.email
    client = app.test_client()
    log_in(client, email, "a staff length passphrase")
    assert client.get("/").headers["Location"] == "/account/two-factor"


def test_enrolment_through_the_pages_asks_for_the_password_and_emails_a_notice(app, make_user):
    user = make_user()
    client = app.test_client()
    log_in(client, user.email)
    page = client.get("/account/two-factor").get_data(as_text=True)
    assert "<svg" in page
    with app.app_context():
        secret = db.session.get(User, user.id).totp_secret

    wrong_password = post_form(
        client,
        "/account/two-factor",
        {"code": current_code(secret), "current_password": "nope"},
        page_url="/account/",
    )
    assert "This is not your current password." in wrong_password.get_data(as_text=True)
    with app.app_context():
        assert not db.session.get(User, user.id).has_two_factor

    codes_page = post_form(
        client,
        "/account/two-factor",
        {"code": current_code(secret), "current_password": PASSWORD},
        page_url="/account/",
    )
    assert codes_page.status_code == 200
    assert codes_page.get_data(as_text=True).count("<li>") >= 10
    with app.app_context():
        assert db.session.get(User, user.id).has_two_factor
        assert [m.subject for m in outbox_to(user.email)] == ["Your sign-in security changed"]


def test_two_factor_cannot_be_turned_off_by_those_who_need_it(app):
    with app.app_context():
        user = factories.make_user(password_hash=hash_password("a staff length passphrase"))
        secret = factories.enable_two_factor(user)
        factories.grant_role(user, factories.make_forum(), ForumRoleName.ORGANIZER)
        db.session.commit()
        email, user_id = user.email, user.id
    client = app.test_client()
    log_in(client, email, "a staff length passphrase", totp_secret=secret)

    post_form(
        client,
        "/account/two-factor/disable",
        {"current_password": "a staff length passphrase"},
        page_url="/account/two-factor",
    )

    with app.app_context():
        assert db.session.get(User, user_id).has_two_factor


def test_others_may_turn_it_off_with_their_password(app, two_factor_user):
    email, user_id, secret = two_factor_user
    client = app.test_client()
    log_in(client, email, totp_secret=secret)

    post_form(
        client,
        "/account/two-factor/disable",
        {"current_password": "wrong"},
        page_url="/account/two-factor",
    )
    with app.app_context():
        assert db.session.get(User, user_id).has_two_factor
    post_form(
        client,
        "/account/two-factor/disable",
        {"current_password": PASSWORD},
        page_url="/account/two-factor",
    )
    with app.app_context():
        assert not db.session.get(User, user_id).has_two_factor
        assert "Your sign-in security changed" in [m.subject for m in outbox_to(email)]
