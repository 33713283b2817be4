"""My programme: the sessions a visitor starred.

With an account the stars are kept as StarredSession rows, one per user and
activity; without one the browser keeps them (static/js/programme.js) and sends
their ids in the address (``?ids=1,2,3``). Either way only sessions of the latest
published version can be starred and are shown: ids of drafts, of sessions since
taken off the programme or of another forum are ignored.
"""

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.extensions import db
from app.forums.models import Forum
from app.programme.models import StarredSession
from app.scheduling.models import PublishedSession
from app.scheduling.publishing import published_programme

# More than anyone can attend; keeps a hand-made address from costing much.
MAX_IDS = 300


class NotInProgramme(Exception):
    """The activity is not a session of the forum's published programme."""


def parse_ids(raw: str | None) -> list[int]:
    """Activity ids from ``1,2,3`` (anything that is not a number is skipped),
    without repeats, at most MAX_IDS."""
    ids = (part.strip() for part in (raw or "").split(","))
    numbers = (int(part) for part in ids if part.isdigit() and len(part) < 10)
    return list(dict.fromkeys(numbers))[:MAX_IDS]


def is_in_published_programme(forum: Forum, activity_id: int) -> bool:
    version = published_programme(forum)
    if version is None:
        return False
    found = db.session.scalar(
        sa.select(PublishedSession.id).where(
            PublishedSession.version_id == version.id,
            PublishedSession.activity_id == activity_id,
        )
    )
    return found is not None


def starred_activity_ids(user: User, forum: Forum) -> set[int]:
    """The activities ``user`` starred in ``forum`` (published or not any more)."""
    return set(
        db.session.scalars(
            sa.select(StarredSession.activity_id).where(
                StarredSession.user_id == user.id, StarredSession.forum_id == forum.id
            )
        )
    )


def _star(user: User, forum: Forum, activity_id: int) -> StarredSession | None:
    return db.session.scalar(
        sa.select(StarredSession).where(
            StarredSession.user_id == user.id,
            StarredSession.forum_id == forum.id,
            StarredSession.activity_id == activity_id,
        )
    )


def star_session(user: User, forum: Forum, activity_id: int) -> None:
    """Add a session of the published programme to the user's programme; starring
    it again changes nothing (also when two requests race)."""
    if not is_in_published_programme(forum, activity_id):
        raise NotInProgramme(activity_id)
    if _star(user, forum, activity_id) is not None:
        return
    try:
        with db.session.begin_nested():
            db.session.add(
                StarredSession(user_id=user.id, forum_id=forum.id, activity_id=activity_id)
            )
    except IntegrityError:
        pass  # the other request starred it: the star is there


def unstar_session(user: User, forum: Forum, activity_id: int) -> None:
    """Take a session off the user's programme (nothing happens if it was not on it).
    A session of the published programme only: others are not the public's to name."""
    if not is_in_published_programme(forum, activity_id):
        raise NotInProgramme(activity_id)
    star = _star(user, forum, activity_id)
    if star is not None:
        db.session.delete(star)
        db.session.flush()
