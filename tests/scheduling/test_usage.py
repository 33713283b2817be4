"""A room or a slot that a session uses, in the draft or a published version,
cannot be removed; the error names the session."""

from datetime import date

import pytest
from flask_babel import force_locale

from app.activities.models import ActivityStatus
from app.extensions import db
from app.forums.calendar import (
    DEFAULT_PATTERN,
    CalendarError,
    apply_pattern,
    remove_slot,
    sync_days,
)
from app.forums.models import SlotKind
from app.forums.venue import VenueError, add_room, remove_room
from app.scheduling.models import Placement, PlacementCell, PublishedSession, ScheduleVersion
from tests import factories


@pytest.fixture
def forum(ctx):
    forum = factories.make_forum(start_date=date(2027, 3, 1), end_date=date(2027, 3, 1))
    sync_days(forum)
    apply_pattern(forum, DEFAULT_PATTERN)
    return forum


def _session_slot(forum):
    return next(s for s in forum.days[0].slots if s.kind == SlotKind.SESSION)


def _activity(forum, title):
    organization = factories.make_organization()
    return factories.make_activity(
        forum, organization, title_en=title, status=ActivityStatus.ACCEPTED
    )


def _place(forum, activity, room, slot):
    placement = Placement(
        forum_id=forum.id, activity_id=activity.id, room_id=room.id, day_id=slot.day_id
    )
    placement.cells = [PlacementCell(room_id=room.id, slot_id=slot.id)]
    db.session.add(placement)
    db.session.flush()
    return placement


def _publish(forum, activity, room, slot):
    version = ScheduleVersion(forum_id=forum.id, number=1)
    version.sessions = [
        PublishedSession(
            activity_id=activity.id,
            room_id=room.id,
            day_id=slot.day_id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            slot_ids=[slot.id],
        )
    ]
    db.session.add(version)
    db.session.flush()


def test_room_with_a_draft_session_is_not_removed(forum):
    room = add_room(forum, capacity=40, name_en="Tigris room")
    _place(forum, _activity(forum, "Save the Tigris"), room, _session_slot(forum))
    with force_locale("en"), pytest.raises(VenueError) as refused:
        remove_room(room)
    assert refused.value.issues[0].data["uses"] == ["session: Save the Tigris"]
    assert room in forum.rooms


def test_slot_of_a_published_session_is_not_removed(forum):
    room = add_room(forum, capacity=40, name_en="Tigris room")
    slot = _session_slot(forum)
    _publish(forum, _activity(forum, "A law for workers"), room, slot)
    with force_locale("en"), pytest.raises(CalendarError) as refused:
        remove_slot(slot)
    assert refused.value.in_use[slot.id] == ["session: A law for workers"]


def test_unused_room_and_slot_are_removed(forum):
    room = add_room(forum, capacity=40, name_en="Empty room")
    other = add_room(forum, capacity=40, name_en="Busy room")
    busy_slot = _session_slot(forum)
    _place(forum, _activity(forum, "Busy"), other, busy_slot)
    free_slot = [s for s in forum.days[0].slots if s.kind == SlotKind.SESSION][-1]
    remove_room(room)
    remove_slot(free_slot)
    assert room not in forum.rooms
    assert free_slot not in forum.days[0].slots
