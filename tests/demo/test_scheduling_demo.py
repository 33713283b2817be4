"""The demo's programme of the 4th season: version 1 published, a few accepted
activities still to place, one session moved on the draft since, no conflict, the
completed sequence back to back; seeding again changes nothing."""

import sqlalchemy as sa

from app.extensions import db
from app.forums.models import Forum
from app.scheduling.conflicts import find_conflicts
from app.scheduling.loading import load_snapshot
from app.scheduling.models import ChangeKind, Placement, ScheduleVersion
from app.scheduling.publishing import pending_changes, published_programme
from app.scheduling.solver import suggest_schedule


def _seed(app) -> None:
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def _season() -> Forum:
    return db.session.scalar(sa.select(Forum).where(Forum.slug == "isf-4"))


def test_the_season_has_a_published_programme_and_a_draft_to_work_on(app, ctx):
    _seed(app)
    season = _season()
    version = published_programme(season)
    assert version.number == 1
    assert version.note
    snapshot = load_snapshot(season)
    unplaced = set(snapshot.activities) - set(snapshot.placements)
    assert len(unplaced) == 3
    assert len(version.sessions) == len(snapshot.activities) - 3
    assert [kind for _activity, kind in pending_changes(season)] == [ChangeKind.MOVED]
    assert find_conflicts(snapshot) == []
    # The ones left can be placed around the others: "suggest a schedule" shows it.
    suggestion = suggest_schedule(snapshot, time_limit=2)
    assert suggestion.unplaced == {}
    assert unplaced <= set(suggestion.placements)


def test_the_completed_sequence_is_placed_back_to_back(app, ctx):
    _seed(app)
    snapshot = load_snapshot(_season())
    (sequence,) = snapshot.sequences
    first, second = (snapshot.placements[a] for a in sequence)
    assert first.room_id == second.room_id
    assert snapshot.slots[first.slot_ids[-1]].next_id == second.slot_ids[0]


def test_seeding_again_changes_nothing(app, ctx):
    _seed(app)
    counts = [
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (ScheduleVersion, Placement)
    ]
    _seed(app)
    assert counts == [
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (ScheduleVersion, Placement)
    ]
    assert published_programme(_season()).number == 1
