"""Small helpers for tests that drive the app through HTTP."""

import re
from contextlib import contextmanager

import pyotp
import sqlalchemy as sa

from app.extensions import db
from app.notifications.models import OutboxMessage
from app.notifications.services import recipient_hash
from tests.factories import PASSWORD

CSRF_PATTERN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def csrf_token(response) -> str:
    match = CSRF_PATTERN.search(response.get_data(as_text=True))
    assert match, "no CSRF token on the page"
    return match.group(1)


def post_form(client, url: str, data: dict, page_url: str | None = None, **kwargs):
    """Open the page holding the form, then post it with that page's CSRF token."""
    page = client.get(page_url or url)
    return client.post(url, data={**data, "csrf_token": csrf_token(page)}, **kwargs)


def log_in(client, email: str, password: str = PASSWORD, totp_secret: str | None = None):
    """Sign in through the real pages; with ``totp_secret``, answer the second step too."""
    response = post_form(client, "/account/login", {"email": email, "password": password})
    if response.headers.get("Location") == "/account/login/two-factor":
        assert totp_secret, "this account has two-factor sign-in: pass its secret"
        response = post_form(
            client, "/account/login/two-factor", {"code": current_code(totp_secret)}
        )
    return response


def current_code(totp_secret: str) -> str:
    return pyotp.TOTP(totp_secret).now()


def outbox_to(address: str) -> list[OutboxMessage]:
    """The mail queued for an address, oldest first (inside an app context)."""
    query = (
        sa.select(OutboxMessage)
        .where(OutboxMessage.recipient_hash == recipient_hash(address))
        .order_by(OutboxMessage.id)
    )
    return list(db.session.scalars(query))


@contextmanager
def statements_run(app):
    """The SQL statements run inside the block, the tests' own savepoints aside."""
    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def count(_connection, _cursor, statement, *_args):
        if not statement.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
