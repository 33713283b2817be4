"""Nothing personal in the logs: journeys with canary values at DEBUG level."""

import logging

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.core.logging import RedactingFilter, install_redaction, redact
from app.extensions import db
from tests.helpers import log_in, outbox_to, post_form

CANARY_NAME = "Canaryname Zzqx"
CANARY_EMAIL = "canary.zzqx@example.org"
CANARY_NEW_EMAIL = "canary.newzzqx@example.org"
CANARY_PASSWORD = "zzqx canary passphrase"
CANARY_PHONE = "+9647701239876"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("sending to nadia@example.org", "nadia@example.org"),
        ("sending to first.last+tag@mail.example.co.uk", "first.last+tag@mail.example.co.uk"),
        ("call +9647701234567", "9647701234567"),
        ("call +964 770 123 4567", "770 123 4567"),
        ("call 0770-123-4567", "0770-123-4567"),
        ("call 07701234567", "07701234567"),
        ('"GET /account/verify/eyJ1aWQiOjF9.ZzQx.abc HTTP/1.1" 200', "eyJ1aWQiOjF9"),
        ('"GET /account/reset/eyJ1aWQiOjF9.ZzQx.abc HTTP/1.1" 200', "eyJ1aWQiOjF9"),
        ('"POST /account/email/confirm/eyJ1aWQiOjF9.ZzQx HTTP/1.1"', "eyJ1aWQiOjF9"),
        ('"GET /search?q=nadia HTTP/1.1"', "nadia"),
        (
            "session 4b0c8d2e6f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c",
            "4b0c8d2e6f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c",
        ),
    ],
)
def test_the_filter_redacts_secrets(text, secret):
    assert secret not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        '"GET /account/login HTTP/1.1" 200 -',
        "user 42 signed in",
        "at 2026-11-22 10:00:05",
        "port 5432",
    ],
)
def test_the_filter_leaves_ordinary_lines_alone(text):
    assert redact(text) == text


@pytest.fixture
def debug_logs(caplog):
    for name in ("", "sqlalchemy.engine", "werkzeug", "flask_limiter", "app"):
        caplog.set_level(logging.DEBUG, logger=name)
    # What production handlers get from register_logging.
    install_redaction(caplog.handler)
    yield caplog
    for installed in [f for f in caplog.handler.filters if isinstance(f, RedactingFilter)]:
        caplog.handler.removeFilter(installed)


def _everything_logged(caplog) -> str:
    return caplog.text + "\n".join(record.getMessage() for record in caplog.records)


def test_journeys_leave_no_canary_in_the_logs(app, debug_logs):
    client = app.test_client()
    post_form(
        client,
        "/account/signup",
        {"name": CANARY_NAME, "email": CANARY_EMAIL, "password": CANARY_PASSWORD},
    )
    log_in(client, CANARY_EMAIL, "a wrong password")
    with app.app_context():
        verify_link = next(
            w for w in outbox_to(CANARY_EMAIL)[0].body_text.split() if w.startswith("http")
        )
    verify_path = verify_link.split("localhost", 1)[1]
    post_form(client, verify_path, {})
    log_in(client, CANARY_EMAIL, CANARY_PASSWORD)
    post_form(
        client, "/account/email", {"email": CANARY_NEW_EMAIL, "current_password": CANARY_PASSWORD}
    )
    post_form(client, "/account/logout", {}, page_url="/account/")
    post_form(client, "/account/forgot", {"email": CANARY_EMAIL})
    with app.app_context():
        reset_link = next(
            w for w in outbox_to(CANARY_EMAIL)[-1].body_text.split() if w.startswith("http")
        )
    client.get(reset_link.split("localhost", 1)[1])
    with app.app_context():
        app.logger.info("contact %s", CANARY_PHONE)
        try:
            db.session.execute(
                sa.insert(User).values(
                    email=CANARY_EMAIL,
                    name=CANARY_NAME,
                    password_hash="x",
                    locale="ar",
                    token_nonce="n",
                )
            )
        except sa.exc.IntegrityError:
            app.logger.exception("duplicate account")
            db.session.rollback()

    logged = _everything_logged(debug_logs)
    assert "duplicate account" in logged  # the log was really captured
    tokens = [verify_link.rsplit("/", 1)[1], reset_link.rsplit("/", 1)[1]]
    for canary in (
        CANARY_EMAIL,
        "canary.zzqx",
        CANARY_NEW_EMAIL,
        CANARY_NAME,
        CANARY_PASSWORD,
        CANARY_PHONE,
        *tokens,
    ):
        assert canary not in logged, canary


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


def test_without_the_filter_the_canary_would_show():
    """The negative control: the same line through a handler with and without the filter."""
    logger = logging.getLogger("tests.log_privacy")
    logger.propagate = False
    bare, guarded = ListHandler(), ListHandler()
    install_redaction(guarded)
    logger.addHandler(bare)
    logger.addHandler(guarded)
    try:
        logger.warning("contact %s", CANARY_EMAIL)
    finally:
        logger.removeHandler(bare)
        logger.removeHandler(guarded)
    assert CANARY_EMAIL in bare.lines[0]
    # The filter rewrites the record itself, so order matters: the bare handler ran first.
    assert CANARY_EMAIL not in guarded.lines[0]


def test_development_server_request_lines_are_redacted(app, debug_logs):
    logging.getLogger("werkzeug").info(
        '%s - - [%s] "%s" %s %s',
        "127.0.0.1",
        "22/Nov/2026 10:00:00",
        "GET /account/reset/IjEiLCJhYmMi.ZzQxYQ.abcdefg HTTP/1.1",
        "200",
        "-",
    )
    assert "IjEiLCJhYmMi" not in _everything_logged(debug_logs)
    assert "/account/reset/[token]" in debug_logs.text


def test_database_errors_reach_the_log_without_the_values(app):
    """SQLAlchemy leaves bound parameters out; PostgreSQL's own "Key (…)=(…)" detail
    is redacted by the filter."""
    with app.app_context():
        db.session.execute(
            sa.insert(User).values(
                email=CANARY_EMAIL, name="x", password_hash="x", locale="ar", token_nonce="n"
            )
        )
        with pytest.raises(sa.exc.IntegrityError) as error:
            db.session.execute(
                sa.insert(User).values(
                    email=CANARY_EMAIL,
                    name=CANARY_NAME,
                    password_hash="x",
                    locale="ar",
                    token_nonce="n",
                )
            )
        db.session.rollback()
    message = str(error.value)
    assert "[parameters:" not in message
    assert CANARY_NAME not in message
    assert CANARY_EMAIL not in redact(message)


def test_postgresql_key_details_are_redacted():
    detail = "DETAIL:  Key (name, phone)=(Canaryname Zzqx, (0770) 123) already exists."
    assert redact(detail) == "DETAIL:  Key (name, phone)=([value]) already exists."
