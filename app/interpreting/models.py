"""Interpreters of a forum with their languages, directions and modes, the
interpretation each placed session needs, and the assignments that cover them.

Needs are derived from the schedule and the activities (``needs.py``); one the
coordinator edited is kept as edited when they are derived again.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.activities.models import Activity, InterpretationMode
from app.core.db import string_enum, utcnow
from app.extensions import db
from app.forums.models import Day, Forum


class InterpretingPolicy(db.Model):
    """A forum's rules for the interpretation team; without one, the defaults."""

    __tablename__ = "interpreting_policies"

    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), primary_key=True
    )
    # A pair nobody covers directly may go through a third language (ckb → ar → en).
    allow_relay: Mapped[bool] = mapped_column(default=True)
    max_sessions_per_day: Mapped[int] = mapped_column(default=3)
    # Simultaneous sessions longer than this need a booth team of two per language.
    booth_team_after_minutes: Mapped[int] = mapped_column(default=60)


class InterpreterStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class LanguageLevel(StrEnum):
    A = "A"  # native
    B = "B"  # active
    C = "C"  # passive


class Interpreter(db.Model):
    """A member of a forum's interpretation team (a user; approved by the coordinator)."""

    __tablename__ = "interpreters"
    __table_args__ = (sa.UniqueConstraint("forum_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[InterpreterStatus] = mapped_column(
        string_enum(InterpreterStatus, 16), default=InterpreterStatus.PENDING, index=True
    )
    modes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)  # InterpretationMode values
    # First forum (False) or experienced (True): booth teams mix the two.
    experienced: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    # Part of the secret calendar address; a new one revokes the old address.
    feed_nonce: Mapped[str | None] = mapped_column(sa.String(32))

    forum: Mapped[Forum] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    languages: Mapped[list["InterpreterLanguage"]] = relationship(
        back_populates="interpreter", cascade="all, delete-orphan"
    )
    directions: Mapped[list["InterpreterDirection"]] = relationship(
        back_populates="interpreter", cascade="all, delete-orphan"
    )
    availability: Mapped[list["InterpreterAvailability"]] = relationship(
        back_populates="interpreter", cascade="all, delete-orphan"
    )
    assignments: Mapped[list["InterpretationAssignment"]] = relationship(
        back_populates="interpreter", cascade="all, delete-orphan", passive_deletes=True
    )


class InterpreterLanguage(db.Model):
    __tablename__ = "interpreter_languages"
    __table_args__ = (sa.UniqueConstraint("interpreter_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interpreter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("interpreters.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(sa.String(8))
    level: Mapped[LanguageLevel] = mapped_column(string_enum(LanguageLevel, 1))

    interpreter: Mapped[Interpreter] = relationship(back_populates="languages")


class InterpreterDirection(db.Model):
    """A direction the interpreter works in: from ``source`` into ``target``."""

    __tablename__ = "interpreter_directions"
    __table_args__ = (
        sa.UniqueConstraint("interpreter_id", "source", "target"),
        sa.CheckConstraint("source != target", name="two_languages"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interpreter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("interpreters.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(sa.String(8))
    target: Mapped[str] = mapped_column(sa.String(8))

    interpreter: Mapped[Interpreter] = relationship(back_populates="directions")


class InterpreterAvailability(db.Model):
    """A day of the forum the interpreter can work."""

    __tablename__ = "interpreter_availability"
    __table_args__ = (sa.UniqueConstraint("interpreter_id", "day_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interpreter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("interpreters.id", ondelete="CASCADE"), index=True
    )
    day_id: Mapped[int] = mapped_column(sa.ForeignKey("days.id", ondelete="CASCADE"), index=True)

    interpreter: Mapped[Interpreter] = relationship(back_populates="availability")
    day: Mapped[Day] = relationship()


class InterpretationNeed(db.Model):
    """What a placed session needs: interpretation from ``source`` into ``target``
    in ``mode``, by ``team_size`` interpreters; through ``relay`` (a third language)
    when nobody covers the pair directly. ``edited``: the coordinator changed it, so
    deriving the needs again keeps it as it is."""

    __tablename__ = "interpretation_needs"
    __table_args__ = (
        sa.UniqueConstraint("activity_id", "source", "target"),
        sa.CheckConstraint("team_size BETWEEN 1 AND 2", name="team_of_one_or_two"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(sa.String(8))
    target: Mapped[str] = mapped_column(sa.String(8))
    relay: Mapped[str | None] = mapped_column(sa.String(8))
    mode: Mapped[InterpretationMode] = mapped_column(string_enum(InterpretationMode, 16))
    team_size: Mapped[int] = mapped_column(default=1)
    # The booth channel the target language is on (simultaneous only).
    channel: Mapped[int | None]
    edited: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    activity: Mapped[Activity] = relationship()
    assignments: Mapped[list["InterpretationAssignment"]] = relationship(
        back_populates="need", cascade="all, delete-orphan", passive_deletes=True
    )


class InterpretationAssignment(db.Model):
    """An interpreter covering a need of a placed session (interpreter × session)."""

    __tablename__ = "interpretation_assignments"
    __table_args__ = (sa.UniqueConstraint("need_id", "interpreter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(
        sa.ForeignKey("interpretation_needs.id", ondelete="CASCADE"), index=True
    )
    interpreter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("interpreters.id", ondelete="CASCADE"), index=True
    )
    # Kept by the automatic assignment (the coordinator placed it by hand).
    pinned: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    need: Mapped[InterpretationNeed] = relationship(back_populates="assignments")
    interpreter: Mapped[Interpreter] = relationship(back_populates="assignments")
