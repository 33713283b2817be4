"""Placing, moving, swapping and removing sessions on the draft schedule.

Every change is checked by the conflict engine: a change that breaks a hard rule
is refused with the conflicts it would add, unless the organizer gives a reason to
override them, which is kept (who, why, when) while the conflict lasts. Two
organizers taking the same cell at the same moment meet the database's unique
constraint: one change lands, the other is refused with ``CELL_TAKEN``.
"""

from collections.abc import Mapping
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.activities.models import Activity, ActivityStatus
from app.audit.services import AuditAction, record
from app.extensions import db
from app.forums.models import Forum, Room, TimeSlot
from app.scheduling.conflicts import Conflict, find_conflicts, new_conflicts
from app.scheduling.loading import load_snapshot
from app.scheduling.models import ConflictOverride, Placement, PlacementCell
from app.scheduling.snapshot import Snapshot, Spot


class PlacementProblem(StrEnum):
    NOT_ACCEPTED = "not_accepted"  # only accepted activities are scheduled
    NOT_A_SESSION_SLOT = "not_a_session_slot"  # a break, or another forum's slot
    NO_RUN = "no_run"  # not enough consecutive session slots from there on that day
    CELL_TAKEN = "cell_taken"  # another session holds one of the cells
    NOT_PLACED = "not_placed"
    READ_ONLY = "read_only"  # an archived forum


class PlacementError(Exception):
    def __init__(self, problem: PlacementProblem, activity_ids: tuple[int, ...] = ()):
        super().__init__(problem.value)
        self.problem = problem
        self.activity_ids = activity_ids


class RulesBroken(Exception):
    """The change would add these conflicts; give a reason to override them."""

    def __init__(self, conflicts: list[Conflict]):
        super().__init__(", ".join(c.key for c in conflicts))
        self.conflicts = conflicts


def spot_for(snapshot: Snapshot, activity_id: int, room: Room, first_slot: TimeSlot) -> Spot:
    """Where ``activity`` would sit with its first slot at ``first_slot`` in ``room``."""
    activity = snapshot.activities.get(activity_id)
    if activity is None:
        raise PlacementError(PlacementProblem.NOT_ACCEPTED, (activity_id,))
    if first_slot.id not in snapshot.slots or room.id not in snapshot.rooms:
        raise PlacementError(PlacementProblem.NOT_A_SESSION_SLOT, (activity_id,))
    run = snapshot.run_from(first_slot.id, activity.length)
    if run is None:
        raise PlacementError(PlacementProblem.NO_RUN, (activity_id,))
    return Spot(room.id, run)


def place_activity(
    forum: Forum,
    activity: Activity,
    room: Room,
    first_slot: TimeSlot,
    *,
    by: User,
    override_reason: str | None = None,
) -> None:
    """Place an accepted activity (or move it) so that it starts at ``first_slot``."""
    if activity.status != ActivityStatus.ACCEPTED:
        raise PlacementError(PlacementProblem.NOT_ACCEPTED, (activity.id,))
    snapshot = load_snapshot(forum)
    spot = spot_for(snapshot, activity.id, room, first_slot)
    apply_changes(forum, {activity.id: spot}, by=by, override_reason=override_reason)


def swap_sessions(
    forum: Forum, first: Placement, second: Placement, *, by: User, override_reason=None
) -> None:
    """Each session takes the other's room and starting slot."""
    snapshot = load_snapshot(forum)
    first_spot = snapshot.placements[first.activity_id]
    second_spot = snapshot.placements[second.activity_id]
    changes = {}
    for activity_id, target in ((first.activity_id, second_spot), (second.activity_id, first_spot)):
        run = snapshot.run_from(target.slot_ids[0], snapshot.activities[activity_id].length)
        if run is None:
            raise PlacementError(PlacementProblem.NO_RUN, (activity_id,))
        changes[activity_id] = Spot(target.room_id, run)
    apply_changes(forum, changes, by=by, override_reason=override_reason)


def unplace_activity(forum: Forum, activity: Activity, *, by: User) -> None:
    """Take a session off the draft schedule (the activity stays accepted)."""
    if placement_of(activity) is None:
        raise PlacementError(PlacementProblem.NOT_PLACED, (activity.id,))
    apply_changes(forum, {activity.id: None}, by=by)


def set_pinned(placement: Placement, pinned: bool) -> None:
    """A pinned session is kept where it is by the auto-scheduler (not in an
    archived forum, whose schedule no longer changes)."""
    from app.forums.models import ForumStatus

    if db.session.get(Forum, placement.forum_id).status == ForumStatus.ARCHIVED:
        raise PlacementError(PlacementProblem.READ_ONLY, (placement.activity_id,))
    placement.pinned = pinned


def placement_of(activity: Activity) -> Placement | None:
    return db.session.scalar(sa.select(Placement).where(Placement.activity_id == activity.id))


def apply_changes(
    forum: Forum,
    changes: Mapping[int, Spot | None],
    *,
    by: User,
    override_reason: str | None = None,
    before: Snapshot | None = None,
) -> list[Conflict]:
    """Write these changes to the draft schedule, refusing new conflicts unless
    overridden; returns the conflicts overridden. Flushes inside a savepoint so a
    cell taken meanwhile leaves the caller's transaction usable."""
    from app.forums.models import ForumStatus

    if forum.status == ForumStatus.ARCHIVED:
        raise PlacementError(PlacementProblem.READ_ONLY)
    before = before or load_snapshot(forum)
    after = before.with_changes(changes)
    _check_cells_free(before, changes)
    added = new_conflicts(before, after, changes.keys())
    if added and not (override_reason and override_reason.strip()):
        raise RulesBroken(added)
    try:
        with db.session.begin_nested():
            _write(forum, changes, by)
    except IntegrityError as error:
        raise PlacementError(PlacementProblem.CELL_TAKEN, tuple(changes)) from error
    for conflict in added:
        _override(forum, conflict, override_reason or "", by)
    drop_resolved_overrides(forum, after)
    return added


def _check_cells_free(before: Snapshot, changes: Mapping[int, Spot | None]) -> None:
    taken = {
        (spot.room_id, slot_id): activity_id
        for activity_id, spot in before.placements.items()
        if activity_id not in changes
        for slot_id in spot.slot_ids
    }
    for activity_id, spot in changes.items():
        for slot_id in spot.slot_ids if spot else ():
            holder = taken.get((spot.room_id, slot_id))
            if holder is not None:
                raise PlacementError(PlacementProblem.CELL_TAKEN, (activity_id, holder))


def _write(forum: Forum, changes: Mapping[int, Spot | None], by: User) -> None:
    existing = {
        p.activity_id: p
        for p in db.session.scalars(
            sa.select(Placement).where(Placement.activity_id.in_(list(changes)))
        )
    }
    # Free every cell first, so sessions can trade places in one change.
    for placement in existing.values():
        placement.cells.clear()
    db.session.flush()
    slot_days = _slot_days([s for spot in changes.values() if spot for s in spot.slot_ids])
    for activity_id, spot in changes.items():
        placement = existing.get(activity_id)
        if spot is None:
            if placement is not None:
                db.session.delete(placement)
            continue
        if placement is None:
            placement = Placement(forum_id=forum.id, activity_id=activity_id)
            db.session.add(placement)
        placement.room_id = spot.room_id
        placement.day_id = slot_days[spot.slot_ids[0]]
        placement.placed_by_id = by.id
        placement.cells = [PlacementCell(room_id=spot.room_id, slot_id=s) for s in spot.slot_ids]
    db.session.flush()


def _slot_days(slot_ids: list[int]) -> dict[int, int]:
    if not slot_ids:
        return {}
    rows = db.session.execute(
        sa.select(TimeSlot.id, TimeSlot.day_id).where(TimeSlot.id.in_(slot_ids))
    )
    return {slot_id: day_id for slot_id, day_id in rows}


def _override(forum: Forum, conflict: Conflict, reason: str, by: User) -> None:
    existing = db.session.scalar(
        sa.select(ConflictOverride).where(
            ConflictOverride.forum_id == forum.id, ConflictOverride.conflict_key == conflict.key
        )
    )
    if existing is None:
        existing = ConflictOverride(forum_id=forum.id, conflict_key=conflict.key)
        db.session.add(existing)
    existing.rule = str(conflict.rule)
    existing.reason = reason.strip()
    existing.created_by_id = by.id
    db.session.flush()
    record(
        AuditAction.RULE_OVERRIDDEN, actor=by, obj=existing, forum=forum, rule=str(conflict.rule)
    )


def drop_resolved_overrides(forum: Forum, schedule: Snapshot) -> None:
    """Overrides of conflicts that no longer exist are done with."""
    current = {conflict.key for conflict in find_conflicts(schedule)}
    for override in db.session.scalars(
        sa.select(ConflictOverride).where(ConflictOverride.forum_id == forum.id)
    ):
        if override.conflict_key not in current:
            db.session.delete(override)
    db.session.flush()
