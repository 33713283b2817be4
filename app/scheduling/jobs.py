"""Where the auto-scheduler runs.

``SCHEDULER_DISPATCH``: ``rq`` enqueues a job on the ``muntada-schedule`` queue for
``flask schedule-worker`` (production with Redis); ``inline`` solves right away,
inside the request that asked (development, tests, no Redis). The suggestion is
committed before the job is queued, so the worker always finds it.
"""

import logging

import click
from flask import Blueprint, current_app

from app.extensions import db
from app.scheduling import suggesting
from app.scheduling.models import ScheduleSuggestion, SuggestionStatus

QUEUE_NAME = "muntada-schedule"
# The job may run this much longer than its time limit (loading, storing) before rq stops it.
JOB_MARGIN_SECONDS = 120

log = logging.getLogger(__name__)

cli = Blueprint("scheduling_cli", __name__, cli_group=None)


def schedule_queue():
    from redis import Redis
    from rq import Queue

    return Queue(QUEUE_NAME, connection=Redis.from_url(current_app.config["REDIS_URL"]))


def suggestion_job(suggestion_id: int) -> None:
    """The RQ job; runs inside ``flask schedule-worker``'s app context. Its options
    (time limit, whether placed sessions stay) are on the suggestion."""
    try:
        suggesting.run_suggestion(suggestion_id)
    finally:
        db.session.remove()  # the worker runs many jobs in one app context


def start_suggestion(suggestion: ScheduleSuggestion) -> None:
    """Run a committed suggestion now or hand it to the worker. A queue that cannot
    be reached fails the suggestion (and commits that), rather than leaving it
    queued for ever."""
    mode = current_app.config["SCHEDULER_DISPATCH"]
    if mode != "rq":
        suggesting.run_suggestion(suggestion.id)
        return
    try:
        schedule_queue().enqueue(
            suggestion_job,
            suggestion.id,
            job_id=f"suggestion-{suggestion.id}",
            job_timeout=suggestion.time_limit_seconds + JOB_MARGIN_SECONDS,
        )
    except Exception:
        log.exception("could not queue suggestion %s", suggestion.id)
        suggestion = db.session.get(ScheduleSuggestion, suggestion.id)
        if suggestion is not None and suggestion.status == SuggestionStatus.QUEUED:
            suggesting.fail_suggestion(suggestion, suggesting.SuggestionFailure.QUEUE_UNAVAILABLE)
            db.session.commit()


@cli.cli.command("schedule-worker")
def schedule_worker() -> None:
    """Run an RQ worker for the auto-scheduler's jobs (needs REDIS_URL)."""
    from rq import SimpleWorker

    if not current_app.config["REDIS_URL"]:
        raise click.ClickException("REDIS_URL is not set")
    queue = schedule_queue()
    # SimpleWorker runs jobs in this process, inside this app context (no fork).
    SimpleWorker([queue], connection=queue.connection).work()
