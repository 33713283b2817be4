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
