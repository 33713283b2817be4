"""Staff roles, rooms and themes, and copying a forum to a new season."""

from datetime import date, time

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.core.permissions import ForumRoleName, Permission, can
from app.extensions import db
from app.forums import calendar, services, staff, venue
from app.forums.copying import copy_forum
from app.forums.models import ForumKind
from tests import factories


@pytest.fixture
def forum(ctx):
    organizer = factories.make_user()
    forum = services.create_forum(
        factories.make_user(is_site_admin=True),
        slug="isf-4-staff",
        kind=ForumKind.SEASON,
        number=4,
        start_date=date(2017, 11, 30),
        end_date=date(2017, 12, 2),
        registration_opens=date(2017, 10, 1),
        registration_closes=date(2017, 11, 15),
        organizers=[organizer],
    )
    forum.test_organizer = organizer
    return forum


def test_organizers_grant_roles_by_email_to_existing_accounts(forum):
    reviewer = factories.make_user(email="reviewer.one@example.org")

    staff.grant_role(
        forum.test_organizer, forum, "Reviewer.One@example.org", ForumRoleName.REVIEWER
    )

    assert can(reviewer, Permission.REVIEW_PROPOSALS, forum)
    with pytest.raises(staff.AlreadyHeld):
        staff.grant_role(forum.test_organizer, forum, reviewer.email, ForumRoleName.REVIEWER)
    with pytest.raises(staff.UnknownAccount):
        staff.grant_role(forum.test_organizer, forum, "nobody@example.org", ForumRoleName.REVIEWER)
    granted = db.session.scalar(
        sa.select(AuditEvent).where(
            AuditEvent.action == "role_granted", AuditEvent.object_id == reviewer.id
        )
    )
    assert granted.details == {"role": "reviewer"}


def test_the_last_organizer_cannot_be_removed(forum):
    [only] = forum.roles
    with pytest.raises(staff.LastOrganizer):
        staff.revoke_role(forum.test_organizer, only)
    second = factories.make_user()
    staff.grant_role(forum.test_organizer, forum, second.email, ForumRoleName.ORGANIZER)
    staff.revoke_role(second, only)
    assert staff.organizer_count(forum) == 1


def test_rooms_are_checked(forum):
    hall = venue.add_room(
        forum,
        name_ar="القاعة الكبرى",
        capacity=300,
        has_booth=True,
        booth_channels=2,
        equipment=["projector", "sound"],
    )
    assert hall.position == 0
    for bad in (
        {"name_en": "Closet", "capacity": 0},
        {"name_en": "Booth", "capacity": 50, "has_booth": True, "booth_channels": 0},
        {"name_en": "Channels", "capacity": 50, "booth_channels": 2},
        {"capacity": 50},
        {"name_en": "Odd", "capacity": 50, "equipment": ["teleporter"]},
    ):
        with pytest.raises(venue.VenueError):
            venue.add_room(forum, **bad)


def test_a_room_can_be_closed_for_part_of_a_day(forum):
    room = venue.add_room(forum, name_en="Tigris room", capacity=40)
    day = forum.days[1]
    venue.close_room(room, day, time(14), time(16))

    assert venue.is_room_open(room, day, time(9), time(10, 30))
    assert venue.is_room_open(room, day, time(16), time(17, 30))  # back to back
    assert not venue.is_room_open(room, day, time(15), time(16, 30))
    assert venue.is_room_open(room, forum.days[0], time(15), time(16, 30))
    with pytest.raises(ValueError, match="ends after it starts"):
        venue.close_room(room, day, time(16), time(14))


def test_themes_keep_their_order(forum):
    women = venue.add_theme(forum, name_en="Women's rights (Shahrazad)")
    labour = venue.add_theme(forum, name_en="Workers' rights")
    tigris = venue.add_theme(forum, name_ar="أنقذوا دجلة والأهوار")
    venue.move_theme(tigris, -2)
    assert [t.id for t in sorted(forum.themes, key=lambda t: t.position)] == [
        tigris.id,
        women.id,
        labour.id,
    ]
    with pytest.raises(venue.VenueError):
        venue.add_theme(forum, name_ar="", name_en=None)


def test_a_new_season_copies_rooms_slots_themes_caps_and_charter_shifted(forum):
    calendar.apply_pattern(forum, calendar.DEFAULT_PATTERN)
    venue.add_room(forum, name_en="Hall", capacity=300, has_booth=True, booth_channels=2)
    venue.add_theme(forum, name_en="Peace and coexistence")
    services.publish_charter(forum, "ميثاق", "پەیماننامە", "Charter")
    forum.max_delegates_per_organization = 4
    new_organizer = factories.make_user()

    new = copy_forum(
        new_organizer,
        forum,
        slug="isf-5",
        start_date=date(2018, 11, 29),
        organizers=[new_organizer],
    )

    assert new.number == 5
    assert (new.start_date, new.end_date) == (date(2018, 11, 29), date(2018, 12, 1))
    assert (new.registration_opens, new.registration_closes) == (
        date(2018, 9, 30),
        date(2018, 11, 14),
    )
    assert [d.date for d in new.days] == [date(2018, 11, 29), date(2018, 11, 30), date(2018, 12, 1)]
    assert all(len(day.slots) == 5 for day in new.days)
    assert [(r.name_en, r.capacity, r.booth_channels) for r in new.rooms] == [("Hall", 300, 2)]
    assert [t.name_en for t in new.themes] == ["Peace and coexistence"]
    assert new.current_charter.text_ckb == "پەیماننامە"
    assert new.max_delegates_per_organization == 4
    assert {r.id for r in new.rooms}.isdisjoint({r.id for r in forum.rooms})
