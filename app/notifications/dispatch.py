"""What happens to queued mail once its transaction commits.

``MAIL_DISPATCH``: ``rq`` enqueues a job per message for ``flask mail-worker``;
``inline`` delivers at the end of the request (development); ``none`` leaves it
for ``flask send-mail`` (a cron job) — and for the tests, which read the outbox.
"""

import sqlalchemy as sa
from flask import Flask, current_app, g, has_request_context
from flask_sqlalchemy.session import Session

from app.notifications import services

QUEUE_NAME = "muntada-mail"
INLINE_KEY = "_outbox_deliver_now"


def mail_queue():
    from redis import Redis
    from rq import Queue

    return Queue(QUEUE_NAME, connection=Redis.from_url(current_app.config["REDIS_URL"]))


def deliver_job(message_id: int) -> bool:
    """The RQ job; runs inside ``flask mail-worker``'s app context."""
    return services.deliver(message_id)


def _after_commit(session: sa.orm.Session) -> None:
    ids = services.take_committed_ids(session)
    if not ids:
        return
    mode = current_app.config["MAIL_DISPATCH"]
    if mode == "rq":
        queue = mail_queue()
        for message_id in ids:
            queue.enqueue(deliver_job, message_id, job_id=f"mail-{message_id}")
    elif mode == "inline" and has_request_context():
        g.setdefault(INLINE_KEY, []).extend(ids)


def _after_soft_rollback(session: sa.orm.Session, _transaction) -> None:
    services.forget_rolled_back_ids(session)


def _deliver_inline(response):
    for message_id in g.pop(INLINE_KEY, []):
        services.deliver(message_id)
    return response


def register_dispatch(app: Flask) -> None:
    # On the session class, so every session of every app (and the tests' own) reports.
    for name, listener in (
        ("after_commit", _after_commit),
        ("after_soft_rollback", _after_soft_rollback),
    ):
        if not sa.event.contains(Session, name, listener):
            sa.event.listen(Session, name, listener)
    app.after_request(_deliver_inline)
