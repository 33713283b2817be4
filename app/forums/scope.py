"""Forum-scoped URLs: ``/<forum_slug>/…`` loads the forum into ``g.forum`` first.

Every view under such a blueprint can rely on ``g.forum``; an unknown slug is a
404 before the view runs. (Visibility of draft forums joins this check with the
forums feature.)
"""

import sqlalchemy as sa
from flask import Blueprint, abort, g

from app.extensions import db
from app.forums.models import Forum


def forum_by_slug(slug: str) -> Forum | None:
    return db.session.scalar(sa.select(Forum).where(Forum.slug == slug))


def _load_forum(endpoint: str | None, values: dict | None) -> None:
    if values is None or "forum_slug" not in values:
        return
    forum = forum_by_slug(values.pop("forum_slug"))
    if forum is None:
        abort(404)
    g.forum = forum


def _keep_forum_slug(endpoint: str, values: dict) -> None:
    if "forum_slug" not in values and getattr(g, "forum", None) is not None:
        values["forum_slug"] = g.forum.slug


def forum_blueprint(name: str, import_name: str, url_prefix: str = "") -> Blueprint:
    """A blueprint whose rules all live under ``/<forum_slug>``."""
    blueprint = Blueprint(name, import_name, url_prefix=f"/<forum_slug>{url_prefix}")
    blueprint.url_value_preprocessor(_load_forum)
    blueprint.url_defaults(_keep_forum_slug)
    return blueprint
