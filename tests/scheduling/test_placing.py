"""The placing service: place, move, swap, remove, pin; runs of consecutive slots;
refusals with the conflicts a change would add; overrides kept while they last."""

import pytest
import sqlalchemy as sa

from app.activities.models import ActivityStatus
from app.audit.models import AuditEvent
from app.extensions import db
from app.forums.models import ForumStatus
from app.scheduling.conflicts import Rule
from app.scheduling.models import ConflictOverride, Placement
from app.scheduling.placing import (
    PlacementError,
    PlacementProblem,
    RulesBroken,
    place_activity,
    placement_of,
    set_pinned,
    swap_sessions,
    unplace_activity,
)
from tests import factories
from tests.scheduling.board_data import accepted, make_data


@pytest.fixture
def data(ctx):
    return make_data()


def _cells(activity) -> list[tuple[int, int]]:
    placement = placement_of(activity)
    return sorted((cell.room_id, cell.slot_id) for cell in placement.cells)


def _overrides(forum) -> list[ConflictOverride]:
    query = sa.select(ConflictOverride).where(ConflictOverride.forum_id == forum.id)
    return list(db.session.scalars(query))


def test_placing_an_activity_takes_its_cell(data):
    activity = accepted(data, "Save the Tigris")

    place_activity(data.forum, activity, data.hall, data.morning, by=data.organizer)

    placement = placement_of(activity)
    assert (placement.room_id, placement.day_id) == (data.hall.id, data.morning.day_id)
    assert placement.placed_by_id == data.organizer.id
    assert _cells(activity) == [(data.hall.id, data.morning.id)]


def test_moving_a_session_frees_its_old_cell(data):
    activity = accepted(data, "Save the Tigris")
    other = accepted(data, "Labour law")
    place_activity(data.forum, activity, data.hall, data.morning, by=data.organizer)

    place_activity(data.forum, activity, data.hall, data.day2, by=data.organizer)
    place_activity(data.forum, other, data.hall, data.morning, by=data.organizer)

    assert _cells(activity) == [(data.hall.id, data.day2.id)]
    assert placement_of(activity).day_id == data.day2.day_id
    assert _cells(other) == [(data.hall.id, data.morning.id)]


def test_a_multi_slot_activity_takes_consecutive_slots_of_one_day(data):
    activity = accepted(data, "Assembly", length_slots=2)

    place_activity(data.forum, activity, data.hall, data.noon, by=data.organizer)

    assert _cells(activity) == sorted(
        [(data.hall.id, data.noon.id), (data.hall.id, data.afternoon.id)]
    )


@pytest.mark.parametrize("first", ["morning", "afternoon", "day2"])
def test_a_multi_slot_activity_needs_a_run_without_break_or_day_end(data, first):
    activity = accepted(data, "Assembly", length_slots=2)

    with pytest.raises(PlacementError) as refused:
        place_activity(data.forum, activity, data.hall, getattr(data, first), by=data.organizer)

    assert refused.value.problem is PlacementProblem.NO_RUN
    assert placement_of(activity) is None


def test_a_break_is_not_a_slot_to_start_in(data):
    activity = accepted(data, "Save the Tigris")

    with pytest.raises(PlacementError) as refused:
        place_activity(data.forum, activity, data.hall, data.lunch, by=data.organizer)

    assert refused.value.problem is PlacementProblem.NOT_A_SESSION_SLOT


@pytest.mark.parametrize("status", [ActivityStatus.SUBMITTED, ActivityStatus.REJECTED])
def test_only_accepted_activities_are_placed(data, status):
    activity = accepted(data, "Not yet", status=status)

    with pytest.raises(PlacementError) as refused:
        place_activity(data.forum, activity, data.hall, data.morning, by=data.organizer)

    assert refused.value.problem is PlacementProblem.NOT_ACCEPTED


def test_a_taken_cell_is_refused_and_names_its_holder(data):
    first = accepted(data, "First")
    second = accepted(data, "Second", length_slots=2)
    place_activity(data.forum, first, data.hall, data.afternoon, by=data.organizer)

    with pytest.raises(PlacementError) as refused:
        place_activity(data.forum, second, data.hall, data.noon, by=data.organizer)

    assert refused.value.problem is PlacementProblem.CELL_TAKEN
    assert set(refused.value.activity_ids) == {first.id, second.id}
    assert placement_of(second) is None


def test_swapping_two_sessions_trades_their_places(data):
    first = accepted(data, "First")
    second = accepted(data, "Second")
    place_activity(data.forum, first, data.hall, data.morning, by=data.organizer)
    place_activity(data.forum, second, data.hall, data.noon, by=data.organizer)

    swap_sessions(data.forum, placement_of(first), placement_of(second), by=data.organizer)

    assert _cells(first) == [(data.hall.id, data.noon.id)]
    assert _cells(second) == [(data.hall.id, data.morning.id)]


def test_a_swap_that_leaves_a_long_session_without_its_run_is_refused(data):
    long = accepted(data, "Long", length_slots=2)
    short = accepted(data, "Short")
    place_activity(data.forum, long, data.hall, data.noon, by=data.organizer)
    place_activity(data.forum, short, data.hall, data.morning, by=data.organizer)

    with pytest.raises(PlacementError) as refused:
        swap_sessions(data.forum, placement_of(long), placement_of(short), by=data.organizer)

    assert refused.value.problem is PlacementProblem.NO_RUN
    assert _cells(short) == [(data.hall.id, data.morning.id)]


def test_removing_a_session_keeps_the_activity_accepted(data):
    activity = accepted(data, "Save the Tigris")
    place_activity(data.forum, activity, data.hall, data.morning, by=data.organizer)

    unplace_activity(data.forum, activity, by=data.organizer)

    assert placement_of(activity) is None
    assert activity.status is ActivityStatus.ACCEPTED
    with pytest.raises(PlacementError) as refused:
        unplace_activity(data.forum, activity, by=data.organizer)
    assert refused.value.problem is PlacementProblem.NOT_PLACED


def test_a_change_breaking_a_rule_is_refused_with_its_conflicts(data):
    activity = accepted(data, "Big", expected_attendance=50)

    with pytest.raises(RulesBroken) as refused:
        place_activity(data.forum, activity, data.small, data.morning, by=data.organizer)

    [conflict] = refused.value.conflicts
    assert conflict.rule is Rule.CAPACITY
    assert conflict.numbers == (20, 50)
    assert placement_of(activity) is None
    assert _overrides(data.forum) == []


def test_a_blank_reason_does_not_override(data):
    activity = accepted(data, "Big", expected_attendance=50)

    with pytest.raises(RulesBroken):
        place_activity(
            data.forum, activity, data.small, data.morning, by=data.organizer, override_reason="  "
        )


def test_an_override_is_recorded_with_who_and_why_until_the_conflict_is_resolved(data):
    activity = accepted(data, "Big", expected_attendance=50)

    place_activity(
        data.forum,
        activity,
        data.small,
        data.morning,
        by=data.organizer,
        override_reason=" Half of them watch online ",
    )

    [override] = _overrides(data.forum)
    assert (override.rule, override.reason) == ("capacity", "Half of them watch online")
    assert override.created_by_id == data.organizer.id
    assert override.conflict_key.startswith(f"capacity:{activity.id}:")
    events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.forum_id == data.forum.id))
    assert "rule_overridden" in {str(event.action) for event in events}

    # Another change elsewhere keeps it; moving the session into the hall resolves it.
    other = accepted(data, "Other")
    place_activity(data.forum, other, data.hall, data.noon, by=data.organizer)
    assert len(_overrides(data.forum)) == 1
    place_activity(data.forum, activity, data.hall, data.morning, by=data.organizer)
    assert _overrides(data.forum) == []


def test_a_conflict_already_there_does_not_block_another_change(data):
    big = accepted(data, "Big", expected_attendance=50)
    place_activity(
        data.forum, big, data.small, data.morning, by=data.organizer, override_reason="ok"
    )

    other = accepted(data, "Other", factories.make_organization())
    place_activity(data.forum, other, data.hall, data.morning, by=data.organizer)

    assert placement_of(other) is not None


def test_pinning_keeps_a_session_for_the_auto_scheduler(data):
    activity = accepted(data, "Save the Tigris")
    place_activity(data.forum, activity, data.hall, data.morning, by=data.organizer)

    set_pinned(placement_of(activity), True)
    assert placement_of(activity).pinned is True
    set_pinned(placement_of(activity), False)
    assert placement_of(activity).pinned is False


def test_an_archived_forums_schedule_is_read_only(data):
    activity = accepted(data, "Save the Tigris")
    place_activity(data.forum, activity, data.hall, data.morning, by=data.organizer)
    other = accepted(data, "Other")
    data.forum.status = ForumStatus.ARCHIVED
    db.session.flush()

    for change in (
        lambda: place_activity(data.forum, other, data.hall, data.noon, by=data.organizer),
        lambda: unplace_activity(data.forum, activity, by=data.organizer),
        lambda: set_pinned(placement_of(activity), True),
    ):
        with pytest.raises(PlacementError) as refused:
            change()
        assert refused.value.problem is PlacementProblem.READ_ONLY
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Placement)) >= 1
    assert placement_of(activity).pinned is False
