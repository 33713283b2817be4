"""Whom a lead may invite, and who hears of a new message, without HTTP."""

from app.activities import collaboration, thread
from app.activities.models import CoOrganizer
from app.core.db import utcnow
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.organizations.models import RegistrationStatus
from tests import factories

APPROVED = RegistrationStatus.APPROVED


def test_invitable_organizations_are_approved_here_not_yet_invited_and_not_hidden(ctx):
    forum, other_forum = factories.make_forum(), factories.make_forum()
    lead = factories.make_organization()
    factories.make_registration(forum, lead, status=APPROVED)
    fresh, declined, pending, elsewhere = (factories.make_organization() for _ in range(4))
    hidden = factories.make_organization(hidden_at=utcnow())
    for organization in (fresh, declined, hidden):
        factories.make_registration(forum, organization, status=APPROVED)
    factories.make_registration(forum, pending)
    factories.make_registration(other_forum, elsewhere, status=APPROVED)
    activity = factories.make_activity(forum, lead)
    db.session.add(
        CoOrganizer(activity_id=activity.id, organization_id=declined.id, accepted=False)
    )
    db.session.flush()
    assert collaboration.invitable_organizations(activity) == [fresh]


def test_a_message_goes_to_the_other_side_never_to_its_author(ctx):
    forum = factories.make_forum()
    organizer, reviewer, lead_member, co_member, invited = (factories.make_user() for _ in range(5))
    factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
    factories.grant_role(reviewer, forum, ForumRoleName.REVIEWER)
    factories.grant_role(factories.make_user(), factories.make_forum(), ForumRoleName.ORGANIZER)
    activity = factories.make_activity(forum, factories.make_organization(members=[lead_member]))
    for member, accepted in ((co_member, True), (invited, None)):
        organization = factories.make_organization(members=[member])
        db.session.add(
            CoOrganizer(activity_id=activity.id, organization_id=organization.id, accepted=accepted)
        )
    db.session.flush()

    from_member = thread.post_message(lead_member, activity, "Hello")
    from_staff = thread.post_message(organizer, activity, "Hello back")

    assert collaboration.recipients_of(from_member) == [organizer]
    assert collaboration.recipients_of(from_staff) == [lead_member, co_member]
