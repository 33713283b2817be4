"""Rooms, their closures, and the forum's themes."""

from datetime import time

from app.core.intervals import Interval
from app.extensions import db
from app.forums.models import Day, Forum, Room, RoomClosure, Theme

EQUIPMENT = ("projector", "sound", "microphones", "screen", "whiteboard", "internet")


class VenueError(Exception):
    pass


def add_room(
    forum: Forum, *, capacity: int, has_booth: bool = False, booth_channels: int = 0, **fields
) -> Room:
    """A room; a booth has at least one channel, and no booth means no channels."""
    if capacity < 1:
        raise VenueError("a room holds at least one person")
    if has_booth != (booth_channels > 0):
        raise VenueError("a booth has channels, and only a booth has them")
    if not any(fields.get(f"name_{code}") for code in ("ar", "ckb", "en")):
        raise VenueError("a room needs a name in at least one language")
    unknown = set(fields.get("equipment", [])) - set(EQUIPMENT)
    if unknown:
        raise VenueError(f"unknown equipment: {sorted(unknown)}")
    room = Room(
        capacity=capacity,
        has_booth=has_booth,
        booth_channels=booth_channels,
        position=len(forum.rooms),
        **fields,
    )
    forum.rooms.append(room)
    db.session.flush()
    return room


def close_room(room: Room, day: Day, starts_at: time, ends_at: time) -> RoomClosure:
    """The room is unavailable on ``day`` from ``starts_at`` to ``ends_at``."""
    if day.forum_id != room.forum_id:
        raise VenueError("the day belongs to another forum")
    closure = RoomClosure(day=day, starts_at=starts_at, ends_at=ends_at)
    Interval(starts_at, ends_at)  # raises when it ends before it starts
    room.closures.append(closure)
    db.session.flush()
    return closure


def is_room_open(room: Room, day: Day, starts_at: time, ends_at: time) -> bool:
    wanted = Interval(starts_at, ends_at)
    return not any(
        closure.day_id == day.id and Interval(closure.starts_at, closure.ends_at).overlaps(wanted)
        for closure in room.closures
    )


def add_theme(forum: Forum, **names) -> Theme:
    if not any(names.values()):
        raise VenueError("a theme needs a name in at least one language")
    theme = Theme(position=len(forum.themes), **names)
    forum.themes.append(theme)
    db.session.flush()
    return theme


def move_theme(theme: Theme, offset: int) -> None:
    """Move a theme up (-1) or down (+1) in the forum's order."""
    themes = list(theme.forum.themes)
    index = themes.index(theme)
    target = min(max(index + offset, 0), len(themes) - 1)
    themes.insert(target, themes.pop(index))
    for position, item in enumerate(themes):
        item.position = position
    db.session.flush()
