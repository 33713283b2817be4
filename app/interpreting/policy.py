"""A forum's rules for the interpretation team (relay, daily maximum, booth teams)."""

from app.extensions import db
from app.forums.models import Forum
from app.interpreting.models import InterpretingPolicy

# Two sessions in a row, then a break: a third consecutive session is refused.
MAX_IN_A_ROW = 2


def _column_defaults() -> dict:
    return {
        column.key: column.default.arg
        for column in InterpretingPolicy.__table__.columns
        if column.default is not None
    }


def policy_of(forum: Forum) -> InterpretingPolicy:
    """The forum's interpreting rules; the defaults (not added to the session) when
    it has none saved."""
    saved = db.session.get(InterpretingPolicy, forum.id)
    if saved is not None:
        return saved
    return InterpretingPolicy(forum_id=forum.id, **_column_defaults())
