"""Suggestions without HTTP: asking (one at a time), running the job (real solver
and a stand-in), the difference from the draft, accepting whole or in part,
refusing when the draft changed, discarding."""

import sys
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.activities.models import ActivityStatus
from app.core.db import utcnow
from app.extensions import db
from app.forums.models import ForumStatus
from app.scheduling import suggesting
from app.scheduling.loading import load_snapshot
from app.scheduling.models import Placement, ScheduleSuggestion, SuggestionStatus
from app.scheduling.placing import PlacementError, PlacementProblem, RulesBroken, apply_changes
from app.scheduling.snapshot import Spot
from app.scheduling.solver import SolverResult
from app.scheduling.suggesting import SuggestionError, SuggestionFailure, SuggestionProblem
from tests import factories
from tests.scheduling.board_data import accepted, make_data


def _result(placements: dict, unplaced: dict | None = None, status="optimal") -> SolverResult:
    return SolverResult(placements, unplaced or {}, 3.0, status, 0.01, 0.02)


def _placements(forum) -> dict[int, tuple[int, tuple[int, ...]]]:
    snapshot = load_snapshot(forum)
    return {aid: (s.room_id, s.slot_ids) for aid, s in snapshot.placements.items()}


def _ready(data, placements: dict, unplaced: dict | None = None, monkeypatch=None):
    """A suggestion run through the job with a stand-in solver returning this."""
    monkeypatch.setattr(
        suggesting, "solve", lambda snapshot, **options: _result(placements, unplaced)
    )
    suggestion = suggesting.request_suggestion(data.forum, data.organizer)
    suggesting.run_suggestion(suggestion.id)
    return db.session.get(ScheduleSuggestion, suggestion.id)


def test_a_request_is_queued_with_its_time_limit_and_who_asked(ctx):
    data = make_data()
    suggestion = suggesting.request_suggestion(data.forum, data.organizer, 30)
    assert suggestion.status == SuggestionStatus.QUEUED
    assert (suggestion.time_limit_seconds, suggestion.requested_by_id) == (30, data.organizer.id)
    assert (suggestion.keep_placed, suggestion.solver_status) == (True, None)


def test_a_request_that_may_move_sessions_says_so_on_the_row(ctx):
    data = make_data()
    suggestion = suggesting.request_suggestion(data.forum, data.organizer, keep_placed=False)
    db.session.expire_all()
    assert db.session.get(ScheduleSuggestion, suggestion.id).keep_placed is False


@pytest.mark.parametrize("seconds", [0, 4, 301])
def test_a_time_limit_out_of_range_is_refused(ctx, seconds):
    data = make_data()
    with pytest.raises(SuggestionError) as refused:
        suggesting.request_suggestion(data.forum, data.organizer, seconds)
    assert refused.value.problem == SuggestionProblem.BAD_TIME_LIMIT


def test_a_second_suggestion_is_refused_while_one_runs_but_not_in_another_forum(ctx):
    data = make_data()
    suggesting.request_suggestion(data.forum, data.organizer)
    with pytest.raises(SuggestionError) as refused:
        suggesting.request_suggestion(data.forum, data.organizer)
    assert refused.value.problem == SuggestionProblem.ALREADY_RUNNING
    other = make_data()
    assert suggesting.request_suggestion(other.forum, other.organizer).forum_id == other.forum.id


def test_an_abandoned_suggestion_is_failed_and_no_longer_blocks(ctx):
    data = make_data()
    stuck = suggesting.request_suggestion(data.forum, data.organizer)
    stuck.status = SuggestionStatus.RUNNING
    stuck.started_at = utcnow() - timedelta(hours=1)
    db.session.flush()
    fresh = suggesting.request_suggestion(data.forum, data.organizer)
    assert (stuck.status, stuck.error) == (SuggestionStatus.FAILED, "abandoned")
    assert fresh.status == SuggestionStatus.QUEUED


def test_the_real_solver_places_the_unplaced_and_the_diff_lists_them(ctx):
    data = make_data()
    big = accepted(data, "Big", expected_attendance=80)
    small = accepted(
        data, "Small", expected_attendance=10, organization=factories.make_organization()
    )
    too_big = accepted(data, "Too big", expected_attendance=500)
    suggestion = suggesting.request_suggestion(data.forum, data.organizer, 5)
    suggesting.run_suggestion(suggestion.id)
    suggestion = db.session.get(ScheduleSuggestion, suggestion.id)
    assert suggestion.status == SuggestionStatus.READY, suggestion.error
    assert (suggestion.progress, suggestion.finished_at is not None) == (100, True)
    assert suggestion.solver_status in ("optimal", "feasible", "greedy")
    diff = suggesting.suggestion_diff(suggestion, load_snapshot(data.forum))
    assert {c.activity_id for c in diff.placed} == {big.id, small.id}
    assert all(c.before is None for c in diff.placed)
    placed_big = next(c for c in diff.placed if c.activity_id == big.id)
    assert placed_big.after.room_id == data.hall.id
    assert diff.unplaced == [(too_big.id, "no_room_big_enough")]
    assert (diff.moved, diff.unchanged) == ([], [])
    assert _placements(data.forum) == {}, "nothing changes before it is accepted"


def test_the_job_reports_progress_and_passes_its_options(ctx, monkeypatch):
    data = make_data()
    seen = {}

    def fake(snapshot, *, time_limit, keep_placed, progress, **options):
        seen.update(time_limit=time_limit, keep_placed=keep_placed)
        progress(0.5)
        seen["progress"] = db.session.scalar(sa.select(ScheduleSuggestion.progress))
        seen["status"] = db.session.scalar(sa.select(ScheduleSuggestion.status))
        return _result({})

    monkeypatch.setattr(suggesting, "solve", fake)
    suggestion = suggesting.request_suggestion(data.forum, data.organizer, 12, keep_placed=False)
    suggesting.run_suggestion(suggestion.id)
    assert seen == {
        "time_limit": 12.0,
        "keep_placed": False,
        "progress": 50,
        "status": SuggestionStatus.RUNNING,
    }


@pytest.mark.parametrize("status", ["optimal", "feasible", "greedy", "unavailable"])
def test_the_solver_status_is_stored_and_every_result_is_ready(ctx, monkeypatch, status):
    data = make_data()
    activity = accepted(data, "Talk")
    placements = {activity.id: Spot(data.hall.id, (data.morning.id,))}
    monkeypatch.setattr(suggesting, "solve", lambda s, **o: _result(placements, status=status))
    suggestion = suggesting.request_suggestion(data.forum, data.organizer)
    suggesting.run_suggestion(suggestion.id)
    suggestion = db.session.get(ScheduleSuggestion, suggestion.id)
    assert (suggestion.status, suggestion.solver_status) == (SuggestionStatus.READY, status)
    assert suggestion.error is None


def test_without_or_tools_the_greedy_schedule_is_ready(ctx, monkeypatch):
    data = make_data()
    activity = accepted(data, "Talk")
    monkeypatch.setitem(sys.modules, "ortools", None)  # importing it raises ImportError
    suggestion = suggesting.request_suggestion(data.forum, data.organizer, 5)
    suggesting.run_suggestion(suggestion.id)
    suggestion = db.session.get(ScheduleSuggestion, suggestion.id)
    assert (suggestion.status, suggestion.solver_status) == (SuggestionStatus.READY, "unavailable")
    assert [row["activity_id"] for row in suggestion.placements] == [activity.id]


@pytest.mark.parametrize("error", [ImportError, RuntimeError])
def test_a_solver_failure_is_stored_with_its_code(ctx, monkeypatch, error):
    data = make_data()

    def broken(snapshot, **options):
        raise error("no")

    monkeypatch.setattr(suggesting, "solve", broken)
    suggestion = suggesting.request_suggestion(data.forum, data.organizer)
    suggesting.run_suggestion(suggestion.id)
    suggestion = db.session.get(ScheduleSuggestion, suggestion.id)
    assert (suggestion.status, suggestion.error) == (SuggestionStatus.FAILED, "solver_error")
    assert suggestion.solver_status is None
    assert SuggestionFailure(suggestion.error)


def test_a_suggestion_discarded_while_it_runs_stays_discarded(ctx, monkeypatch):
    data = make_data()
    activity = accepted(data, "Talk")

    def discarding(snapshot, **options):
        # An organizer discards it from another request, which commits.
        db.session.execute(sa.update(ScheduleSuggestion).values(status=SuggestionStatus.DISCARDED))
        db.session.commit()
        return _result({activity.id: Spot(data.hall.id, (data.morning.id,))})

    monkeypatch.setattr(suggesting, "solve", discarding)
    suggestion = suggesting.request_suggestion(data.forum, data.organizer)
    suggesting.run_suggestion(suggestion.id)
    suggestion = db.session.get(ScheduleSuggestion, suggestion.id)
    assert (suggestion.status, suggestion.placements) == (SuggestionStatus.DISCARDED, [])


def test_a_job_runs_once(ctx, monkeypatch):
    data = make_data()
    calls = []
    monkeypatch.setattr(suggesting, "solve", lambda s, **o: calls.append(1) or _result({}))
    suggestion = suggesting.request_suggestion(data.forum, data.organizer)
    suggesting.run_suggestion(suggestion.id)
    suggesting.run_suggestion(suggestion.id)
    assert calls == [1]


def _draft(data):
    """Three accepted sessions: one placed and staying, one placed and moving, one unplaced."""
    stays = accepted(data, "Stays")
    moves = accepted(data, "Moves", organization=factories.make_organization())
    new = accepted(data, "New", organization=factories.make_organization())
    left = accepted(data, "Left out", organization=factories.make_organization())
    apply_changes(
        data.forum,
        {
            stays.id: Spot(data.hall.id, (data.morning.id,)),
            moves.id: Spot(data.small.id, (data.morning.id,)),
        },
        by=data.organizer,
    )
    return stays, moves, new, left


def test_the_diff_tells_placed_moved_unchanged_unplaced_and_gone(ctx, monkeypatch):
    data = make_data()
    stays, moves, new, left = _draft(data)
    withdrawn = accepted(data, "Withdrawn", organization=factories.make_organization())
    suggestion = _ready(
        data,
        {
            stays.id: Spot(data.hall.id, (data.morning.id,)),
            moves.id: Spot(data.small.id, (data.noon.id,)),
            new.id: Spot(data.hall.id, (data.noon.id,)),
            withdrawn.id: Spot(data.hall.id, (data.day2.id,)),
        },
        {left.id: "no_free_place"},
        monkeypatch,
    )
    withdrawn.status = ActivityStatus.WITHDRAWN
    db.session.flush()
    diff = suggesting.suggestion_diff(suggestion, load_snapshot(data.forum))
    assert [(c.activity_id, c.before, c.after) for c in diff.placed] == [
        (new.id, None, Spot(data.hall.id, (data.noon.id,)))
    ]
    assert [(c.activity_id, c.before, c.after) for c in diff.moved] == [
        (moves.id, Spot(data.small.id, (data.morning.id,)), Spot(data.small.id, (data.noon.id,)))
    ]
    assert diff.unchanged == [stays.id]
    assert diff.unplaced == [(left.id, "no_free_place")]
    assert diff.gone == [withdrawn.id]


def test_accepting_all_puts_the_proposal_on_the_draft(ctx, monkeypatch):
    data = make_data()
    stays, moves, new, _left = _draft(data)
    suggestion = _ready(
        data,
        {
            stays.id: Spot(data.hall.id, (data.morning.id,)),
            moves.id: Spot(data.small.id, (data.noon.id,)),
            new.id: Spot(data.hall.id, (data.noon.id,)),
        },
        monkeypatch=monkeypatch,
    )
    assert suggesting.apply_suggestion(suggestion, data.organizer) == 2
    assert suggestion.status == SuggestionStatus.APPLIED
    assert _placements(data.forum) == {
        stays.id: (data.hall.id, (data.morning.id,)),
        moves.id: (data.small.id, (data.noon.id,)),
        new.id: (data.hall.id, (data.noon.id,)),
    }


def test_accepting_the_ticked_ones_changes_only_those(ctx, monkeypatch):
    data = make_data()
    stays, moves, new, _left = _draft(data)
    suggestion = _ready(
        data,
        {
            moves.id: Spot(data.small.id, (data.noon.id,)),
            new.id: Spot(data.hall.id, (data.noon.id,)),
        },
        monkeypatch=monkeypatch,
    )
    assert suggesting.apply_suggestion(suggestion, data.organizer, [new.id]) == 1
    assert _placements(data.forum) == {
        stays.id: (data.hall.id, (data.morning.id,)),
        moves.id: (data.small.id, (data.morning.id,)),
        new.id: (data.hall.id, (data.noon.id,)),
    }
    assert suggestion.status == SuggestionStatus.APPLIED


def test_ticking_nothing_that_would_change_is_refused(ctx, monkeypatch):
    data = make_data()
    stays, *_ = _draft(data)
    suggestion = _ready(
        data, {stays.id: Spot(data.hall.id, (data.morning.id,))}, monkeypatch=monkeypatch
    )
    with pytest.raises(SuggestionError) as refused:
        suggesting.apply_suggestion(suggestion, data.organizer, [stays.id])
    assert refused.value.problem == SuggestionProblem.NOTHING_CHOSEN
    assert suggestion.status == SuggestionStatus.READY


def test_a_draft_changed_meanwhile_refuses_the_whole_proposal(ctx, monkeypatch):
    data = make_data()
    first = accepted(data, "First")
    second = accepted(data, "Second")  # same organization: never at the same time
    suggestion = _ready(
        data,
        {
            first.id: Spot(data.hall.id, (data.day2.id,)),
            second.id: Spot(data.small.id, (data.morning.id,)),
        },
        monkeypatch=monkeypatch,
    )
    # Meanwhile an organizer puts the first session where the proposal puts the second's time.
    apply_changes(data.forum, {first.id: Spot(data.hall.id, (data.morning.id,))}, by=data.organizer)
    with pytest.raises(RulesBroken) as refused:
        suggesting.apply_suggestion(suggestion, data.organizer, [second.id])
    assert {c.rule for c in refused.value.conflicts} == {"organization_clash"}
    assert _placements(data.forum) == {first.id: (data.hall.id, (data.morning.id,))}
    assert suggestion.status == SuggestionStatus.READY


def test_a_cell_taken_meanwhile_refuses_the_proposal(ctx, monkeypatch):
    data = make_data()
    first = accepted(data, "First")
    other = accepted(data, "Other", organization=factories.make_organization())
    suggestion = _ready(
        data, {first.id: Spot(data.hall.id, (data.morning.id,))}, monkeypatch=monkeypatch
    )
    apply_changes(data.forum, {other.id: Spot(data.hall.id, (data.morning.id,))}, by=data.organizer)
    with pytest.raises(PlacementError) as refused:
        suggesting.apply_suggestion(suggestion, data.organizer)
    assert refused.value.problem == PlacementProblem.CELL_TAKEN
    assert db.session.scalar(sa.select(Placement).where(Placement.activity_id == first.id)) is None


def test_only_a_ready_suggestion_is_accepted(ctx):
    data = make_data()
    suggestion = suggesting.request_suggestion(data.forum, data.organizer)
    with pytest.raises(SuggestionError) as refused:
        suggesting.apply_suggestion(suggestion, data.organizer)
    assert refused.value.problem == SuggestionProblem.NOT_READY


def test_a_discarded_suggestion_can_be_neither_accepted_nor_discarded_again(ctx, monkeypatch):
    data = make_data()
    activity = accepted(data, "Talk")
    suggestion = _ready(
        data, {activity.id: Spot(data.hall.id, (data.morning.id,))}, monkeypatch=monkeypatch
    )
    suggesting.discard_suggestion(suggestion, data.organizer)
    assert suggestion.status == SuggestionStatus.DISCARDED
    for attempt in (suggesting.apply_suggestion, suggesting.discard_suggestion):
        with pytest.raises(SuggestionError) as refused:
            attempt(suggestion, data.organizer)
        assert refused.value.problem == SuggestionProblem.CLOSED
    assert _placements(data.forum) == {}


def test_an_archived_forum_gets_no_suggestion(ctx):
    data = make_data(status=ForumStatus.ARCHIVED)
    with pytest.raises(SuggestionError) as refused:
        suggesting.request_suggestion(data.forum, data.organizer)
    assert refused.value.problem == SuggestionProblem.READ_ONLY
