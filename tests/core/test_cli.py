import sqlalchemy as sa

from app.accounts.models import User
from app.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET
from app.extensions import db
from app.forums.models import ForumRole
from tests.helpers import log_in


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_seed_demo_can_run_twice_and_its_accounts_can_log_in(app):
    runner = app.test_cli_runner()

    first = runner.invoke(args=["seed-demo"])
    users, roles = _count(app, User), _count(app, ForumRole)
    second = runner.invoke(args=["seed-demo"])

    assert first.exit_code == second.exit_code == 0
    assert (_count(app, User), _count(app, ForumRole)) == (users, roles)
    assert users >= len(DEMO_ACCOUNTS)
    for account in DEMO_ACCOUNTS:
        assert account.email in first.output
        client = app.test_client()
        secret = DEMO_TOTP_SECRET if account.two_factor else None
        assert log_in(client, account.email, DEMO_PASSWORD, totp_secret=secret).status_code == 302
        assert client.get("/account/").status_code == 200  # nothing more to do first


def test_create_admin_creates_a_verified_administrator(app):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "Chief@Example.org"],
        input="a long enough password\na long enough password\n",
    )

    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "chief@example.org"))
        assert user.is_site_admin
        assert user.is_verified


def test_create_admin_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "short@example.org"], input="short\nshort\n"
    )

    assert result.exit_code != 0
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.email == "short@example.org")) is None


def test_create_admin_promotes_an_existing_account_without_asking_a_password(app, make_user):
    user = make_user()

    result = app.test_cli_runner().invoke(args=["create-admin", user.email])

    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.get(User, user.id).is_site_admin
