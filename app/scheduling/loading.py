"""The forum's draft schedule read from the database as a ``Snapshot``."""

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.activities.models import Activity, ActivityStatus, Merge, MergeMode, MergeStatus
from app.activities.models import InterpretationMode as Mode
from app.extensions import db
from app.forums.models import Forum, Room, RoomClosure, SlotKind, TimeSlot
from app.organizations.normalise import normalise_name
from app.scheduling import snapshot as plain
from app.scheduling.models import Placement


def minutes(moment) -> int:
    return moment.hour * 60 + moment.minute


def load_snapshot(forum: Forum) -> plain.Snapshot:
    """Rooms, session slots, accepted activities, placements, pins and sequences."""
    placements = list(
        db.session.scalars(
            sa.select(Placement)
            .where(Placement.forum_id == forum.id)
            .options(selectinload(Placement.cells))
        )
    )
    return plain.Snapshot(
        rooms=_rooms(forum),
        slots=_slots(forum),
        activities={a.id: _activity(a) for a in accepted_activities(forum)},
        placements={
            p.activity_id: plain.Spot(p.room_id, tuple(_ordered_slot_ids(p))) for p in placements
        },
        pinned=frozenset(p.activity_id for p in placements if p.pinned),
        sequences=_sequences(forum),
        interpreters=interpreter_assignments(forum),
    )


def accepted_activities(forum: Forum) -> list[Activity]:
    return list(
        db.session.scalars(
            sa.select(Activity)
            .where(Activity.forum_id == forum.id, Activity.status == ActivityStatus.ACCEPTED)
            .options(
                selectinload(Activity.co_organizers),
                selectinload(Activity.presenters),
                selectinload(Activity.day_wishes),
            )
            .order_by(Activity.id)
        )
    )


def _ordered_slot_ids(placement: Placement) -> list[int]:
    cells = sorted(placement.cells, key=lambda cell: cell.slot.starts_at)
    return [cell.slot_id for cell in cells]


def _rooms(forum: Forum) -> dict[int, plain.Room]:
    rooms = db.session.scalars(
        sa.select(Room).where(Room.forum_id == forum.id).options(selectinload(Room.closures))
    )
    return {
        room.id: plain.Room(
            id=room.id,
            capacity=room.capacity,
            has_booth=room.has_booth,
            channels=room.booth_channels if room.has_booth else 0,
            closures=tuple(_closure(c) for c in room.closures),
        )
        for room in rooms
    }


def _closure(closure: RoomClosure) -> plain.Closure:
    return plain.Closure(closure.day_id, minutes(closure.starts_at), minutes(closure.ends_at))


def _slots(forum: Forum) -> dict[int, plain.Slot]:
    """Session slots; one follows another when no break sits between them."""
    slots: dict[int, plain.Slot] = {}
    for day in forum.days:
        run: list[TimeSlot] = []
        for slot in [*day.slots, None]:
            if slot is not None and slot.kind == SlotKind.SESSION:
                run.append(slot)
                continue
            for here, after in zip(run, [*run[1:], None] if run else [], strict=True):
                slots[here.id] = plain.Slot(
                    id=here.id,
                    day_id=day.id,
                    starts=minutes(here.starts_at),
                    ends=minutes(here.ends_at),
                    next_id=after.id if after else None,
                )
            run = []
    return slots


def _activity(activity: Activity) -> plain.Activity:
    organizations = {activity.lead_organization_id} | {
        c.organization_id for c in activity.co_organizers if c.accepted
    }
    simultaneous = activity.interpretation_mode == Mode.SIMULTANEOUS
    return plain.Activity(
        id=activity.id,
        length=activity.length_slots,
        attendance=activity.expected_attendance or 0,
        simultaneous=simultaneous and bool(activity.interpretation_into),
        interpretation_languages=len(activity.interpretation_into or ()),
        organizations=frozenset(organizations),
        presenters=frozenset(presenter_keys(activity.presenters)),
        impossible_days=frozenset(w.day_id for w in activity.day_wishes if not w.preferred),
        preferred_days=frozenset(w.day_id for w in activity.day_wishes if w.preferred),
        theme_id=activity.theme_id,
    )


def presenter_keys(presenters: Iterable) -> set[str]:
    """One key per person: the email, else the phone, else the normalised name."""
    keys = set()
    for presenter in presenters:
        if presenter.email:
            keys.add("email:" + presenter.email.strip().casefold())
        elif presenter.phone:
            keys.add("phone:" + presenter.phone)
        elif normalise_name(presenter.name):
            keys.add("name:" + normalise_name(presenter.name))
    return keys


def _sequences(forum: Forum) -> tuple[tuple[int, ...], ...]:
    merges = db.session.scalars(
        sa.select(Merge)
        .where(
            Merge.forum_id == forum.id,
            Merge.mode == MergeMode.SEQUENCE,
            Merge.status == MergeStatus.COMPLETED,
        )
        .options(selectinload(Merge.members))
    )
    return tuple(tuple(m.activity_id for m in merge.members) for merge in merges)


def interpreter_assignments(forum: Forum) -> dict[str, frozenset[int]]:
    """Each interpreter's sessions, so the conflict engine sees an interpreter in
    two places at once (keys are opaque and never shown)."""
    from app.interpreting.models import InterpretationAssignment, InterpretationNeed

    rows = db.session.execute(
        sa.select(InterpretationAssignment.interpreter_id, InterpretationNeed.activity_id)
        .join(InterpretationNeed, InterpretationNeed.id == InterpretationAssignment.need_id)
        .where(InterpretationNeed.forum_id == forum.id)
    )
    sessions: dict[str, set[int]] = {}
    for interpreter_id, activity_id in rows:
        sessions.setdefault(f"interpreter:{interpreter_id}", set()).add(activity_id)
    return {key: frozenset(ids) for key, ids in sessions.items()}
