"""The email outbox: queue in the caller's transaction, deliver after commit."""

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import LazyString, force_locale

from app.core.crypto import blind_index
from app.core.db import utcnow
from app.extensions import db
from app.notifications.mailer import transmit
from app.notifications.models import OutboxMessage, OutboxStatus

SESSION_KEY = "outbox_new_ids"


def recipient_hash(address: str) -> str:
    return blind_index("email:" + address.strip().lower())


def queue_email(
    recipient: str, locale: str, template: str, subject: LazyString, **context
) -> OutboxMessage:
    """Render ``templates/email/<template>.txt/.html`` in ``locale`` and queue it.

    ``subject`` is a lazy string (``_l``), translated here into the recipient's
    language. The row is flushed, not committed: it goes out only if the caller
    commits, and then ``app.notifications.dispatch`` sends it.
    """
    with force_locale(locale):
        rendered_subject = str(subject)
        body_text = render_template(f"email/{template}.txt", locale=locale, **context)
        body_html = render_template(f"email/{template}.html", locale=locale, **context)
    domain = current_app.config["MAIL_DEFAULT_SENDER"].rpartition("@")[2].strip("> ") or "localhost"
    message = OutboxMessage(
        recipient=recipient,
        recipient_hash=recipient_hash(recipient),
        locale=locale,
        subject=rendered_subject,
        body_text=body_text,
        body_html=body_html,
        message_id=f"<{secrets.token_hex(16)}@{domain}>",
    )
    db.session.add(message)
    db.session.flush()
    db.session.info.setdefault(SESSION_KEY, []).append(message.id)
    return message


def _claim(message_id: int, now: datetime) -> bool:
    """Move one due message from pending to sending; False when someone else has it."""
    claimed = db.session.execute(
        sa.update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.send_after <= now,
        )
        .values(status=OutboxStatus.SENDING, attempts=OutboxMessage.attempts + 1, claimed_at=now)
    )
    db.session.commit()
    return claimed.rowcount == 1


def deliver(message_id: int, send: Callable[[OutboxMessage], None] = transmit) -> bool:
    """Send one message if it is still due; idempotent, safe to call twice.

    The claim is an atomic pending → sending update, so two workers (or a job and
    ``flask send-mail``) never both send it. A failure puts it back with a growing
    delay until ``MAIL_MAX_ATTEMPTS``, then marks it failed.
    """
    now = utcnow()
    if not _claim(message_id, now):
        return False
    message = db.session.get(OutboxMessage, message_id)
    try:
        send(message)
    except Exception as error:  # any transport failure is retried later
        message.last_error = type(error).__name__
        if message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
            message.status = OutboxStatus.FAILED
        else:
            message.status = OutboxStatus.PENDING
            message.send_after = now + timedelta(minutes=2**message.attempts)
        db.session.commit()
        return False
    message.status = OutboxStatus.SENT
    message.sent_at = utcnow()
    message.last_error = None
    db.session.commit()
    return True


def due_message_ids(now: datetime | None = None, limit: int = 500) -> list[int]:
    now = now or utcnow()
    return list(
        db.session.scalars(
            sa.select(OutboxMessage.id)
            .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.send_after <= now)
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
    )


def send_due(send: Callable[[OutboxMessage], None] = transmit) -> tuple[int, int]:
    """Deliver every due message; returns (sent, not sent)."""
    sent = failed = 0
    for message_id in due_message_ids():
        if deliver(message_id, send):
            sent += 1
        else:
            failed += 1
    return sent, failed


def release_stuck(older_than: timedelta = timedelta(minutes=15)) -> int:
    """Messages left in 'sending' by a worker that died go back to pending."""
    result = db.session.execute(
        sa.update(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.SENDING,
            OutboxMessage.claimed_at <= utcnow() - older_than,
        )
        .values(status=OutboxStatus.PENDING)
    )
    db.session.commit()
    return result.rowcount


def take_committed_ids(session: sa.orm.Session) -> list[int]:
    """The messages queued in a transaction that has just committed."""
    return session.info.pop(SESSION_KEY, [])


def forget_rolled_back_ids(session: sa.orm.Session) -> None:
    session.info.pop(SESSION_KEY, None)
