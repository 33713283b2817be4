"""What a whole proposed schedule costs under the weights (the reported objective)."""

from collections import defaultdict
from collections.abc import Mapping
from itertools import combinations

from app.scheduling.snapshot import Spot
from app.scheduling.solver_problem import Problem


def schedule_cost(problem: Problem, placements: Mapping[int, Spot]) -> float:
    """Preferred days missed, wasted seats (per 10), pairs of same-theme sessions
    overlapping in time, and sessions moved away from the previous schedule."""
    snapshot, weights = problem.snapshot, problem.weights
    cost = 0.0
    by_theme_moment: dict[tuple[int, int], list[int]] = defaultdict(list)
    for activity_id, spot in placements.items():
        activity = snapshot.activities.get(activity_id)
        if activity is None:
            continue
        room = snapshot.rooms.get(spot.room_id)
        if room is not None:
            cost += weights.wasted_seats * max(0, room.capacity - activity.attendance) / 10
        first = snapshot.slots.get(spot.slot_ids[0]) if spot.slot_ids else None
        preferred = activity.preferred_days
        if preferred and first is not None and first.day_id not in preferred:
            cost += weights.preferred_day
        before = problem.previous.get(activity_id)
        if before is not None and before != spot:
            cost += weights.change
        if activity.theme_id is not None:
            moments = {m for s in spot.slot_ids for m in problem.moments_of.get(s, ())}
            for moment in moments:
                by_theme_moment[activity.theme_id, moment].append(activity_id)
    pairs = set()
    for holders in by_theme_moment.values():
        pairs.update(combinations(sorted(holders), 2))
    return cost + weights.theme_parallel * len(pairs)
