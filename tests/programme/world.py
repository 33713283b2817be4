"""A published forum for the programme tests, with data that could leak.

The 4th season (three days) has a booth room and a small room, two slots a day,
and sessions placed on the draft, then published as version 1:

- day 1, 11:00 in the hall: "Save the Tigris", lead organization listed, a listed
  accepted co-organizer, a hidden one and one that has not answered; interpreted
  into Kurdish (channel 1) and English (channel 2); a presenter who consented and
  one who did not (with the canary phone and email);
- day 1, 09:00 in the small room: "Workers' rights", lead organization unlisted,
  Kurdish consecutively;
- day 2, 09:00 in the hall: "Women's rights" (Shahrazad).

A second forum has its own published session, which must not appear.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from app.activities.models import CoOrganizer, InterpretationMode, Presenter
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import ForumStatus, Room, Theme, TimeSlot
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.interpreting.factories import make_need, make_placed_session

PHONE = ("+9647701234567", "+964 770 123 4567", "770 123 4567")
EMAIL = "canary.presenter@example.org"
HIDDEN_NAME = "Canary Hidden Organization"
UNLISTED_NAME = "Canary Unlisted Organization"
PENDING_NAME = "Canary Pending Co-organizer"
SILENT_PRESENTER = "Canary Silent Presenter"


@dataclass
class World:
    slug: str
    other_slug: str
    forum_id: int
    organizer_id: int
    hall_id: int
    small_id: int
    slot_ids: dict[tuple[int, int], int]  # (day index, slot index) -> slot id
    tigris_id: int
    workers_id: int
    women_id: int


def make_open_forum(slug: str, name_en: str):
    forum = factories.make_forum(
        slug=slug,
        status=ForumStatus.OPEN,
        name_en=name_en,
        start_date=date(2017, 11, 30),
        end_date=date(2017, 12, 2),
    )
    sync_days(forum)
    for day in forum.days:
        day.slots.append(TimeSlot(starts_at=time(9), ends_at=time(10, 30)))
        day.slots.append(TimeSlot(starts_at=time(11), ends_at=time(12, 30)))
    db.session.flush()
    return forum


def slots_of(forum) -> dict[tuple[int, int], TimeSlot]:
    days = sorted(forum.days, key=lambda day: day.date)
    return {
        (d, s): slot
        for d, day in enumerate(days)
        for s, slot in enumerate(sorted(day.slots, key=lambda slot: slot.starts_at))
    }


def listed(**fields):
    return factories.make_organization(listed_publicly=True, **fields)


def make_world() -> World:
    forum = make_open_forum("isf-4", "4th Iraqi Social Forum")
    hall = Room(name_en="Al-Rasheed Hall", capacity=200, has_booth=True, booth_channels=2)
    small = Room(name_en="Small room", capacity=40, position=1)
    forum.rooms.extend([hall, small])
    tigris_theme = Theme(name_en="Save the Tigris and the Iraqi Marshes")
    forum.themes.append(tigris_theme)
    db.session.flush()
    slots = slots_of(forum)
    organizer = factories.make_user()
    factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)

    tigris = make_placed_session(
        forum, hall, slots[(0, 1)], organization=listed(name_en="Humat Dijla"),
        title_en="Save the Tigris", title_ar="أنقذوا دجلة", theme_id=tigris_theme.id,
        spoken_languages=["ar"],
    )  # fmt: skip
    for organization, accepted in [
        (listed(name_en="Waterkeepers Iraq"), True),
        (listed(name_en=HIDDEN_NAME, hidden_at=datetime(2017, 11, 1, tzinfo=UTC)), True),
        (listed(name_en=PENDING_NAME), None),
    ]:
        tigris.co_organizers.append(CoOrganizer(organization_id=organization.id, accepted=accepted))
    tigris.presenters = [
        Presenter(name="Layla Hassan", phone=PHONE[0], email=EMAIL, public_consent=True),
        Presenter(name=SILENT_PRESENTER, phone=PHONE[0], email=EMAIL, position=1),
    ]
    make_need(tigris, "ar", "ckb", channel=1)
    make_need(tigris, "ar", "en", channel=2)

    unlisted = factories.make_organization(name_en=UNLISTED_NAME)
    workers = make_placed_session(
        forum, small, slots[(0, 0)], organization=unlisted,
        title_en="Workers' rights and a just labour law", spoken_languages=["ar"],
    )  # fmt: skip
    make_need(workers, "ar", "ckb", mode=InterpretationMode.CONSECUTIVE)
    women = make_placed_session(
        forum, hall, slots[(1, 0)], organization=listed(name_en="Iraqi Women Journalists Forum"),
        title_en="Shahrazad: women's rights", spoken_languages=["ar", "en"],
    )  # fmt: skip
    db.session.flush()
    publish_schedule(forum, organizer)

    other = make_open_forum("ksf-2017", "Kurdistan Social Forum")
    other_room = Room(name_en="Erbil Hall", capacity=50)
    other.rooms.append(other_room)
    db.session.flush()
    make_placed_session(
        other, other_room, slots_of(other)[(0, 0)], organization=listed(name_en="Erbil NGO"),
        title_en="Session of the other forum",
    )  # fmt: skip
    other_organizer = factories.make_user()
    publish_schedule(other, other_organizer)
    db.session.commit()
    return World(
        slug=forum.slug,
        other_slug=other.slug,
        forum_id=forum.id,
        organizer_id=organizer.id,
        hall_id=hall.id,
        small_id=small.id,
        slot_ids={key: slot.id for key, slot in slots.items()},
        tigris_id=tigris.id,
        workers_id=workers.id,
        women_id=women.id,
    )
