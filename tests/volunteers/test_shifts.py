"""Shifts one by one, many from the session slots, and room hosts' shifts from the
published programme (skipping what exists); removing a shift tells its volunteers."""

from datetime import date, time

import pytest

from app.activities.models import ActivityStatus
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import Room, SlotKind, TimeSlot
from app.forums.venue import room_usage
from app.scheduling.models import PublishedSession, ScheduleVersion
from app.volunteers import shifts
from app.volunteers.models import Shift
from app.volunteers.shifts import ShiftDetails, ShiftEditError, ShiftEditProblem
from tests.factories import make_activity, make_forum, make_organization, make_user
from tests.helpers import outbox_to
from tests.volunteers.factories import make_shift, make_signup, make_team, make_volunteer


@pytest.fixture
def forum(ctx):
    forum = make_forum(start_date=date(2030, 5, 10), end_date=date(2030, 5, 12), name_en="ISF")
    sync_days(forum)
    for day in forum.days:
        day.slots.extend(
            [
                TimeSlot(starts_at=time(9), ends_at=time(10, 30)),
                TimeSlot(starts_at=time(11), ends_at=time(12, 30)),
                TimeSlot(
                    starts_at=time(12, 30), ends_at=time(14), kind=SlotKind.BREAK, label_en="Lunch"
                ),
                TimeSlot(starts_at=time(14), ends_at=time(15, 30)),
            ]
        )
    forum.rooms.append(Room(name_en="Hall", capacity=100))
    db.session.flush()
    return forum


def test_create_shift_in_a_room_or_an_area(forum):
    team, day = make_team(forum), forum.days[0]
    in_room = shifts.create_shift(
        forum, ShiftDetails(team, day, time(9), time(12), 2, room=forum.rooms[0], area="ignored")
    )
    outside = shifts.create_shift(
        forum, ShiftDetails(team, day, time(8), time(9), area=" Main entrance ", description="")
    )
    assert (in_room.room_id, in_room.area, in_room.places_needed) == (forum.rooms[0].id, None, 2)
    assert (outside.room_id, outside.area, outside.description) == (None, "Main entrance", None)


def test_create_shift_refuses_each_broken_rule(forum):
    other = make_forum()
    their_team = make_team(other)
    with pytest.raises(ShiftEditError) as refused:
        shifts.create_shift(forum, ShiftDetails(their_team, forum.days[0], time(12), time(9), 0))
    assert refused.value.problems == {
        ShiftEditProblem.TEAM_OF_ANOTHER_FORUM,
        ShiftEditProblem.ENDS_BEFORE_START,
        ShiftEditProblem.PLACES_OUT_OF_RANGE,
    }


def test_places_never_drop_below_the_signups(forum):
    team, day = make_team(forum), forum.days[0]
    shift = make_shift(team, day, "09:00", "12:00", places=3)
    make_signup(shift, make_volunteer(forum))
    make_signup(shift, make_volunteer(forum))
    with pytest.raises(ShiftEditError) as refused:
        shifts.update_shift(shift, ShiftDetails(team, day, time(9), time(12), 1))
    assert refused.value.problems == {ShiftEditProblem.FEWER_PLACES_THAN_TAKEN}
    assert refused.value.taken == 2
    shifts.update_shift(shift, ShiftDetails(team, day, time(10), time(12), 2))
    assert (shift.starts_at, shift.places_needed) == (time(10), 2)


def test_shifts_from_slots_cover_every_session_slot_of_the_chosen_days(forum):
    team = make_team(forum)
    created = shifts.create_shifts_from_slots(forum, team, places_needed=4)
    assert len(created) == 3 * 3  # three days, three session slots each (the break is not)
    assert {s.places_needed for s in created} == {4}
    assert (created[0].starts_at, created[0].ends_at) == (time(9), time(10, 30))
    assert shifts.create_shifts_from_slots(forum, make_team(forum), days=[]) == []


def test_shifts_from_slots_skip_the_ones_the_team_has(forum):
    team = make_team(forum)
    make_shift(team, forum.days[0], "09:00", "10:30")
    created = shifts.create_shifts_from_slots(forum, team, days=forum.days[:1])
    assert [s.starts_at for s in created] == [time(11), time(14)]
    assert shifts.create_shifts_from_slots(forum, team, days=forum.days[:1]) == []
    # Another team gets its own.
    assert len(shifts.create_shifts_from_slots(forum, make_team(forum), days=forum.days[:1])) == 3


def _publish(forum, sessions):
    version = ScheduleVersion(forum_id=forum.id, number=1)
    version.sessions = sessions
    db.session.add(version)
    db.session.flush()
    return version


def test_room_host_shifts_follow_the_published_programme_once(forum):
    organization = make_organization()
    activities = [
        make_activity(forum, organization, status=ActivityStatus.ACCEPTED) for _ in range(2)
    ]
    room, day = forum.rooms[0], forum.days[1]
    _publish(
        forum,
        [
            PublishedSession(
                activity_id=activities[0].id,
                room_id=room.id,
                day_id=day.id,
                starts_at=time(9),
                ends_at=time(10, 30),
            ),
            PublishedSession(
                activity_id=activities[1].id,
                room_id=room.id,
                day_id=day.id,
                starts_at=time(11),
                ends_at=time(12, 30),
            ),
        ],
    )
    hosts = make_team(forum, hosts_rooms=True)
    created = shifts.create_room_host_shifts(forum, hosts).created
    assert [
        (s.activity_id, s.room_id, s.day_id, s.starts_at, s.places_needed) for s in created
    ] == [
        (activities[0].id, room.id, day.id, time(9), 1),
        (activities[1].id, room.id, day.id, time(11), 1),
    ]
    assert shifts.create_room_host_shifts(forum, hosts) == shifts.RoomHostChanges()


def _session(activity, room, day, starts, ends):
    return PublishedSession(
        activity_id=activity.id, room_id=room.id, day_id=day.id, starts_at=starts, ends_at=ends
    )


def test_room_host_shifts_follow_their_sessions_when_nobody_holds_them_yet(forum):
    organization = make_organization()
    moved, held, cancelled, cancelled_held = (
        make_activity(forum, organization, status=ActivityStatus.ACCEPTED) for _ in range(4)
    )
    hall, day = forum.rooms[0], forum.days[0]
    annex = Room(name_en="Annex", capacity=40)
    forum.rooms.append(annex)
    db.session.flush()
    first = _publish(
        forum,
        [
            _session(moved, hall, day, time(9), time(10, 30)),
            _session(held, hall, day, time(11), time(12, 30)),
            _session(cancelled, annex, day, time(9), time(10, 30)),
            _session(cancelled_held, annex, day, time(11), time(12, 30)),
        ],
    )
    hosts = make_team(forum, hosts_rooms=True)
    by_activity = {s.activity_id: s for s in shifts.create_room_host_shifts(forum, hosts).created}
    volunteer = make_volunteer(forum)
    make_signup(by_activity[held.id], volunteer)
    make_signup(by_activity[cancelled_held.id], volunteer)
    # Version 2: two sessions move to the afternoon, two are taken off.
    second = ScheduleVersion(forum_id=forum.id, number=first.number + 1)
    second.sessions = [
        _session(moved, annex, day, time(14), time(15, 30)),
        _session(held, hall, day, time(14), time(15, 30)),
    ]
    db.session.add(second)
    db.session.flush()

    changes = shifts.create_room_host_shifts(forum, hosts)

    assert [(s.activity_id, s.room_id, s.starts_at) for s in changes.moved] == [
        (moved.id, annex.id, time(14))
    ]
    assert [s.activity_id for s in changes.removed] == [cancelled.id]
    assert sorted(s.activity_id for s in changes.held) == sorted([held.id, cancelled_held.id])
    assert [s.activity_id for s in changes.created] == []  # a held shift is never duplicated
    assert by_activity[held.id].starts_at == time(11)  # the volunteer's shift is not moved
    assert db.session.get(Shift, by_activity[cancelled.id].id) is None


def test_room_host_shifts_need_a_hosts_team_and_a_programme(forum):
    with pytest.raises(ShiftEditError) as refused:
        shifts.create_room_host_shifts(forum, make_team(forum))
    assert refused.value.problems == {ShiftEditProblem.NOT_ROOM_HOSTS}
    with pytest.raises(ShiftEditError) as refused:
        shifts.create_room_host_shifts(forum, make_team(forum, hosts_rooms=True))
    assert refused.value.problems == {ShiftEditProblem.NO_PROGRAMME}


def test_removing_a_shift_tells_its_volunteers_in_their_language(forum):
    team = make_team(forum, name_en="Stewards", name_ar="المنظمون")
    shift = make_shift(team, forum.days[0], "09:00", "12:00", places=2)
    arabic = make_volunteer(forum, user=make_user(locale="ar"))
    english = make_volunteer(forum)
    make_signup(shift, arabic)
    make_signup(shift, english)
    assert shifts.remove_shift(shift) == 2
    assert db.session.get(Shift, shift.id) is None
    (to_arabic,) = outbox_to(arabic.user.email)
    (to_english,) = outbox_to(english.user.email)
    assert to_arabic.locale == "ar"
    assert "المنظمون" in to_arabic.body_text
    assert "Stewards" in to_english.body_text
    assert "removed a shift" in to_english.body_text


def test_a_room_with_shifts_is_in_use(forum):
    room = forum.rooms[0]
    make_shift(make_team(forum, name_en="Guides"), forum.days[0], "09:00", "12:00", room_id=room.id)
    uses = room_usage([room.id])
    assert any("Guides" in use for use in uses[room.id])
