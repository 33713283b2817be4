"""The forum's placed sessions as the interpretation pages read them: each accepted
activity on the draft schedule with its room, day and times.

Read only. Times are the forum's local times; a session runs from the start of
its first slot to the end of its last (its slots follow one another).
"""

from dataclasses import dataclass
from datetime import time

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.activities.models import Activity, ActivityStatus
from app.extensions import db
from app.forums.models import Day, Forum, Room
from app.scheduling.models import Placement, PlacementCell


@dataclass(frozen=True)
class PlacedSession:
    activity: Activity
    room: Room
    day: Day
    starts_at: time
    ends_at: time

    @property
    def minutes(self) -> int:
        """The session's length in minutes."""
        return _minutes(self.ends_at) - _minutes(self.starts_at)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def placed_sessions(forum: Forum, day: Day | None = None) -> list[PlacedSession]:
    """The accepted activities placed on ``forum``'s draft (of ``day`` when given),
    by day, start time and room."""
    query = (
        sa.select(Placement)
        .join(Activity, Activity.id == Placement.activity_id)
        .where(Placement.forum_id == forum.id, Activity.status == ActivityStatus.ACCEPTED)
        .options(
            selectinload(Placement.activity),
            selectinload(Placement.room),
            selectinload(Placement.day),
            selectinload(Placement.cells).selectinload(PlacementCell.slot),
        )
    )
    if day is not None:
        query = query.where(Placement.day_id == day.id)
    sessions = []
    for placement in db.session.scalars(query):
        slots = [cell.slot for cell in placement.cells]
        if not slots:
            continue
        sessions.append(
            PlacedSession(
                activity=placement.activity,
                room=placement.room,
                day=placement.day,
                starts_at=min(slot.starts_at for slot in slots),
                ends_at=max(slot.ends_at for slot in slots),
            )
        )
    sessions.sort(
        key=lambda s: (s.day.date, s.starts_at, s.room.position, s.room.id, s.activity.id)
    )
    return sessions
