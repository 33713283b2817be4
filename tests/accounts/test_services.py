"""Account rules, tested without HTTP."""

import itsdangerous.timed
import pytest
import sqlalchemy as sa

from app.accounts import services
from app.accounts.models import User
from app.accounts.passwords import hash_password, hasher
from app.accounts.tokens import TokenPurpose, make_token, read_token
from app.extensions import db
from app.notifications.models import OutboxMessage
from tests import factories
from tests.factories import PASSWORD
from tests.helpers import outbox_to


def outbox_for(address: str) -> list[OutboxMessage]:
    return outbox_to(address)


def link_in(message: OutboxMessage) -> str:
    return next(word for word in message.body_text.split() if word.startswith("http"))


def token_in(message: OutboxMessage) -> str:
    return link_in(message).rstrip("/").rsplit("/", 1)[1]


def test_sign_up_creates_an_unverified_account_and_mails_a_link_in_its_language(ctx):
    user = services.sign_up("  Nadia@Example.ORG ", "a long enough password", "نادية", "ar")

    assert user.email == "nadia@example.org"
    assert not user.is_verified
    assert user.password_hash.startswith("$argon2id$")
    [message] = outbox_for("nadia@example.org")
    assert message.locale == "ar"
    assert "/account/verify/" in link_in(message)
    assert 'dir="rtl"' in message.body_html


def test_sign_up_with_a_known_address_creates_nothing_and_tells_the_owner(ctx):
    owner = factories.make_user(email="owner@example.org", locale="ckb")
    count_before = db.session.scalar(sa.select(sa.func.count(User.id)))

    assert services.sign_up("OWNER@example.org", "another password!", "Intruder", "en") is None

    assert db.session.scalar(sa.select(sa.func.count(User.id))) == count_before
    assert owner.password_hash != hash_password("another password!")
    [message] = outbox_for("owner@example.org")
    assert message.locale == "ckb"
    assert "/account/verify/" not in message.body_text


def test_verification_link_works_once(ctx):
    user = services.sign_up("new@example.org", "a long enough password", "New", "en")
    token = token_in(outbox_for("new@example.org")[0])

    assert services.verify_email(token) == user
    assert user.is_verified
    assert services.verify_email(token) is None


def test_verification_link_expires(ctx, monkeypatch):
    services.sign_up("late@example.org", "a long enough password", "Late", "en")
    token = token_in(outbox_for("late@example.org")[0])
    real_time = itsdangerous.timed.time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real_time() + 49 * 3600)

    assert services.verify_email(token) is None


def test_token_of_one_purpose_does_not_serve_another(ctx):
    user = factories.make_user()
    token = make_token(user, TokenPurpose.VERIFY_EMAIL)

    assert read_token(token, TokenPurpose.RESET_PASSWORD) is None
    assert read_token(token + "x", TokenPurpose.VERIFY_EMAIL) is None
    assert read_token(token, TokenPurpose.VERIFY_EMAIL)[0] == user


def test_sign_in_with_wrong_password_or_unknown_address_gives_one_answer(ctx):
    factories.make_user(email="known@example.org")

    wrong_password = services.authenticate("known@example.org", "not the password")
    unknown = services.authenticate("unknown@example.org", PASSWORD)

    assert (
        wrong_password
        == unknown
        == services.SignInResult(problem=services.SignInProblem.WRONG_CREDENTIALS)
    )


def test_unverified_account_is_told_only_after_the_right_password_and_gets_a_new_link(ctx):
    factories.make_user(email="pending@example.org", email_verified_at=None)

    assert services.authenticate("pending@example.org", "wrong password").problem is (
        services.SignInProblem.WRONG_CREDENTIALS
    )
    assert outbox_for("pending@example.org") == []
    assert (
        services.authenticate("pending@example.org", PASSWORD).problem
        is services.SignInProblem.UNVERIFIED
    )
    assert len(outbox_for("pending@example.org")) == 1


def test_sign_in_rehashes_a_password_hashed_with_old_parameters(ctx):
    from argon2 import PasswordHasher

    old_hash = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    user = factories.make_user(password_hash=old_hash)

    result = services.authenticate(user.email, PASSWORD)

    assert result.user == user
    assert user.password_hash != old_hash
    assert not hasher.check_needs_rehash(user.password_hash)


def test_reset_link_sets_the_password_once_and_ends_every_session(ctx):
    user = factories.make_user(email="forgot@example.org")
    version = user.session_version
    services.request_password_reset("Forgot@Example.org")
    token = token_in(outbox_for("forgot@example.org")[0])

    assert services.reset_password(token, "a brand new password") == user
    assert services.authenticate(user.email, "a brand new password").user == user
    assert user.session_version == version + 1
    assert services.reset_password(token, "yet another password") is None


def test_reset_for_an_unknown_address_sends_nothing(ctx):
    services.request_password_reset("nobody@example.org")

    assert outbox_for("nobody@example.org") == []


def test_change_password_needs_the_current_one(ctx):
    user = factories.make_user()
    version = user.session_version

    assert not services.change_password(user, "wrong password", "a brand new password")
    assert user.session_version == version
    assert services.change_password(user, PASSWORD, "a brand new password")
    assert user.session_version == version + 1
    assert [m.subject for m in outbox_for(user.email)] == ["Your password was changed"]


def test_email_change_is_confirmed_from_the_new_address(ctx):
    user = factories.make_user(email="old@example.org")

    assert not services.request_email_change(user, "wrong password", "new@example.org")
    assert services.request_email_change(user, PASSWORD, "New@Example.org")
    assert user.email == "old@example.org"
    assert len(outbox_for("old@example.org")) == 1  # the notice to the old address
    token = token_in(outbox_for("new@example.org")[0])

    assert services.confirm_email_change(token) == user
    assert user.email == "new@example.org"
    assert services.confirm_email_change(token) is None


def test_email_change_to_a_taken_address_tells_its_owner_only(ctx):
    user = factories.make_user(email="mover@example.org")
    factories.make_user(email="taken@example.org")

    assert services.request_email_change(user, PASSWORD, "taken@example.org")

    [notice] = outbox_for("taken@example.org")
    assert "http" not in notice.body_text
    assert user.email == "mover@example.org"


def test_email_change_fails_if_the_address_was_taken_meanwhile(ctx):
    user = factories.make_user(email="slow@example.org")
    services.request_email_change(user, PASSWORD, "contested@example.org")
    token = token_in(outbox_for("contested@example.org")[0])
    factories.make_user(email="contested@example.org")

    assert services.confirm_email_change(token) is None
    assert user.email == "slow@example.org"


@pytest.mark.parametrize("session_id", ["", "abc", "1", "1:", ":1", "1:x", "999999:1"])
def test_malformed_or_unknown_session_ids_load_nobody(ctx, session_id):
    assert services.load_user_from_session(session_id) is None


def test_a_session_of_an_older_version_loads_nobody(ctx):
    user = factories.make_user()
    session_id = user.get_id()

    services.end_all_sessions(user)

    assert services.load_user_from_session(session_id) is None
    assert services.load_user_from_session(user.get_id()) == user


def test_make_site_admin_promotes_or_creates_a_verified_account(ctx):
    existing = factories.make_user(email="lead@example.org")

    assert services.make_site_admin("LEAD@example.org", None, "x", "en") == existing
    assert existing.is_site_admin
    created = services.make_site_admin("root@example.org", "a long enough password", "Root", "ar")
    assert created.is_site_admin
    assert created.is_verified
    with pytest.raises(ValueError, match="password"):
        services.make_site_admin("nopass@example.org", None, "x", "en")
