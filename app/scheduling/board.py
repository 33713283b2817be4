"""The organizers' board as the page shows it: one day's grid of rooms × slots with
the sessions in their cells, the accepted activities still to place (filtered),
and every conflict of the forum in words with its override, if any.

Read only: nothing here writes. Titles and names come in the reader's language.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.activities.labels import ACTIVITY_FORMAT
from app.activities.models import Activity, ActivityFormat
from app.core.i18n import format_day, localized
from app.extensions import db
from app.forums.models import Day, Forum, Room, SlotKind, TimeSlot
from app.organizations.models import Organization
from app.scheduling.conflict_messages import Names, describe
from app.scheduling.conflicts import Conflict, find_conflicts
from app.scheduling.loading import accepted_activities, load_snapshot
from app.scheduling.models import ConflictOverride, Placement
from app.scheduling.snapshot import Snapshot

# Expected attendance ranges of the unplaced list's "size" filter (bounds included).
SIZES: dict[str, tuple[int, int | None]] = {
    "small": (0, 30),
    "medium": (31, 100),
    "large": (101, 300),
    "very_large": (301, None),
}


@dataclass(frozen=True)
class Card:
    """An accepted activity as the board shows it (placed or not)."""

    activity_id: int
    title: str
    organization: str
    format: str
    attendance: int | None
    length: int
    pinned: bool = False
    # Where it is placed, if it is: the day, the room and the first slot.
    day_id: int | None = None
    room_id: int | None = None
    first_slot_id: int | None = None
    conflicts: int = 0


@dataclass(frozen=True)
class Cell:
    room_id: int
    slot_id: int
    card: Card | None = None
    rows: int = 1  # a multi-slot session spans the rows of its slots
    covered: bool = False  # drawn by the cell above (the session's first slot)
    closed: bool = False  # the room is closed during (part of) the slot


@dataclass(frozen=True)
class Row:
    slot: TimeSlot
    cells: tuple[Cell, ...] = ()  # empty for a break, which spans every room

    @property
    def is_break(self) -> bool:
        return self.slot.kind == SlotKind.BREAK


@dataclass(frozen=True)
class Override:
    by: str
    reason: str
    at: datetime


@dataclass(frozen=True)
class ConflictLine:
    text: str
    rule: str
    sessions: tuple[Card, ...]  # the sessions involved, to link to
    override: Override | None = None


@dataclass
class Board:
    days: list[Day]
    day: Day | None
    rooms: list[Room]
    rows: list[Row]
    unplaced: list[Card]
    unplaced_total: int
    conflicts: list[ConflictLine]
    cards: dict[int, Card]  # every accepted activity, by id
    slot_names: dict[int, str]  # session slots of the forum: "Thursday …, 09:00–10:30"
    room_names: dict[int, str]
    counts: dict[str, int] = field(default_factory=dict)


def slot_name(slot: TimeSlot) -> str:
    return f"{format_day(slot.day.date, 'full')}, {slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}"


def read_board(forum: Forum, day_id: int | None = None, **filters) -> Board:
    """The board of one day (the forum's first day when ``day_id`` is not one of its
    days); ``filters`` (theme, format, language, size) narrow the unplaced list."""
    days = list(forum.days)
    day = next((d for d in days if d.id == day_id), days[0] if days else None)
    rooms = list(forum.rooms)
    snapshot = load_snapshot(forum)
    activities = {a.id: a for a in accepted_activities(forum)}
    placements = _placements(forum)
    conflicts = find_conflicts(snapshot)
    involved: dict[int, int] = {}
    for conflict in conflicts:
        for activity_id in conflict.activity_ids:
            involved[activity_id] = involved.get(activity_id, 0) + 1
    organizations = _organizations(activities.values())
    cards = {
        a.id: _card(a, snapshot, placements.get(a.id), organizations, involved.get(a.id, 0))
        for a in activities.values()
    }
    unplaced = [card for card in cards.values() if card.day_id is None]
    shown = [card for card in unplaced if _matches(activities[card.activity_id], **filters)]
    names = _names(forum, activities, organizations)
    lines = conflict_lines(forum, conflicts, names, cards)
    return Board(
        days=days,
        day=day,
        rooms=rooms,
        rows=_rows(day, rooms, snapshot, cards) if day else [],
        unplaced=shown,
        unplaced_total=len(unplaced),
        conflicts=lines,
        cards=cards,
        slot_names=dict(names.slots),
        room_names=dict(names.rooms),
        counts={
            "accepted": len(cards),
            "placed": len(cards) - len(unplaced),
            "unplaced": len(unplaced),
            "conflicts": len(lines),
            "overridden": sum(1 for line in lines if line.override),
        },
    )


def _placements(forum: Forum) -> dict[int, Placement]:
    query = sa.select(Placement).where(Placement.forum_id == forum.id)
    return {p.activity_id: p for p in db.session.scalars(query)}


def _organizations(activities) -> dict[int, Organization]:
    ids = {a.lead_organization_id for a in activities} | {
        c.organization_id for a in activities for c in a.co_organizers if c.accepted
    }
    if not ids:
        return {}
    query = sa.select(Organization).where(Organization.id.in_(ids))
    return {o.id: o for o in db.session.scalars(query)}


def _card(activity: Activity, snapshot: Snapshot, placement, organizations, conflicts) -> Card:
    lead = organizations.get(activity.lead_organization_id)
    spot = snapshot.placements.get(activity.id)
    return Card(
        activity_id=activity.id,
        title=localized(activity, "title"),
        organization=localized(lead, "name") if lead else "",
        format=str(ACTIVITY_FORMAT.get(activity.format, "")),
        attendance=activity.expected_attendance,
        length=activity.length_slots,
        pinned=bool(placement and placement.pinned),
        day_id=placement.day_id if placement else None,
        room_id=spot.room_id if spot else None,
        first_slot_id=spot.slot_ids[0] if spot and spot.slot_ids else None,
        conflicts=conflicts,
    )


def _matches(
    activity: Activity,
    theme: int | None = None,
    format: ActivityFormat | None = None,
    language: str | None = None,
    size: str | None = None,
) -> bool:
    if theme is not None and activity.theme_id != theme:
        return False
    if format is not None and activity.format != format:
        return False
    if language is not None and language not in (activity.spoken_languages or ()):
        return False
    if size in SIZES:
        low, high = SIZES[size]
        attendance = activity.expected_attendance or 0
        if attendance < low or (high is not None and attendance > high):
            return False
    return True


def _rows(day: Day, rooms: list[Room], snapshot: Snapshot, cards: Mapping[int, Card]) -> list[Row]:
    """The day's slots in time order; a session taking several slots is drawn once,
    in its first slot's cell, spanning the rows below it (they are ``covered``)."""
    holders = {
        (spot.room_id, slot_id): activity_id
        for activity_id, spot in snapshot.placements.items()
        for slot_id in spot.slot_ids
    }
    rows: list[Row] = []
    # Per room: the activity drawn in the column's last cell and that cell's row.
    drawn: dict[int, tuple[int, int]] = {}
    for slot in day.slots:
        if slot.kind == SlotKind.BREAK:
            rows.append(Row(slot))
            drawn.clear()
            continue
        cells = []
        for room in rooms:
            holder = holders.get((room.id, slot.id))
            closed = _is_closed(snapshot, room.id, day.id, slot)
            last = drawn.get(room.id)
            if holder is not None and last is not None and last[0] == holder:
                cells.append(Cell(room.id, slot.id, covered=True, closed=closed))
                start_row = rows[last[1]]
                index = rooms.index(room)
                start = start_row.cells[index]
                start_row.cells[index] = Cell(
                    room.id, start.slot_id, start.card, start.rows + 1, closed=start.closed
                )
                continue
            card = cards.get(holder) if holder is not None else None
            if holder is not None and card is None:  # no longer accepted, still placed
                card = Card(holder, f"#{holder}", "", "", None, 1)
            cells.append(Cell(room.id, slot.id, card, closed=closed))
            if holder is None:
                drawn.pop(room.id, None)
            else:
                drawn[room.id] = (holder, len(rows))
        rows.append(Row(slot, cells))  # type: ignore[arg-type]
    # Cells were patched in place while the rows were built; freeze them now.
    return [Row(row.slot, tuple(row.cells)) for row in rows]


def _is_closed(snapshot: Snapshot, room_id: int, day_id: int, slot: TimeSlot) -> bool:
    room = snapshot.rooms.get(room_id)
    plain = snapshot.slots.get(slot.id)
    if room is None or plain is None:
        return False
    return any(
        c.day_id == day_id and c.starts < plain.ends and plain.starts < c.ends
        for c in room.closures
    )


def conflict_lines(
    forum: Forum, conflicts: list[Conflict], names: Names, cards: Mapping[int, Card]
) -> list[ConflictLine]:
    """The conflicts in words, each with the override that keeps it, if any."""
    query = (
        sa.select(ConflictOverride)
        .where(ConflictOverride.forum_id == forum.id)
        .options(selectinload(ConflictOverride.created_by))
    )
    overrides = {o.conflict_key: o for o in db.session.scalars(query)}
    lines = []
    for conflict in conflicts:
        override = overrides.get(conflict.key)
        lines.append(
            ConflictLine(
                text=describe(conflict, names),
                rule=str(conflict.rule),
                sessions=tuple(cards[i] for i in conflict.activity_ids if i in cards),
                override=Override(
                    by=override.created_by.name if override.created_by else "",
                    reason=override.reason,
                    at=override.created_at,
                )
                if override
                else None,
            )
        )
    return lines


def describe_all(forum: Forum, conflicts: list[Conflict]) -> list[str]:
    """Conflicts a refused change would add, in words (for the refusal)."""
    activities = {a.id: a for a in accepted_activities(forum)}
    names = _names(forum, activities, _organizations(activities.values()))
    return [describe(conflict, names) for conflict in conflicts]


def session_slot_names(forum: Forum) -> dict[int, str]:
    """The forum's session slots in time order, named by day and time."""
    return {
        slot.id: slot_name(slot)
        for day in forum.days
        for slot in day.slots
        if slot.kind == SlotKind.SESSION
    }


def _names(forum: Forum, activities: Mapping[int, Activity], organizations) -> Names:
    return Names(
        activities={i: localized(a, "title") for i, a in activities.items()},
        rooms={room.id: localized(room, "name") for room in forum.rooms},
        slots=session_slot_names(forum),
        organizations={i: localized(o, "name") for i, o in organizations.items()},
        days={d.id: format_day(d.date, "full") for d in forum.days},
    )
