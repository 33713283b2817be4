"""Test fixtures: one schema per test session (built by the migrations), one
rolled-back transaction per test, SQLite by default, PostgreSQL with TEST_DATABASE_URL."""

import os

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session as FlaskSession

from app import create_app
from app.extensions import db, limiter
from config import TestConfig
from tests import factories

POSTGRES = os.environ.get("TEST_DATABASE_URL", "").startswith("postgres")


def _make_sqlite_savepoints_work(engine: sa.Engine) -> None:
    """pysqlite breaks SAVEPOINT by managing transactions itself; take over (SQLAlchemy recipe)."""

    @sa.event.listens_for(engine, "connect")
    def _no_pysqlite_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @sa.event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


def _reset_postgres_schema(engine: sa.Engine) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")


class _ConnectionBoundSession(FlaskSession):
    """Flask-SQLAlchemy picks the engine itself; in tests every session uses the
    test's connection instead, inside its transaction."""

    def get_bind(self, *args, **kwargs):
        return self.bind


@pytest.fixture(scope="session")
def app():
    app = create_app(TestConfig)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _make_sqlite_savepoints_work(db.engine)
        else:
            db.engine.dispose()
            _reset_postgres_schema(db.engine)
        upgrade()
    return app


@pytest.fixture(autouse=True)
def _isolated_database(request, app):
    """Every test runs inside a transaction that is rolled back at the end; the
    code under test may commit as it likes (its commits release savepoints)."""
    if "no_db_isolation" in request.keywords:
        yield
        return
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
        original_session = db.session
        db.session = db._make_scoped_session(
            {
                "class_": _ConnectionBoundSession,
                "bind": connection,
                "join_transaction_mode": "create_savepoint",
            }
        )
    limiter.reset()
    app.extensions["public_fast_path"].clear()  # the fast path's per-process memo
    try:
        yield
    finally:
        with app.app_context():
            db.session.remove()
        db.session = original_session
        transaction.rollback()
        connection.close()


@pytest.fixture
def ctx(app):
    """An application and request context, for service tests (never with the client)."""
    with app.test_request_context():
        yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    def make(**fields):
        with app.app_context():
            user = factories.make_user(**fields)
            db.session.commit()
            return factories.Snapshot.of(user)

    return make
