"""The demo's programme of the 4th season: the accepted activities placed by the
auto-scheduler and published as version 1, with a few left for the board and one
session moved on the draft since, so the board, the suggestions and the next
version all have something to show."""

from app.accounts.models import User
from app.forums.models import Forum
from app.scheduling.conflicts import new_conflicts
from app.scheduling.loading import load_snapshot
from app.scheduling.placing import apply_changes
from app.scheduling.publishing import publish_schedule, published_programme
from app.scheduling.snapshot import Spot
from app.scheduling.solver import suggest_schedule

LEFT_TO_PLACE = 3
NOTE = "البرنامج الأول للدورة الرابعة · The first programme of the 4th season"


def seed_schedule(forum: Forum, organizer: User) -> int:
    """Place, publish and move one session, once; returns the sessions published."""
    if published_programme(forum) is not None:
        return len(published_programme(forum).sessions)
    snapshot = load_snapshot(forum)
    plan = suggest_schedule(snapshot, time_limit=3)
    # Three one-slot sessions of the plan are left for the board: their places stay free.
    in_sequences = {a for sequence in snapshot.sequences for a in sequence}
    left = [
        a
        for a, spot in sorted(plan.placements.items())
        if len(spot.slot_ids) == 1 and a not in in_sequences
    ][-LEFT_TO_PLACE:]
    placed = {a: spot for a, spot in plan.placements.items() if a not in left}
    apply_changes(forum, placed, by=organizer, before=snapshot)
    version = publish_schedule(forum, organizer, NOTE)
    _move_one_session(forum, organizer)
    return len(version.sessions)


def _move_one_session(forum: Forum, organizer: User) -> None:
    """A change on the draft not yet published: a session into a free cell of its room."""
    snapshot = load_snapshot(forum)
    taken = {(s.room_id, slot) for s in snapshot.placements.values() for slot in s.slot_ids}
    for activity_id, spot in sorted(snapshot.placements.items()):
        if len(spot.slot_ids) != 1 or activity_id in {a for q in snapshot.sequences for a in q}:
            continue
        for slot_id in sorted(snapshot.slots):
            target = Spot(spot.room_id, (slot_id,))
            if (spot.room_id, slot_id) in taken:
                continue
            after = snapshot.with_changes({activity_id: target})
            if not new_conflicts(snapshot, after, [activity_id]):
                apply_changes(forum, {activity_id: target}, by=organizer, before=snapshot)
                return
