"""Passwords: Argon2id hashes and the rules a new password must meet.

The rules follow NIST SP 800-63B: a minimum length (longer for staff), no
composition rules, and no password that is common or easy to guess (zxcvbn's
estimate, which knows the 30,000 most common passwords, keyboard walks and the
person's own name and address).
"""

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

MIN_LENGTH = 12
MIN_LENGTH_STAFF = 15
# zxcvbn scores 0-4; below 3 is guessable with an offline attack on a leaked hash.
MIN_STRENGTH = 3

hasher = PasswordHasher()

# Verified against when the account does not exist, so both cases take as long.
_UNUSED_HASH = hasher.hash("muntada-timing-equaliser")


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return hasher.verify(password_hash or _UNUSED_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher.check_needs_rehash(password_hash)


def _personal_tokens(words: list[str]) -> list[str]:
    """Names and addresses as the pieces people build passwords from."""
    tokens: set[str] = set()
    for word in words:
        local_part = word.lower().split("@")[0]
        pieces = [piece for piece in re.split(r"[\W_]+", local_part) if len(piece) > 2]
        tokens.update(pieces)
        tokens.add("".join(pieces))
    return sorted(token for token in tokens if token)


def minimum_length(staff: bool) -> int:
    return MIN_LENGTH_STAFF if staff else MIN_LENGTH


def password_problem(password: str, staff: bool, personal_words: list[str]) -> LazyString | None:
    """Why ``password`` may not be used, or None when it is fine."""
    length = minimum_length(staff)
    if len(password) < length:
        return _l("Use at least %(min)d characters.", min=length)
    # zxcvbn slows down on very long input; the first 100 characters decide.
    if zxcvbn(password[:100], user_inputs=_personal_tokens(personal_words))["score"] < MIN_STRENGTH:
        return _l(
            "This password is too common or too easy to guess. "
            "Try a few words that only you would put together."
        )
    return None
