"""One session per room and slot holds under concurrent placements on PostgreSQL
(the unique constraint on placement cells).

Two organizers place two different activities into the same room and slot at the
same moment, each in its own thread, connection and transaction: both see the cell
free, one placement lands, the other is refused with CELL_TAKEN. Runs only with
TEST_DATABASE_URL=postgresql://…; the data is committed for real (no rolled-back
transaction) and deleted at the end.
"""

import os
import threading
import time
import uuid
from datetime import date
from datetime import time as clock

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import Activity, ActivityStatus
from app.audit.models import AuditEvent
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import Forum, ForumStatus, Room, TimeSlot
from app.organizations.models import Organization
from app.scheduling.models import Placement, PlacementCell
from app.scheduling.placing import PlacementError, PlacementProblem, place_activity
from tests import factories

# How long the first placement keeps its transaction open before committing, so
# that the second certainly writes its cell while the first one's is not committed.
HOLD_SECONDS = 0.5


def _make_race_data() -> dict:
    tag = uuid.uuid4().hex[:8]
    forum = factories.make_forum(
        slug=f"cell-race-{tag}",
        status=ForumStatus.OPEN,
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 1),
    )
    sync_days(forum)
    slot = TimeSlot(starts_at=clock(9), ends_at=clock(10, 30))
    forum.days[0].slots.append(slot)
    room = Room(name_en="Hall", capacity=100)
    forum.rooms.append(room)
    organizers = [factories.make_user(email=f"organizer-{n}-{tag}@example.org") for n in (1, 2)]
    organizations = [factories.make_organization() for _ in (1, 2)]
    activities = [
        factories.make_activity(forum, organization, status=ActivityStatus.ACCEPTED)
        for organization in organizations
    ]
    db.session.commit()
    return {
        "forum_id": forum.id,
        "room_id": room.id,
        "slot_id": slot.id,
        "user_ids": [user.id for user in organizers],
        "organization_ids": [organization.id for organization in organizations],
        "activity_ids": [activity.id for activity in activities],
    }


def _place(app, data: dict, turn: int, start: threading.Barrier, results: dict):
    activity_id = data["activity_ids"][turn]
    with app.test_request_context():
        try:
            organizer = db.session.get(User, data["user_ids"][turn])
            forum = db.session.get(Forum, data["forum_id"])
            activity = db.session.get(Activity, activity_id)
            room = db.session.get(Room, data["room_id"])
            slot = db.session.get(TimeSlot, data["slot_id"])
            start.wait(timeout=10)
            place_activity(forum, activity, room, slot, by=organizer)
            time.sleep(HOLD_SECONDS)
            db.session.commit()
            results[activity_id] = "placed"
        except Exception as error:  # reported by the test, not lost in the thread
            db.session.rollback()
            results[activity_id] = error
        finally:
            db.session.remove()


def _clean_up(data: dict) -> None:
    db.session.rollback()
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.forum_id == data["forum_id"]))
    # The forum's rows (days, slots, rooms, activities, placements) go with it.
    db.session.execute(sa.delete(Forum).where(Forum.id == data["forum_id"]))
    db.session.execute(sa.delete(Organization).where(Organization.id.in_(data["organization_ids"])))
    db.session.execute(sa.delete(User).where(User.id.in_(data["user_ids"])))
    db.session.commit()


def race_for_one_cell(app) -> dict:
    """Two concurrent placements into one cell; returns each one's outcome and what
    the database holds afterwards."""
    with app.test_request_context():
        data = _make_race_data()
    try:
        start, results = threading.Barrier(2), {}
        threads = [
            threading.Thread(target=_place, args=(app, data, turn, start, results))
            for turn in (0, 1)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        with app.app_context():
            placed = list(
                db.session.scalars(
                    sa.select(Placement.activity_id).where(Placement.forum_id == data["forum_id"])
                )
            )
            cells = db.session.scalar(
                sa.select(sa.func.count())
                .select_from(PlacementCell)
                .where(PlacementCell.room_id == data["room_id"])
            )
        return {"results": results, "placed": placed, "cells": cells}
    finally:
        with app.app_context():
            _clean_up(data)
            db.session.remove()


@pytest.mark.postgres
@pytest.mark.no_db_isolation
def test_two_organizers_placing_into_one_cell_at_once_leave_one_placement(app):
    if not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"):
        pytest.skip("needs PostgreSQL: set TEST_DATABASE_URL=postgresql://… to race for real")

    race = race_for_one_cell(app)

    outcomes = list(race["results"].values())
    assert len(outcomes) == 2, race
    assert outcomes.count("placed") == 1, race
    [refusal] = [outcome for outcome in outcomes if outcome != "placed"]
    assert isinstance(refusal, PlacementError)
    assert refusal.problem is PlacementProblem.CELL_TAKEN
    assert len(race["placed"]) == 1
    assert race["cells"] == 1
    winner = next(activity for activity, outcome in race["results"].items() if outcome == "placed")
    assert race["placed"] == [winner]
