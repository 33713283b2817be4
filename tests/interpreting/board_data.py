"""A small forum for the interpretation board's and coverage's tests.

Day 1: 09:00–10:30 and 11:00–12:30 sessions (a break between); day 2: 09:00–10:30.
Rooms: a hall with a booth of 2 channels, a small room without one. An
interpretation coordinator (two-factor sign-in) and another forum whose data must
never show.
"""

from dataclasses import dataclass
from datetime import date, time

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import ForumStatus, Room, SlotKind, TimeSlot
from tests import factories


@dataclass
class Data:
    forum: object
    coordinator: object
    secret: str
    hall: Room
    small: Room
    morning: TimeSlot  # day 1, 09:00–10:30
    noon: TimeSlot  # day 1, 11:00–12:30
    day2: TimeSlot  # day 2, 09:00–10:30


def make_data(slug: str | None = None) -> Data:
    forum = factories.make_forum(
        status=ForumStatus.OPEN,
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 2),
        name_en="Interpreting forum",
        **({"slug": slug} if slug else {}),
    )
    sync_days(forum)
    first, second = forum.days
    morning = TimeSlot(starts_at=time(9), ends_at=time(10, 30))
    pause = TimeSlot(starts_at=time(10, 30), ends_at=time(11), kind=SlotKind.BREAK)
    noon = TimeSlot(starts_at=time(11), ends_at=time(12, 30))
    first.slots.extend([morning, pause, noon])
    day2 = TimeSlot(starts_at=time(9), ends_at=time(10, 30))
    second.slots.append(day2)
    hall = Room(name_en="Hall", capacity=100, has_booth=True, booth_channels=2, position=0)
    small = Room(name_en="Small room", capacity=20, position=1)
    forum.rooms.extend([hall, small])
    coordinator = factories.make_user(locale="en")
    factories.grant_role(coordinator, forum, ForumRoleName.INTERPRETATION_COORDINATOR)
    secret = factories.enable_two_factor(coordinator)
    db.session.flush()
    return Data(forum, coordinator, secret, hall, small, morning, noon, day2)
