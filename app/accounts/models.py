import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

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

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    def get_id(self) -> str:
        # Flask-Login keeps this in the session; the version makes old sessions invalid.
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.id}>"
