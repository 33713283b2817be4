"""A new season starts from an earlier forum: rooms, slot pattern, themes, caps and
charter come along, with every date shifted to the new start."""

from datetime import date

import sqlalchemy as sa

from app.accounts.models import User
from app.extensions import db
from app.forums.calendar import apply_pattern, pattern_of
from app.forums.models import Forum
from app.forums.services import WINDOWS, create_forum, publish_charter

COPIED_SETTINGS = (
    "kind", "number", "name_ar", "name_ckb", "name_en", "slogan_ar", "slogan_ckb", "slogan_en",
    "city", "governorate", "country", "venue", "address", "timezone", "languages",
    "max_delegates_per_organization", "max_activities_per_organization", "retention_days",
    "max_organizations", "max_delegates",
)  # fmt: skip


def _copy(item):
    """A new row of the same model with the same values, but its own id and forum."""
    columns = sa.inspect(type(item)).columns
    values = {c.key: getattr(item, c.key) for c in columns if c.key not in ("id", "forum_id")}
    values = {
        key: list(value) if isinstance(value, list) else value for key, value in values.items()
    }
    return type(item)(**values)


def copy_forum(
    actor: User, source: Forum, *, slug: str, start_date: date, organizers: list[User]
) -> Forum:
    shift = start_date - source.start_date
    settings = {name: getattr(source, name) for name in COPIED_SETTINGS}
    if source.number is not None:
        settings["number"] = source.number + 1
    for opens, closes in WINDOWS:
        for field in (opens, closes):
            value = getattr(source, field)
            settings[field] = value + shift if value else None
    forum = create_forum(
        actor,
        slug=slug,
        start_date=start_date,
        end_date=source.end_date + shift,
        organizers=organizers,
        parent=source.parent,
        **settings,
    )
    if source.days:
        apply_pattern(forum, pattern_of(source.days[0]))
    forum.rooms.extend(_copy(room) for room in source.rooms)
    forum.themes.extend(_copy(theme) for theme in source.themes)
    charter = source.current_charter
    if charter is not None:
        publish_charter(forum, charter.text_ar, charter.text_ckb, charter.text_en)
    db.session.flush()
    return forum
