"""Co-organizers without HTTP: who may invite whom (the lead's members; organizations
approved for the same forum, not the lead, once), answering an invitation, and who
then sees, edits or answers for the activity."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app.activities.access import (
    can_answer_invitation,
    can_edit,
    can_view,
    invitation_for,
    is_lead_member,
)
from app.activities.co_organizers import (
    CoOrganizerError,
    CoOrganizerProblem,
    accepted_co_organizer_count,
    answer_invitation,
    invite_co_organizer,
    organizations_involved,
)
from app.activities.models import ActivityStatus as Status
from app.audit.models import AuditEvent
from app.extensions import db
from app.forums.models import ForumStatus
from app.organizations.models import RegistrationStatus
from tests import factories

NOW = datetime(2017, 11, 1, 12, tzinfo=UTC)


@pytest.fixture
def forum(ctx):
    return factories.make_forum(status=ForumStatus.OPEN, name_en="ISF 4")


def approved(forum, *members, status=RegistrationStatus.APPROVED):
    organization = factories.make_organization(members=list(members))
    factories.make_registration(forum, organization, status=status)
    return organization


@pytest.fixture
def lead_member(ctx):
    return factories.make_user()


@pytest.fixture
def activity(forum, lead_member):
    return factories.make_activity(forum, approved(forum, lead_member), status=Status.DRAFT)


@pytest.fixture
def guest_member(ctx):
    return factories.make_user()


@pytest.fixture
def guest(forum, guest_member):
    return approved(forum, guest_member)


def problems_of(error) -> set:
    return set(error.value.problems)


def audit(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


# --- inviting --------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.ACCEPTED])
def test_the_lead_invites_an_organization_approved_for_the_forum(
    lead_member, activity, guest, status
):
    activity.status = status
    invitation = invite_co_organizer(lead_member, activity, guest, now=NOW)
    assert invitation.accepted is None
    assert invitation.invited_by_id == lead_member.id
    assert invitation.invited_at == NOW
    assert activity.co_organizers == [invitation]
    assert organizations_involved(activity) == [activity.lead_organization]
    [event] = audit("co_organizer_invited")
    assert event.object_id == activity.id
    assert event.details == {"organization_id": guest.id}


@pytest.mark.parametrize(
    "status",
    [
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.REJECTED,
        RegistrationStatus.WITHDRAWN,
    ],
)
def test_an_organization_not_approved_cannot_be_invited(forum, lead_member, activity, status):
    invitee = approved(forum, status=status)
    with pytest.raises(CoOrganizerError) as error:
        invite_co_organizer(lead_member, activity, invitee, now=NOW)
    assert problems_of(error) == {CoOrganizerProblem.NOT_APPROVED_FOR_FORUM}
    assert activity.co_organizers == []


def test_an_organization_of_another_forum_or_unregistered_cannot_be_invited(lead_member, activity):
    other_forum = factories.make_forum(status=ForumStatus.OPEN)
    for invitee in (approved(other_forum), factories.make_organization()):
        with pytest.raises(CoOrganizerError) as error:
            invite_co_organizer(lead_member, activity, invitee, now=NOW)
        assert problems_of(error) == {CoOrganizerProblem.NOT_APPROVED_FOR_FORUM}


def test_the_lead_cannot_invite_itself(lead_member, activity):
    with pytest.raises(CoOrganizerError) as error:
        invite_co_organizer(lead_member, activity, activity.lead_organization, now=NOW)
    assert problems_of(error) == {CoOrganizerProblem.IS_LEAD}


@pytest.mark.parametrize("answer", [None, True, False])
def test_an_organization_is_invited_once(lead_member, guest_member, activity, guest, answer):
    invitation = invite_co_organizer(lead_member, activity, guest, now=NOW)
    if answer is not None:
        answer_invitation(guest_member, invitation, answer, now=NOW)
    with pytest.raises(CoOrganizerError) as error:
        invite_co_organizer(lead_member, activity, guest, now=NOW)
    assert problems_of(error) == {CoOrganizerProblem.ALREADY_INVITED}
    assert len(activity.co_organizers) == 1


def test_only_the_leads_members_invite(forum, lead_member, activity, guest, guest_member):
    invite_co_organizer(lead_member, activity, guest, now=NOW)
    answer_invitation(guest_member, activity.co_organizers[0], True, now=NOW)
    third = approved(forum)
    for someone in (guest_member, factories.make_user()):
        with pytest.raises(CoOrganizerError) as error:
            invite_co_organizer(someone, activity, third, now=NOW)
        assert problems_of(error) == {CoOrganizerProblem.NOT_LEAD_MEMBER}


@pytest.mark.parametrize("status", [Status.REJECTED, Status.MERGED, Status.WITHDRAWN])
def test_a_closed_activity_takes_no_co_organizer(lead_member, activity, guest, status):
    activity.status = status
    with pytest.raises(CoOrganizerError) as error:
        invite_co_organizer(lead_member, activity, guest, now=NOW)
    assert problems_of(error) == {CoOrganizerProblem.ACTIVITY_CLOSED}


# --- answering -------------------------------------------------------------------


@pytest.fixture
def invitation(lead_member, activity, guest):
    return invite_co_organizer(lead_member, activity, guest, now=NOW)


def test_accepting_makes_the_organization_involved(guest_member, activity, guest, invitation):
    answer_invitation(guest_member, invitation, True, now=NOW)
    assert invitation.accepted is True
    assert invitation.answered_at == NOW
    assert organizations_involved(activity) == [activity.lead_organization, guest]
    assert accepted_co_organizer_count(activity) == 1
    [event] = audit("co_organizer_answered")
    assert event.details == {"organization_id": guest.id, "accepted": True}


def test_declining_leaves_the_organization_out(guest_member, activity, invitation):
    answer_invitation(guest_member, invitation, False, now=NOW)
    assert invitation.accepted is False
    assert organizations_involved(activity) == [activity.lead_organization]
    assert accepted_co_organizer_count(activity) == 0


def test_only_the_invited_organizations_members_answer(lead_member, invitation):
    for someone in (lead_member, factories.make_user()):
        with pytest.raises(CoOrganizerError) as error:
            answer_invitation(someone, invitation, True, now=NOW)
        assert problems_of(error) == {CoOrganizerProblem.NOT_MEMBER}
    assert invitation.accepted is None


@pytest.mark.parametrize(("first", "second"), [(True, False), (False, True), (True, True)])
def test_an_invitation_is_answered_once(guest_member, invitation, first, second):
    answer_invitation(guest_member, invitation, first, now=NOW)
    with pytest.raises(CoOrganizerError) as error:
        answer_invitation(guest_member, invitation, second, now=NOW)
    assert problems_of(error) == {CoOrganizerProblem.ALREADY_ANSWERED}
    assert invitation.accepted is first


@pytest.mark.parametrize("status", [Status.REJECTED, Status.MERGED, Status.WITHDRAWN])
def test_an_invitation_to_a_closed_activity_cannot_be_answered(
    guest_member, activity, invitation, status
):
    activity.status = status
    with pytest.raises(CoOrganizerError) as error:
        answer_invitation(guest_member, invitation, True, now=NOW)
    assert problems_of(error) == {CoOrganizerProblem.ACTIVITY_CLOSED}


# --- who sees, edits, answers ----------------------------------------------------


@pytest.mark.parametrize(
    ("who", "view", "edit", "answer"),
    [
        ("lead", True, True, False),
        ("accepted", True, True, False),
        ("invited", False, False, True),
        ("declined", False, False, False),
        ("other organization", False, False, False),
        ("nobody signed in", False, False, False),
    ],
)
def test_access_matrix(forum, lead_member, activity, who, view, edit, answer):
    people = {"lead": lead_member, "nobody signed in": None}
    for name, accepted in (("accepted", True), ("invited", None), ("declined", False)):
        people[name] = factories.make_user()
        invitation = invite_co_organizer(
            lead_member, activity, approved(forum, people[name]), now=NOW
        )
        if accepted is not None:
            answer_invitation(people[name], invitation, accepted, now=NOW)
    people["other organization"] = factories.make_user()
    approved(forum, people["other organization"])
    user = people[who]
    assert can_view(user, activity) is view
    assert can_edit(user, activity) is edit
    assert (invitation_for(user, activity) is not None) is answer
    assert is_lead_member(user, activity) is (who == "lead")


@pytest.mark.parametrize(
    ("status", "editable"),
    [
        (Status.DRAFT, True),
        (Status.SUBMITTED, True),
        (Status.ACCEPTED, False),
        (Status.REJECTED, False),
        (Status.MERGED, False),
        (Status.WITHDRAWN, False),
    ],
)
def test_the_organizations_involved_edit_drafts_and_submitted_ones(
    lead_member, activity, status, editable
):
    activity.status = status
    assert can_view(lead_member, activity)
    assert can_edit(lead_member, activity) is editable


def test_can_answer_an_invitation_only_while_it_waits(guest_member, lead_member, invitation):
    assert can_answer_invitation(guest_member, invitation)
    assert not can_answer_invitation(lead_member, invitation)
    answer_invitation(guest_member, invitation, True, now=NOW)
    assert not can_answer_invitation(guest_member, invitation)
