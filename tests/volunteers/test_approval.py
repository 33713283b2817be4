"""Coordinators approve and turn down volunteers (who are emailed in their language),
filter the list, and set the volunteering rules within their bounds."""

from datetime import UTC, date, datetime

import pytest

from app.core.team_decisions import ApprovalError, ApprovalProblem, PolicyError
from app.extensions import db
from app.volunteers import approval
from app.volunteers.approval import PolicyDetails
from app.volunteers.models import VolunteeringPolicy, VolunteerStatus
from app.volunteers.taking import policy_of
from tests.factories import make_forum, make_user
from tests.helpers import outbox_to
from tests.volunteers.factories import make_day, make_shift, make_signup, make_team, make_volunteer

NOW = datetime(2030, 5, 1, 9, tzinfo=UTC)


@pytest.fixture
def forum(ctx):
    return make_forum(name_en="ISF", name_ar="المنتدى")


@pytest.fixture
def coordinator(ctx):
    return make_user()


def test_approving_a_pending_volunteer_emails_them_in_their_language(forum, coordinator):
    volunteer = make_volunteer(forum, user=make_user(locale="ar"), status=VolunteerStatus.PENDING)
    approval.approve_volunteer(volunteer, by=coordinator, now=NOW)
    assert volunteer.status == VolunteerStatus.APPROVED
    assert (volunteer.decided_at, volunteer.decided_by_id) == (NOW, coordinator.id)
    (email,) = outbox_to(volunteer.user.email)
    assert email.locale == "ar"
    assert "المنتدى" in email.body_text


def test_approving_twice_or_a_withdrawn_volunteer_is_refused(forum, coordinator):
    with pytest.raises(ApprovalError):
        approval.approve_volunteer(make_volunteer(forum), by=coordinator, now=NOW)
    withdrawn = make_volunteer(forum, status=VolunteerStatus.WITHDRAWN)
    with pytest.raises(ApprovalError) as refused:
        approval.approve_volunteer(withdrawn, by=coordinator, now=NOW)
    assert refused.value.problem == ApprovalProblem.WITHDRAWN
    assert outbox_to(withdrawn.user.email) == []


def test_turning_down_drops_the_shifts_not_started_and_says_so(forum, coordinator):
    team = make_team(forum)
    past = make_shift(team, make_day(forum, date(2030, 4, 30)), "09:00", "12:00")
    coming = make_shift(team, make_day(forum, date(2030, 5, 10)), "09:00", "12:00")
    volunteer = make_volunteer(forum)
    kept, dropped = make_signup(past, volunteer), make_signup(coming, volunteer)
    assert approval.reject_volunteer(volunteer, by=coordinator, now=NOW) == 1
    db.session.expire_all()
    assert volunteer.status == VolunteerStatus.REJECTED
    assert [s.id for s in volunteer.signups] == [kept.id]
    assert dropped.id not in {s.id for s in coming.signups}
    (email,) = outbox_to(volunteer.user.email)
    assert "cannot take you on" in email.body_text
    assert "1 shift" in email.body_text


def test_the_list_puts_pending_first_and_filters(forum):
    approved = make_volunteer(forum, user=make_user(name="Aya"), languages=["ar", "en"])
    pending = make_volunteer(
        forum, user=make_user(name="Zina"), status=VolunteerStatus.PENDING, skills=["first_aid"]
    )
    make_volunteer(make_forum(), user=make_user(name="Elsewhere"))
    assert approval.volunteers_of(forum) == [pending, approved]
    assert approval.volunteers_of(forum, language="en") == [approved]
    assert approval.volunteers_of(forum, skill="first_aid") == [pending]
    assert approval.volunteers_of(forum, status=VolunteerStatus.APPROVED) == [approved]
    counts = approval.status_counts(forum)
    assert (counts[VolunteerStatus.PENDING], counts[VolunteerStatus.APPROVED]) == (1, 1)


def test_the_rules_are_saved_within_their_bounds(forum):
    details = PolicyDetails(True, 12, 6, 30, None)
    policy = approval.update_policy(forum, details)
    assert db.session.get(VolunteeringPolicy, forum.id) is policy
    assert (policy.auto_approve, policy.drop_cutoff_hours, policy.advance_days) == (True, 12, None)
    approval.update_policy(forum, PolicyDetails(False, 0, 24, 0, 7))
    assert policy_of(forum).advance_days == 7


def test_rules_out_of_bounds_are_refused(forum):
    with pytest.raises(PolicyError) as refused:
        approval.update_policy(forum, PolicyDetails(False, -1, 25, 0, 400))
    assert set(refused.value.fields) == {"drop_cutoff_hours", "max_hours_per_day", "advance_days"}
    assert db.session.get(VolunteeringPolicy, forum.id) is None


def test_decisions_are_audited_without_personal_data(forum, coordinator):
    import sqlalchemy as sa

    from app.audit.models import AuditEvent

    volunteer = make_volunteer(forum, status=VolunteerStatus.PENDING, phone="+9647701234567")
    approval.reject_volunteer(volunteer, by=coordinator, now=NOW)
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "volunteer_decided"))
    assert (event.actor_id, event.object_id, event.forum_id) == (
        coordinator.id,
        volunteer.id,
        forum.id,
    )
    assert event.details == {"status": "rejected"}
