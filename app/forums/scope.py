"""Forum-scoped URLs: ``/<forum_slug>/…`` loads the forum into ``g.forum`` first.

Every view under such a blueprint can rely on ``g.forum``; an unknown slug, or a
draft forum the visitor may not see, is a 404 before the view runs. Objects of a
forum are then loaded with ``forum_object``, which answers 404 for another forum's.
"""

from typing import TypeVar

import sqlalchemy as sa
from flask import Blueprint, abort, g
from flask_login import current_user

from app.extensions import db
from app.forums.models import Forum

Model = TypeVar("Model")


def forum_by_slug(slug: str) -> Forum | None:
    return db.session.scalar(sa.select(Forum).where(Forum.slug == slug))


def _load_forum(endpoint: str | None, values: dict | None) -> None:
    from app.forums.services import is_visible_to

    if values is None or "forum_slug" not in values:
        return
    forum = forum_by_slug(values.pop("forum_slug"))
    if forum is None or not is_visible_to(forum, current_user):
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


def forum_object(model: type[Model], object_id: int, forum_of=lambda obj: obj.forum_id) -> Model:
    """``model`` number ``object_id`` if it belongs to ``g.forum``; 404 otherwise.

    ``forum_of`` reads the forum id of objects that hold it indirectly (a slot
    through its day, a closure through its room).
    """
    obj = db.session.get(model, object_id)
    if obj is None or forum_of(obj) != g.forum.id:
        abort(404)
    return obj
