"""Two-factor sign-in with TOTP (RFC 6238) and single-use recovery codes.

Services flush, never commit. A code is accepted once: the time step of the last
accepted code is kept, and only later steps pass.
"""

import hmac
import secrets

import pyotp
import segno
import sqlalchemy as sa

from app.accounts.models import RecoveryCode, User
from app.core.crypto import blind_index
from app.core.db import utcnow
from app.extensions import db

ISSUER = "Muntada"
RECOVERY_CODE_COUNT = 10
# One step of clock drift either way, as RFC 6238 suggests for phones.
ALLOWED_DRIFT_STEPS = 1


def start_enrolment(user: User) -> str:
    """Give the user a fresh, not yet active secret; returns it for the QR code."""
    user.totp_secret = pyotp.random_base32()
    user.totp_enabled_at = None
    return user.totp_secret


def provisioning_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_code_svg(uri: str) -> str:
    """The QR code as inline SVG (no image request, nothing from elsewhere)."""
    return segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff")


def _matching_step(user: User, code: str) -> int | None:
    code = "".join(ch for ch in code if ch.isdigit())
    if not user.totp_secret or len(code) != 6:
        return None
    totp = pyotp.TOTP(user.totp_secret)
    current = totp.timecode(utcnow())
    for step in range(current - ALLOWED_DRIFT_STEPS, current + ALLOWED_DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def verify_totp(user: User, code: str) -> bool:
    """True once per code: a step at or before the last accepted one is refused."""
    step = _matching_step(user, code)
    if step is None or (user.totp_last_counter is not None and step <= user.totp_last_counter):
        return False
    user.totp_last_counter = step
    return True


def confirm_enrolment(user: User, code: str) -> list[str] | None:
    """Activate 2FA when the code from the new secret is right; returns recovery codes."""
    if user.totp_secret is None or not verify_totp(user, code):
        return None
    user.totp_enabled_at = utcnow()
    return replace_recovery_codes(user)


def disable(user: User) -> None:
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_counter = None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def _normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _recovery_hash(user: User, code: str) -> str:
    return blind_index(f"recovery:{user.id}:{_normalise_recovery_code(code)}")


def replace_recovery_codes(user: User) -> list[str]:
    """New codes replace every old one; shown once, stored only as keyed hashes."""
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = secrets.token_hex(5)
        codes.append(f"{raw[:5]}-{raw[5:]}")
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=_recovery_hash(user, c)) for c in codes
    )
    db.session.flush()
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    found = db.session.scalar(
        sa.select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _recovery_hash(user, code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if found is None:
        return False
    found.used_at = utcnow()
    return True


def remaining_recovery_codes(user: User) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(RecoveryCode.id)).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
        )
    )
