"""Registration rules, without HTTP: the window (on the forum's own date), membership,
one registration per organization and per individual, the charter version, the
delegate cap, phones and emails, withdrawal, and registrations on behalf."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.extensions import db
from app.forums.models import CharterVersion, ForumStatus
from app.forums.services import publish_charter
from app.organizations.contacts import normalise_phone
from app.organizations.models import (
    Gender,
    OrganizationMember,
    RegistrationChannel,
    RegistrationStatus,
)
from app.organizations.registration import (
    RegistrationError,
    RegistrationProblem,
    charter_is_current,
    register_individual,
    register_on_behalf,
    register_organization,
    window_problems,
)
from app.organizations.registration_changes import update_registration, withdraw_registration
from app.organizations.registration_delegates import (
    DelegateDetails,
    DelegateProblem,
)
from tests import factories
from tests.helpers import outbox_to

# Mid-window, in Baghdad (UTC+3) and in UTC alike.
NOW = datetime(2017, 11, 10, 12, tzinfo=UTC)


def make_forum(**fields):
    """An open forum, registration 1–25 November 2017 (Baghdad), cap 3, charter v1."""
    values = {
        "status": ForumStatus.OPEN,
        "name_en": "ISF 4",
        "start_date": date(2017, 11, 30),
        "end_date": date(2017, 12, 2),
        "registration_opens": date(2017, 11, 1),
        "registration_closes": date(2017, 11, 25),
        "max_delegates_per_organization": 3,
        **fields,
    }
    forum = factories.make_forum(**values)
    forum.charters.append(CharterVersion(version=1, text_en="Charter of Principles"))
    db.session.flush()
    return forum


def member_and_organization():
    member = factories.make_user()
    return member, factories.make_organization(members=[member])


def delegates(count: int) -> list[DelegateDetails]:
    return [DelegateDetails(name=f"Delegate {row}", row=row) for row in range(count)]


def register(member, forum, organization, now=NOW, count=1, charter=None):
    charter = charter or forum.current_charter
    return register_organization(
        member,
        forum,
        organization,
        charter_version_id=charter.id,
        delegates=delegates(count),
        now=now,
    )


def refusal(call, *args, **kwargs) -> RegistrationError:
    with pytest.raises(RegistrationError) as caught:
        call(*args, **kwargs)
    return caught.value


# The window, judged on the forum's date -------------------------------------------------


@pytest.mark.parametrize(
    ("now", "problems"),
    [
        # Baghdad is UTC+3: 1 November starts there at 21:00 UTC on 31 October.
        (datetime(2017, 10, 31, 20, 59, tzinfo=UTC), [RegistrationProblem.WINDOW_NOT_YET_OPEN]),
        (datetime(2017, 10, 31, 21, 0, tzinfo=UTC), []),
        (datetime(2017, 11, 25, 20, 59, tzinfo=UTC), []),
        (datetime(2017, 11, 25, 21, 0, tzinfo=UTC), [RegistrationProblem.WINDOW_CLOSED]),
    ],
)
def test_the_window_includes_its_first_and_last_day_in_baghdad(ctx, now, problems):
    forum = make_forum()
    assert window_problems(forum, now) == problems


def test_the_window_follows_the_forums_own_time_zone(ctx):
    forum = make_forum(timezone="America/New_York")  # UTC-5 in November
    late_evening_of_the_last_day = datetime(2017, 11, 26, 3, 0, tzinfo=UTC)
    assert window_problems(forum, late_evening_of_the_last_day) == []
    assert window_problems(forum, datetime(2017, 11, 26, 5, 0, tzinfo=UTC)) == [
        RegistrationProblem.WINDOW_CLOSED
    ]


def test_a_forum_that_is_not_open_or_has_no_window_takes_no_registration(ctx):
    member, organization = member_and_organization()
    closed = make_forum(status=ForumStatus.CLOSED)
    no_window = make_forum(registration_opens=None, registration_closes=None)
    assert window_problems(closed, NOW) == [RegistrationProblem.FORUM_NOT_OPEN]
    assert window_problems(no_window, NOW) == [RegistrationProblem.NO_WINDOW]
    error = refusal(register, member, no_window, organization)
    assert error.problems == [RegistrationProblem.NO_WINDOW]


def test_a_member_registers_on_the_last_evening_but_not_a_minute_later(ctx):
    forum = make_forum()
    member, organization = member_and_organization()
    _, late = member_and_organization()
    registration = register(member, forum, organization, datetime(2017, 11, 25, 20, 59, tzinfo=UTC))
    assert registration.status is RegistrationStatus.PENDING
    assert registration.channel is RegistrationChannel.ONLINE
    error = refusal(
        register, late.members[0].user, forum, late, datetime(2017, 11, 25, 21, 0, tzinfo=UTC)
    )
    assert error.problems == [RegistrationProblem.WINDOW_CLOSED]
    assert error.data["closes"] == date(2017, 11, 25)


# Who registers, and once --------------------------------------------------------------


def test_a_registration_keeps_who_endorsed_which_charter_and_when(ctx):
    forum = make_forum()
    member, organization = member_and_organization()
    registration = register(member, forum, organization, count=2)
    assert registration.organization_id == organization.id
    assert registration.individual_id is None
    assert registration.charter_version_id == forum.current_charter.id
    assert registration.endorsed_by_id == member.id
    assert registration.endorsed_at == NOW
    assert registration.created_by_id == member.id
    assert [d.name for d in registration.delegates] == ["Delegate 0", "Delegate 1"]
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "registration_created")
    )
    assert event.object_id == registration.id
    assert event.details == {
        "channel": "online",
        "delegates": 2,
        "charter_version": 1,
        "organization_id": organization.id,
    }


def test_only_members_register_their_organization(ctx):
    forum = make_forum()
    _, organization = member_and_organization()
    outsider = factories.make_user()
    error = refusal(register, outsider, forum, organization)
    assert error.problems == [RegistrationProblem.NOT_MEMBER]


def test_an_organization_registers_once_per_forum_but_may_register_elsewhere(ctx):
    forum, other_forum = make_forum(), make_forum()
    member, organization = member_and_organization()
    first = register(member, forum, organization)
    colleague = factories.make_user()
    organization.members.append(OrganizationMember(user_id=colleague.id))
    db.session.flush()
    error = refusal(register, colleague, forum, organization)
    assert error.problems == [RegistrationProblem.ALREADY_REGISTERED]
    assert error.data["registration_id"] == first.id
    assert register(member, other_forum, organization).forum_id == other_forum.id


def test_a_withdrawn_registration_is_taken_up_again(ctx):
    forum = make_forum()
    member, organization = member_and_organization()
    registration = register(member, forum, organization, count=2)
    withdraw_registration(member, registration, NOW)
    again = register(member, forum, organization, count=1)
    assert again.id == registration.id
    assert again.status is RegistrationStatus.PENDING
    assert again.withdrawn_at is None
    assert len(again.delegates) == 1


# The charter --------------------------------------------------------------------------


def test_the_charter_must_be_endorsed(ctx):
    forum = make_forum()
    member, organization = member_and_organization()
    error = refusal(
        register_organization,
        member,
        forum,
        organization,
        charter_version_id=None,
        delegates=delegates(1),
        now=NOW,
    )
    assert error.problems == [RegistrationProblem.CHARTER_NOT_ENDORSED]


def test_a_new_charter_version_asks_for_a_new_endorsement_at_the_next_change(ctx):
    forum = make_forum()
    member, organization = member_and_organization()
    version_1 = forum.current_charter
    registration = register(member, forum, organization)
    version_2 = publish_charter(forum, None, None, "Charter of Principles, amended")
    assert not charter_is_current(registration)

    later = datetime(2017, 11, 20, 9, tzinfo=UTC)
    change = {"delegates": delegates(2), "now": later}
    unticked = refusal(update_registration, member, registration, charter_version_id=None, **change)
    assert unticked.problems == [RegistrationProblem.CHARTER_NOT_ENDORSED]
    stale = refusal(
        update_registration, member, registration, charter_version_id=version_1.id, **change
    )
    assert stale.problems == [RegistrationProblem.CHARTER_CHANGED]
    assert stale.data["version"] == 2
    assert len(registration.delegates) == 1  # nothing changed

    update_registration(member, registration, charter_version_id=version_2.id, **change)
    assert registration.charter_version_id == version_2.id
    assert registration.endorsed_at == later
    assert charter_is_current(registration)
    # Endorsed now: the next change needs no tick.
    update_registration(member, registration, charter_version_id=None, **change)


def test_a_form_showing_an_old_version_cannot_endorse_the_new_one(ctx):
    forum = make_forum()
    member, organization = member_and_organization()
    version_1 = forum.current_charter
    publish_charter(forum, None, None, "Charter, version 2")
    error = refusal(register, member, forum, organization, charter=version_1)
    assert error.problems == [RegistrationProblem.CHARTER_CHANGED]


# Delegates ----------------------------------------------------------------------------


def test_delegates_go_up_to_the_forums_cap(ctx):
    forum = make_forum()  # cap 3
    member, organization = member_and_organization()
    error = refusal(register, member, forum, organization, count=4)
    assert error.problems == [RegistrationProblem.TOO_MANY_DELEGATES]
    assert error.data["max"] == 3
    assert refusal(register, member, forum, organization, count=0).problems == [
        RegistrationProblem.NO_DELEGATE
    ]
    registration = register(member, forum, organization, count=3)
    error = refusal(
        update_registration,
        member,
        registration,
        charter_version_id=None,
        delegates=delegates(4),
        now=NOW,
    )
    assert error.problems == [RegistrationProblem.TOO_MANY_DELEGATES]


@pytest.mark.parametrize(
    "typed",
    ["07701234567", "0770 123 4567", "0770-123-4567", "+964 770 123 4567", "00964 770 123 4567",
     "٠٧٧٠١٢٣٤٥٦٧"],
)  # fmt: skip
def test_iraqi_phones_are_kept_in_e164(typed):
    assert normalise_phone(typed) == "+9647701234567"


@pytest.mark.parametrize("typed", ["12345", "0770", "phone", "+964 1"])
def test_impossible_phones_are_refused(typed):
    with pytest.raises(ValueError, match="phone"):
        normalise_phone(typed)


def test_a_foreign_number_with_its_country_code_is_kept():
    assert normalise_phone("+46 70 123 45 67") == "+46701234567"


def test_each_delegate_problem_is_reported_beside_its_field(ctx):
    forum = make_forum()
    member, organization = member_and_organization()
    given = [
        DelegateDetails(name=" Huda ", phone="0770 123 4567", email="Huda@Example.ORG", row=0),
        DelegateDetails(name="Karwan", phone="12345", row=2),
        DelegateDetails(name="  ", email="not an address", languages=("fr",), row=4),
    ]
    error = refusal(
        register_organization,
        member,
        forum,
        organization,
        charter_version_id=forum.current_charter.id,
        delegates=given,
        now=NOW,
    )
    assert error.problems == [RegistrationProblem.INVALID_DELEGATE]
    assert {(e.row, e.field, e.problem) for e in error.delegate_errors} == {
        (2, "phone", DelegateProblem.INVALID_PHONE),
        (4, "name", DelegateProblem.NO_NAME),
        (4, "email", DelegateProblem.INVALID_EMAIL),
        (4, "languages", DelegateProblem.UNKNOWN_LANGUAGE),
    }
    registration = register_organization(
        member,
        forum,
        organization,
        charter_version_id=forum.current_charter.id,
        delegates=[
            DelegateDetails(
                name=" Huda ",
                phone="0770 123 4567",
                email="Huda@Example.ORG",
                gender=Gender.WOMAN,
                languages=("ar", "other"),
                interpretation_into=("en",),
                needs_step_free=True,
                other_needs=" Kurmanji ",
            )
        ],
        now=NOW,
    )
    (delegate,) = registration.delegates
    assert (delegate.name, delegate.phone, delegate.email) == (
        "Huda",
        "+9647701234567",
        "Huda@example.org",
    )
    assert delegate.languages == ["ar", "other"]
    assert delegate.interpretation_into == ["en"]
    assert delegate.other_needs == "Kurmanji"


def test_changing_delegates_keeps_the_ones_named_and_removes_the_others(ctx):
    forum = make_forum()
    member, organization = member_and_organization()
    registration = register(member, forum, organization, count=3)
    first, second, third = registration.delegates
    update_registration(
        member,
        registration,
        charter_version_id=None,
        delegates=[
            DelegateDetails(name="Third, renamed", delegate_id=third.id),
            DelegateDetails(name="New person"),
            DelegateDetails(name="First", delegate_id=first.id),
        ],
        now=NOW,
    )
    db.session.flush()
    names = [(d.id, d.name, d.position) for d in registration.delegates]
    assert names[0] == (third.id, "Third, renamed", 0)
    assert names[1][1:] == ("New person", 1)
    assert names[2] == (first.id, "First", 2)
    assert second.id not in {d.id for d in registration.delegates}


def test_a_delegate_of_another_registration_cannot_be_taken_over(ctx):
    forum = make_forum()
    member, organization = member_and_organization()
    other_member, other_organization = member_and_organization()
    mine = register(member, forum, organization)
    theirs = register(other_member, forum, other_organization)
    their_delegate = theirs.delegates[0]
    update_registration(
        member,
        mine,
        charter_version_id=None,
        delegates=[DelegateDetails(name="Mine", delegate_id=their_delegate.id)],
        now=NOW,
    )
    db.session.flush()
    assert their_delegate.registration_id == theirs.id
    assert their_delegate.name.startswith("Delegate")
    assert mine.delegates[0].id != their_delegate.id


# Changing and withdrawing -------------------------------------------------------------


def test_a_registration_is_read_only_for_members_once_the_window_closes(ctx):
    forum = make_forum()
    member, organization = member_and_organization()
    registration = register(member, forum, organization)
    after = datetime(2017, 11, 26, 8, tzinfo=UTC)
    error = refusal(
        update_registration,
        member,
        registration,
        charter_version_id=None,
        delegates=delegates(2),
        now=after,
    )
    assert error.problems == [RegistrationProblem.WINDOW_CLOSED]
    stranger = refusal(
        update_registration,
        factories.make_user(),
        registration,
        charter_version_id=None,
        delegates=delegates(2),
        now=NOW,
    )
    assert stranger.problems == [RegistrationProblem.NOT_MEMBER]


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        (datetime(2017, 11, 29, 20, 59, tzinfo=UTC), True),  # 23:59 in Baghdad, the eve
        (datetime(2017, 11, 29, 21, 0, tzinfo=UTC), False),  # the first day has begun
    ],
)
def test_a_registration_is_withdrawn_until_the_forum_starts(ctx, now, allowed):
    forum = make_forum()
    member, organization = member_and_organization()
    registration = register(member, forum, organization)
    if allowed:
        withdraw_registration(member, registration, now)
        assert registration.status is RegistrationStatus.WITHDRAWN
        assert registration.withdrawn_at == now
    else:
        error = refusal(withdraw_registration, member, registration, now)
        assert error.problems == [RegistrationProblem.FORUM_STARTED]


def test_a_withdrawn_registration_is_neither_changed_nor_withdrawn_again(ctx):
    forum = make_forum()
    member, organization = member_and_organization()
    registration = register(member, forum, organization)
    withdraw_registration(member, registration, NOW)
    assert refusal(withdraw_registration, member, registration, NOW).problems == [
        RegistrationProblem.NOT_WITHDRAWABLE
    ]
    error = refusal(
        update_registration,
        member,
        registration,
        charter_version_id=None,
        delegates=delegates(1),
        now=NOW,
    )
    assert error.problems == [RegistrationProblem.NOT_EDITABLE]


def test_withdrawing_an_approved_registration_frees_its_place(ctx, monkeypatch):
    from app.organizations import review

    freed = []
    monkeypatch.setattr(
        review, "promote_from_waiting_list", lambda actor, forum: freed.append(forum.id)
    )
    forum = make_forum()
    member, organization = member_and_organization()
    pending, approved = register(member, forum, organization), None
    withdraw_registration(member, pending, NOW)
    assert freed == []
    other_member, other_organization = member_and_organization()
    approved = register(other_member, forum, other_organization)
    approved.status = RegistrationStatus.APPROVED
    withdraw_registration(other_member, approved, NOW)
    assert freed == [forum.id]
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "registration_withdrawn")
    ).all()[-1]
    assert event.details == {"previous": "approved"}


def test_an_approved_registration_adds_delegates_only_while_places_are_left(ctx, monkeypatch):
    from app.organizations import review

    freed = []
    monkeypatch.setattr(
        review, "promote_from_waiting_list", lambda actor, forum: freed.append(forum.id)
    )
    forum = make_forum(max_delegates=2)
    member, organization = member_and_organization()
    registration = register(member, forum, organization, count=2)
    registration.status = RegistrationStatus.APPROVED
    db.session.flush()
    change = {"charter_version_id": None, "now": NOW}
    error = refusal(update_registration, member, registration, delegates=delegates(3), **change)
    assert error.problems == [RegistrationProblem.NO_PLACES_LEFT]
    update_registration(member, registration, delegates=delegates(2), **change)  # others
    assert freed == []
    update_registration(member, registration, delegates=delegates(1), **change)
    assert freed == [forum.id]


# Individuals --------------------------------------------------------------------------


def test_an_activist_registers_as_an_individual_once(ctx):
    forum = make_forum()
    activist = factories.make_user(name="Zainab")
    registration = register_individual(
        activist,
        forum,
        charter_version_id=forum.current_charter.id,
        delegate=DelegateDetails(name="Zainab", phone="0750 123 4567"),
        now=NOW,
    )
    assert registration.individual_id == activist.id
    assert registration.organization_id is None
    assert registration.delegates[0].phone == "+9647501234567"
    error = refusal(
        register_individual,
        activist,
        forum,
        charter_version_id=forum.current_charter.id,
        delegate=DelegateDetails(name="Zainab"),
        now=NOW,
    )
    assert error.problems == [RegistrationProblem.ALREADY_REGISTERED]
    too_many = refusal(
        update_registration,
        activist,
        registration,
        charter_version_id=None,
        delegates=delegates(2),
        now=NOW,
    )
    assert too_many.problems == [RegistrationProblem.TOO_MANY_DELEGATES]
    assert too_many.data["max"] == 1
    assert refusal(
        update_registration,
        factories.make_user(),
        registration,
        charter_version_id=None,
        delegates=delegates(1),
        now=NOW,
    ).problems == [RegistrationProblem.NOT_MEMBER]


def test_an_individual_registers_inside_the_window_only(ctx):
    forum = make_forum()
    error = refusal(
        register_individual,
        factories.make_user(),
        forum,
        charter_version_id=forum.current_charter.id,
        delegate=DelegateDetails(name="Zainab"),
        now=datetime(2017, 11, 26, tzinfo=UTC),
    )
    assert error.problems == [RegistrationProblem.WINDOW_CLOSED]


# On behalf ----------------------------------------------------------------------------


def test_an_organizer_registers_late_on_paper_and_the_members_are_told(ctx):
    forum = make_forum()
    organizer = factories.make_user()
    member = factories.make_user(email="huda@example.org", locale="ar")
    colleague = factories.make_user(email="karwan@example.org", locale="ckb")
    organization = factories.make_organization(members=[member, colleague])
    after_the_window = datetime(2017, 11, 27, 10, tzinfo=UTC)
    registration = register_on_behalf(
        organizer,
        forum,
        organization,
        channel=RegistrationChannel.PAPER,
        charter_version_id=forum.current_charter.id,
        delegates=delegates(3),
        now=after_the_window,
    )
    assert registration.channel is RegistrationChannel.PAPER
    assert registration.created_by_id == organizer.id
    assert registration.endorsed_by_id == organizer.id
    assert registration.status is RegistrationStatus.PENDING
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "registration_created")
    )
    assert event.actor_id == organizer.id
    assert event.details["channel"] == "paper"
    assert event.details["on_behalf"] is True
    (to_huda,) = outbox_to("huda@example.org")
    (to_karwan,) = outbox_to("karwan@example.org")
    assert (to_huda.locale, to_karwan.locale) == ("ar", "ckb")
    assert f"/register/{registration.id}" in to_huda.body_text
    assert "Delegate 0" not in to_huda.body_text + to_huda.body_html


def test_on_behalf_the_cap_the_charter_and_one_registration_still_hold(ctx):
    forum = make_forum()
    organizer = factories.make_user()
    member, organization = member_and_organization()
    arguments = {
        "channel": RegistrationChannel.PHONE,
        "charter_version_id": forum.current_charter.id,
        "now": NOW,
    }
    error = refusal(
        register_on_behalf, organizer, forum, organization, delegates=delegates(4), **arguments
    )
    assert error.problems == [RegistrationProblem.TOO_MANY_DELEGATES]
    online = {**arguments, "channel": RegistrationChannel.ONLINE}
    error = refusal(
        register_on_behalf, organizer, forum, organization, delegates=delegates(1), **online
    )
    assert error.problems == [RegistrationProblem.CHANNEL_NOT_OFFLINE]
    unticked = {**arguments, "charter_version_id": None}
    error = refusal(
        register_on_behalf, organizer, forum, organization, delegates=delegates(1), **unticked
    )
    assert error.problems == [RegistrationProblem.CHARTER_NOT_ENDORSED]
    register(member, forum, organization)
    error = refusal(
        register_on_behalf, organizer, forum, organization, delegates=delegates(1), **arguments
    )
    assert error.problems == [RegistrationProblem.ALREADY_REGISTERED]
    forum.status = ForumStatus.CLOSED
    _, another = member_and_organization()
    error = refusal(
        register_on_behalf, organizer, forum, another, delegates=delegates(1), **arguments
    )
    assert error.problems == [RegistrationProblem.FORUM_NOT_OPEN]
