"""Sensitive values are encrypted at rest: a copied database file or a dump of the
tables shows none of them, the keys can be rotated, and tampering is noticed."""

import os
import shutil
import subprocess
import uuid

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet
from flask_babel import lazy_gettext
from flask_migrate import upgrade

import config
from app import create_app
from app.accounts.models import User
from app.audit.models import AuditEvent
from app.core.crypto import DataKeyError, keyring, new_data_key
from app.core.key_rotation import rotate_encrypted_values
from app.extensions import db
from app.notifications.models import OutboxMessage
from app.notifications.services import queue_email, recipient_hash
from config import ProductionConfig, TestConfig
from tests import factories

CANARY_PHONE = "+9647701239876"
CANARY_ADDRESS = "9647701239876@example.org"  # an address made of the phone number
CANARY_TOTP_SECRET = "CANARYTOTPSECRETQ7ZX"
CANARY_BODY = "has just been changed"  # a phrase of the password_changed email
# Account holders' own name and address are kept in clear: the control that shows
# the raw read really sees the rows written.
HOLDER_NAME = "Holder Visible In Clear"
# Every string that must not appear in the raw storage.
SECRETS = (CANARY_PHONE, CANARY_PHONE.lstrip("+"), CANARY_ADDRESS, CANARY_TOTP_SECRET, CANARY_BODY)


@pytest.fixture(autouse=True)
def _restore_keyring():
    """The keyring is process-wide: every test here leaves it as the suite set it."""
    yield
    keyring.configure(TestConfig.DATA_KEY, TestConfig.DATA_HASH_KEY)


def _stored(column: str, table: str, row_id: int) -> str | None:
    return db.session.execute(
        sa.text(f"SELECT {column} FROM {table} WHERE id = :id"),  # noqa: S608 - our names
        {"id": row_id},
    ).scalar_one()


def _write_canaries() -> None:
    """A holder with a TOTP secret and an email queued to the canary address, committed."""
    user = factories.make_user(name=HOLDER_NAME)
    user.totp_secret = CANARY_TOTP_SECRET
    queue_email(
        CANARY_ADDRESS,
        "en",
        "password_changed",
        lazy_gettext("Your password was changed"),
        user=user,
    )
    db.session.commit()


def _assert_no_secret_in(data: bytes, where: str) -> None:
    assert HOLDER_NAME.encode() in data, f"{where} does not hold the rows just written"
    for secret in SECRETS:
        assert secret.encode() not in data, f"{secret!r} is readable in {where}"


# Round trip and tampering (in the test's rolled-back transaction).


@pytest.mark.parametrize("secret", [CANARY_TOTP_SECRET, "هاتف ٠٧٧٠١٢٣٩٨٧٦ ژمارە"])
def test_encrypted_text_reads_back_what_was_written_and_stores_a_fernet_token(app, secret):
    with app.app_context():
        user = factories.make_user(totp_secret=secret)
        without = factories.make_user()
        db.session.expire_all()

        assert db.session.scalar(sa.select(User.totp_secret).where(User.id == user.id)) == secret
        stored = _stored("totp_secret", "users", user.id)
        assert stored != secret
        assert secret not in stored
        assert Fernet(TestConfig.DATA_KEY).decrypt(stored.encode()).decode() == secret
        assert _stored("totp_secret", "users", without.id) is None


def test_encrypted_text_stores_a_new_token_each_time_so_equal_values_do_not_show(app):
    with app.app_context():
        first = factories.make_user(totp_secret=CANARY_TOTP_SECRET)
        second = factories.make_user(totp_secret=CANARY_TOTP_SECRET)

        assert _stored("totp_secret", "users", first.id) != _stored(
            "totp_secret", "users", second.id
        )


@pytest.mark.parametrize("replacement", ["tampered", "foreign key"])
def test_a_tampered_stored_value_raises_instead_of_reading_as_none(app, replacement):
    with app.app_context():
        user = factories.make_user(totp_secret=CANARY_TOTP_SECRET)
        token = _stored("totp_secret", "users", user.id)
        if replacement == "tampered":
            middle = len(token) // 2
            token = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]
        else:
            token = Fernet(new_data_key()).encrypt(CANARY_TOTP_SECRET.encode()).decode()
        db.session.execute(
            sa.text("UPDATE users SET totp_secret = :token WHERE id = :id"),
            {"token": token, "id": user.id},
        )
        db.session.expire_all()

        with pytest.raises(DataKeyError):
            db.session.scalar(sa.select(User.totp_secret).where(User.id == user.id))


# Canaries in a copied database file and in a dump.


@pytest.mark.no_db_isolation
def test_a_copied_sqlite_file_reveals_no_encrypted_value(tmp_path):
    database = tmp_path / "copied.sqlite3"

    class FileConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{database}"

    app = create_app(FileConfig)
    with app.app_context():
        upgrade()
        with app.test_request_context():
            _write_canaries()
            # The blind index finds the message by its exact address, however it is typed.
            found = db.session.scalars(
                sa.select(OutboxMessage.recipient).where(
                    OutboxMessage.recipient_hash == recipient_hash(f" {CANARY_ADDRESS.upper()} ")
                )
            ).all()
            other = sa.select(OutboxMessage.id).where(
                OutboxMessage.recipient_hash == recipient_hash("9647701239875@example.org")
            )
            assert found == [CANARY_ADDRESS]
            assert db.session.scalar(other) is None
        db.session.remove()
        db.engine.dispose()

    files = sorted(tmp_path.glob("copied.sqlite3*"))  # with any -wal, -shm or -journal
    assert database in files
    _assert_no_secret_in(b"".join(path.read_bytes() for path in files), "the database file")


@pytest.fixture
def postgres_schema_url():
    """A scratch schema on the PostgreSQL of TEST_DATABASE_URL: (its URL, its name)."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("needs PostgreSQL: set TEST_DATABASE_URL=postgresql://… to run the dump check")
    schema = f"canary_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(TestConfig.SQLALCHEMY_DATABASE_URI)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in TestConfig.SQLALCHEMY_DATABASE_URI else "?"
    yield f"{TestConfig.SQLALCHEMY_DATABASE_URI}{separator}options=-csearch_path%3D{schema}", schema
    with admin.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()


def _copy_every_table(schema: str) -> bytes:
    """What a data dump holds: every table written out by ``COPY … TO STDOUT``."""
    tables = set(sa.inspect(db.engine).get_table_names(schema=schema))
    assert set(db.metadata.tables) <= tables
    dump = bytearray()
    connection = db.engine.raw_connection()
    try:
        with connection.driver_connection.cursor() as cursor:
            for table in sorted(tables):
                with cursor.copy(f'COPY "{schema}"."{table}" TO STDOUT') as copy:
                    for chunk in copy:
                        dump += chunk
    finally:
        connection.close()
    return bytes(dump)


def _pg_dump(schema: str) -> bytes:
    libpq_url = sa.make_url(TestConfig.SQLALCHEMY_DATABASE_URI).set(drivername="postgresql")
    result = subprocess.run(
        [
            shutil.which("pg_dump"),
            "--data-only",
            f"--schema={schema}",
            libpq_url.render_as_string(hide_password=False),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return result.stdout


@pytest.mark.postgres
@pytest.mark.no_db_isolation
def test_a_postgres_dump_reveals_no_encrypted_value(postgres_schema_url):
    url, schema = postgres_schema_url

    class SchemaConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url

    app = create_app(SchemaConfig)
    with app.app_context():
        upgrade()
        with app.test_request_context():
            _write_canaries()
            assert (
                db.session.scalar(
                    sa.select(OutboxMessage.recipient).where(
                        OutboxMessage.recipient_hash == recipient_hash(CANARY_ADDRESS)
                    )
                )
                == CANARY_ADDRESS
            )
        db.session.remove()
        _assert_no_secret_in(_copy_every_table(schema), "COPY of the tables")
        if shutil.which("pg_dump"):
            _assert_no_secret_in(_pg_dump(schema), "pg_dump of the schema")
        db.engine.dispose()


# Key rotation.


def _raw_values(columns: dict[str, tuple[str, int]]) -> dict[str, str]:
    return {name: _stored(name.split(".")[1], table, row) for name, (table, row) in columns.items()}


def test_rotation_moves_every_value_to_the_new_key_so_the_old_one_can_go(app):
    old_key, new_key = TestConfig.DATA_KEY, new_data_key()
    with app.test_request_context():
        users = [factories.make_user(totp_secret=f"SECRET{n}") for n in range(5)]
        factories.make_user()  # no secret: NULL stays NULL
        message = queue_email(
            CANARY_ADDRESS, "en", "password_changed", lazy_gettext("Your password was changed")
        )
        db.session.commit()
        expected = {user.id: f"SECRET{n}" for n, user in enumerate(users)}
        columns = {"users.totp_secret": ("users", users[0].id)} | {
            f"outbox_messages.{name}": ("outbox_messages", message.id)
            for name in ("recipient", "body_text", "body_html")
        }
        before = _raw_values(columns)
        stored_values = {
            name: db.session.scalar(
                sa.text(f"SELECT count({name.split('.')[1]}) FROM {table}")  # noqa: S608
            )
            for name, (table, _row) in columns.items()
        }

        keyring.configure(f"{new_key},{old_key}", TestConfig.DATA_HASH_KEY)
        counts = rotate_encrypted_values(db.session, db.metadata, batch_size=2)

        assert {name: counts[name] for name in columns} == stored_values
        assert counts["users.totp_secret"] >= 5
        after = _raw_values(columns)
        for name in columns:
            assert after[name] != before[name]
            Fernet(new_key).decrypt(after[name].encode())  # now under the new key alone

        keyring.configure(new_key, TestConfig.DATA_HASH_KEY)
        db.session.expire_all()
        for user_id, secret in expected.items():
            assert db.session.get(User, user_id).totp_secret == secret
        assert db.session.get(OutboxMessage, message.id).recipient == CANARY_ADDRESS

        keyring.configure(old_key, TestConfig.DATA_HASH_KEY)
        db.session.expire_all()
        with pytest.raises(DataKeyError):
            db.session.scalar(sa.select(User.totp_secret).where(User.id == users[0].id))


def test_rotate_data_key_command_reports_counts_and_audits(app):
    with app.app_context():
        factories.enable_two_factor(factories.make_user())
        db.session.commit()
        secrets_stored = db.session.scalar(sa.select(sa.func.count(User.totp_secret)))

    result = app.test_cli_runner().invoke(args=["rotate-data-key", "--batch-size", "1"])

    assert result.exit_code == 0, result.output
    assert f"users.totp_secret: {secrets_stored}\n" in result.output
    assert "outbox_messages.recipient: " in result.output
    with app.app_context():
        event = db.session.scalar(
            sa.select(AuditEvent).where(AuditEvent.action == "data_key_rotated")
        )
        assert event.details["values"] >= secrets_stored
        assert event.details["columns"] >= 4


def test_rotate_data_key_command_stops_at_a_value_no_key_opens_and_names_only_its_place(app):
    with app.app_context():
        user_id = factories.make_user(totp_secret=CANARY_TOTP_SECRET).id
        db.session.commit()
    keyring.configure(new_data_key(), TestConfig.DATA_HASH_KEY)  # the old key left out too soon

    result = app.test_cli_runner().invoke(args=["rotate-data-key"])

    assert result.exit_code == 1
    assert f"users.totp_secret of row {user_id} cannot be decrypted" in result.output
    assert CANARY_TOTP_SECRET not in result.output
    assert "Traceback" not in result.output


def test_generate_data_key_prints_keys_the_keyring_accepts(app):
    runner = app.test_cli_runner()

    first, second = (runner.invoke(args=["generate-data-key"]) for _ in range(2))

    assert first.exit_code == second.exit_code == 0
    values = dict(
        line.split("=", 1) for line in first.output.splitlines() if not line.startswith("#")
    )
    assert set(values) == {"DATA_KEY", "DATA_HASH_KEY"}
    Fernet(values["DATA_KEY"])
    assert len(values["DATA_HASH_KEY"]) >= 32
    keyring.configure(values["DATA_KEY"], values["DATA_HASH_KEY"])
    assert "flask rotate-data-key" in first.output
    assert first.output != second.output


# Where the keys come from.


def test_development_generates_keys_into_the_instance_folder_once(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)

    class DevelopmentConfig(TestConfig):
        DATA_KEY = ""
        DATA_HASH_KEY = ""

    first = create_app(DevelopmentConfig)
    second = create_app(DevelopmentConfig)

    data_key = (tmp_path / "data_key").read_text().strip()
    Fernet(data_key)
    assert first.config["DATA_KEY"] == second.config["DATA_KEY"] == data_key
    assert first.config["DATA_HASH_KEY"] == (tmp_path / "data_hash_key").read_text().strip()
    assert (tmp_path / "data_key").stat().st_mode & 0o077 == 0


def test_production_without_data_keys_refuses_to_start(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)

    class KeylessProductionConfig(ProductionConfig):
        SECRET_KEY = "a production secret key"
        DATA_KEY = ""
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    with pytest.raises(RuntimeError, match="DATA_KEY"):
        create_app(KeylessProductionConfig)
    assert list(tmp_path.iterdir()) == []
