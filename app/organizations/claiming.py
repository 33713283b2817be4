"""Organizations nobody runs on the site yet: imported by a forum's organizers,
or left by their last member.

Site administrators give such an organization its first member: an invitation
to an address (which the account with that address accepts, like any other), or
a request to join that they accept. Once it has a member, its members decide.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from app.accounts.models import User
from app.core.pagination import Paged, page_count
from app.extensions import db
from app.organizations import members
from app.organizations.members import MembershipError, MembershipProblem
from app.organizations.models import Invitation, JoinRequest, Organization, OrganizationMember

UNCLAIMED_PAGE_SIZE = 20


@dataclass(frozen=True)
class UnclaimedPage(Paged):
    """A page of organizations without members, with what waits for each."""

    organizations: list[Organization]
    join_requests: dict[int, list[JoinRequest]]
    invitations: dict[int, list[Invitation]]
    page: int
    pages: int
    total: int


def _has_no_member():
    return ~sa.exists().where(OrganizationMember.organization_id == Organization.id)


def _waits():
    """A request to join is waiting for an answer."""
    return sa.exists().where(
        JoinRequest.organization_id == Organization.id, JoinRequest.answered_at.is_(None)
    )


def unclaimed_page(page: int, per_page: int = UNCLAIMED_PAGE_SIZE) -> UnclaimedPage | None:
    """Page ``page`` (from 1): those with a request to join first, then the newest;
    None past the end."""
    total = db.session.scalar(sa.select(sa.func.count(Organization.id)).where(_has_no_member()))
    pages = page_count(total, per_page)
    if page < 1 or page > pages:
        return None
    organizations = list(
        db.session.scalars(
            sa.select(Organization)
            .where(_has_no_member())
            .order_by(_waits().desc(), Organization.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
    )
    ids = [organization.id for organization in organizations]
    join_requests: dict[int, list[JoinRequest]] = {organization_id: [] for organization_id in ids}
    for join_request in db.session.scalars(
        sa.select(JoinRequest)
        .where(JoinRequest.organization_id.in_(ids), JoinRequest.answered_at.is_(None))
        .options(sa.orm.joinedload(JoinRequest.user))
        .order_by(JoinRequest.id)
    ):
        join_requests[join_request.organization_id].append(join_request)
    invitations: dict[int, list[Invitation]] = {organization_id: [] for organization_id in ids}
    for invitation in db.session.scalars(
        sa.select(Invitation)
        .where(Invitation.organization_id.in_(ids), Invitation.answered_at.is_(None))
        .order_by(Invitation.id)
    ):
        invitations[invitation.organization_id].append(invitation)
    return UnclaimedPage(organizations, join_requests, invitations, page, pages, total)


def invite_first_member(actor: User, organization: Organization, email: str) -> Invitation:
    """Invite an address to become the organization's first member (refused once it
    has one: from then on its members invite)."""
    if members.member_count(organization) > 0:
        raise MembershipError(MembershipProblem.HAS_MEMBERS)
    return members.invite(actor, organization, email)
