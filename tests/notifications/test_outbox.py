"""The email outbox: transactional, idempotent, retried, in the recipient's language."""

from datetime import timedelta

import pytest
from flask_babel import lazy_gettext as _l

from app.core.db import utcnow
from app.extensions import db
from app.notifications import services
from app.notifications.models import OutboxMessage, OutboxStatus
from tests.helpers import outbox_to


def queue(locale="en", recipient="someone@example.org") -> OutboxMessage:
    return services.queue_email(
        recipient, locale, "password_changed", _l("Your password was changed"), user=None
    )


class Transport:
    """Records what would have been sent; fails the first ``failures`` times."""

    def __init__(self, failures: int = 0):
        self.sent: list[int] = []
        self.failures = failures

    def __call__(self, message: OutboxMessage) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError("smtp down")
        self.sent.append(message.id)


def test_mail_is_rendered_in_the_recipients_language(ctx):
    arabic = queue("ar")
    english = queue("en")

    assert arabic.subject != english.subject == "Your password was changed"
    assert '<html lang="ar" dir="rtl">' in arabic.body_html
    assert '<html lang="en" dir="ltr">' in english.body_html
    assert "password" in english.body_text
    assert "password" not in arabic.body_text


def test_mail_queued_in_a_rolled_back_transaction_never_exists(ctx):
    nested = db.session.begin_nested()
    message_id = queue().id
    nested.rollback()

    assert db.session.get(OutboxMessage, message_id) is None


def test_delivering_twice_sends_once(ctx):
    message = queue()
    db.session.commit()
    transport = Transport()

    assert services.deliver(message.id, transport)
    assert not services.deliver(message.id, transport)
    assert transport.sent == [message.id]
    assert message.status is OutboxStatus.SENT
    assert message.sent_at is not None


def test_send_due_sends_only_what_is_due(ctx):
    due = queue()
    later = queue()
    later.send_after = utcnow() + timedelta(hours=1)
    db.session.commit()
    transport = Transport()

    assert services.send_due(transport) == (1, 0)
    assert transport.sent == [due.id]
    assert services.send_due(transport) == (0, 0)


def test_a_failed_send_is_retried_later_then_given_up(ctx, app):
    message = queue()
    db.session.commit()
    transport = Transport(failures=99)

    assert not services.deliver(message.id, transport)
    assert message.status is OutboxStatus.PENDING
    assert message.send_after > utcnow()
    assert message.last_error == "ConnectionRefusedError"
    for _ in range(app.config["MAIL_MAX_ATTEMPTS"] - 1):
        message.send_after = utcnow()
        db.session.commit()
        services.deliver(message.id, transport)
    assert message.status is OutboxStatus.FAILED
    assert message.attempts == app.config["MAIL_MAX_ATTEMPTS"]
    assert transport.sent == []


def test_a_retry_succeeds_after_a_passing_failure(ctx):
    message = queue()
    db.session.commit()
    transport = Transport(failures=1)
    services.deliver(message.id, transport)
    message.send_after = utcnow()
    db.session.commit()

    assert services.deliver(message.id, transport)
    assert transport.sent == [message.id]


def test_messages_left_sending_by_a_dead_worker_are_released(ctx):
    message = queue()
    message.status = OutboxStatus.SENDING
    message.claimed_at = utcnow() - timedelta(hours=1)
    fresh = queue()
    fresh.status = OutboxStatus.SENDING
    fresh.claimed_at = utcnow()
    db.session.commit()

    assert services.release_stuck() == 1
    assert message.status is OutboxStatus.PENDING
    assert fresh.status is OutboxStatus.SENDING


def test_every_message_has_its_own_message_id(ctx):
    assert queue().message_id != queue().message_id


def test_send_mail_command_sends_what_is_due(app):
    with app.app_context():
        with app.test_request_context():
            queue(recipient="cli@example.org")
        db.session.commit()
    runner = app.test_cli_runner()

    result = runner.invoke(args=["send-mail"])

    assert result.exit_code == 0, result.output
    assert "sent 1, not sent 0" in result.output
    assert "To: cli@example.org" in result.output  # the console backend
    with app.app_context():
        assert [m.status for m in outbox_to("cli@example.org")] == [OutboxStatus.SENT]


def test_mail_is_dispatched_inline_only_after_the_request_commits(app, client, monkeypatch):
    from tests.helpers import post_form

    monkeypatch.setitem(app.config, "MAIL_DISPATCH", "inline")
    delivered = []
    monkeypatch.setattr(services, "deliver", lambda message_id, *a: delivered.append(message_id))

    post_form(client, "/account/forgot", {"email": "nobody@example.org"})
    assert delivered == []
    from tests import factories

    with app.app_context():
        factories.make_user(email="somebody@example.org")
        db.session.commit()
    post_form(client, "/account/forgot", {"email": "somebody@example.org"})
    assert len(delivered) == 1


@pytest.fixture
def redis_url():
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return url


def test_with_redis_each_committed_message_becomes_a_job_that_sends_it(
    app, client, monkeypatch, redis_url
):
    from rq import SimpleWorker

    from app.notifications.dispatch import mail_queue
    from tests import factories
    from tests.helpers import post_form

    monkeypatch.setitem(app.config, "MAIL_DISPATCH", "rq")
    monkeypatch.setitem(app.config, "REDIS_URL", redis_url)
    with app.app_context():
        factories.make_user(email="queued@example.org")
        db.session.commit()
        queue_ = mail_queue()
        queue_.empty()

    post_form(client, "/account/forgot", {"email": "queued@example.org"})

    with app.app_context():
        assert queue_.count == 1
        SimpleWorker([queue_], connection=queue_.connection).work(burst=True)
        assert [m.status for m in outbox_to("queued@example.org")] == [OutboxStatus.SENT]
