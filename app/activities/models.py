"""Activities proposed by organizations for a forum: presenters, co-organizers,
reviews, the message thread, and merges (the WSF's agglutination).

Presenters' contacts and the thread's messages are encrypted at rest.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.crypto import EncryptedText
from app.core.db import string_enum, utcnow
from app.extensions import db
from app.forums.models import Day, Forum, Theme
from app.organizations.models import Organization


class ActivityFormat(StrEnum):
    WORKSHOP = "workshop"
    SEMINAR = "seminar"
    ASSEMBLY = "assembly"
    CULTURAL = "cultural"
    SPORTS = "sports"
    SCREENING = "screening"
    EXHIBITION = "exhibition"
    OTHER = "other"


class InterpretationMode(StrEnum):
    SIMULTANEOUS = "simultaneous"
    CONSECUTIVE = "consecutive"
    WHISPERED = "whispered"


class ActivityStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MERGED = "merged"
    WITHDRAWN = "withdrawn"


class Activity(db.Model):
    __tablename__ = "activities"
    __table_args__ = (sa.CheckConstraint("length_slots BETWEEN 1 AND 3", name="length_in_slots"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    lead_organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    title_ar: Mapped[str | None] = mapped_column(sa.String(200))
    title_ckb: Mapped[str | None] = mapped_column(sa.String(200))
    title_en: Mapped[str | None] = mapped_column(sa.String(200))
    description_ar: Mapped[str | None] = mapped_column(sa.Text)
    description_ckb: Mapped[str | None] = mapped_column(sa.Text)
    description_en: Mapped[str | None] = mapped_column(sa.Text)
    theme_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="SET NULL"), index=True
    )
    format: Mapped[ActivityFormat] = mapped_column(
        string_enum(ActivityFormat, 16), default=ActivityFormat.WORKSHOP
    )
    spoken_languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # Interpretation wanted: into these languages, in this mode.
    interpretation_into: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    interpretation_mode: Mapped[InterpretationMode | None] = mapped_column(
        string_enum(InterpretationMode, 16)
    )
    expected_attendance: Mapped[int | None]
    length_slots: Mapped[int] = mapped_column(default=1)
    equipment: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    accessibility_notes: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[ActivityStatus] = mapped_column(
        string_enum(ActivityStatus, 16), default=ActivityStatus.DRAFT, index=True
    )
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    decision_message: Mapped[str | None] = mapped_column(EncryptedText)
    withdrawn_at: Mapped[datetime | None]
    # A proposal merged away (fusion) points to the activity it became part of.
    merged_into_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    forum: Mapped[Forum] = relationship()
    lead_organization: Mapped[Organization] = relationship()
    theme: Mapped[Theme | None] = relationship()
    merged_into: Mapped["Activity | None"] = relationship(remote_side=[id])
    presenters: Mapped[list["Presenter"]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="Presenter.position"
    )
    co_organizers: Mapped[list["CoOrganizer"]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="CoOrganizer.id"
    )
    day_wishes: Mapped[list["DayWish"]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )


class DayWish(db.Model):
    """A day the activity would prefer, or one it cannot do."""

    __tablename__ = "activity_day_wishes"
    __table_args__ = (sa.UniqueConstraint("activity_id", "day_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    day_id: Mapped[int] = mapped_column(sa.ForeignKey("days.id", ondelete="CASCADE"), index=True)
    # True: a preferred day; False: a day the activity cannot do.
    preferred: Mapped[bool]

    activity: Mapped[Activity] = relationship(back_populates="day_wishes")
    day: Mapped[Day] = relationship()


class Presenter(db.Model):
    """Someone who presents; they may have no account. Shown publicly only with consent."""

    __tablename__ = "presenters"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str | None] = mapped_column(EncryptedText)
    organization_name: Mapped[str | None] = mapped_column(sa.String(200))
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    phone: Mapped[str | None] = mapped_column(EncryptedText)  # E.164
    email: Mapped[str | None] = mapped_column(EncryptedText)
    public_consent: Mapped[bool] = mapped_column(default=False)

    activity: Mapped[Activity] = relationship(back_populates="presenters")


class CoOrganizer(db.Model):
    """Another organization registered for the forum, invited by the lead; it accepts
    (``accepted`` True) or declines (False); None while the invitation waits."""

    __tablename__ = "activity_co_organizers"
    __table_args__ = (sa.UniqueConstraint("activity_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    invited_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    accepted: Mapped[bool | None]

    activity: Mapped[Activity] = relationship(back_populates="co_organizers")
    organization: Mapped[Organization] = relationship()


class Review(db.Model):
    __tablename__ = "activity_reviews"
    __table_args__ = (
        sa.UniqueConstraint("activity_id", "reviewer_id"),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name="score_from_1_to_5"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int]
    comment: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    activity: Mapped[Activity] = relationship()
    reviewer: Mapped[User] = relationship()


class ActivityMessage(db.Model):
    """One message of the thread between organizers and an activity's organizations."""

    __tablename__ = "activity_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # Written by the forum's staff (True) or by a member of an organization involved.
    from_staff: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    activity: Mapped[Activity] = relationship()
    author: Mapped[User | None] = relationship()


class MergeMode(StrEnum):
    FUSION = "fusion"  # one activity, all organizations co-organize
    SEQUENCE = "sequence"  # kept apart, one after the other in the same room
    DIALOGUE = "dialogue"  # each sends a representative to the other


class MergeStatus(StrEnum):
    PROPOSED = "proposed"
    COMPLETED = "completed"
    REFUSED = "refused"  # an organization involved declined
    CANCELLED = "cancelled"  # the organizers took it back


class Merge(db.Model):
    """An organizer's proposal to merge activities; it happens only when every
    organization involved has accepted. The history stays."""

    __tablename__ = "activity_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    mode: Mapped[MergeMode] = mapped_column(string_enum(MergeMode, 16))
    status: Mapped[MergeStatus] = mapped_column(
        string_enum(MergeStatus, 16), default=MergeStatus.PROPOSED, index=True
    )
    proposed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    note: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    # Fusion: the activity the others were merged into.
    result_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="SET NULL")
    )

    members: Mapped[list["MergeMember"]] = relationship(
        back_populates="merge", cascade="all, delete-orphan", order_by="MergeMember.position"
    )
    consents: Mapped[list["MergeConsent"]] = relationship(
        back_populates="merge", cascade="all, delete-orphan", order_by="MergeConsent.id"
    )


class MergeMember(db.Model):
    """An activity in a merge; ``position`` is its order in a sequence."""

    __tablename__ = "activity_merge_members"
    __table_args__ = (sa.UniqueConstraint("merge_id", "activity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merge_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activity_merges.id", ondelete="CASCADE"), index=True
    )
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)

    merge: Mapped[Merge] = relationship(back_populates="members")
    activity: Mapped[Activity] = relationship()


class MergeConsent(db.Model):
    """One organization's answer to a merge: None while it waits."""

    __tablename__ = "activity_merge_consents"
    __table_args__ = (sa.UniqueConstraint("merge_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merge_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activity_merges.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    accepted: Mapped[bool | None]
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    merge: Mapped[Merge] = relationship(back_populates="consents")
    organization: Mapped[Organization] = relationship()
