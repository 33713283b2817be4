"""What the auto-scheduler achieves on a WSF-size forum and on the demo forum.

Run from the project root: .venv/bin/python -m bench.schedule_auto [--limit 55] [--seed 2024]
The WSF-size forum (bench/schedule_forum.py: 1,500 activities, 100 rooms of 20–500
seats, 18 with booths of 2–3 channels, 5 days × 4 linked slots, seeded) is solved
with the default weights and the time limit; then the demo forum (``flask
seed-demo`` into a fresh in-memory database, the 4th season) with a 5 s limit.
Prints, for each: the time to the first feasible schedule, the final objective,
how many were placed out of how many are placeable, the conflicts the conflict
engine finds in the result (must be 0), the wall time and the peak resident memory
of the process (the WSF solve runs first, so its line is the solver's peak).
"""

import argparse
import resource
import time
from collections import Counter
from dataclasses import replace

from app.scheduling.conflicts import find_conflicts
from app.scheduling.snapshot import Snapshot
from app.scheduling.solver import SolverResult, suggest_schedule
from bench.schedule_forum import wsf_forum


def report(name: str, snapshot: Snapshot, result: SolverResult, placeable: int, peak: int) -> None:
    proposed = replace(snapshot, placements=result.placements)
    conflicts = find_conflicts(proposed)
    placed = sum(1 for a in snapshot.activities if a in result.placements)
    print(f"{name}:")
    print(f"  status {result.status}, wall time {result.seconds:.1f} s")
    print(f"  first feasible schedule after {result.seconds_to_first:.2f} s")
    print(f"  objective {result.objective:.1f}")
    print(f"  placed {placed} / {placeable} placeable ({len(snapshot.activities)} activities)")
    if result.unplaced:
        print(f"  unplaced: {dict(Counter(result.unplaced.values()))}")
    print(f"  conflicts found in the result: {len(conflicts)}")
    print(f"  peak resident memory of the process so far {peak / 2**20:.0f} MiB")


def peak_memory() -> int:
    """The process's peak resident memory so far, in bytes (Linux counts KiB);
    unlike tracemalloc it sees CP-SAT's own (C++) memory, and slows nothing."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def solve_measured(snapshot: Snapshot, time_limit: float) -> tuple[SolverResult, int]:
    result = suggest_schedule(snapshot, time_limit=time_limit)
    return result, peak_memory()


def wsf(time_limit: float, seed: int) -> None:
    began = time.monotonic()
    planted = wsf_forum(seed=seed)
    snapshot = planted.snapshot
    hidden = find_conflicts(replace(snapshot, placements=planted.hidden))
    assert not hidden, hidden[:3]
    activities = snapshot.activities.values()
    print(
        f"WSF-size forum (seed {seed}, made in {time.monotonic() - began:.1f} s): "
        f"{len(snapshot.activities)} activities, {len(snapshot.rooms)} rooms, "
        f"{len(snapshot.slots)} slots, {sum(a.interpretation_languages > 0 for a in activities)} "
        f"with interpretation ({sum(a.simultaneous for a in activities)} simultaneous), "
        f"{sum(len(s) for s in snapshot.sequences)} in {len(snapshot.sequences)} sequences"
    )
    result, peak = solve_measured(snapshot, time_limit)
    report("WSF-size forum", snapshot, result, len(snapshot.activities), peak)


def demo() -> None:
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.forums.models import Forum
    from app.scheduling.loading import load_snapshot
    from config import TestConfig

    app = create_app(TestConfig)
    with app.app_context():
        upgrade()
    outcome = app.test_cli_runner().invoke(args=["seed-demo"])
    assert outcome.exit_code == 0, outcome.output
    with app.app_context():
        forum = db.session.scalar(sa.select(Forum).where(Forum.slug == "isf-4"))
        snapshot = load_snapshot(forum)
    placed_before = len(snapshot.placements)
    print(
        f"Demo forum (isf-4): {len(snapshot.activities)} accepted activities "
        f"({placed_before} placed), {len(snapshot.rooms)} rooms, {len(snapshot.slots)} slots"
    )
    result, peak = solve_measured(snapshot, 5.0)
    # Placeable: what the solver did not declare impossible by itself.
    impossible = {a for a, code in result.unplaced.items() if code != "no_free_place"}
    report("Demo forum", snapshot, result, len(snapshot.activities) - len(impossible), peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=55.0, help="time limit in seconds")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--skip-demo", action="store_true")
    arguments = parser.parse_args()
    wsf(arguments.limit, arguments.seed)
    if not arguments.skip_demo:
        demo()


if __name__ == "__main__":
    main()
