"""A small forum to schedule, shared by the board's and the placing service's tests.

Day 1: 09:00 session, 10:30 break, 11:00 and 12:30 sessions (back to back); day 2:
09:00 session. Rooms: a hall (100 seats, a booth with 2 channels) and a small room
(20 seats, closed on day 1 from 12:30 to 14:00).
"""

from dataclasses import dataclass
from datetime import date, time

from app.activities.models import ActivityStatus
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import ForumStatus, Room, RoomClosure, SlotKind, TimeSlot
from tests import factories


@dataclass
class Data:
    forum: object
    organizer: object
    reviewer: object
    hall: Room
    small: Room
    morning: TimeSlot  # day 1, 09:00
    lunch: TimeSlot  # day 1, the break
    noon: TimeSlot  # day 1, 11:00
    afternoon: TimeSlot  # day 1, 12:30
    day2: TimeSlot  # day 2, 09:00
    organization: object


def make_data(**forum_fields) -> Data:
    forum = factories.make_forum(
        status=forum_fields.pop("status", ForumStatus.OPEN),
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 2),
        name_en="Board forum",
        **forum_fields,
    )
    sync_days(forum)
    first, second = forum.days
    slots = [
        TimeSlot(starts_at=time(9), ends_at=time(10, 30)),
        TimeSlot(starts_at=time(10, 30), ends_at=time(11), kind=SlotKind.BREAK, label_en="Lunch"),
        TimeSlot(starts_at=time(11), ends_at=time(12, 30)),
        TimeSlot(starts_at=time(12, 30), ends_at=time(14)),
    ]
    first.slots.extend(slots)
    day2 = TimeSlot(starts_at=time(9), ends_at=time(10, 30))
    second.slots.append(day2)
    hall = Room(name_en="Hall", capacity=100, has_booth=True, booth_channels=2, position=0)
    small = Room(name_en="Small room", capacity=20, position=1)
    forum.rooms.extend([hall, small])
    small.closures.append(RoomClosure(day=first, starts_at=time(12, 30), ends_at=time(14)))
    organizer = factories.make_user(locale="en")
    factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
    reviewer = factories.make_user(locale="en")
    factories.grant_role(reviewer, forum, ForumRoleName.REVIEWER)
    organization = factories.make_organization(name_en="Tammuz")
    db.session.flush()
    return Data(forum, organizer, reviewer, hall, small, *slots, day2, organization)


def accepted(data: Data, title: str, organization=None, **fields):
    """An accepted activity (the data's organization leads it unless told)."""
    return factories.make_activity(
        data.forum,
        organization or data.organization,
        title_en=title,
        **{"status": ActivityStatus.ACCEPTED, **fields},
    )
