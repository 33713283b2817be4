"""Decisions on registrations, the forum's capacity and its waiting list (no HTTP)."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.core.db import utcnow
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import ForumStatus
from app.organizations import review
from app.organizations.models import RegistrationStatus as Status
from app.organizations.review import DecisionError, DecisionProblem
from tests import factories
from tests.helpers import outbox_to


@pytest.fixture
def forum(ctx):
    return factories.make_forum(
        status=ForumStatus.OPEN, name_en="ISF 4", name_ar="المنتدى الرابع", name_ckb="فۆرەمی چوارەم"
    )


@pytest.fixture
def organizer(forum):
    user = factories.make_user(name="Huda")
    factories.grant_role(user, forum, ForumRoleName.ORGANIZER)
    return user


def _registration(forum, delegates=1, members=(), **fields):
    organization = factories.make_organization(members=list(members))
    return factories.make_registration(forum, organization, delegates=delegates, **fields)


def _individual(forum, **fields):
    person = factories.make_user()
    return factories.make_registration(forum, None, delegates=1, individual_id=person.id, **fields)


def _waitlisted(forum, delegates, minutes_ago):
    return _registration(
        forum,
        delegates=delegates,
        status=Status.WAITLISTED,
        waitlisted_at=utcnow() - timedelta(minutes=minutes_ago),
    )


# Every status and every decision: allowed per the one table, refused otherwise.
TRANSITIONS = [(current, wanted) for current in Status for wanted in review.DECISIONS]


@pytest.mark.parametrize(("current", "wanted"), TRANSITIONS)
def test_each_transition_follows_the_table(forum, organizer, current, wanted):
    registration = _registration(forum, status=current)
    allowed = wanted in review.ALLOWED_DECISIONS[current]

    if not allowed:
        with pytest.raises(DecisionError) as refused:
            review.decide(organizer, registration, wanted, "A reason")
        assert refused.value.problem is DecisionProblem.NOT_ALLOWED
        assert registration.status is current
        return
    outcome = review.decide(organizer, registration, wanted, "A reason")
    assert outcome.changed
    assert outcome.status is wanted
    assert registration.status is wanted
    assert registration.decided_by_id == organizer.id
    assert registration.decided_at is not None


def test_the_table_is_as_agreed():
    assert {
        Status.PENDING: {Status.APPROVED, Status.WAITLISTED, Status.REJECTED},
        Status.WAITLISTED: {Status.APPROVED, Status.REJECTED},
        Status.APPROVED: {Status.REJECTED, Status.WAITLISTED},
        Status.REJECTED: {Status.APPROVED},
        Status.WITHDRAWN: set(),
    } == review.ALLOWED_DECISIONS


@pytest.mark.parametrize("reason", [None, "", "   \n "])
def test_a_rejection_needs_a_reason(forum, organizer, reason):
    registration = _registration(forum)
    with pytest.raises(DecisionError) as refused:
        review.decide(organizer, registration, Status.REJECTED, reason)
    assert refused.value.problem is DecisionProblem.REASON_REQUIRED
    assert registration.status is Status.PENDING


def test_a_reason_is_kept_and_optional_for_an_approval(forum, organizer):
    approved = _registration(forum)
    review.decide(organizer, approved, Status.APPROVED)
    assert approved.decision_reason is None

    waiting = _registration(forum)
    review.decide(organizer, waiting, Status.WAITLISTED, "  After the first round.  ")
    assert waiting.decision_reason == "After the first round."
    stored = db.session.execute(
        sa.text("SELECT decision_reason FROM registrations WHERE id = :id"), {"id": waiting.id}
    ).scalar_one()
    assert "first round" not in stored  # encrypted at rest


def test_an_approval_that_exactly_fits_the_organizations_is_approved(forum, organizer):
    forum.max_organizations = 2
    _registration(forum, status=Status.APPROVED)
    last = _registration(forum)

    outcome = review.decide(organizer, last, Status.APPROVED)

    assert outcome.status is Status.APPROVED
    assert not outcome.full
    assert review.capacity_of(forum).organizations == 2


def test_one_organization_over_the_capacity_goes_on_the_waiting_list(forum, organizer):
    forum.max_organizations = 2
    _registration(forum, status=Status.APPROVED)
    _registration(forum, status=Status.APPROVED)
    one_over = _registration(forum)

    outcome = review.decide(organizer, one_over, Status.APPROVED, "Welcome")

    assert outcome.full
    assert outcome.changed
    assert one_over.status is Status.WAITLISTED
    assert one_over.waitlisted_at is not None
    assert one_over.decision_reason is None  # written for an approval, not a waiting list
    assert review.capacity_of(forum).organizations == 2


@pytest.mark.parametrize(("delegates", "expected"), [(2, Status.APPROVED), (3, Status.WAITLISTED)])
def test_delegates_capacity_exact_fit_and_one_over(forum, organizer, delegates, expected):
    forum.max_delegates = 5
    _registration(forum, delegates=3, status=Status.APPROVED)
    registration = _registration(forum, delegates=delegates)

    review.decide(organizer, registration, Status.APPROVED)

    assert registration.status is expected
    assert review.capacity_of(forum).delegates == (5 if expected is Status.APPROVED else 3)


def test_pending_and_waitlisted_registrations_take_no_place(forum):
    forum.max_delegates = 10
    _registration(forum, delegates=2, status=Status.APPROVED)
    _registration(forum, delegates=4, status=Status.PENDING)
    _registration(forum, delegates=4, status=Status.WAITLISTED)
    _registration(forum, delegates=4, status=Status.WITHDRAWN)
    other_forum = factories.make_forum()
    _registration(other_forum, delegates=4, status=Status.APPROVED)

    capacity = review.capacity_of(forum)

    assert (capacity.organizations, capacity.delegates) == (1, 2)


def test_approving_a_waitlisted_registration_in_a_full_forum_keeps_its_turn(forum, organizer):
    forum.max_organizations = 1
    _registration(forum, status=Status.APPROVED)
    waiting = _waitlisted(forum, 1, minutes_ago=30)
    turn = waiting.waitlisted_at

    outcome = review.decide(organizer, waiting, Status.APPROVED)

    assert outcome.full
    assert not outcome.changed
    assert waiting.status is Status.WAITLISTED
    assert waiting.waitlisted_at == turn


def test_individuals_count_toward_delegates_only(forum, organizer):
    forum.max_organizations = 1
    _registration(forum, status=Status.APPROVED)
    person = _individual(forum)

    review.decide(organizer, person, Status.APPROVED)

    assert person.status is Status.APPROVED
    capacity = review.capacity_of(forum)
    assert (capacity.organizations, capacity.delegates) == (1, 2)


def test_an_individual_beyond_the_delegates_capacity_waits(forum, organizer):
    forum.max_delegates = 3
    _registration(forum, delegates=3, status=Status.APPROVED)
    person = _individual(forum)

    outcome = review.decide(organizer, person, Status.APPROVED)

    assert outcome.full
    assert person.status is Status.WAITLISTED


def test_a_rejection_of_an_approved_registration_promotes_the_waiting_list_in_order(
    forum, organizer
):
    forum.max_delegates = 4
    approved = _registration(forum, delegates=4, status=Status.APPROVED)
    second = _waitlisted(forum, 1, minutes_ago=10)
    first = _waitlisted(forum, 3, minutes_ago=20)
    third = _waitlisted(forum, 1, minutes_ago=5)

    outcome = review.decide(organizer, approved, Status.REJECTED, "Did not confirm")

    assert outcome.promoted == [first, second]
    assert (first.status, second.status, third.status) == (
        Status.APPROVED,
        Status.APPROVED,
        Status.WAITLISTED,
    )
    assert first.decided_by_id is None  # the waiting list's doing
    assert review.capacity_of(forum).delegates == 4


def test_promotion_stops_at_the_first_that_does_not_fit(forum, organizer):
    """Strict order: a smaller registration further down does not jump the queue."""
    forum.max_delegates = 4
    _registration(forum, delegates=2, status=Status.APPROVED)
    leaving = _registration(forum, delegates=2, status=Status.APPROVED)
    large = _waitlisted(forum, 3, minutes_ago=20)
    small = _waitlisted(forum, 1, minutes_ago=10)

    outcome = review.decide(organizer, leaving, Status.REJECTED, "Withdrew by phone")

    assert outcome.promoted == []
    assert large.status is Status.WAITLISTED
    assert small.status is Status.WAITLISTED


def test_a_withdrawal_frees_the_place_for_the_next_in_line(forum, organizer):
    """What the registration engineer's withdrawal calls after withdrawing."""
    forum.max_organizations = 1
    approved = _registration(forum, status=Status.APPROVED)
    waiting = _waitlisted(forum, 2, minutes_ago=5)
    member = factories.make_user(email="member@example.org")
    approved.status, approved.withdrawn_at = Status.WITHDRAWN, utcnow()
    db.session.flush()

    promoted = review.promote_from_waiting_list(member, forum)

    assert promoted == [waiting]
    assert waiting.status is Status.APPROVED


def test_putting_an_approved_registration_back_on_the_list_promotes_the_others(forum, organizer):
    forum.max_organizations = 1
    approved = _registration(forum, status=Status.APPROVED)
    waiting = _waitlisted(forum, 1, minutes_ago=5)

    outcome = review.decide(organizer, approved, Status.WAITLISTED)

    assert outcome.promoted == [waiting]
    assert approved.status is Status.WAITLISTED
    assert approved.waitlisted_at > waiting.waitlisted_at  # now last in line


def test_a_registration_put_back_alone_on_the_list_is_not_taken_again(forum, organizer):
    forum.max_organizations = 1
    approved = _registration(forum, status=Status.APPROVED)

    outcome = review.decide(organizer, approved, Status.WAITLISTED)

    assert outcome.promoted == []
    assert approved.status is Status.WAITLISTED


def test_without_capacity_nobody_is_promoted(forum, organizer):
    waiting = _waitlisted(forum, 1, minutes_ago=5)
    assert review.promote_from_waiting_list(organizer, forum) == []
    assert waiting.status is Status.WAITLISTED


def test_promoting_after_raising_the_capacity(forum, organizer):
    forum.max_organizations = 1
    _registration(forum, status=Status.APPROVED)
    first = _waitlisted(forum, 1, minutes_ago=20)
    second = _waitlisted(forum, 1, minutes_ago=10)
    forum.max_organizations = 2

    assert review.promote_from_waiting_list(organizer, forum) == [first]
    assert second.status is Status.WAITLISTED


def test_decisions_and_promotions_are_audited_with_codes_only(forum, organizer):
    forum.max_organizations = 1
    approved = _registration(forum, status=Status.APPROVED)
    waiting = _waitlisted(forum, 1, minutes_ago=5)

    review.decide(organizer, approved, Status.REJECTED, "Private reason about a person")

    events = db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.action == "registration_decided")
        .order_by(AuditEvent.id)
    ).all()
    assert [(e.object_id, e.details) for e in events] == [
        (approved.id, {"decision": "rejected", "previous": "approved"}),
        (waiting.id, {"decision": "approved", "previous": "waitlisted", "promoted": True}),
    ]
    assert events[0].actor_id == organizer.id
    assert events[0].forum_id == forum.id
    assert "Private" not in str([e.details for e in events])


def test_each_member_is_told_in_their_own_language(forum, organizer):
    arabic = factories.make_user(email="amal@example.org", locale="ar")
    kurdish = factories.make_user(email="karwan@example.org", locale="ckb")
    registration = _registration(forum, members=[arabic, kurdish])

    review.decide(organizer, registration, Status.REJECTED, "The forum is for Iraqi groups.")

    (to_amal,) = outbox_to("amal@example.org")
    (to_karwan,) = outbox_to("karwan@example.org")
    assert (to_amal.locale, to_karwan.locale) == ("ar", "ckb")
    assert "المنتدى الرابع" in to_amal.body_text
    assert "ISF 4" not in to_amal.body_text
    assert "فۆرەمی چوارەم" in to_karwan.body_text
    for message in (to_amal, to_karwan):
        assert "The forum is for Iraqi groups." in message.body_text
        assert f"/{forum.slug}/" in message.body_text or "/organizations/" in message.body_text


def test_the_promoted_and_individuals_are_told_too(forum, organizer):
    forum.max_delegates = 1
    approved = _individual(forum, status=Status.APPROVED)
    member = factories.make_user(email="waiting@example.org")
    waiting = _registration(forum, members=[member], status=Status.WAITLISTED)
    waiting.waitlisted_at = utcnow()

    review.decide(organizer, approved, Status.REJECTED, "No show")

    (to_individual,) = outbox_to(approved.individual.email)
    assert "was not accepted" in to_individual.body_text
    (to_member,) = outbox_to("waiting@example.org")
    assert "waiting list" in to_member.body_text
    assert "now approved" in to_member.body_text


def test_an_unchanged_decision_sends_nothing(forum, organizer):
    forum.max_organizations = 1
    _registration(forum, status=Status.APPROVED)
    member = factories.make_user(email="patient@example.org")
    waiting = _registration(forum, members=[member], status=Status.WAITLISTED)

    review.decide(organizer, waiting, Status.APPROVED)

    assert outbox_to("patient@example.org") == []
