"""Forums (seasons and local fora), their calendar, rooms, themes, charter and staff."""

from datetime import date, datetime, time
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.db import string_enum, utcnow
from app.core.permissions import ForumRoleName
from app.extensions import db


class ForumKind(StrEnum):
    SEASON = "season"
    LOCAL = "local"


class ForumStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    ARCHIVED = "archived"


class SlotKind(StrEnum):
    SESSION = "session"
    BREAK = "break"


class Forum(db.Model):
    __tablename__ = "forums"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    kind: Mapped[ForumKind] = mapped_column(string_enum(ForumKind, 16), default=ForumKind.SEASON)
    # A local forum may belong to a national season.
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("forums.id", ondelete="SET NULL"))
    number: Mapped[int | None]
    name_ar: Mapped[str | None] = mapped_column(sa.String(200))
    name_ckb: Mapped[str | None] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    slogan_ar: Mapped[str | None] = mapped_column(sa.String(300))
    slogan_ckb: Mapped[str | None] = mapped_column(sa.String(300))
    slogan_en: Mapped[str | None] = mapped_column(sa.String(300))
    city: Mapped[str | None] = mapped_column(sa.String(120))
    governorate: Mapped[str | None] = mapped_column(sa.String(20))
    country: Mapped[str] = mapped_column(sa.String(2), default="IQ")
    venue: Mapped[str | None] = mapped_column(sa.String(200))
    address: Mapped[str | None] = mapped_column(sa.String(300))
    timezone: Mapped[str] = mapped_column(sa.String(64), default="Asia/Baghdad")
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    registration_opens: Mapped[date | None]
    registration_closes: Mapped[date | None]
    proposals_open: Mapped[date | None]
    proposals_close: Mapped[date | None]
    volunteering_opens: Mapped[date | None]
    volunteering_closes: Mapped[date | None]
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=lambda: ["ar", "ckb", "en"])
    max_delegates_per_organization: Mapped[int] = mapped_column(default=5)
    max_activities_per_organization: Mapped[int] = mapped_column(default=3)
    # The forum's capacity; registrations beyond it go on the waiting list (None: no limit).
    max_organizations: Mapped[int | None]
    max_delegates: Mapped[int | None]
    # An assembly needs at least this many co-organizing organizations besides its lead.
    min_assembly_co_organizers: Mapped[int] = mapped_column(default=0)
    status: Mapped[ForumStatus] = mapped_column(
        string_enum(ForumStatus, 16), default=ForumStatus.DRAFT
    )
    # Contact data of participants is deleted this many days after the forum ends.
    retention_days: Mapped[int] = mapped_column(default=60)
    contact_data_purged_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    parent: Mapped["Forum | None"] = relationship(remote_side=[id], back_populates="local_fora")
    local_fora: Mapped[list["Forum"]] = relationship(back_populates="parent")
    roles: Mapped[list["ForumRole"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan"
    )
    days: Mapped[list["Day"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan", order_by="Day.date"
    )
    rooms: Mapped[list["Room"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan", order_by="Room.position"
    )
    themes: Mapped[list["Theme"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan", order_by="Theme.position"
    )
    charters: Mapped[list["CharterVersion"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan", order_by="CharterVersion.version"
    )

    @property
    def current_charter(self) -> "CharterVersion | None":
        return self.charters[-1] if self.charters else None


class ForumRole(db.Model):
    __tablename__ = "forum_roles"
    __table_args__ = (sa.UniqueConstraint("forum_id", "user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[ForumRoleName] = mapped_column(string_enum(ForumRoleName, 32))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    forum: Mapped[Forum] = relationship(back_populates="roles")
    user: Mapped[User] = relationship()


class CharterVersion(db.Model):
    """The charter organizations endorse; a new version asks for a new endorsement."""

    __tablename__ = "charter_versions"
    __table_args__ = (sa.UniqueConstraint("forum_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    text_ar: Mapped[str | None] = mapped_column(sa.Text)
    text_ckb: Mapped[str | None] = mapped_column(sa.Text)
    text_en: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    forum: Mapped[Forum] = relationship(back_populates="charters")


class Day(db.Model):
    __tablename__ = "days"
    __table_args__ = (sa.UniqueConstraint("forum_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[date]

    forum: Mapped[Forum] = relationship(back_populates="days")
    slots: Mapped[list["TimeSlot"]] = relationship(
        back_populates="day", cascade="all, delete-orphan", order_by="TimeSlot.starts_at"
    )


class TimeSlot(db.Model):
    """A session slot or a named break (lunch, prayer) of one day, in the forum's time zone."""

    __tablename__ = "time_slots"
    __table_args__ = (
        sa.UniqueConstraint("day_id", "starts_at"),
        sa.CheckConstraint("starts_at < ends_at", name="starts_before_it_ends"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day_id: Mapped[int] = mapped_column(sa.ForeignKey("days.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[time]
    ends_at: Mapped[time]
    kind: Mapped[SlotKind] = mapped_column(string_enum(SlotKind, 16), default=SlotKind.SESSION)
    label_ar: Mapped[str | None] = mapped_column(sa.String(80))
    label_ckb: Mapped[str | None] = mapped_column(sa.String(80))
    label_en: Mapped[str | None] = mapped_column(sa.String(80))

    day: Mapped[Day] = relationship(back_populates="slots")


class Room(db.Model):
    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    name_ar: Mapped[str | None] = mapped_column(sa.String(120))
    name_ckb: Mapped[str | None] = mapped_column(sa.String(120))
    name_en: Mapped[str | None] = mapped_column(sa.String(120))
    capacity: Mapped[int]
    has_booth: Mapped[bool] = mapped_column(default=False)
    booth_channels: Mapped[int] = mapped_column(default=0)
    step_free: Mapped[bool] = mapped_column(default=True)
    equipment: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    position: Mapped[int] = mapped_column(default=0)

    forum: Mapped[Forum] = relationship(back_populates="rooms")
    closures: Mapped[list["RoomClosure"]] = relationship(
        back_populates="room", cascade="all, delete-orphan"
    )


class RoomClosure(db.Model):
    """A room unavailable for part of a day."""

    __tablename__ = "room_closures"
    __table_args__ = (sa.CheckConstraint("starts_at < ends_at", name="starts_before_it_ends"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(sa.ForeignKey("rooms.id", ondelete="CASCADE"), index=True)
    day_id: Mapped[int] = mapped_column(sa.ForeignKey("days.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[time]
    ends_at: Mapped[time]

    room: Mapped[Room] = relationship(back_populates="closures")
    day: Mapped[Day] = relationship()


class Theme(db.Model):
    """One of the forum's thematic axes."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    name_ar: Mapped[str | None] = mapped_column(sa.String(200))
    name_ckb: Mapped[str | None] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    position: Mapped[int] = mapped_column(default=0)

    forum: Mapped[Forum] = relationship(back_populates="themes")
