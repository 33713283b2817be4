"""Where the auto-scheduler runs: inline by default, an rq job with
SCHEDULER_DISPATCH=rq (the queue is a stand-in here), and the worker command."""

from app.extensions import db
from app.scheduling import jobs, suggesting
from app.scheduling.models import ScheduleSuggestion, SuggestionStatus
from app.scheduling.solver import SolverResult
from tests.scheduling.board_data import make_data


class FakeQueue:
    def __init__(self, fail: bool = False):
        self.jobs: list[tuple] = []
        self.fail = fail

    def enqueue(self, function, *args, **options):
        if self.fail:
            raise ConnectionError("redis is down")
        self.jobs.append((function, args, options))


def _empty_result(snapshot, **options) -> SolverResult:
    return SolverResult({}, {}, 0.0, "optimal", 0.0, 0.0)


def test_inline_dispatch_runs_the_suggestion_at_once(app, ctx, monkeypatch):
    monkeypatch.setitem(app.config, "SCHEDULER_DISPATCH", "inline")
    monkeypatch.setattr(suggesting, "solve", _empty_result)
    data = make_data()
    suggestion = suggesting.request_suggestion(data.forum, data.organizer)
    jobs.start_suggestion(suggestion)
    assert db.session.get(ScheduleSuggestion, suggestion.id).status == SuggestionStatus.READY


def test_rq_dispatch_enqueues_the_job_with_the_suggestion_id(app, ctx, monkeypatch):
    monkeypatch.setitem(app.config, "SCHEDULER_DISPATCH", "rq")
    queue = FakeQueue()
    monkeypatch.setattr(jobs, "schedule_queue", lambda: queue)
    monkeypatch.setattr(suggesting, "solve", _empty_result)
    data = make_data()
    suggestion = suggesting.request_suggestion(data.forum, data.organizer, 40, keep_placed=False)
    jobs.start_suggestion(suggestion)
    assert queue.jobs == [
        (
            jobs.suggestion_job,
            (suggestion.id,),
            {
                "job_id": f"suggestion-{suggestion.id}",
                "job_timeout": 40 + jobs.JOB_MARGIN_SECONDS,
            },
        )
    ]
    assert suggestion.status == SuggestionStatus.QUEUED, "the worker runs it, not the request"


def test_the_job_runs_the_suggestion_as_its_row_asked(app, ctx, monkeypatch):
    seen = []
    monkeypatch.setattr(
        suggesting,
        "solve",
        lambda snapshot, **options: seen.append(options["keep_placed"]) or _empty_result(snapshot),
    )
    data = make_data()
    suggestion = suggesting.request_suggestion(data.forum, data.organizer, keep_placed=False)
    suggestion_id = suggestion.id
    db.session.commit()
    jobs.suggestion_job(suggestion_id)
    assert seen == [False]
    assert db.session.get(ScheduleSuggestion, suggestion_id).status == SuggestionStatus.READY


def test_an_unreachable_queue_fails_the_suggestion(app, ctx, monkeypatch):
    monkeypatch.setitem(app.config, "SCHEDULER_DISPATCH", "rq")
    monkeypatch.setattr(jobs, "schedule_queue", lambda: FakeQueue(fail=True))
    data = make_data()
    suggestion = suggesting.request_suggestion(data.forum, data.organizer)
    jobs.start_suggestion(suggestion)
    suggestion = db.session.get(ScheduleSuggestion, suggestion.id)
    assert (suggestion.status, suggestion.error) == (SuggestionStatus.FAILED, "queue_unavailable")


def test_the_worker_command_needs_redis(app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "")
    result = app.test_cli_runner().invoke(args=["schedule-worker"])
    assert result.exit_code != 0
    assert "REDIS_URL is not set" in result.output
