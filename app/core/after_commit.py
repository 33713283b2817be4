"""Work that must wait for the transaction it belongs to: run after it commits,
dropped when it rolls back (the public cache forgets only what has really changed)."""

from collections.abc import Callable

import sqlalchemy as sa
from flask_sqlalchemy.session import Session

from app.extensions import db

PENDING = "run_after_commit"


def run_after_commit(action: Callable[[], None]) -> None:
    """Run ``action`` once ``db.session``'s transaction commits; never if it rolls back."""
    db.session.connection()  # begins the transaction if none has: the action is tied to it
    db.session.info.setdefault(PENDING, []).append(action)


def register_after_commit() -> None:
    # On the session class, so every session of every app (and the tests' own) reports.
    for name, listener in (
        ("after_commit", _run_pending),
        ("after_soft_rollback", _drop_pending),
    ):
        if not sa.event.contains(Session, name, listener):
            sa.event.listen(Session, name, listener)


def _run_pending(session: sa.orm.Session) -> None:
    for action in session.info.pop(PENDING, []):
        action()


def _drop_pending(session: sa.orm.Session, _transaction) -> None:
    session.info.pop(PENDING, None)
