from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core.crypto import EncryptedText
from app.core.db import string_enum, utcnow
from app.extensions import db


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(db.Model):
    """An email waiting to go out, or gone. Written in the same transaction as the
    change it reports, so no email leaves for a change that was rolled back."""

    __tablename__ = "outbox_messages"
    __table_args__ = (sa.Index("ix_outbox_messages_due", "status", "send_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Addresses and bodies (names, links) are personal data: encrypted at rest.
    recipient: Mapped[str] = mapped_column(EncryptedText)
    recipient_hash: Mapped[str] = mapped_column(sa.String(64), index=True)
    locale: Mapped[str] = mapped_column(sa.String(8))
    subject: Mapped[str] = mapped_column(sa.String(255))
    body_text: Mapped[str] = mapped_column(EncryptedText)
    body_html: Mapped[str] = mapped_column(EncryptedText)
    # The Message-ID is fixed when queued, so a resend after a crash is recognisably the same mail.
    message_id: Mapped[str] = mapped_column(sa.String(255), unique=True)
    status: Mapped[OutboxStatus] = mapped_column(
        string_enum(OutboxStatus, 16), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    send_after: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
