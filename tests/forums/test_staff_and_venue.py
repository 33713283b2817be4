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


def _problems(error_info) -> list[tuple[str | None, venue.VenueProblem]]:
    return [(issue.field, issue.problem) for issue in error_info.value.issues]


def test_rooms_are_checked(forum):
    hall = venue.add_room(
        forum,
        name_ar="القاعة الكبرى",
        capacity=300,
        has_booth=True,
        booth_channels=2,
        equipment=["sound", "projector"],
    )
    assert hall.position == 0
    assert hall.equipment == ["projector", "sound"]  # in the list's order
    P = venue.VenueProblem
    for bad, expected in (
        ({"name_en": "Closet", "capacity": 0}, [("capacity", P.CAPACITY_OUT_OF_RANGE)]),
        ({"name_en": "Stadium", "capacity": 50_000}, [("capacity", P.CAPACITY_OUT_OF_RANGE)]),
        (
            {"name_en": "Booth", "capacity": 50, "has_booth": True, "booth_channels": 0},
            [("booth_channels", P.BOOTH_WITHOUT_CHANNELS)],
        ),
        (
            {"name_en": "Booth", "capacity": 50, "has_booth": True, "booth_channels": None},
            [("booth_channels", P.BOOTH_WITHOUT_CHANNELS)],
        ),
        (
            {"name_en": "Channels", "capacity": 50, "booth_channels": 2},
            [("booth_channels", P.CHANNELS_WITHOUT_BOOTH)],
        ),
        (
            {"name_en": "Babel", "capacity": 50, "has_booth": True, "booth_channels": 40},
            [("booth_channels", P.TOO_MANY_CHANNELS)],
        ),
        ({"capacity": 50, "name_en": "  "}, [("name", P.NO_NAME)]),
        (
            {"name_en": "Odd", "capacity": 50, "equipment": ["teleporter"]},
            [("equipment", P.UNKNOWN_EQUIPMENT)],
        ),
        (
            {"capacity": 0, "booth_channels": 1},
            [
                ("name", P.NO_NAME),
                ("capacity", P.CAPACITY_OUT_OF_RANGE),
                ("booth_channels", P.CHANNELS_WITHOUT_BOOTH),
            ],
        ),
    ):
        with pytest.raises(venue.VenueError) as refused:
            venue.add_room(forum, **bad)
        assert _problems(refused) == expected, bad
    assert len(forum.rooms) == 1


def test_a_room_is_updated_under_the_same_rules(forum):
    room = venue.add_room(forum, name_en="Tigris room", capacity=40)
    details = {
        "name_ar": "قاعة دجلة",
        "name_ckb": None,
        "name_en": "Tigris room",
        "capacity": 60,
        "has_booth": True,
        "booth_channels": 2,
        "step_free": False,
        "equipment": ["whiteboard"],
    }

    venue.update_room(room, **details)

    assert (room.name_ar, room.capacity, room.booth_channels) == ("قاعة دجلة", 60, 2)
    assert (room.step_free, room.equipment) == (False, ["whiteboard"])
    with pytest.raises(venue.VenueError) as refused:
        venue.update_room(room, **{**details, "has_booth": False, "capacity": 45})
    assert _problems(refused) == [("booth_channels", venue.VenueProblem.CHANNELS_WITHOUT_BOOTH)]
    assert (room.capacity, room.has_booth) == (60, True)  # nothing changed


@pytest.fixture
def usage():
    """Uses of rooms and themes, as the sessions and activities features will report them."""
    uses: dict[str, dict[int, list[str]]] = {"rooms": {}, "themes": {}}

    def reader(kind):
        return lambda ids: {i: uses[kind][i] for i in ids if i in uses[kind]}

    with (
        venue.registered_room_usage("test", reader("rooms")),
        venue.registered_theme_usage("test", reader("themes")),
    ):
        yield uses


def test_a_room_in_use_is_kept_and_removing_another_closes_ranks(forum, usage):
    hall, tigris, small = (
        venue.add_room(forum, name_en=name, capacity=20) for name in ("Hall", "Tigris", "Small")
    )
    venue.close_room(hall, forum.days[0], time(9), time(10))
    usage["rooms"][hall.id] = ["Session 12", "Session 14"]

    with pytest.raises(venue.VenueError) as refused:
        venue.remove_room(hall)
    [issue] = refused.value.issues
    assert issue.problem is venue.VenueProblem.IN_USE
    assert issue.data["uses"] == ["Session 12", "Session 14"]

    venue.remove_room(tigris)
    assert [(r.name_en, r.position) for r in venue.rooms_of(forum)] == [("Hall", 0), ("Small", 1)]
    venue.move_room(small, -1)
    assert [r.name_en for r in venue.rooms_of(forum)] == ["Small", "Hall"]
    venue.move_room(small, -1)  # already first
    assert [r.name_en for r in venue.rooms_of(forum)] == ["Small", "Hall"]


def test_a_room_can_be_closed_for_part_of_a_day(forum):
    room = venue.add_room(forum, name_en="Tigris room", capacity=40)
    day = forum.days[1]
    closure = venue.close_room(room, day, time(14), time(16))

    assert venue.is_room_open(room, day, time(9), time(10, 30))
    assert venue.is_room_open(room, day, time(16), time(17, 30))  # back to back
    assert not venue.is_room_open(room, day, time(15), time(16, 30))
    assert venue.is_room_open(room, forum.days[0], time(15), time(16, 30))
    venue.remove_closure(closure)
    assert venue.is_room_open(room, day, time(15), time(16, 30))
    assert room.closures == []


def test_closures_end_after_they_start_and_do_not_overlap(forum):
    room = venue.add_room(forum, name_en="Tigris room", capacity=40)
    day = forum.days[1]
    venue.close_room(room, day, time(14), time(16))
    P = venue.VenueProblem

    with pytest.raises(venue.VenueError) as backwards:
        venue.close_room(room, day, time(16), time(14))
    with pytest.raises(venue.VenueError) as overlapping:
        venue.close_room(room, day, time(15), time(17))
    other_forum = factories.make_forum(start_date=date(2018, 1, 1), end_date=date(2018, 1, 1))
    calendar.sync_days(other_forum)
    with pytest.raises(venue.VenueError) as elsewhere:
        venue.close_room(room, other_forum.days[0], time(9), time(10))

    assert _problems(backwards) == [("ends_at", P.ENDS_BEFORE_START)]
    assert _problems(overlapping) == [("starts_at", P.CLOSURE_OVERLAPS)]
    assert overlapping.value.issues[0].data == {"starts_at": time(14), "ends_at": time(16)}
    assert _problems(elsewhere) == [("day", P.DAY_OF_ANOTHER_FORUM)]
    venue.close_room(room, day, time(16), time(17))  # back to back
    venue.close_room(room, forum.days[0], time(14), time(16))  # another day
    assert len(room.closures) == 3


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
    with pytest.raises(venue.VenueError) as refused:
        venue.add_theme(forum, name_ar="", name_en=None)
    assert _problems(refused) == [("name", venue.VenueProblem.NO_NAME)]


def test_themes_are_renamed_and_removed_unless_in_use(forum, usage):
    women, labour, _tigris = (
        venue.add_theme(forum, name_en=name) for name in ("Women", "Labour", "Tigris")
    )
    venue.update_theme(women, name_ar="حقوق المرأة", name_ckb=None, name_en="Women's rights")
    assert (women.name_ar, women.name_en) == ("حقوق المرأة", "Women's rights")
    with pytest.raises(venue.VenueError):
        venue.update_theme(women, name_ar=" ", name_ckb="", name_en=None)
    assert women.name_en == "Women's rights"

    usage["themes"][labour.id] = ["Activity “A just labour law”"]
    with pytest.raises(venue.VenueError) as refused:
        venue.remove_theme(labour)
    assert refused.value.problems == {venue.VenueProblem.IN_USE}

    venue.remove_theme(women)
    assert [(t.name_en, t.position) for t in venue.themes_of(forum)] == [
        ("Labour", 0),
        ("Tigris", 1),
    ]


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
