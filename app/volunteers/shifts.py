"""Shifts of a forum's teams: one by one, many at once from the forum's session
slots, and room hosts' shifts following the published programme.

A shift is a stretch of one day of the forum (its local time), for one team, in
one of its rooms or in a named area, with at least one place. Its places never
drop below the sign-ups it holds. Removing a shift tells the volunteers on it by
email. Creating shifts from slots or from the programme skips the shifts that
already exist, so running it again adds only what is new.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.forums.listing import zone_of
from app.forums.models import Day, Forum, Room, SlotKind, TimeSlot
from app.volunteers.models import Shift, ShiftSignup, Team

MAX_PLACES = 500
AREA_LENGTH = 120


class ShiftEditProblem(StrEnum):
    TEAM_OF_ANOTHER_FORUM = "team_of_another_forum"
    DAY_OF_ANOTHER_FORUM = "day_of_another_forum"
    ROOM_OF_ANOTHER_FORUM = "room_of_another_forum"
    ENDS_BEFORE_START = "ends_before_start"
    PLACES_OUT_OF_RANGE = "places_out_of_range"
    FEWER_PLACES_THAN_TAKEN = "fewer_places_than_taken"
    NOT_ROOM_HOSTS = "not_room_hosts"
    NO_PROGRAMME = "no_programme"


class ShiftEditError(Exception):
    """A shift change refused: each problem with the field it is about (or None)."""

    def __init__(self, issues: Iterable[tuple[ShiftEditProblem, str | None]], taken: int = 0):
        self.issues = list(issues)
        self.taken = taken
        super().__init__(", ".join(problem for problem, _field in self.issues))

    @property
    def problems(self) -> set[ShiftEditProblem]:
        return {problem for problem, _field in self.issues}


@dataclass(frozen=True)
class ShiftDetails:
    """What describes a shift, as ``create_shift`` and ``update_shift`` take it."""

    team: Team
    day: Day
    starts_at: time
    ends_at: time
    places_needed: int = 1
    room: Room | None = None
    area: str | None = None
    description: str | None = None

    def cleaned(self, forum: Forum, taken: int = 0) -> dict:
        """The columns of the shift; raises ShiftEditError naming each broken rule."""
        issues = []
        if self.team.forum_id != forum.id:
            issues.append((ShiftEditProblem.TEAM_OF_ANOTHER_FORUM, "team"))
        if self.day.forum_id != forum.id:
            issues.append((ShiftEditProblem.DAY_OF_ANOTHER_FORUM, "day"))
        if self.room is not None and self.room.forum_id != forum.id:
            issues.append((ShiftEditProblem.ROOM_OF_ANOTHER_FORUM, "room"))
        if not self.starts_at < self.ends_at:
            issues.append((ShiftEditProblem.ENDS_BEFORE_START, "ends_at"))
        if not 1 <= self.places_needed <= MAX_PLACES:
            issues.append((ShiftEditProblem.PLACES_OUT_OF_RANGE, "places_needed"))
        elif self.places_needed < taken:
            issues.append((ShiftEditProblem.FEWER_PLACES_THAN_TAKEN, "places_needed"))
        if issues:
            raise ShiftEditError(issues, taken)
        area = (self.area or "").strip()[:AREA_LENGTH] or None
        return {
            "team_id": self.team.id,
            "day_id": self.day.id,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "places_needed": self.places_needed,
            "room_id": self.room.id if self.room is not None else None,
            # A room is the place; a named area only when no room is given.
            "area": None if self.room is not None else area,
            "description": (self.description or "").strip() or None,
        }


def taken_places(shift: Shift) -> int:
    query = sa.select(sa.func.count(ShiftSignup.id)).where(ShiftSignup.shift_id == shift.id)
    return db.session.scalar(query) or 0


def create_shift(forum: Forum, details: ShiftDetails) -> Shift:
    """A new shift of one of the forum's teams."""
    shift = Shift(forum_id=forum.id, **details.cleaned(forum))
    db.session.add(shift)
    db.session.flush()
    return shift


def update_shift(shift: Shift, details: ShiftDetails) -> None:
    """New details for a shift; its places never fall below the sign-ups it holds."""
    for name, value in details.cleaned(shift.forum, taken_places(shift)).items():
        setattr(shift, name, value)
    db.session.flush()


def remove_shift(shift: Shift) -> int:
    """Remove a shift; the volunteers who held it are told by email (in their
    language). Returns how many were told."""
    from app.volunteers.messaging import tell_shift_removed

    told = tell_shift_removed(shift)
    # Loaded so that the sign-ups go with it here, not left to the database (SQLite
    # does not enforce foreign keys).
    shift.signups  # noqa: B018
    db.session.delete(shift)
    db.session.flush()
    return told


def shifts_of(forum: Forum, team: Team | None = None, day: Day | None = None) -> list[Shift]:
    """The forum's shifts by day, start, team; with their sign-ups loaded."""
    query = (
        sa.select(Shift)
        .join(Day, Day.id == Shift.day_id)
        .join(Team, Team.id == Shift.team_id)
        .where(Shift.forum_id == forum.id)
        .options(selectinload(Shift.signups), selectinload(Shift.room))
        .order_by(Day.date, Shift.starts_at, Team.position, Team.id, Shift.id)
    )
    if team is not None:
        query = query.where(Shift.team_id == team.id)
    if day is not None:
        query = query.where(Shift.day_id == day.id)
    return list(db.session.scalars(query))


def _times_taken(team: Team) -> set[tuple]:
    """(day, start, end) of every shift the team has."""
    rows = db.session.execute(
        sa.select(Shift.day_id, Shift.starts_at, Shift.ends_at).where(Shift.team_id == team.id)
    )
    return {tuple(row) for row in rows}


def create_shifts_from_slots(
    forum: Forum,
    team: Team,
    *,
    days: Iterable[Day] | None = None,
    places_needed: int = 1,
    room: Room | None = None,
    area: str | None = None,
    description: str | None = None,
) -> list[Shift]:
    """One shift of ``team`` for every session slot of each day (every day of the
    forum, or ``days``); a shift the team has at that time already is skipped."""
    chosen = list(days) if days is not None else list(forum.days)
    existing = _times_taken(team)
    slots = db.session.scalars(
        sa.select(TimeSlot)
        .join(Day, Day.id == TimeSlot.day_id)
        .where(
            TimeSlot.day_id.in_([day.id for day in chosen]),
            TimeSlot.kind == SlotKind.SESSION,
        )
        .order_by(Day.date, TimeSlot.starts_at)
    )
    created = []
    for slot in slots:
        if (slot.day_id, slot.starts_at, slot.ends_at) in existing:
            continue
        details = ShiftDetails(
            team, slot.day, slot.starts_at, slot.ends_at, places_needed, room, area, description
        )
        created.append(create_shift(forum, details))
    return created


@dataclass(frozen=True)
class RoomHostChanges:
    """What following the published programme did to a room hosts' team's shifts:
    ``created`` for new sessions, ``moved`` with their session (nobody had taken
    them), ``removed`` with their session (idem), and ``held``: shifts whose session
    moved or left the programme but that volunteers hold, left for the coordinator."""

    created: list[Shift] = field(default_factory=list)
    moved: list[Shift] = field(default_factory=list)
    removed: list[Shift] = field(default_factory=list)
    held: list[Shift] = field(default_factory=list)


def create_room_host_shifts(forum: Forum, team: Team, *, places_needed: int = 1) -> RoomHostChanges:
    """One shift of a room-hosting team for every session of the published programme,
    in its room and at its times. Sessions that have theirs are skipped; a shift
    whose session moved or was taken off follows it when nobody holds it yet."""
    from app.scheduling.publishing import published_programme

    if not team.hosts_rooms:
        raise ShiftEditError([(ShiftEditProblem.NOT_ROOM_HOSTS, "team")])
    version = published_programme(forum)
    if version is None:
        raise ShiftEditError([(ShiftEditProblem.NO_PROGRAMME, None)])
    following: dict[int, list[Shift]] = {}
    for shift in db.session.scalars(
        sa.select(Shift)
        .where(Shift.team_id == team.id, Shift.activity_id.is_not(None))
        .options(selectinload(Shift.signups))
        .order_by(Shift.id)
    ):
        following.setdefault(shift.activity_id, []).append(shift)
    sessions = sorted(
        version.sessions, key=lambda s: (s.day.date, s.starts_at, s.room.position, s.room_id)
    )
    changes = RoomHostChanges()
    stale: list[Shift] = []
    for session in sessions:
        place = (session.day_id, session.starts_at, session.ends_at, session.room_id)
        shifts = following.pop(session.activity_id, [])
        in_place = [shift for shift in shifts if _place_of(shift) == place]
        elsewhere = [shift for shift in shifts if _place_of(shift) != place]
        free = [shift for shift in elsewhere if not shift.signups]
        if in_place:
            stale.extend(elsewhere)
        elif free:
            moving = free[0]
            moving.day_id, moving.starts_at, moving.ends_at, moving.room_id = place
            changes.moved.append(moving)
            stale.extend(shift for shift in elsewhere if shift is not moving)
        elif elsewhere:  # held by volunteers: the coordinator moves it (no second one)
            changes.held.extend(elsewhere)
        else:
            details = ShiftDetails(
                team, session.day, session.starts_at, session.ends_at, places_needed, session.room
            )
            created = create_shift(forum, details)
            created.activity_id = session.activity_id
            changes.created.append(created)
    # Shifts of sessions no longer in the programme, or left behind by a move.
    for shift in [*stale, *(shift for shifts in following.values() for shift in shifts)]:
        if shift.signups:
            changes.held.append(shift)
        else:
            db.session.delete(shift)
            changes.removed.append(shift)
    db.session.flush()
    return changes


def _place_of(shift: Shift) -> tuple:
    return (shift.day_id, shift.starts_at, shift.ends_at, shift.room_id)


def local_moment(forum: Forum, day: Day, at: time) -> datetime:
    """A forum-local day and time as a UTC moment."""
    return datetime.combine(day.date, at, tzinfo=zone_of(forum.timezone)).astimezone(UTC)


def shift_length_minutes(shift: Shift) -> int:
    start = datetime.combine(shift.day.date, shift.starts_at)
    return int((datetime.combine(shift.day.date, shift.ends_at) - start).total_seconds() // 60)
