"""Rooms, their closures, and the forum's themes.

A room holds at least one person and at most ``MAX_CAPACITY``; an interpretation
booth has at least one channel, and only a booth has channels. A room can be
closed for part of a day; closures of one room never overlap (half-open:
back-to-back is fine). A room or theme that something uses (a session, an
activity) cannot be removed: the features that use them register a usage reader
here, as they do for slots in ``app.forums.calendar``.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import time
from enum import StrEnum
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.core.intervals import Interval
from app.core.usage import UsageRegistry
from app.extensions import db
from app.forums.models import Day, Forum, Room, RoomClosure, Theme

EQUIPMENT = ("projector", "sound", "microphones", "screen", "whiteboard", "internet")
MAX_CAPACITY = 10_000
MAX_BOOTH_CHANNELS = 12
LANGUAGES = ("ar", "ckb", "en")


class VenueProblem(StrEnum):
    NO_NAME = "no_name"
    CAPACITY_OUT_OF_RANGE = "capacity_out_of_range"
    BOOTH_WITHOUT_CHANNELS = "booth_without_channels"
    CHANNELS_WITHOUT_BOOTH = "channels_without_booth"
    TOO_MANY_CHANNELS = "too_many_channels"
    UNKNOWN_EQUIPMENT = "unknown_equipment"
    DAY_OF_ANOTHER_FORUM = "day_of_another_forum"
    ENDS_BEFORE_START = "ends_before_start"
    CLOSURE_OVERLAPS = "closure_overlaps"
    IN_USE = "in_use"


@dataclass(frozen=True)
class VenueIssue:
    """One broken rule: which, about which argument (``field``), with its data."""

    problem: VenueProblem
    field: str | None = None
    data: dict[str, Any] = dataclass_field(default_factory=dict, compare=False)


class VenueError(Exception):
    """A venue change refused; ``issues`` say which rules and where."""

    def __init__(self, issues: Iterable[VenueIssue]):
        self.issues = list(issues)
        super().__init__(", ".join(f"{i.field or '-'}: {i.problem}" for i in self.issues))

    @property
    def problems(self) -> set[VenueProblem]:
        return {issue.problem for issue in self.issues}


def _refuse(problem: VenueProblem, field: str | None = None, **data: Any) -> VenueError:
    return VenueError([VenueIssue(problem, field, data)])


_rooms_in_use, _themes_in_use = UsageRegistry(), UsageRegistry()
# Sessions say which rooms they are placed in; activities which theme they have.
register_room_usage, unregister_room_usage = _rooms_in_use.register, _rooms_in_use.unregister
registered_room_usage, room_usage = _rooms_in_use.registered, _rooms_in_use.uses
register_theme_usage, unregister_theme_usage = _themes_in_use.register, _themes_in_use.unregister
registered_theme_usage, theme_usage = _themes_in_use.registered, _themes_in_use.uses


def _names(name_ar: str | None, name_ckb: str | None, name_en: str | None) -> dict:
    """The names as stored: blank ones are absent."""
    given = zip(LANGUAGES, (name_ar, name_ckb, name_en), strict=True)
    return {f"name_{code}": (value or "").strip() or None for code, value in given}


@dataclass(frozen=True)
class RoomDetails:
    """What describes a room, as ``add_room`` takes it."""

    capacity: int
    has_booth: bool = False
    booth_channels: int | None = 0
    step_free: bool = True
    equipment: Sequence[str] = ()
    name_ar: str | None = None
    name_ckb: str | None = None
    name_en: str | None = None

    @classmethod
    def of(cls, room: Room) -> "RoomDetails":
        return cls(**{name: getattr(room, name) for name in cls.__dataclass_fields__})

    def issues(self) -> list[VenueIssue]:
        names, channels = (
            _names(self.name_ar, self.name_ckb, self.name_en),
            self.booth_channels or 0,
        )
        issues = []
        if not any(names.values()):
            issues.append(VenueIssue(VenueProblem.NO_NAME, "name"))
        if not 1 <= self.capacity <= MAX_CAPACITY:
            issues.append(
                VenueIssue(VenueProblem.CAPACITY_OUT_OF_RANGE, "capacity", {"max": MAX_CAPACITY})
            )
        if self.has_booth and channels < 1:
            issues.append(VenueIssue(VenueProblem.BOOTH_WITHOUT_CHANNELS, "booth_channels"))
        elif not self.has_booth and channels:
            issues.append(VenueIssue(VenueProblem.CHANNELS_WITHOUT_BOOTH, "booth_channels"))
        elif channels > MAX_BOOTH_CHANNELS:
            data = {"max": MAX_BOOTH_CHANNELS}
            issues.append(VenueIssue(VenueProblem.TOO_MANY_CHANNELS, "booth_channels", data))
        unknown = sorted(set(self.equipment) - set(EQUIPMENT))
        if unknown:
            data = {"codes": unknown}
            issues.append(VenueIssue(VenueProblem.UNKNOWN_EQUIPMENT, "equipment", data))
        return issues

    def columns(self) -> dict[str, Any]:
        """The room's columns, or a VenueError naming every broken rule."""
        issues = self.issues()
        if issues:
            raise VenueError(issues)
        return {
            **_names(self.name_ar, self.name_ckb, self.name_en),
            "capacity": self.capacity,
            "has_booth": self.has_booth,
            "booth_channels": self.booth_channels or 0,
            "step_free": self.step_free,
            "equipment": [code for code in EQUIPMENT if code in self.equipment],
        }


def add_room(
    forum: Forum,
    *,
    capacity: int,
    has_booth: bool = False,
    booth_channels: int | None = 0,
    step_free: bool = True,
    equipment: Sequence[str] = (),
    name_ar: str | None = None,
    name_ckb: str | None = None,
    name_en: str | None = None,
) -> Room:
    """A new room, last in the forum's order.

    It is named in at least one language, holds 1 to ``MAX_CAPACITY`` people, has
    known equipment only, and a booth has 1 to ``MAX_BOOTH_CHANNELS`` channels
    while a room without a booth has none. Every broken rule is reported at once.
    """
    details = RoomDetails(
        capacity, has_booth, booth_channels, step_free, equipment, name_ar, name_ckb, name_en
    )
    room = Room(position=len(forum.rooms), **details.columns())
    forum.rooms.append(room)
    db.session.flush()
    return room


def update_room(room: Room, **changes: Any) -> None:
    """Change a room (``changes``: any of ``add_room``'s keyword arguments; the others
    keep their value) under the rules of ``add_room``; nothing changes when one breaks."""
    for name, value in replace(RoomDetails.of(room), **changes).columns().items():
        setattr(room, name, value)
    db.session.flush()


def remove_room(room: Room) -> None:
    """Remove a room and its closures, unless something uses it; the others close ranks."""
    _remove(room.forum.rooms, room, room_usage([room.id]).get(room.id))


def move_room(room: Room, offset: int) -> None:
    """Move a room up (-1) or down (+1) in the forum's order."""
    _move(room.forum.rooms, room, offset)


def close_room(room: Room, day: Day, starts_at: time, ends_at: time) -> RoomClosure:
    """The room is unavailable on ``day`` (of its forum) from ``starts_at`` to ``ends_at``.

    A closure ends after it starts and overlaps no other closure of the room that day.
    """
    if day.forum_id != room.forum_id:
        raise _refuse(VenueProblem.DAY_OF_ANOTHER_FORUM, "day")
    if not starts_at < ends_at:
        raise _refuse(VenueProblem.ENDS_BEFORE_START, "ends_at")
    wanted = Interval(starts_at, ends_at)
    for other in room.closures:
        if other.day_id == day.id and Interval(other.starts_at, other.ends_at).overlaps(wanted):
            raise _refuse(
                VenueProblem.CLOSURE_OVERLAPS,
                "starts_at",
                starts_at=other.starts_at,
                ends_at=other.ends_at,
            )
    closure = RoomClosure(day=day, starts_at=starts_at, ends_at=ends_at)
    room.closures.append(closure)
    db.session.flush()
    return closure


def remove_closure(closure: RoomClosure) -> None:
    """The room is available again at that time."""
    closure.room.closures.remove(closure)
    db.session.flush()


def rooms_of(forum: Forum) -> list[Room]:
    """The forum's rooms in order, with their closures and days (three queries)."""
    query = (
        sa.select(Room)
        .where(Room.forum_id == forum.id)
        .order_by(Room.position, Room.id)
        .options(selectinload(Room.closures).selectinload(RoomClosure.day))
    )
    return list(db.session.scalars(query))


def themes_of(forum: Forum) -> list[Theme]:
    query = sa.select(Theme).where(Theme.forum_id == forum.id).order_by(Theme.position, Theme.id)
    return list(db.session.scalars(query))


def closures_in_order(room: Room) -> list[RoomClosure]:
    return sorted(room.closures, key=lambda c: (c.day.date, c.starts_at))


def is_room_open(room: Room, day: Day, starts_at: time, ends_at: time) -> bool:
    wanted = Interval(starts_at, ends_at)
    return not any(
        closure.day_id == day.id and Interval(closure.starts_at, closure.ends_at).overlaps(wanted)
        for closure in room.closures
    )


def add_theme(
    forum: Forum,
    *,
    name_ar: str | None = None,
    name_ckb: str | None = None,
    name_en: str | None = None,
) -> Theme:
    """A new theme, last in the forum's order, named in at least one language."""
    names = _names(name_ar, name_ckb, name_en)
    if not any(names.values()):
        raise _refuse(VenueProblem.NO_NAME, "name")
    theme = Theme(position=len(forum.themes), **names)
    forum.themes.append(theme)
    db.session.flush()
    return theme


def update_theme(
    theme: Theme, *, name_ar: str | None, name_ckb: str | None, name_en: str | None
) -> None:
    """Rename a theme; it keeps a name in at least one language."""
    names = _names(name_ar, name_ckb, name_en)
    if not any(names.values()):
        raise _refuse(VenueProblem.NO_NAME, "name")
    for name, value in names.items():
        setattr(theme, name, value)
    db.session.flush()


def remove_theme(theme: Theme) -> None:
    """Remove a theme no activity uses; the themes after it move up one place."""
    _remove(theme.forum.themes, theme, theme_usage([theme.id]).get(theme.id))


def move_theme(theme: Theme, offset: int) -> None:
    """Move a theme up (-1) or down (+1) in the forum's order."""
    _move(theme.forum.themes, theme, offset)


Positioned = TypeVar("Positioned", Room, Theme)


def _ordered(items: Iterable[Positioned]) -> list[Positioned]:
    # Rows made elsewhere (copies, fixtures) may share a position: the id breaks ties.
    return sorted(items, key=lambda item: (item.position, item.id or 0))


def _renumber(items: Iterable[Positioned]) -> None:
    for position, item in enumerate(items):
        item.position = position


def _remove(collection: list[Positioned], item: Positioned, uses: list[str] | None) -> None:
    if uses:
        raise _refuse(VenueProblem.IN_USE, uses=uses)
    remaining = [each for each in _ordered(collection) if each is not item]
    collection.remove(item)
    _renumber(remaining)
    db.session.flush()


def _move(collection: list[Positioned], item: Positioned, offset: int) -> None:
    items = _ordered(collection)
    index = items.index(item)
    target = min(max(index + offset, 0), len(items) - 1)
    items.insert(target, items.pop(index))
    _renumber(items)
    collection.sort(key=lambda each: each.position)
    db.session.flush()
