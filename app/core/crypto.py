"""Sensitive values encrypted at rest, with keys kept outside the database.

``DATA_KEY`` holds one or more Fernet keys separated by commas, newest first:
values are written with the first and read with any, so a key is rotated by
putting a new one in front, running ``flask rotate-data-key`` and then dropping
the old one. ``DATA_HASH_KEY`` keys the blind index that lets an encrypted value
be found by exact match without decrypting. In development both keys are
generated into ``instance/``; production refuses to start without them.
"""

import hashlib
import hmac

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy.types import TypeDecorator


class DataKeyError(RuntimeError):
    pass


class _Keyring:
    """The process's keys, set once by ``create_app`` (column types have no app context)."""

    def __init__(self) -> None:
        self.fernet: MultiFernet | None = None
        self.hash_key: bytes | None = None

    def configure(self, data_keys: str, hash_key: str) -> None:
        keys = [key.strip() for key in data_keys.split(",") if key.strip()]
        if not keys or not hash_key:
            raise DataKeyError("DATA_KEY and DATA_HASH_KEY must be set")
        try:
            self.fernet = MultiFernet([Fernet(key) for key in keys])
        except ValueError as error:
            raise DataKeyError(
                "DATA_KEY must hold Fernet keys (flask generate-data-key)"
            ) from error
        self.hash_key = hash_key.encode()

    def require(self) -> MultiFernet:
        if self.fernet is None:
            raise DataKeyError("data keys are not configured; create the app first")
        return self.fernet


keyring = _Keyring()


def new_data_key() -> str:
    return Fernet.generate_key().decode()


def encrypt(value: str) -> str:
    return keyring.require().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return keyring.require().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise DataKeyError(
            "a stored value cannot be decrypted with the configured DATA_KEY"
        ) from error


def rotate(token: str) -> str:
    """The same value, encrypted with the newest key."""
    try:
        return keyring.require().rotate(token.encode()).decode()
    except InvalidToken as error:
        raise DataKeyError("a stored value cannot be decrypted with any key in DATA_KEY") from error


def blind_index(value: str) -> str:
    """A keyed hash for exact lookup; callers normalise (case, spaces) first."""
    if keyring.hash_key is None:
        raise DataKeyError("data keys are not configured; create the app first")
    return hmac.new(keyring.hash_key, value.encode(), hashlib.sha256).hexdigest()


class EncryptedText(TypeDecorator[str]):
    """A text column stored encrypted (Fernet: AES-128-CBC with HMAC-SHA256)."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: sa.Dialect) -> str | None:
        return None if value is None else encrypt(value)

    def process_result_value(self, value: str | None, dialect: sa.Dialect) -> str | None:
        return None if value is None else decrypt(value)


def encrypted_columns(metadata: sa.MetaData) -> list[sa.Column]:
    return [
        column
        for table in metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, EncryptedText)
    ]
