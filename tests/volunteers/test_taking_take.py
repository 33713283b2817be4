"""Taking and dropping a shift: refusals, overrides by coordinators, the cut-off."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.audit.services import AuditAction
from app.extensions import db
from app.volunteers import taking
from app.volunteers.models import ShiftSignup, VolunteeringPolicy, VolunteerStatus
from app.volunteers.taking import (
    ShiftIssue,
    ShiftProblem,
    ShiftRefused,
    drop_shift,
    take_shift,
)
from tests.factories import make_forum, make_user
from tests.helpers import outbox_to
from tests.volunteers.factories import make_day, make_shift, make_signup, make_team, make_volunteer

EARLY = datetime(2030, 4, 1, tzinfo=UTC)
# 09:00 on 10 May 2030 in Baghdad (UTC+3).
SHIFT_STARTS = datetime(2030, 5, 10, 6, 0, tzinfo=UTC)


@pytest.fixture
def forum(ctx):
    return make_forum(timezone="Asia/Baghdad")


@pytest.fixture
def shift(forum):
    return make_shift(make_team(forum), make_day(forum, date(2030, 5, 10)), "09:00", "12:00")


@pytest.fixture
def volunteer(forum):
    return make_volunteer(forum)


@pytest.fixture
def coordinator(ctx):
    return make_user()


def signups_of(shift) -> list[ShiftSignup]:
    return list(db.session.scalars(sa.select(ShiftSignup).where(ShiftSignup.shift_id == shift.id)))


def overrides_recorded(forum) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            sa.select(AuditEvent)
            .where(
                AuditEvent.forum_id == forum.id,
                AuditEvent.action == str(AuditAction.SHIFT_RULE_OVERRIDDEN),
            )
            .order_by(AuditEvent.id)
        )
    )


def test_taking_a_free_shift_signs_the_volunteer_up(forum, shift, volunteer):
    signup = take_shift(volunteer, shift, now=EARLY, by=volunteer.user)

    assert signups_of(shift) == [signup]
    assert (signup.volunteer_id, signup.created_by_id) == (volunteer.id, volunteer.user_id)
    assert signup.override_reason is None
    assert overrides_recorded(forum) == []


def test_taking_a_shift_against_a_rule_is_refused_with_every_issue(forum, shift):
    pending = make_volunteer(forum, status=VolunteerStatus.PENDING, languages=[])
    shift.team.required_language = "ckb"

    with pytest.raises(ShiftRefused) as refused:
        take_shift(pending, shift, now=SHIFT_STARTS + timedelta(minutes=1), by=pending.user)

    assert refused.value.problems == {
        ShiftProblem.NOT_APPROVED,
        ShiftProblem.LANGUAGE_MISSING,
        ShiftProblem.IN_THE_PAST,
    }
    assert signups_of(shift) == []


def test_a_coordinator_overrides_rules_with_a_reason_that_is_kept(
    forum, shift, volunteer, coordinator
):
    shift.team.requires_approval = True
    late = SHIFT_STARTS + timedelta(minutes=5)

    signup = take_shift(
        volunteer, shift, now=late, by=coordinator, override_reason="  Came to help anyway  "
    )

    assert signups_of(shift) == [signup]
    assert signup.created_by_id == coordinator.id
    assert signup.override_reason == "Came to help anyway"
    events = overrides_recorded(forum)
    assert [event.details["rule"] for event in events] == [
        "team_approval_missing",
        "in_the_past",
    ]
    assert {(e.actor_id, e.object_type, e.object_id) for e in events} == {
        (coordinator.id, "volunteer_shift_signups", signup.id)
    }


def test_an_override_with_nothing_to_override_records_nothing(forum, shift, volunteer, coordinator):
    signup = take_shift(volunteer, shift, now=EARLY, by=coordinator, override_reason="Asked to")

    assert signup.override_reason is None
    assert overrides_recorded(forum) == []


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_blank_reason_overrides_nothing(forum, shift, volunteer, coordinator, reason):
    with pytest.raises(ShiftRefused) as refused:
        take_shift(
            volunteer,
            shift,
            now=SHIFT_STARTS + timedelta(hours=1),
            by=coordinator,
            override_reason=reason,
        )

    assert refused.value.issues == [ShiftIssue(ShiftProblem.IN_THE_PAST)]
    assert signups_of(shift) == []


def test_a_full_shift_is_never_overridden(forum, shift, volunteer, coordinator):
    make_signup(shift, make_volunteer(forum))

    with pytest.raises(ShiftRefused) as refused:
        take_shift(volunteer, shift, now=EARLY, by=coordinator, override_reason="We need them")

    assert refused.value.issues == [ShiftIssue(ShiftProblem.FULL)]
    assert len(signups_of(shift)) == 1
    assert overrides_recorded(forum) == []


def test_a_shift_already_taken_is_never_overridden(forum, shift, volunteer, coordinator):
    take_shift(volunteer, shift, now=EARLY, by=volunteer.user)

    with pytest.raises(ShiftRefused) as refused:
        take_shift(volunteer, shift, now=EARLY, by=coordinator, override_reason="Twice")

    assert refused.value.issues == [ShiftIssue(ShiftProblem.ALREADY_TAKEN)]
    assert len(signups_of(shift)) == 1


def test_a_sign_up_slipping_in_after_the_count_meets_the_unique_constraint(
    forum, shift, volunteer, monkeypatch
):
    """What a concurrent take of the same shift by the same volunteer looks like:
    the count saw no sign-up, the insert finds one."""
    shift.places_needed = 2
    monkeypatch.setattr(taking, "_between_count_and_insert", lambda: make_signup(shift, volunteer))

    with pytest.raises(ShiftRefused) as refused:
        take_shift(volunteer, shift, now=EARLY, by=volunteer.user)

    assert refused.value.issues == [ShiftIssue(ShiftProblem.ALREADY_TAKEN)]
    # The savepoint rolled back the failed insert only; the session goes on.
    assert [s.volunteer_id for s in signups_of(shift)] == [volunteer.id]


def save_cutoff(forum, hours: int) -> None:
    db.session.add(VolunteeringPolicy(forum_id=forum.id, drop_cutoff_hours=hours))
    db.session.flush()


@pytest.mark.parametrize(
    "now",
    [EARLY, SHIFT_STARTS - timedelta(hours=24, seconds=1), SHIFT_STARTS - timedelta(hours=24)],
)
def test_a_shift_can_be_dropped_until_the_cut_off(forum, shift, volunteer, now):
    signup = take_shift(volunteer, shift, now=EARLY, by=volunteer.user)

    drop_shift(signup, now=now, by=volunteer.user)

    assert signups_of(shift) == []
    assert overrides_recorded(forum) == []


@pytest.mark.parametrize(
    "now", [SHIFT_STARTS - timedelta(hours=23, minutes=59), SHIFT_STARTS + timedelta(days=1)]
)
def test_a_shift_cannot_be_dropped_after_the_cut_off(forum, shift, volunteer, now):
    signup = take_shift(volunteer, shift, now=EARLY, by=volunteer.user)

    with pytest.raises(ShiftRefused) as refused:
        drop_shift(signup, now=now, by=volunteer.user)

    assert refused.value.issues == [ShiftIssue(ShiftProblem.PAST_CUTOFF, numbers=(24,))]
    assert signups_of(shift) == [signup]


def test_the_cut_off_follows_the_forums_policy(forum, shift, volunteer):
    save_cutoff(forum, 2)
    signup = take_shift(volunteer, shift, now=EARLY, by=volunteer.user)

    with pytest.raises(ShiftRefused):
        drop_shift(signup, now=SHIFT_STARTS - timedelta(hours=1), by=volunteer.user)
    drop_shift(signup, now=SHIFT_STARTS - timedelta(hours=2), by=volunteer.user)

    assert signups_of(shift) == []


def test_a_coordinator_drops_a_shift_after_the_cut_off_with_a_reason(
    forum, shift, volunteer, coordinator
):
    signup = take_shift(volunteer, shift, now=EARLY, by=volunteer.user)
    signup_id = signup.id

    drop_shift(signup, now=SHIFT_STARTS, by=coordinator, override_reason="Fell ill")

    assert signups_of(shift) == []
    [event] = overrides_recorded(forum)
    assert (event.actor_id, event.object_id, event.details["rule"]) == (
        coordinator.id,
        signup_id,
        "past_cutoff",
    )
    [told] = outbox_to(volunteer.user.email)  # with the reason the coordinator gave
    assert "taken off" in told.subject
    assert "Fell ill" in told.body_text
    assert "Fell ill" in told.body_html


def test_a_volunteer_dropping_their_own_shift_gets_no_email(forum, shift, volunteer):
    signup = take_shift(volunteer, shift, now=EARLY, by=volunteer.user)

    drop_shift(signup, now=EARLY, by=volunteer.user)

    assert outbox_to(volunteer.user.email) == []


def test_a_coordinator_taking_someone_off_before_the_cut_off_tells_them_without_a_reason(
    forum, shift, volunteer, coordinator
):
    signup = take_shift(volunteer, shift, now=EARLY, by=volunteer.user)

    drop_shift(signup, now=EARLY, by=coordinator)

    [told] = outbox_to(volunteer.user.email)
    assert "reason" not in told.body_text.lower()
