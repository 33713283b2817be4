"""Small helpers for tests that drive the app through HTTP."""

import re

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


def log_in(client, email: str, password: str = PASSWORD):
    return post_form(client, "/account/login", {"email": email, "password": password})


def outbox_to(address: str) -> list[OutboxMessage]:
    """The mail queued for an address, oldest first (inside an app context)."""
    query = (
        sa.select(OutboxMessage)
        .where(OutboxMessage.recipient_hash == recipient_hash(address))
        .order_by(OutboxMessage.id)
    )
    return list(db.session.scalars(query))
