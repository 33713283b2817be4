"""Membership rules without HTTP: invitations, join requests, leaving, and the audit."""

import pytest
import sqlalchemy as sa

from app.accounts.privacy import delete_account
from app.audit.models import AuditEvent
from app.extensions import db
from app.notifications.services import recipient_hash
from app.organizations import members
from app.organizations.members import MembershipError, MembershipProblem
from app.organizations.membership import is_member, members_of
from app.organizations.models import Invitation
from tests import factories
from tests.helpers import outbox_to


def _refused(problem: MembershipProblem, call, *args):
    with pytest.raises(MembershipError) as refused:
        call(*args)
    assert refused.value.problem is problem


def _audit() -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)))


def test_an_invitation_keeps_the_address_encrypted_and_found_by_its_hash(ctx):
    inviter = factories.make_user(locale="ar")
    organization = factories.make_organization(members=[inviter])
    invitation = members.invite(inviter, organization, " Karwan@Example.org ")

    assert invitation.email == "karwan@example.org"
    assert invitation.email_hash == recipient_hash("karwan@example.org")
    stored = db.session.execute(
        sa.text("SELECT email FROM organization_invitations WHERE id = :id"),
        {"id": invitation.id},
    ).scalar()
    assert "karwan" not in stored
    (email,) = outbox_to("karwan@example.org")
    assert email.locale == "ar"  # no account yet: the inviter's language
    assert "/account/signup" in email.body_text
    assert "/organizations/" in email.body_text


def test_an_invitation_to_an_account_is_written_in_the_account_s_language(ctx):
    inviter = factories.make_user(locale="en")
    invited = factories.make_user(email="shilan@example.org", locale="ckb")
    organization = factories.make_organization(members=[inviter])
    members.invite(inviter, organization, "shilan@example.org")
    (email,) = outbox_to(invited.email)
    assert email.locale == "ckb"
    assert members.invitations_for(invited)[0].organization == organization


def test_members_and_pending_invitations_are_not_invited_twice(ctx):
    inviter, other = factories.make_user(), factories.make_user()
    organization = factories.make_organization(members=[inviter, other])
    _refused(MembershipProblem.ALREADY_MEMBER, members.invite, inviter, organization, other.email)
    members.invite(inviter, organization, "new@example.org")
    _refused(
        MembershipProblem.ALREADY_INVITED, members.invite, inviter, organization, "NEW@example.org"
    )
    # Another organization may invite the same address.
    elsewhere = factories.make_organization(members=[other])
    members.invite(other, elsewhere, "new@example.org")


def test_an_organization_has_a_limited_number_of_pending_invitations(ctx):
    inviter = factories.make_user()
    organization = factories.make_organization(members=[inviter])
    for number in range(members.MAX_PENDING_INVITATIONS):
        members.invite(inviter, organization, f"person-{number}@example.org")
    _refused(
        MembershipProblem.TOO_MANY_INVITATIONS,
        members.invite,
        inviter,
        organization,
        "one-more@example.org",
    )


def test_only_the_invited_account_answers_and_only_once(ctx):
    inviter = factories.make_user()
    invited = factories.make_user(email="invited@example.org")
    stranger = factories.make_user()
    organization = factories.make_organization(members=[inviter])
    invitation = members.invite(inviter, organization, "invited@example.org")

    _refused(MembershipProblem.NOT_YOURS, members.answer_invitation, stranger, invitation, True)
    assert not is_member(stranger, organization)
    members.answer_invitation(invited, invitation, True)
    assert members_of(organization) == [inviter, invited]
    assert (invitation.accepted, invitation.answered_at is not None) == (True, True)
    _refused(
        MembershipProblem.ALREADY_ANSWERED, members.answer_invitation, invited, invitation, False
    )
    assert members.invitations_for(invited) == []


def test_a_declined_invitation_adds_nobody(ctx):
    inviter = factories.make_user()
    invited = factories.make_user()
    organization = factories.make_organization(members=[inviter])
    invitation = members.invite(inviter, organization, invited.email)
    members.answer_invitation(invited, invitation, False)
    assert members_of(organization) == [inviter]
    assert invitation.accepted is False


def test_a_cancelled_invitation_is_gone(ctx):
    inviter = factories.make_user()
    organization = factories.make_organization(members=[inviter])
    invitation = members.invite(inviter, organization, "gone@example.org")
    members.cancel_invitation(inviter, invitation)
    assert db.session.scalars(sa.select(Invitation)).all() == []
    assert members.pending_invitations(organization) == []


def test_the_last_member_cannot_leave(ctx):
    first, second = factories.make_user(), factories.make_user()
    organization = factories.make_organization(members=[first, second])
    members.remove_member(first, members.membership_of(organization, second.id))
    assert members_of(organization) == [first]
    assert not members.can_leave(organization)
    _refused(
        MembershipProblem.LAST_MEMBER,
        members.remove_member,
        first,
        members.membership_of(organization, first.id),
    )
    assert members_of(organization) == [first]


def test_a_join_request_tells_every_member_in_their_language(ctx):
    huda = factories.make_user(locale="ar")
    karwan = factories.make_user(locale="ckb")
    asking = factories.make_user(name="Shilan")
    organization = factories.make_organization(members=[huda, karwan])
    factories.make_organization(members=[factories.make_user(email="elsewhere@example.org")])

    join_request = members.request_to_join(asking, organization)

    assert [(m.locale, "Shilan" in m.body_text) for m in outbox_to(huda.email)] == [("ar", True)]
    assert [m.locale for m in outbox_to(karwan.email)] == ["ckb"]
    assert outbox_to("elsewhere@example.org") == []
    assert members.pending_join_requests(organization) == [join_request]
    _refused(MembershipProblem.ALREADY_REQUESTED, members.request_to_join, asking, organization)
    _refused(MembershipProblem.ALREADY_MEMBER, members.request_to_join, huda, organization)


def test_an_accepted_request_makes_a_member_and_the_person_is_told(ctx):
    member = factories.make_user()
    asking = factories.make_user(locale="ar")
    organization = factories.make_organization(members=[member])
    join_request = members.request_to_join(asking, organization)

    members.answer_join_request(member, join_request, True)

    assert is_member(asking, organization)
    assert join_request.answered_by_id == member.id
    (told,) = outbox_to(asking.email)
    assert told.locale == "ar"
    _refused(
        MembershipProblem.ALREADY_ANSWERED,
        members.answer_join_request,
        member,
        join_request,
        False,
    )


def test_a_declined_request_adds_nobody_and_only_members_answer(ctx):
    member, asking, stranger = factories.make_user(), factories.make_user(), factories.make_user()
    organization = factories.make_organization(members=[member])
    join_request = members.request_to_join(asking, organization)
    _refused(
        MembershipProblem.NOT_A_MEMBER, members.answer_join_request, stranger, join_request, True
    )
    members.answer_join_request(member, join_request, False)
    assert not is_member(asking, organization)
    # Declined once, they may ask again.
    members.request_to_join(asking, organization)


def test_joining_one_way_answers_the_other_pending_way(ctx):
    member = factories.make_user()
    person = factories.make_user()
    organization = factories.make_organization(members=[member])
    join_request = members.request_to_join(person, organization)
    invitation = members.invite(member, organization, person.email)
    members.answer_invitation(person, invitation, True)
    db.session.refresh(join_request)
    assert (join_request.accepted, join_request.answered_at is not None) == (True, True)
    assert members.pending_join_requests(organization) == []


def test_membership_changes_are_audited_with_ids_only(ctx):
    member = factories.make_user()
    invited = factories.make_user(email="audited@example.org", name="Secret Name")
    organization = factories.make_organization(members=[member])
    invitation = members.invite(member, organization, invited.email)
    members.answer_invitation(invited, invitation, True)
    members.remove_member(invited, members.membership_of(organization, invited.id))

    events = [(e.action, e.object_id, e.details) for e in _audit()]
    assert events == [
        (
            "organization_invitation_sent",
            organization.id,
            {"invitation_id": invitation.id, "has_account": True},
        ),
        (
            "organization_invitation_answered",
            organization.id,
            {"invitation_id": invitation.id, "accepted": True},
        ),
        ("organization_member_added", organization.id, {"user_id": invited.id}),
        ("organization_member_removed", organization.id, {"user_id": invited.id, "left": True}),
    ]
    assert "audited" not in repr(events)
    assert "Secret" not in repr(events)


def test_a_deleted_account_leaves_its_organizations(ctx):
    staying, leaving = factories.make_user(), factories.make_user()
    organization = factories.make_organization(members=[staying, leaving])
    elsewhere = factories.make_organization(members=[factories.make_user()])
    members.request_to_join(leaving, elsewhere)
    other_member = factories.make_user()
    third = factories.make_organization(members=[other_member])
    members.invite(other_member, third, leaving.email)
    delete_account(leaving)
    assert members.member_count(organization) == 1
    assert not members.can_leave(organization)
    assert members.pending_join_requests(elsewhere) == []
    assert members.pending_invitations(third) == []
