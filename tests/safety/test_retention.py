"""Retention: contact data goes N days after the forum ends; counts stay."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.core.db import utcnow
from app.extensions import db
from app.notifications.models import OutboxStatus
from app.notifications.services import queue_email
from app.safety import retention
from tests import factories

END = date(2017, 12, 2)


@pytest.fixture
def contact_records(monkeypatch):
    """Stand-in contact data of one forum, purged by a registered purger (as delegates,
    volunteers and interpreters will be), with an anonymous count kept aside."""
    records = {"phones": ["+9647701234567", "+9647801234567", "+9647501234567"], "count": 3}

    def purge(forum) -> int:
        deleted = len(records["phones"])
        records["phones"] = []
        return deleted

    monkeypatch.setattr(retention, "_purgers", {"delegates": purge})
    return records


@pytest.mark.parametrize(
    ("days_after_end", "purged"), [(59, False), (60, False), (61, True), (90, True)]
)
def test_contact_data_is_kept_until_the_retention_time_is_over(
    ctx, contact_records, days_after_end, purged
):
    forum = factories.make_forum(end_date=END, retention_days=60)

    retention.purge_expired(END + timedelta(days=days_after_end))

    assert (contact_records["phones"] == []) is purged
    assert (forum.contact_data_purged_at is not None) is purged
    assert contact_records["count"] == 3  # the anonymous figure survives


def test_purging_is_audited_with_counts_and_done_once(ctx, contact_records):
    forum = factories.make_forum(end_date=END, retention_days=10)
    retention.purge_expired(END + timedelta(days=11))
    retention.purge_expired(END + timedelta(days=12))

    events = list(
        db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "contact_data_purged"))
    )
    assert len(events) == 1
    assert events[0].forum_id == forum.id
    assert events[0].details == {"delegates": 3}


def test_forums_without_an_end_date_are_never_purged(ctx, contact_records):
    factories.make_forum(end_date=None)
    retention.purge_expired(date(2100, 1, 1))
    assert len(contact_records["phones"]) == 3


def test_old_sent_mail_is_deleted_and_unsent_mail_kept(ctx):
    from flask_babel import lazy_gettext as _l

    old_sent = queue_email(
        "old@example.org", "en", "password_changed", _l("Your password was changed"), user=None
    )
    old_sent.status = OutboxStatus.SENT
    old_sent.created_at = utcnow() - timedelta(days=31)
    old_pending = queue_email(
        "wait@example.org", "en", "password_changed", _l("Your password was changed"), user=None
    )
    old_pending.created_at = utcnow() - timedelta(days=31)
    db.session.flush()

    deleted = retention.purge_old_sent_mail(date.today())  # noqa: DTZ011 - relative to now, as created_at

    assert deleted == 1
    db.session.expire_all()
    from app.notifications.models import OutboxMessage

    assert db.session.get(OutboxMessage, old_pending.id) is not None


def test_purge_command_reports_what_it_did(app, contact_records):
    with app.app_context():
        factories.make_forum(slug="hit-2017", end_date=END, retention_days=60)
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["purge-contact-data", "--today", "2018-02-01"])

    assert result.exit_code == 0, result.output
    assert "hit-2017: delegates 3" in result.output
