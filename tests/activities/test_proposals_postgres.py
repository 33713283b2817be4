"""The cap on an organization's activities holds when two of its members start a
proposal at the same moment (the organization's row lock), on PostgreSQL.

Each member works in their own thread, connection and transaction, for the
organization's last place: one draft is created, the other is refused as too
many. Runs only with TEST_DATABASE_URL=postgresql://…; the data is committed for
real and deleted at the end.
"""

import os
import threading
import time
import uuid
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import Activity
from app.activities.proposals import ProposalError, create_draft
from app.audit.models import AuditEvent
from app.extensions import db
from app.forums.models import Forum, ForumStatus
from app.organizations.models import (
    Organization,
    OrganizationMember,
    Registration,
    RegistrationStatus,
)
from tests import factories

# How long the first draft keeps the organization locked before committing, so that
# the second certainly arrives while it is held.
HOLD_SECONDS = 0.5
NOW = datetime(2017, 10, 1, 9, 0, tzinfo=UTC)


def _make_race_data() -> dict:
    tag = uuid.uuid4().hex[:8]
    forum = factories.make_forum(
        slug=f"race-{tag}",
        status=ForumStatus.OPEN,
        name_en="Race",
        start_date=date(2017, 11, 30),
        end_date=date(2017, 12, 2),
        proposals_open=date(2017, 9, 1),
        proposals_close=date(2017, 10, 31),
        max_activities_per_organization=1,
    )
    members = [factories.make_user(email=f"member-{n}-{tag}@example.org") for n in (1, 2)]
    organization = factories.make_organization(members=members)
    factories.make_registration(forum, organization, status=RegistrationStatus.APPROVED)
    db.session.commit()
    return {
        "forum_id": forum.id,
        "organization_id": organization.id,
        "user_ids": [member.id for member in members],
    }


def _propose(app, data: dict, user_id: int, start: threading.Barrier, results: dict):
    with app.test_request_context():
        try:
            actor = db.session.get(User, user_id)
            forum = db.session.get(Forum, data["forum_id"])
            organization = db.session.get(Organization, data["organization_id"])
            start.wait(timeout=10)
            create_draft(actor, forum, organization, now=NOW, title_en=f"Workshop {user_id}")
            time.sleep(HOLD_SECONDS)
            db.session.commit()
            results[user_id] = "created"
        except ProposalError as error:
            results[user_id] = error.problems
        except Exception as error:  # reported by the test, not lost in the thread
            results[user_id] = error
        finally:
            db.session.remove()


def _clean_up(data: dict) -> None:
    db.session.rollback()
    forum_id = data["forum_id"]
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.forum_id == forum_id))
    db.session.execute(sa.delete(Activity).where(Activity.forum_id == forum_id))
    db.session.execute(sa.delete(Registration).where(Registration.forum_id == forum_id))
    db.session.execute(
        sa.delete(OrganizationMember).where(
            OrganizationMember.organization_id == data["organization_id"]
        )
    )
    db.session.execute(sa.delete(Organization).where(Organization.id == data["organization_id"]))
    db.session.execute(sa.delete(Forum).where(Forum.id == forum_id))
    db.session.execute(sa.delete(User).where(User.id.in_(data["user_ids"])))
    db.session.commit()


@pytest.mark.postgres
@pytest.mark.no_db_isolation
def test_two_members_starting_the_last_proposal_at_once_create_one(app):
    if not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"):
        pytest.skip("needs PostgreSQL: set TEST_DATABASE_URL=postgresql://… to race for real")
    with app.test_request_context():
        data = _make_race_data()
    try:
        start, results = threading.Barrier(2), {}
        threads = [
            threading.Thread(target=_propose, args=(app, data, user_id, start, results))
            for user_id in data["user_ids"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        with app.app_context():
            drafts = db.session.scalar(
                sa.select(sa.func.count(Activity.id)).where(Activity.forum_id == data["forum_id"])
            )
    finally:
        with app.app_context():
            _clean_up(data)
            db.session.remove()

    assert sorted(map(str, results.values())) == [
        "[<ProposalProblem.TOO_MANY_ACTIVITIES: 'too_many_activities'>]",
        "created",
    ], results
    assert drafts == 1
