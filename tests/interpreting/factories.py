"""Factories for the interpretation team: interpreters, placed sessions, needs.

Shared by every interpreting test (signatures are kept stable)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.activities.models import ActivityStatus, InterpretationMode
from app.extensions import db
from app.forums.models import Day, Forum, Room, TimeSlot
from app.interpreting.models import (
    InterpretationAssignment,
    InterpretationNeed,
    Interpreter,
    InterpreterAvailability,
    InterpreterDirection,
    InterpreterLanguage,
    InterpreterStatus,
    LanguageLevel,
)
from app.scheduling.models import Placement, PlacementCell
from tests import factories


def make_interpreter(
    forum: Forum,
    user=None,
    directions: Iterable[tuple[str, str]] = (("ar", "en"),),
    modes: Iterable[str] = ("simultaneous",),
    experienced: bool = True,
    days: Iterable[Day] | None = None,
    languages: dict[str, LanguageLevel | str] | None = None,
    status: InterpreterStatus = InterpreterStatus.APPROVED,
    **fields,
) -> Interpreter:
    """An interpreter of ``forum`` (approved unless told), available every day of
    the forum unless ``days`` is given. Languages default to A for the targets of
    ``directions`` and B for the sources."""
    user = user or factories.make_user(locale="en")
    directions = list(directions)
    if languages is None:
        languages = {source: LanguageLevel.B for source, _ in directions}
        languages.update({target: LanguageLevel.A for _, target in directions})
    interpreter = Interpreter(
        forum_id=forum.id,
        user_id=user.id,
        status=status,
        modes=[str(mode) for mode in modes],
        experienced=experienced,
        **fields,
    )
    interpreter.languages = [
        InterpreterLanguage(language=code, level=LanguageLevel(level))
        for code, level in languages.items()
    ]
    interpreter.directions = [InterpreterDirection(source=s, target=t) for s, t in directions]
    chosen_days = list(forum.days) if days is None else list(days)
    interpreter.availability = [InterpreterAvailability(day_id=day.id) for day in chosen_days]
    db.session.add(interpreter)
    db.session.flush()
    return interpreter


def make_placed_session(
    forum: Forum,
    room: Room,
    slots: TimeSlot | Sequence[TimeSlot],
    organization=None,
    **activity_fields,
):
    """An accepted activity placed in the draft schedule in ``room`` over ``slots``
    (consecutive session slots of one day). Placement rows are written directly,
    so no conflict check refuses it. Returns the activity."""
    slots = [slots] if isinstance(slots, TimeSlot) else list(slots)
    organization = organization or factories.make_organization()
    activity = factories.make_activity(
        forum,
        organization,
        **{
            "status": ActivityStatus.ACCEPTED,
            "length_slots": len(slots),
            **activity_fields,
        },
    )
    place(activity, room, slots)
    return activity


def place(activity, room: Room, slots: TimeSlot | Sequence[TimeSlot]) -> Placement:
    """Put (or move) ``activity`` into ``room`` over ``slots`` in the draft."""
    slots = [slots] if isinstance(slots, TimeSlot) else list(slots)
    placement = db.session.scalar(db.select(Placement).where(Placement.activity_id == activity.id))
    if placement is None:
        placement = Placement(forum_id=activity.forum_id, activity_id=activity.id)
        db.session.add(placement)
    else:
        placement.cells.clear()
        db.session.flush()
    placement.room_id = room.id
    placement.day_id = slots[0].day_id
    placement.cells = [PlacementCell(room_id=room.id, slot_id=slot.id) for slot in slots]
    db.session.flush()
    return placement


def unplace(activity) -> None:
    """Take ``activity`` off the draft schedule."""
    placement = db.session.scalar(db.select(Placement).where(Placement.activity_id == activity.id))
    if placement is not None:
        db.session.delete(placement)
        db.session.flush()


def make_need(
    activity,
    source: str = "ar",
    target: str = "en",
    mode: InterpretationMode | str = InterpretationMode.SIMULTANEOUS,
    **fields,
) -> InterpretationNeed:
    """A need of a placed session, written directly (not derived)."""
    need = InterpretationNeed(
        forum_id=activity.forum_id,
        activity_id=activity.id,
        source=source,
        target=target,
        mode=InterpretationMode(mode),
        **{"team_size": 1, **fields},
    )
    db.session.add(need)
    db.session.flush()
    return need


def make_assignment(need, interpreter, pinned: bool = True, **fields) -> InterpretationAssignment:
    """An assignment written directly (no rule checked)."""
    assignment = InterpretationAssignment(
        need_id=need.id, interpreter_id=interpreter.id, pinned=pinned, **fields
    )
    db.session.add(assignment)
    db.session.flush()
    return assignment


@dataclass
class Schedule:
    """A small forum to interpret (``make_schedule``)."""

    forum: Forum
    day1: Day
    day2: Day
    s0900: TimeSlot
    s1100: TimeSlot
    s1230: TimeSlot
    s1400: TimeSlot
    d2_0900: TimeSlot
    d2_1100: TimeSlot
    hall: Room
    annex: Room
    small: Room
    organizer: object


def make_schedule(**forum_fields) -> Schedule:
    """A forum of two days. Day 1: sessions at 09:00 (90 min), a break at 10:30, then
    11:00, 12:30 and 14:00 back to back (90 min each); day 2: 09:00 and 11:00
    (back to back, 120 min). Rooms: ``hall`` (a booth of 2 channels), ``annex`` (a
    booth of 3 channels), ``small`` (no booth)."""
    from datetime import date, time

    from app.forums.calendar import sync_days
    from app.forums.models import ForumStatus, SlotKind

    forum = factories.make_forum(
        status=forum_fields.pop("status", ForumStatus.OPEN),
        start_date=date(2027, 3, 4),
        end_date=date(2027, 3, 5),
        name_en="Interpreted forum",
        **forum_fields,
    )
    sync_days(forum)
    first, second = forum.days
    first.slots.extend(
        [
            TimeSlot(starts_at=time(9), ends_at=time(10, 30)),
            TimeSlot(starts_at=time(10, 30), ends_at=time(11), kind=SlotKind.BREAK),
            TimeSlot(starts_at=time(11), ends_at=time(12, 30)),
            TimeSlot(starts_at=time(12, 30), ends_at=time(14)),
            TimeSlot(starts_at=time(14), ends_at=time(15, 30)),
        ]
    )
    second.slots.extend(
        [
            TimeSlot(starts_at=time(9), ends_at=time(11)),
            TimeSlot(starts_at=time(11), ends_at=time(13)),
        ]
    )
    hall = Room(name_en="Hall", capacity=200, has_booth=True, booth_channels=2, position=0)
    annex = Room(name_en="Annex", capacity=100, has_booth=True, booth_channels=3, position=1)
    small = Room(name_en="Small room", capacity=30, position=2)
    forum.rooms.extend([hall, annex, small])
    db.session.flush()
    s0900, _lunch, s1100, s1230, s1400 = first.slots
    return Schedule(
        forum,
        first,
        second,
        s0900,
        s1100,
        s1230,
        s1400,
        *second.slots,
        hall,
        annex,
        small,
        factories.make_user(locale="en"),
    )
