"""Volunteers of a forum, its volunteering rules, teams, shifts and sign-ups.

A shift never has more sign-ups than places: taking one locks the shift's row
(PostgreSQL) before counting, and (shift, volunteer) is unique.
"""

from datetime import datetime, time
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.crypto import EncryptedText
from app.core.db import string_enum, utcnow
from app.extensions import db
from app.forums.models import Day, Forum, Room


class VolunteeringPolicy(db.Model):
    """A forum's rules for volunteers; a forum without one uses the defaults."""

    __tablename__ = "volunteering_policies"

    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), primary_key=True
    )
    auto_approve: Mapped[bool] = mapped_column(default=False)
    # A shift can be dropped until this many hours before it starts.
    drop_cutoff_hours: Mapped[int] = mapped_column(default=24)
    max_hours_per_day: Mapped[int] = mapped_column(default=8)
    min_rest_minutes: Mapped[int] = mapped_column(default=0)
    # Shifts open for taking this many days before their day (None: any time).
    advance_days: Mapped[int | None]


class VolunteerStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class ContactPreference(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    SMS = "sms"
    WHATSAPP = "whatsapp"
    SIGNAL = "signal"
    TELEGRAM = "telegram"


class Volunteer(db.Model):
    """A user volunteering for one forum. The phone is for coordinators only."""

    __tablename__ = "volunteers"
    __table_args__ = (sa.UniqueConstraint("forum_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[VolunteerStatus] = mapped_column(
        string_enum(VolunteerStatus, 16), default=VolunteerStatus.PENDING, index=True
    )
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    skills: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    phone: Mapped[str | None] = mapped_column(EncryptedText)  # E.164
    contact_preference: Mapped[ContactPreference] = mapped_column(
        string_enum(ContactPreference, 16), default=ContactPreference.EMAIL
    )
    notes: Mapped[str | None] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    # Part of the secret calendar address; a new one revokes the old address.
    feed_nonce: Mapped[str | None] = mapped_column(sa.String(32))

    forum: Mapped[Forum] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    availability: Mapped[list["VolunteerAvailability"]] = relationship(
        back_populates="volunteer", cascade="all, delete-orphan"
    )
    signups: Mapped[list["ShiftSignup"]] = relationship(
        back_populates="volunteer", cascade="all, delete-orphan", passive_deletes=True
    )


class VolunteerAvailability(db.Model):
    """A day the volunteer can work, optionally only between two times."""

    __tablename__ = "volunteer_availability"
    __table_args__ = (sa.UniqueConstraint("volunteer_id", "day_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("volunteers.id", ondelete="CASCADE"), index=True
    )
    day_id: Mapped[int] = mapped_column(sa.ForeignKey("days.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[time | None]
    ends_at: Mapped[time | None]

    volunteer: Mapped[Volunteer] = relationship(back_populates="availability")
    day: Mapped[Day] = relationship()


class Team(db.Model):
    """Registration desk, logistics, stewards, guides, media, room hosts …"""

    __tablename__ = "volunteer_teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    name_ar: Mapped[str | None] = mapped_column(sa.String(120))
    name_ckb: Mapped[str | None] = mapped_column(sa.String(120))
    name_en: Mapped[str | None] = mapped_column(sa.String(120))
    description: Mapped[str | None] = mapped_column(sa.Text)
    # Only volunteers a coordinator approved for the team may take its shifts.
    requires_approval: Mapped[bool] = mapped_column(default=False)
    # Its shifts need a volunteer who speaks this language.
    required_language: Mapped[str | None] = mapped_column(sa.String(8))
    # Room hosts: the team whose shifts follow the published programme's sessions.
    hosts_rooms: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)

    forum: Mapped[Forum] = relationship()
    shifts: Mapped[list["Shift"]] = relationship(
        back_populates="team", cascade="all, delete-orphan", passive_deletes=True
    )
    approvals: Mapped[list["TeamApproval"]] = relationship(
        back_populates="team", cascade="all, delete-orphan"
    )


class TeamApproval(db.Model):
    """A volunteer approved for a team that requires approval."""

    __tablename__ = "volunteer_team_approvals"
    __table_args__ = (sa.UniqueConstraint("team_id", "volunteer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(
        sa.ForeignKey("volunteer_teams.id", ondelete="CASCADE"), index=True
    )
    volunteer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("volunteers.id", ondelete="CASCADE"), index=True
    )
    approved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    approved_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team] = relationship(back_populates="approvals")
    volunteer: Mapped[Volunteer] = relationship()


class Shift(db.Model):
    """A stretch of work for a team on one day of the forum (its local time)."""

    __tablename__ = "volunteer_shifts"
    __table_args__ = (
        sa.CheckConstraint("starts_at < ends_at", name="starts_before_it_ends"),
        sa.CheckConstraint("places_needed >= 1", name="at_least_one_place"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int] = mapped_column(
        sa.ForeignKey("volunteer_teams.id", ondelete="CASCADE"), index=True
    )
    day_id: Mapped[int] = mapped_column(sa.ForeignKey("days.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[time]
    ends_at: Mapped[time]
    # Where: a room of the forum, or a named area ("main entrance").
    room_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("rooms.id", ondelete="SET NULL"), index=True
    )
    area: Mapped[str | None] = mapped_column(sa.String(120))
    places_needed: Mapped[int] = mapped_column(default=1)
    description: Mapped[str | None] = mapped_column(sa.Text)
    # A room host's shift follows this session of the published programme.
    activity_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    forum: Mapped[Forum] = relationship()
    team: Mapped[Team] = relationship(back_populates="shifts")
    day: Mapped[Day] = relationship()
    room: Mapped[Room | None] = relationship()
    signups: Mapped[list["ShiftSignup"]] = relationship(
        back_populates="shift", cascade="all, delete-orphan", passive_deletes=True
    )


class ShiftSignup(db.Model):
    """A volunteer on a shift: taken by them, or assigned by a coordinator (who may
    override a rule, with a reason); then checked in, hours worked, or a no-show."""

    __tablename__ = "volunteer_shift_signups"
    __table_args__ = (sa.UniqueConstraint("shift_id", "volunteer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(
        sa.ForeignKey("volunteer_shifts.id", ondelete="CASCADE"), index=True
    )
    volunteer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("volunteers.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    override_reason: Mapped[str | None] = mapped_column(sa.Text)
    checked_in_at: Mapped[datetime | None]
    checked_in_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    minutes_worked: Mapped[int | None]
    no_show: Mapped[bool] = mapped_column(default=False)
    reminded_at: Mapped[datetime | None]

    shift: Mapped[Shift] = relationship(back_populates="signups")
    volunteer: Mapped[Volunteer] = relationship(back_populates="signups")
