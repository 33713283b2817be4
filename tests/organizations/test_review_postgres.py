"""Capacity holds under concurrent approvals on PostgreSQL (the forum's row lock).

Two organizers approve two registrations at the same moment, each in its own thread,
connection and transaction, for the forum's last place: one is approved, the other
goes on the waiting list. Runs only with TEST_DATABASE_URL=postgresql://…; the data
is committed for real (no rolled-back transaction) and deleted at the end.
"""

import os
import threading
import time
import uuid

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.audit.models import AuditEvent
from app.extensions import db
from app.forums.models import Forum, ForumStatus
from app.notifications.models import OutboxMessage
from app.notifications.services import recipient_hash
from app.organizations import review
from app.organizations.models import Organization, Registration, RegistrationStatus
from tests import factories

# How long the first approval keeps the forum locked before committing, so that the
# second certainly arrives while it is held.
HOLD_SECONDS = 0.5


def _make_race_data() -> dict:
    tag = uuid.uuid4().hex[:8]
    forum = factories.make_forum(
        slug=f"race-{tag}", status=ForumStatus.OPEN, name_en="Race", max_organizations=1
    )
    organizer = factories.make_user(email=f"organizer-{tag}@example.org")
    members = [factories.make_user(email=f"member-{n}-{tag}@example.org") for n in (1, 2)]
    registrations = [
        factories.make_registration(forum, factories.make_organization(members=[member]))
        for member in members
    ]
    db.session.commit()
    return {
        "forum_id": forum.id,
        "organizer_id": organizer.id,
        "user_ids": [organizer.id, *(member.id for member in members)],
        "emails": [organizer.email, *(member.email for member in members)],
        "organization_ids": [r.organization_id for r in registrations],
        "registration_ids": [r.id for r in registrations],
    }


def _approve(app, data: dict, registration_id: int, start: threading.Barrier, results: dict):
    with app.test_request_context():
        try:
            organizer = db.session.get(User, data["organizer_id"])
            registration = db.session.get(Registration, registration_id)
            start.wait(timeout=10)
            outcome = review.decide(organizer, registration, RegistrationStatus.APPROVED)
            time.sleep(HOLD_SECONDS)
            db.session.commit()
            results[registration_id] = outcome.status
        except Exception as error:  # reported by the test, not lost in the thread
            results[registration_id] = error
        finally:
            db.session.remove()


def _clean_up(data: dict) -> None:
    db.session.rollback()
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.forum_id == data["forum_id"]))
    db.session.execute(
        sa.delete(OutboxMessage).where(
            OutboxMessage.recipient_hash.in_([recipient_hash(e) for e in data["emails"]])
        )
    )
    db.session.execute(sa.delete(Registration).where(Registration.forum_id == data["forum_id"]))
    db.session.execute(sa.delete(Organization).where(Organization.id.in_(data["organization_ids"])))
    db.session.execute(sa.delete(Forum).where(Forum.id == data["forum_id"]))
    db.session.execute(sa.delete(User).where(User.id.in_(data["user_ids"])))
    db.session.commit()


def race_for_the_last_place(app) -> dict:
    """Two concurrent approvals of the last place; returns each registration's status."""
    with app.test_request_context():
        data = _make_race_data()
    try:
        start, results = threading.Barrier(2), {}
        threads = [
            threading.Thread(target=_approve, args=(app, data, registration_id, start, results))
            for registration_id in data["registration_ids"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        with app.app_context():
            stored = dict(
                db.session.execute(
                    sa.select(Registration.id, Registration.status).where(
                        Registration.id.in_(data["registration_ids"])
                    )
                ).all()
            )
        return {"results": results, "stored": stored}
    finally:
        with app.app_context():
            _clean_up(data)
            db.session.remove()


@pytest.mark.postgres
@pytest.mark.no_db_isolation
def test_two_concurrent_approvals_of_the_last_place_approve_only_one(app):
    if not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"):
        pytest.skip("needs PostgreSQL: set TEST_DATABASE_URL=postgresql://… to race for real")

    race = race_for_the_last_place(app)

    assert sorted(map(str, race["results"].values())) == ["approved", "waitlisted"], race
    assert sorted(map(str, race["stored"].values())) == ["approved", "waitlisted"]
