"""The draft schedule (placements of accepted activities into rooms and slots), the
organizers' overrides of broken rules, auto-scheduler suggestions, and published
versions with their change lists.

One session per room and slot is a unique constraint on ``placement_cells``: the
database, not a check in Python, decides between two organizers placing into the
same cell at the same moment.
"""

from datetime import datetime, time
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.activities.models import Activity
from app.core.db import string_enum, utcnow
from app.extensions import db
from app.forums.models import Day, Room, TimeSlot


class Placement(db.Model):
    """An accepted activity placed in the draft schedule: one room, consecutive
    session slots of one day (its cells)."""

    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), unique=True
    )
    room_id: Mapped[int] = mapped_column(sa.ForeignKey("rooms.id", ondelete="CASCADE"), index=True)
    day_id: Mapped[int] = mapped_column(sa.ForeignKey("days.id", ondelete="CASCADE"), index=True)
    # A pinned session stays where it is when the auto-scheduler runs.
    pinned: Mapped[bool] = mapped_column(default=False)
    placed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    placed_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    activity: Mapped[Activity] = relationship()
    room: Mapped[Room] = relationship()
    day: Mapped[Day] = relationship()
    cells: Mapped[list["PlacementCell"]] = relationship(
        back_populates="placement", cascade="all, delete-orphan", passive_deletes=True
    )


class PlacementCell(db.Model):
    """One room × slot taken by a placement."""

    __tablename__ = "placement_cells"
    __table_args__ = (
        sa.UniqueConstraint("room_id", "slot_id", name="uq_placement_cells_room_slot"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    room_id: Mapped[int] = mapped_column(sa.ForeignKey("rooms.id", ondelete="CASCADE"))
    slot_id: Mapped[int] = mapped_column(
        sa.ForeignKey("time_slots.id", ondelete="CASCADE"), index=True
    )

    placement: Mapped[Placement] = relationship(back_populates="cells")
    slot: Mapped[TimeSlot] = relationship()


class ConflictOverride(db.Model):
    """An organizer's decision to keep a change that breaks a hard rule: who, why,
    when. ``conflict_key`` names the conflict (rule and the sessions involved); the
    override is shown on the board while that conflict lasts and deleted after."""

    __tablename__ = "conflict_overrides"
    __table_args__ = (sa.UniqueConstraint("forum_id", "conflict_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    conflict_key: Mapped[str] = mapped_column(sa.String(200))
    rule: Mapped[str] = mapped_column(sa.String(32))
    reason: Mapped[str] = mapped_column(sa.Text)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped[User | None] = relationship()


class SuggestionStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"
    APPLIED = "applied"  # accepted whole or in part
    DISCARDED = "discarded"


class ScheduleSuggestion(db.Model):
    """One run of the auto-scheduler: a proposed schedule the organizer reviews.

    ``placements``: [{"activity_id", "room_id", "slot_ids"}] for every session of the
    proposal (kept ones included); ``unplaced``: [{"activity_id", "reason"}].
    ``keep_placed``: the run kept every placed session where it was (otherwise the
    unpinned ones could move). ``solver_status``: how good the proposal is known to
    be ("optimal", "feasible", "greedy", or "unavailable" without OR-Tools).
    """

    __tablename__ = "schedule_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[SuggestionStatus] = mapped_column(
        string_enum(SuggestionStatus, 16), default=SuggestionStatus.QUEUED
    )
    time_limit_seconds: Mapped[int] = mapped_column(default=20)
    keep_placed: Mapped[bool] = mapped_column(default=True)
    requested_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    progress: Mapped[int] = mapped_column(default=0)  # per cent of the time limit
    objective: Mapped[float | None]
    solver_status: Mapped[str | None] = mapped_column(sa.String(16))
    placements: Mapped[list[dict]] = mapped_column(sa.JSON, default=list)
    unplaced: Mapped[list[dict]] = mapped_column(sa.JSON, default=list)
    error: Mapped[str | None] = mapped_column(sa.Text)

    requested_by: Mapped[User | None] = relationship()


class ScheduleVersion(db.Model):
    """A published, numbered, frozen copy of the draft schedule. The public sees
    the latest one only."""

    __tablename__ = "schedule_versions"
    __table_args__ = (sa.UniqueConstraint("forum_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    note: Mapped[str | None] = mapped_column(sa.Text)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    published_by: Mapped[User | None] = relationship()
    sessions: Mapped[list["PublishedSession"]] = relationship(
        back_populates="version", cascade="all, delete-orphan", passive_deletes=True
    )
    changes: Mapped[list["ScheduleChange"]] = relationship(
        back_populates="version", cascade="all, delete-orphan", passive_deletes=True
    )


class PublishedSession(db.Model):
    """A session as a version published it: room, day and times, frozen."""

    __tablename__ = "published_sessions"
    __table_args__ = (sa.UniqueConstraint("version_id", "activity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("schedule_versions.id", ondelete="CASCADE"), index=True
    )
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    room_id: Mapped[int] = mapped_column(sa.ForeignKey("rooms.id", ondelete="CASCADE"), index=True)
    day_id: Mapped[int] = mapped_column(sa.ForeignKey("days.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[time]
    ends_at: Mapped[time]
    slot_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)

    version: Mapped[ScheduleVersion] = relationship(back_populates="sessions")
    activity: Mapped[Activity] = relationship()
    room: Mapped[Room] = relationship()
    day: Mapped[Day] = relationship()


class ChangeKind(StrEnum):
    NEW = "new"
    MOVED = "moved"
    CANCELLED = "cancelled"


class ScheduleChange(db.Model):
    """What a version changed since the one before: a session new, moved or cancelled."""

    __tablename__ = "schedule_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("schedule_versions.id", ondelete="CASCADE"), index=True
    )
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ChangeKind] = mapped_column(string_enum(ChangeKind, 16))

    version: Mapped[ScheduleVersion] = relationship(back_populates="changes")
    activity: Mapped[Activity] = relationship()
