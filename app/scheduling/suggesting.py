"""The auto-scheduler as a proposal the organizers review.

An organizer asks for a suggestion; the auto-scheduler runs (a background job when
Redis is there, inline otherwise), reporting its progress; the result is stored as
a proposed schedule. Nothing on the draft changes until the organizer accepts the
proposal, whole or in part, and then every change goes through the conflict engine
like a manual move (``placing.apply_changes``): a draft changed meanwhile so that
the proposal would break a rule is refused, and nothing is applied.

One forum runs one suggestion at a time. A job that died (its worker killed) does
not block the forum for ever: a suggestion still queued or running long after its
time limit is marked failed when the next one is asked for.
"""

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.core.db import utcnow
from app.extensions import db
from app.forums.models import Forum, ForumStatus
from app.scheduling.loading import load_snapshot
from app.scheduling.models import ScheduleSuggestion, SuggestionStatus
from app.scheduling.placing import apply_changes
from app.scheduling.snapshot import Snapshot, Spot

log = logging.getLogger(__name__)

MIN_TIME_LIMIT, MAX_TIME_LIMIT, DEFAULT_TIME_LIMIT = 5, 300, 20
# A job still unfinished this long after its time limit is taken for dead.
ABANDONED_AFTER = timedelta(minutes=10)
OPEN = (SuggestionStatus.QUEUED, SuggestionStatus.RUNNING)
# Progress is written at most this often (seconds), in its own short transaction.
PROGRESS_EVERY = 1.0


class SuggestionProblem(StrEnum):
    ALREADY_RUNNING = "already_running"  # the forum has a suggestion queued or running
    BAD_TIME_LIMIT = "bad_time_limit"
    NOT_READY = "not_ready"  # only a finished, unreviewed suggestion can be applied
    CLOSED = "closed"  # already applied or discarded
    NOTHING_CHOSEN = "nothing_chosen"  # none of the ticked sessions would change
    READ_ONLY = "read_only"  # an archived forum's schedule no longer changes


class SuggestionFailure(StrEnum):
    """Why a run failed: the codes stored in ``ScheduleSuggestion.error``."""

    SOLVER_ERROR = "solver_error"
    QUEUE_UNAVAILABLE = "queue_unavailable"  # Redis could not be reached
    ABANDONED = "abandoned"  # the job never finished


class SuggestionError(Exception):
    def __init__(self, problem: SuggestionProblem):
        super().__init__(problem.value)
        self.problem = problem


def solve(snapshot: Snapshot, **options):
    """The auto-scheduler. Without OR-Tools (an optional extra) it still returns a
    conflict-free greedy schedule, with status "unavailable"."""
    from app.scheduling.solver import suggest_schedule

    return suggest_schedule(snapshot, **options)


def open_suggestion(forum: Forum) -> ScheduleSuggestion | None:
    """The forum's suggestion still queued or running, if any."""
    return db.session.scalar(
        sa.select(ScheduleSuggestion)
        .where(ScheduleSuggestion.forum_id == forum.id, ScheduleSuggestion.status.in_(OPEN))
        .order_by(ScheduleSuggestion.id.desc())
        .limit(1)
    )


def is_abandoned(suggestion: ScheduleSuggestion, now: datetime | None = None) -> bool:
    """Queued or running long after its time limit: its job died."""
    if suggestion.status not in OPEN:
        return False
    since = suggestion.started_at or suggestion.created_at
    deadline = since + timedelta(seconds=suggestion.time_limit_seconds) + ABANDONED_AFTER
    return _aware(now or utcnow()) > _aware(deadline)


def _aware(moment: datetime) -> datetime:
    # SQLite gives naive datetimes back; they are UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def request_suggestion(
    forum: Forum, by: User, time_limit: int = DEFAULT_TIME_LIMIT, keep_placed: bool = True
) -> ScheduleSuggestion:
    """Queue a run of the auto-scheduler. With ``keep_placed`` every placed session
    stays where it is; otherwise the unpinned ones may move. Refused while another
    of the forum's suggestions is queued or running (one that was abandoned is
    marked failed), and in an archived forum."""
    if forum.status == ForumStatus.ARCHIVED:
        raise SuggestionError(SuggestionProblem.READ_ONLY)
    if not MIN_TIME_LIMIT <= time_limit <= MAX_TIME_LIMIT:
        raise SuggestionError(SuggestionProblem.BAD_TIME_LIMIT)
    running = open_suggestion(forum)
    if running is not None:
        if not is_abandoned(running):
            raise SuggestionError(SuggestionProblem.ALREADY_RUNNING)
        fail_suggestion(running, SuggestionFailure.ABANDONED)
    suggestion = ScheduleSuggestion(
        forum_id=forum.id,
        status=SuggestionStatus.QUEUED,
        time_limit_seconds=time_limit,
        keep_placed=keep_placed,
        requested_by_id=by.id,
        placements=[],
        unplaced=[],
    )
    db.session.add(suggestion)
    db.session.flush()
    return suggestion


def fail_suggestion(suggestion: ScheduleSuggestion, failure: SuggestionFailure) -> None:
    suggestion.status = SuggestionStatus.FAILED
    suggestion.error = failure.value
    suggestion.finished_at = utcnow()
    db.session.flush()


def run_suggestion(suggestion_id: int) -> None:
    """The job: solve the forum's current draft as the suggestion asked (time
    limit, whether placed sessions stay) and store the proposal.

    A job is its own unit of work, so unlike the other services this one commits:
    once when it starts, at most every second for its progress, once at the end.
    A suggestion discarded while it runs stays discarded. Runs once: a second
    call for the same suggestion does nothing.
    """
    suggestion = db.session.get(ScheduleSuggestion, suggestion_id)
    if suggestion is None or suggestion.status != SuggestionStatus.QUEUED:
        return
    suggestion.status = SuggestionStatus.RUNNING
    suggestion.started_at = utcnow()
    forum_id, time_limit = suggestion.forum_id, suggestion.time_limit_seconds
    keep_placed = suggestion.keep_placed
    db.session.commit()
    try:
        result = solve(
            load_snapshot(db.session.get(Forum, forum_id)),
            time_limit=float(time_limit),
            keep_placed=keep_placed,
            progress=_progress_reporter(suggestion_id, time_limit),
        )
    except Exception:
        log.exception("auto-scheduler failed (suggestion %s)", suggestion_id)
        _finish(suggestion_id, failure=SuggestionFailure.SOLVER_ERROR)
    else:
        _finish(suggestion_id, result=result)


def _progress_reporter(suggestion_id: int, time_limit: int) -> Callable[..., None]:
    """A callback for the solver: a fraction of the work done (0–1); without one,
    the time elapsed against the time limit is reported."""
    started = time.monotonic()
    last = {"at": 0.0, "percent": -1}

    def report(fraction: float | None = None, *_args, **_kwargs) -> None:
        now = time.monotonic()
        if now - last["at"] < PROGRESS_EVERY:
            return
        if not isinstance(fraction, int | float) or not 0 <= fraction <= 1:
            fraction = (now - started) / max(time_limit, 1)
        percent = max(0, min(99, int(fraction * 100)))
        if percent == last["percent"]:
            return
        last.update(at=now, percent=percent)
        db.session.execute(
            sa.update(ScheduleSuggestion)
            .where(
                ScheduleSuggestion.id == suggestion_id,
                ScheduleSuggestion.status == SuggestionStatus.RUNNING,
            )
            .values(progress=percent)
        )
        db.session.commit()

    return report


def _finish(suggestion_id: int, *, result=None, failure: SuggestionFailure | None = None) -> None:
    """Store the outcome unless the suggestion was discarded meanwhile. A greedy
    schedule (OR-Tools missing or out of time) is a proposal like any other: ready,
    with its solver status saying how good it is known to be."""
    db.session.rollback()
    values: dict = {"finished_at": utcnow(), "progress": 100}
    if failure is not None:
        values.update(status=SuggestionStatus.FAILED, error=failure.value)
    else:
        values.update(
            status=SuggestionStatus.READY,
            solver_status=result.status,
            objective=float(result.objective) if result.objective is not None else None,
            placements=[
                {"activity_id": aid, "room_id": spot.room_id, "slot_ids": list(spot.slot_ids)}
                for aid, spot in sorted(result.placements.items())
            ],
            unplaced=[
                {"activity_id": aid, "reason": str(reason)}
                for aid, reason in sorted(result.unplaced.items())
            ],
        )
    db.session.execute(
        sa.update(ScheduleSuggestion)
        .where(
            ScheduleSuggestion.id == suggestion_id,
            ScheduleSuggestion.status == SuggestionStatus.RUNNING,
        )
        .values(**values)
    )
    db.session.commit()


@dataclass(frozen=True)
class Change:
    """One session of the proposal that differs from the draft."""

    activity_id: int
    before: Spot | None  # None: not placed on the draft
    after: Spot


@dataclass(frozen=True)
class SuggestionDiff:
    placed: list[Change] = field(default_factory=list)  # not on the draft yet
    moved: list[Change] = field(default_factory=list)  # elsewhere on the draft
    unchanged: list[int] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # (activity id, reason)
    # In the proposal but no longer accepted (withdrawn, merged…): ignored.
    gone: list[int] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        return [*self.placed, *self.moved]


def proposed_spots(suggestion: ScheduleSuggestion) -> dict[int, Spot]:
    return {
        row["activity_id"]: Spot(row["room_id"], tuple(row["slot_ids"]))
        for row in suggestion.placements or []
    }


def suggestion_diff(suggestion: ScheduleSuggestion, snapshot: Snapshot) -> SuggestionDiff:
    """The proposal against the draft as it is now: sessions it would place, move
    or leave as they are, and the accepted activities it leaves unplaced, with why.
    Sessions on the draft the proposal does not mention stay where they are."""
    diff = SuggestionDiff()
    for activity_id, spot in proposed_spots(suggestion).items():
        if activity_id not in snapshot.activities:
            diff.gone.append(activity_id)
            continue
        current = snapshot.placements.get(activity_id)
        if current == spot:
            diff.unchanged.append(activity_id)
        elif current is None:
            diff.placed.append(Change(activity_id, None, spot))
        else:
            diff.moved.append(Change(activity_id, current, spot))
    for row in suggestion.unplaced or []:
        activity_id = row["activity_id"]
        if activity_id in snapshot.activities and activity_id not in snapshot.placements:
            diff.unplaced.append((activity_id, row["reason"]))
    return diff


def apply_suggestion(
    suggestion: ScheduleSuggestion, by: User, activity_ids: Iterable[int] | None = None
) -> int:
    """Put the proposal on the draft: all of it, or only the sessions chosen.

    Every change is checked as a manual move is; a conflict (the draft changed
    since the run) raises ``RulesBroken`` and a cell taken meanwhile
    ``PlacementError``, and nothing is applied. Returns how many sessions changed.
    """
    if suggestion.status in (SuggestionStatus.APPLIED, SuggestionStatus.DISCARDED):
        raise SuggestionError(SuggestionProblem.CLOSED)
    if suggestion.status != SuggestionStatus.READY:
        raise SuggestionError(SuggestionProblem.NOT_READY)
    forum = db.session.get(Forum, suggestion.forum_id)
    snapshot = load_snapshot(forum)
    chosen = None if activity_ids is None else set(activity_ids)
    changes = {
        change.activity_id: change.after
        for change in suggestion_diff(suggestion, snapshot).changes
        if chosen is None or change.activity_id in chosen
    }
    if not changes:
        if chosen is not None:
            raise SuggestionError(SuggestionProblem.NOTHING_CHOSEN)
    else:
        apply_changes(forum, changes, by=by, before=snapshot)
    suggestion.status = SuggestionStatus.APPLIED
    db.session.flush()
    record(
        AuditAction.SCHEDULE_SUGGESTION_APPLIED,
        actor=by,
        obj=suggestion,
        forum=forum,
        sessions=len(changes),
    )
    return len(changes)


def discard_suggestion(suggestion: ScheduleSuggestion, by: User) -> None:
    """Drop a proposal (a running one too: its result will not be kept)."""
    if suggestion.status in (SuggestionStatus.APPLIED, SuggestionStatus.DISCARDED):
        raise SuggestionError(SuggestionProblem.CLOSED)
    suggestion.status = SuggestionStatus.DISCARDED
    suggestion.finished_at = suggestion.finished_at or utcnow()
    db.session.flush()


def recent_suggestions(forum: Forum, limit: int = 10) -> list[ScheduleSuggestion]:
    return list(
        db.session.scalars(
            sa.select(ScheduleSuggestion)
            .where(ScheduleSuggestion.forum_id == forum.id)
            .order_by(ScheduleSuggestion.id.desc())
            .limit(limit)
        )
    )
