from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import utcnow
from app.extensions import db


class AuditEvent(db.Model):
    """Who did what to which object, and when — ids and codes only, never personal values."""

    __tablename__ = "audit_events"
    __table_args__ = (
        sa.Index("ix_audit_events_forum_time", "forum_id", "occurred_at"),
        sa.Index("ix_audit_events_action_time", "action", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # NULL when nobody was signed in (a failed sign-in) or the account was deleted.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(sa.String(64))
    object_type: Mapped[str | None] = mapped_column(sa.String(40))
    object_id: Mapped[int | None]
    forum_id: Mapped[int | None] = mapped_column(sa.ForeignKey("forums.id", ondelete="SET NULL"))
    # Codes, counts and ids only (checked by the record helper).
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)
