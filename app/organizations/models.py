"""Organizations, their members, and their registrations (with delegates) for forums.

Contact details and delegates' personal data are encrypted at rest
(``EncryptedText``); what a page may show of them is decided in the services.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.crypto import EncryptedText
from app.core.db import string_enum, utcnow
from app.extensions import db
from app.forums.models import CharterVersion, Forum


class OrganizationType(StrEnum):
    NGO = "ngo"
    TRADE_UNION = "trade_union"
    SOCIAL_MOVEMENT = "social_movement"
    YOUTH_GROUP = "youth_group"
    WOMENS_ORGANIZATION = "womens_organization"
    MEDIA = "media"
    STUDENT_GROUP = "student_group"
    NETWORK = "network"
    INTERNATIONAL_PARTNER = "international_partner"
    INFORMAL_COLLECTIVE = "informal_collective"


class LegalStatus(StrEnum):
    # Registered with the NGO Directorate in Baghdad, or the one of the Kurdistan Region.
    REGISTERED_BAGHDAD = "registered_baghdad"
    REGISTERED_KURDISTAN = "registered_kurdistan"
    INFORMAL = "informal"


class Organization(db.Model):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_ar: Mapped[str | None] = mapped_column(sa.String(200))
    name_ckb: Mapped[str | None] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    # The names after Arabic-aware normalisation, space-separated keys, to find duplicates.
    name_keys: Mapped[str] = mapped_column(sa.String(700), default="")
    acronym: Mapped[str | None] = mapped_column(sa.String(30))
    kind: Mapped[OrganizationType] = mapped_column(string_enum(OrganizationType, 32))
    legal_status: Mapped[LegalStatus] = mapped_column(
        string_enum(LegalStatus, 32), default=LegalStatus.INFORMAL
    )
    registration_number: Mapped[str | None] = mapped_column(sa.String(60))
    country: Mapped[str] = mapped_column(sa.String(2), default="IQ")
    governorate: Mapped[str | None] = mapped_column(sa.String(20))
    fields_of_work: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    website: Mapped[str | None] = mapped_column(sa.String(300))
    social_links: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    description_ar: Mapped[str | None] = mapped_column(sa.Text)
    description_ckb: Mapped[str | None] = mapped_column(sa.Text)
    description_en: Mapped[str | None] = mapped_column(sa.Text)
    # Seen by the forum's organizers and the organization's members only.
    contact_email: Mapped[str | None] = mapped_column(EncryptedText)
    contact_phone: Mapped[str | None] = mapped_column(EncryptedText)  # E.164
    listed_publicly: Mapped[bool] = mapped_column(default=False)
    # "Hide us": off every public page and export at once, whatever listed_publicly says.
    hidden_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list["OrganizationMember"]] = relationship(
        back_populates="organization", cascade="all, delete-orphan"
    )
    registrations: Mapped[list["Registration"]] = relationship(back_populates="organization")


class OrganizationMember(db.Model):
    __tablename__ = "organization_members"
    __table_args__ = (sa.UniqueConstraint("organization_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class Invitation(db.Model):
    """A member invites someone by email; the account with that address accepts.

    The address is kept encrypted, found by its keyed hash.
    """

    __tablename__ = "organization_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(EncryptedText)
    email_hash: Mapped[str] = mapped_column(sa.String(64), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    accepted: Mapped[bool | None]

    organization: Mapped[Organization] = relationship()


class JoinRequest(db.Model):
    """Someone asks to join an organization (instead of creating a duplicate)."""

    __tablename__ = "organization_join_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    accepted: Mapped[bool | None]
    answered_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    organization: Mapped[Organization] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])


class RegistrationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    WAITLISTED = "waitlisted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class RegistrationChannel(StrEnum):
    """How the registration reached the forum: online by a member, or entered by an
    organizer from a paper form or a phone call."""

    ONLINE = "online"
    PAPER = "paper"
    PHONE = "phone"


class Registration(db.Model):
    """An organization (or an individual activist) registered for a forum."""

    __tablename__ = "registrations"
    __table_args__ = (
        sa.UniqueConstraint("forum_id", "organization_id"),
        sa.UniqueConstraint("forum_id", "individual_id"),
        sa.CheckConstraint(
            "(organization_id IS NULL) != (individual_id IS NULL)", name="one_registrant"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forums.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    # An activist without an organization registers as an individual participant.
    individual_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[RegistrationStatus] = mapped_column(
        string_enum(RegistrationStatus, 16), default=RegistrationStatus.PENDING, index=True
    )
    channel: Mapped[RegistrationChannel] = mapped_column(
        string_enum(RegistrationChannel, 16), default=RegistrationChannel.ONLINE
    )
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # The charter endorsed: which version, by whom, when.
    charter_version_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("charter_versions.id", ondelete="SET NULL")
    )
    endorsed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    endorsed_at: Mapped[datetime | None]
    # The decision; the waiting list is served in order of waitlisted_at.
    decision_reason: Mapped[str | None] = mapped_column(EncryptedText)
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None]
    waitlisted_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]

    forum: Mapped[Forum] = relationship()
    organization: Mapped[Organization | None] = relationship(back_populates="registrations")
    individual: Mapped[User | None] = relationship(foreign_keys=[individual_id])
    charter_version: Mapped[CharterVersion | None] = relationship()
    delegates: Mapped[list["Delegate"]] = relationship(
        back_populates="registration", cascade="all, delete-orphan", order_by="Delegate.position"
    )


class Gender(StrEnum):
    WOMAN = "woman"
    MAN = "man"
    OTHER = "other"


class Delegate(db.Model):
    """A person an organization sends (or the individual participant themself).

    Name and contact are encrypted; after the forum's retention period they are
    deleted and only what anonymous counts need stays (gender, languages, needs).
    """

    __tablename__ = "delegates"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str | None] = mapped_column(EncryptedText)
    phone: Mapped[str | None] = mapped_column(EncryptedText)  # E.164
    email: Mapped[str | None] = mapped_column(EncryptedText)
    gender: Mapped[Gender | None] = mapped_column(string_enum(Gender, 16))
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # Needs: interpretation into these languages, step-free access, anything else.
    interpretation_into: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    needs_step_free: Mapped[bool] = mapped_column(default=False)
    other_needs: Mapped[str | None] = mapped_column(EncryptedText)

    registration: Mapped[Registration] = relationship(back_populates="delegates")
