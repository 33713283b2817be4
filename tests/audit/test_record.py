"""The record helper keeps personal values out; queries filter and page."""

from datetime import timedelta

import pytest

from app.audit.services import AuditAction, PersonalValueError, audit_events, record
from app.core.db import utcnow
from tests import factories


def test_record_keeps_ids_and_codes(ctx):
    actor = factories.make_user()
    forum = factories.make_forum()

    event = record(
        AuditAction.ROLE_GRANTED, actor=actor, obj=actor, forum=forum, role="reviewer", count=2
    )

    assert (event.actor_id, event.object_type, event.object_id, event.forum_id) == (
        actor.id,
        "users",
        actor.id,
        forum.id,
    )
    assert event.details == {"role": "reviewer", "count": 2}
    assert record(AuditAction.LOGIN_FAILED).actor_id is None


@pytest.mark.parametrize(
    "value",
    [
        "nadia@example.org",
        "+9647701234567",
        "Nadia Kareem",
        "a long free text about someone",
        {"a": 1},
        ["x"],
    ],
)
def test_record_refuses_anything_that_may_be_personal(ctx, value):
    with pytest.raises(PersonalValueError):
        record(AuditAction.DELETED, note=value)


def test_queries_filter_and_page_and_keep_forums_apart(ctx):
    actor = factories.make_user()
    ours, theirs = factories.make_forum(), factories.make_forum()
    for _ in range(5):
        record(AuditAction.LOGIN, actor=actor, forum=ours)
    record(AuditAction.LOCKDOWN_STARTED, forum=ours)
    old = record(AuditAction.LOGIN, forum=ours)
    old.occurred_at = utcnow() - timedelta(days=10)
    record(AuditAction.LOGIN, actor=actor, forum=theirs)

    mine = audit_events(forum_id=ours.id)
    assert {e.forum_id for e in mine} == {ours.id}
    assert len(mine) == 7
    assert [e.action for e in audit_events(forum_id=ours.id, action="lockdown_started")] == [
        "lockdown_started"
    ]
    assert len(audit_events(forum_id=ours.id, actor_id=actor.id)) == 5
    recent = audit_events(forum_id=ours.id, since=(utcnow() - timedelta(days=1)).date())
    assert old not in recent
    assert len(recent) == 6
    first_page = audit_events(forum_id=ours.id, limit=4)
    second_page = audit_events(forum_id=ours.id, limit=4, before_id=first_page[-1].id)
    assert len(first_page) == 4
    assert len(second_page) == 3
    assert not {e.id for e in first_page} & {e.id for e in second_page}
    assert len(audit_events()) == 8  # the site administrator's view
