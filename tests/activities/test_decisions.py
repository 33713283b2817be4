"""Decision rules without HTTP: who decides, every transition, bulk all-or-nothing,
whom to tell, and the audit."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app.activities import decisions
from app.activities.decisions import TRANSITIONS, Decision, DecisionError, DecisionProblem
from app.activities.models import ActivityStatus, CoOrganizer
from app.audit.models import AuditEvent
from app.audit.services import AuditAction
from app.core.permissions import ForumRoleName
from app.extensions import db
from tests import factories

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
OUTCOME = {Decision.ACCEPT: ActivityStatus.ACCEPTED, Decision.REJECT: ActivityStatus.REJECTED}
ALL_MOVES = [(status, decision) for status in ActivityStatus for decision in Decision]


def _organizer(forum):
    user = factories.make_user()
    factories.grant_role(user, forum, ForumRoleName.ORGANIZER)
    return user


def _audit() -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)))


def test_the_table_allows_deciding_submitted_and_reversing_a_decision():
    assert {
        (ActivityStatus.SUBMITTED, ActivityStatus.ACCEPTED),
        (ActivityStatus.SUBMITTED, ActivityStatus.REJECTED),
        (ActivityStatus.ACCEPTED, ActivityStatus.REJECTED),
        (ActivityStatus.REJECTED, ActivityStatus.ACCEPTED),
    } == TRANSITIONS


@pytest.mark.parametrize(
    ("status", "decision"),
    [move for move in ALL_MOVES if (move[0], OUTCOME[move[1]]) in TRANSITIONS],
)
def test_an_allowed_decision_is_kept_with_who_when_and_the_message(ctx, status, decision):
    forum = factories.make_forum()
    organizer = _organizer(forum)
    activity = factories.make_activity(forum, factories.make_organization(), status=status)
    decisions.decide(organizer, activity, decision, "  Thank you.  ", now=NOW)
    assert activity.status == OUTCOME[decision]
    assert activity.decided_at == NOW
    assert activity.decided_by_id == organizer.id
    assert activity.decision_message == "Thank you."
    (event,) = _audit()
    assert event.action == AuditAction.ACTIVITY_DECIDED
    assert (event.object_id, event.forum_id, event.actor_id) == (
        activity.id,
        forum.id,
        organizer.id,
    )
    assert event.details == {"before": str(status), "after": str(OUTCOME[decision])}


@pytest.mark.parametrize(
    ("status", "decision"),
    [move for move in ALL_MOVES if (move[0], OUTCOME[move[1]]) not in TRANSITIONS],
)
def test_a_refused_decision_changes_nothing(ctx, status, decision):
    forum = factories.make_forum()
    activity = factories.make_activity(forum, factories.make_organization(), status=status)
    with pytest.raises(DecisionError) as refused:
        decisions.decide(_organizer(forum), activity, decision, "Why")
    assert refused.value.problems == {DecisionProblem.TRANSITION_NOT_ALLOWED}
    assert refused.value.activity_ids == [activity.id]
    assert activity.status == status
    assert activity.decided_at is None
    assert _audit() == []


@pytest.mark.parametrize("role", [ForumRoleName.REVIEWER, ForumRoleName.VOLUNTEER_COORDINATOR])
def test_only_an_organizer_of_the_forum_decides(ctx, role):
    forum = factories.make_forum()
    member = factories.make_user()
    activity = factories.make_activity(forum, factories.make_organization(members=[member]))
    staff = factories.make_user()
    factories.grant_role(staff, forum, role)
    elsewhere = _organizer(factories.make_forum())
    for user in (staff, elsewhere, member):
        assert not decisions.can_decide(user, activity)
        with pytest.raises(DecisionError) as refused:
            decisions.accept(user, activity)
        assert refused.value.problems == {DecisionProblem.NOT_ORGANIZER}
    assert activity.status == ActivityStatus.SUBMITTED


def test_accept_needs_no_message_but_reject_does(ctx):
    forum = factories.make_forum()
    organizer = _organizer(forum)
    organization = factories.make_organization()
    accepted, rejected = (factories.make_activity(forum, organization) for _ in range(2))
    decisions.accept(organizer, accepted, now=NOW)
    assert accepted.decision_message is None
    for message in (None, "   "):
        with pytest.raises(DecisionError) as refused:
            decisions.reject(organizer, rejected, message)
        assert refused.value.problems == {DecisionProblem.NO_MESSAGE}
    decisions.reject(organizer, rejected, "Out of scope.")
    assert rejected.status == ActivityStatus.REJECTED


def test_a_message_has_at_most_5000_characters(ctx):
    forum = factories.make_forum()
    activity = factories.make_activity(forum, factories.make_organization())
    with pytest.raises(DecisionError) as refused:
        decisions.accept(_organizer(forum), activity, "x" * 5001)
    assert refused.value.problems == {DecisionProblem.MESSAGE_TOO_LONG}


def test_the_lead_and_accepted_co_organizers_are_told(ctx):
    forum = factories.make_forum()
    lead, accepted, waiting, declined = (factories.make_organization() for _ in range(4))
    activity = factories.make_activity(forum, lead)
    for organization, answer in ((waiting, None), (accepted, True), (declined, False)):
        db.session.add(
            CoOrganizer(activity_id=activity.id, organization_id=organization.id, accepted=answer)
        )
    db.session.flush()
    assert decisions.organizations_to_notify(activity) == [lead, accepted]
    assert decisions.accept(_organizer(forum), activity) == [lead, accepted]


def test_a_bulk_decision_decides_all(ctx):
    forum = factories.make_forum()
    organizer = _organizer(forum)
    first, second = factories.make_organization(), factories.make_organization()
    one = factories.make_activity(forum, first)
    other = factories.make_activity(forum, second, status=ActivityStatus.ACCEPTED)
    told = decisions.decide_many(organizer, [one, other], Decision.REJECT, "No room.", now=NOW)
    assert told == {one.id: [first], other.id: [second]}
    assert {one.status, other.status} == {ActivityStatus.REJECTED}
    assert [event.object_id for event in _audit()] == [one.id, other.id]


def test_a_bulk_decision_is_all_or_nothing_and_names_every_refused_proposal(ctx):
    forum = factories.make_forum()
    organizer = _organizer(forum)
    organization = factories.make_organization()
    fine = factories.make_activity(forum, organization)
    draft = factories.make_activity(forum, organization, status=ActivityStatus.DRAFT)
    accepted = factories.make_activity(forum, organization, status=ActivityStatus.ACCEPTED)
    foreign = factories.make_activity(factories.make_forum(), organization)
    with pytest.raises(DecisionError) as refused:
        decisions.decide_many(organizer, [fine, draft, accepted, foreign], Decision.ACCEPT)
    assert refused.value.activity_ids == [draft.id, accepted.id, foreign.id]
    by_activity = {issue.activity_id: issue.problem for issue in refused.value.issues}
    assert by_activity[foreign.id] == DecisionProblem.NOT_ORGANIZER
    assert by_activity[draft.id] == DecisionProblem.TRANSITION_NOT_ALLOWED
    assert fine.status == ActivityStatus.SUBMITTED
    assert fine.decided_at is None
    assert _audit() == []


def test_a_bulk_decision_of_nothing_is_refused(ctx):
    with pytest.raises(DecisionError) as refused:
        decisions.decide_many(factories.make_user(), [], Decision.ACCEPT)
    assert refused.value.problems == {DecisionProblem.NOTHING_TO_DECIDE}
