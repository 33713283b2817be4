"""An interpreter's own sessions: their assignments with the placed session's day,
times and room (the draft schedule the coordinator works on), and "I can't make
it", which gives one back.

Times are the forum's local times; a session runs from the start of its first
slot to the end of its last. An assignment whose session is no longer placed is
still listed (without a time) until the needs are derived again.
"""

from dataclasses import dataclass
from datetime import datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.activities.models import Activity
from app.audit.services import AuditAction, record
from app.extensions import db
from app.forums.listing import zone_of
from app.forums.models import Day, Room
from app.interpreting.assigning import unassign
from app.interpreting.models import InterpretationAssignment, InterpretationNeed, Interpreter
from app.scheduling.models import Placement, PlacementCell


@dataclass(frozen=True)
class AssignedSession:
    """One assignment with its session as placed (day, room, times may be None)."""

    assignment: InterpretationAssignment
    need: InterpretationNeed
    activity: Activity
    day: Day | None
    room: Room | None
    starts_at: time | None
    ends_at: time | None

    @property
    def starts(self) -> datetime | None:
        """The start as an aware datetime in the forum's time zone."""
        if self.day is None or self.starts_at is None:
            return None
        zone = zone_of(self.activity.forum.timezone)
        return datetime.combine(self.day.date, self.starts_at, tzinfo=zone)

    @property
    def ends(self) -> datetime | None:
        if self.day is None or self.ends_at is None:
            return None
        zone = zone_of(self.activity.forum.timezone)
        return datetime.combine(self.day.date, self.ends_at, tzinfo=zone)

    def has_started(self, now: datetime) -> bool:
        starts = self.starts
        return starts is not None and starts <= now


@dataclass(frozen=True)
class AssignedDay:
    day: Day | None
    sessions: list[AssignedSession]


class CannotGiveBack(Exception):
    """The session has started (or is over): it is too late to give it back."""


def _placements(activity_ids: set[int]) -> dict[int, Placement]:
    if not activity_ids:
        return {}
    query = (
        sa.select(Placement)
        .where(Placement.activity_id.in_(activity_ids))
        .options(
            selectinload(Placement.room),
            selectinload(Placement.day),
            selectinload(Placement.cells).selectinload(PlacementCell.slot),
        )
    )
    return {placement.activity_id: placement for placement in db.session.scalars(query)}


def _assigned(assignment: InterpretationAssignment, placement: Placement | None) -> AssignedSession:
    slots = [cell.slot for cell in placement.cells] if placement is not None else []
    return AssignedSession(
        assignment=assignment,
        need=assignment.need,
        activity=assignment.need.activity,
        day=placement.day if placement is not None else None,
        room=placement.room if placement is not None else None,
        starts_at=min((s.starts_at for s in slots), default=None),
        ends_at=max((s.ends_at for s in slots), default=None),
    )


def assigned_session(assignment: InterpretationAssignment) -> AssignedSession:
    """One assignment with its session as placed."""
    return _assigned(
        assignment, _placements({assignment.need.activity_id}).get(assignment.need.activity_id)
    )


def assignments_of(interpreter: Interpreter) -> list[AssignedSession]:
    """The interpreter's assignments, by day and time (unplaced ones last)."""
    assignments = list(
        db.session.scalars(
            sa.select(InterpretationAssignment)
            .where(InterpretationAssignment.interpreter_id == interpreter.id)
            .options(
                selectinload(InterpretationAssignment.need).selectinload(
                    InterpretationNeed.activity
                )
            )
        )
    )
    placements = _placements({a.need.activity_id for a in assignments})
    sessions = [_assigned(a, placements.get(a.need.activity_id)) for a in assignments]
    return sorted(
        sessions,
        key=lambda s: (
            s.day is None,
            s.day.date if s.day else None,
            s.starts_at or time.max,
            s.activity.id,
            s.need.id,
        ),
    )


def assignments_by_day(interpreter: Interpreter) -> list[AssignedDay]:
    """The interpreter's assignments grouped by day (unplaced ones in a last group)."""
    days: list[AssignedDay] = []
    for session in assignments_of(interpreter):
        if days and days[-1].day == session.day:
            days[-1].sessions.append(session)
        else:
            days.append(AssignedDay(session.day, [session]))
    return days


def upcoming_assignments(interpreter: Interpreter, now: datetime) -> list[AssignedSession]:
    """The interpreter's assignments of sessions that have not started at ``now``
    (and of sessions not placed any more)."""
    return [s for s in assignments_of(interpreter) if not s.has_started(now)]


def remove_assignment(assignment: InterpretationAssignment, *, by: User) -> None:
    """Delete an assignment (audited as any unassignment): its need is open again."""
    unassign(assignment, by=by)


def give_back(assignment: InterpretationAssignment, *, by: User, now: datetime) -> AssignedSession:
    """The interpreter cannot make it to a session: the assignment goes (the need
    is open again, the coordinator sees it unmet), the act is audited and the
    forum's interpretation coordinators are emailed. Refused once the session has
    started (CannotGiveBack)."""
    from app.interpreting.team_messages import tell_coordinators_cannot_make_it

    session = assigned_session(assignment)
    if session.has_started(now):
        raise CannotGiveBack()
    interpreter = assignment.interpreter
    record(
        AuditAction.INTERPRETER_WITHDREW_FROM_SESSION,
        actor=by,
        obj=interpreter,
        forum=interpreter.forum,
        activity=session.activity.id,
        need=session.need.id,
    )
    remove_assignment(assignment, by=by)
    tell_coordinators_cannot_make_it(interpreter, session)
    return session
