import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.crypto import EncryptedText
from app.core.db import utcnow
from app.extensions import db


def new_nonce() -> str:
    return secrets.token_hex(16)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased; uniqueness is on the lower-cased address.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    email_verified_at: Mapped[datetime | None]
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    name: Mapped[str] = mapped_column(sa.String(120))
    locale: Mapped[str] = mapped_column(sa.String(8))
    is_site_admin: Mapped[bool] = mapped_column(default=False)
    # Bumped to end every session of the user (logout, password change).
    session_version: Mapped[int] = mapped_column(default=1)
    # Part of every emailed token; rotated when a token is used, so each works once.
    token_nonce: Mapped[str] = mapped_column(sa.String(32), default=new_nonce)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Two-factor authentication (TOTP). The secret is encrypted at rest; the last
    # accepted time step is kept so that no code works twice.
    totp_secret: Mapped[str | None] = mapped_column(EncryptedText)
    totp_enabled_at: Mapped[datetime | None]
    totp_last_counter: Mapped[int | None]

    # Public visibility: a name is shown publicly only with consent, or a pseudonym
    # instead; "hide me" takes the person off every public page and export.
    public_name_consent: Mapped[bool] = mapped_column(default=False)
    public_pseudonym: Mapped[str | None] = mapped_column(sa.String(80))
    hidden_at: Mapped[datetime | None]

    recovery_codes: Mapped[list["RecoveryCode"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    def get_id(self) -> str:
        # Flask-Login keeps this in the session; the version makes old sessions invalid.
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class RecoveryCode(db.Model):
    """A single-use code that replaces a TOTP code when the phone is lost."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # A keyed hash: the codes are random, so a slow hash adds nothing.
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="recovery_codes")
