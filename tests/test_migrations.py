"""The migrations build exactly the models' schema, and can be undone and redone."""

import os
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from app import create_app
from app.extensions import db
from config import TestConfig

pytestmark = pytest.mark.no_db_isolation


@pytest.fixture
def scratch_database_url(tmp_path):
    """An empty database of the kind the suite runs on, thrown away afterwards."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    schema = f"migrations_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(TestConfig.SQLALCHEMY_DATABASE_URI)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in TestConfig.SQLALCHEMY_DATABASE_URI else "?"
    yield f"{TestConfig.SQLALCHEMY_DATABASE_URI}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()


def _differences(app) -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def _tables() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade_matches_the_models(scratch_database_url):
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = scratch_database_url

    app = create_app(Config)
    with app.app_context():
        upgrade()
        assert _differences(app) == []
        assert _tables() == set(db.metadata.tables)

        downgrade(revision="base")
        assert _tables() == set()

        upgrade()
        assert _differences(app) == []
        db.engine.dispose()


def test_queued_mail_survives_the_move_to_encrypted_columns(scratch_database_url):
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = scratch_database_url

    app = create_app(Config)
    with app.app_context():
        upgrade(revision="0001")
        db.session.execute(
            sa.text(
                "INSERT INTO outbox_messages (recipient, locale, subject, body_text, body_html,"
                " message_id, status, attempts, created_at, send_after) VALUES"
                " ('waiting@example.org', 'ar', 's', 'plain body', '<p>body</p>', '<m1@x>',"
                " 'pending', 0, :now, :now),"
                " ('gone@example.org', 'ar', 's', 'sent body', '<p>sent</p>', '<m2@x>',"
                " 'sent', 1, :now, :now)"
            ),
            {"now": "2026-11-20 10:00:00"},
        )
        db.session.commit()
        upgrade()

        from app.notifications.models import OutboxMessage
        from tests.helpers import outbox_to

        [waiting] = outbox_to("waiting@example.org")
        assert waiting.body_text == "plain body"
        assert outbox_to("gone@example.org") == []
        raw = db.session.execute(sa.text("SELECT recipient, body_text FROM outbox_messages")).one()
        assert "waiting" not in raw.recipient
        assert "plain" not in raw.body_text
        assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 1
        db.session.remove()
        db.engine.dispose()
