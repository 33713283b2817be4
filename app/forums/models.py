"""Forums and the staff roles held in them (the forum itself grows with its own issue)."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.db import utcnow
from app.core.permissions import ForumRoleName
from app.extensions import db


class Forum(db.Model):
    __tablename__ = "forums"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    end_date: Mapped[date | None]
    # Contact data of participants is deleted this many days after the forum ends.
    retention_days: Mapped[int] = mapped_column(default=60)
    contact_data_purged_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    roles: Mapped[list["ForumRole"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan"
    )


class ForumRole(db.Model):
    __tablename__ = "forum_roles"
    __table_args__ = (sa.UniqueConstraint("forum_id", "user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[ForumRoleName] = mapped_column(
        sa.Enum(
            ForumRoleName,
            native_enum=False,
            length=32,
            values_callable=lambda e: [m.value for m in e],
        )
    )
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    forum: Mapped[Forum] = relationship(back_populates="roles")
    user: Mapped[User] = relationship()
