"""Who belongs to an organization: invitations by email, requests to join, leaving.

Membership is flat: every member may invite, answer requests and remove a member.
An organization always keeps at least one member; one that has none (imported, or
whose last member deleted their account) is given one by the site's administrators
(claiming.py), who answer its requests to join meanwhile. An invitation names an address;
only the account with that address (signed in, so verified) may answer it. Every
change is audited with ids only.
"""

from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.accounts.services import find_user_by_email
from app.audit.services import AuditAction, record
from app.core.db import utcnow
from app.core.pagination import Paged, page_count
from app.extensions import db
from app.notifications.services import queue_email, recipient_hash
from app.organizations.membership import is_member, lock_organization, members_of
from app.organizations.models import Invitation, JoinRequest, Organization, OrganizationMember

# More pending invitations than this from one organization looks like mass mailing.
MAX_PENDING_INVITATIONS = 20
MEMBERS_PAGE_SIZE = 25


class MembershipProblem(StrEnum):
    ALREADY_MEMBER = "already_member"
    ALREADY_INVITED = "already_invited"
    TOO_MANY_INVITATIONS = "too_many_invitations"
    ALREADY_REQUESTED = "already_requested"
    ALREADY_ANSWERED = "already_answered"
    NOT_A_MEMBER = "not_a_member"
    LAST_MEMBER = "last_member"
    NOT_YOURS = "not_yours"
    # A first member is given only to an organization that has none.
    HAS_MEMBERS = "has_members"


class MembershipError(Exception):
    def __init__(self, problem: MembershipProblem, **data):
        self.problem, self.data = problem, data
        super().__init__(str(problem))


def _email_key(address: str) -> str:
    return address.strip().lower()


def is_pending(invitation_or_request: Invitation | JoinRequest) -> bool:
    return invitation_or_request.answered_at is None


def member_count(organization: Organization) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(OrganizationMember.id)).where(
            OrganizationMember.organization_id == organization.id
        )
    )


def _add_member(actor: User, organization: Organization, user: User) -> None:
    """Make ``user`` a member; their other pending invitation or request to the same
    organization is answered with it, so nobody is asked twice."""
    now = utcnow()
    db.session.execute(
        sa.update(JoinRequest)
        .where(
            JoinRequest.organization_id == organization.id,
            JoinRequest.user_id == user.id,
            JoinRequest.answered_at.is_(None),
        )
        .values(answered_at=now, accepted=True, answered_by_id=actor.id)
    )
    db.session.execute(
        sa.update(Invitation)
        .where(
            Invitation.organization_id == organization.id,
            Invitation.email_hash == recipient_hash(user.email),
            Invitation.answered_at.is_(None),
        )
        .values(answered_at=now, accepted=True)
    )
    if is_member(user, organization):
        return
    db.session.add(OrganizationMember(organization_id=organization.id, user_id=user.id))
    db.session.flush()
    record(AuditAction.ORGANIZATION_MEMBER_ADDED, actor=actor, obj=organization, user_id=user.id)


@dataclass(frozen=True)
class MembersPage(Paged):
    members: list[OrganizationMember]
    page: int
    pages: int
    total: int


def members_page(
    organization: Organization, page: int, per_page: int = MEMBERS_PAGE_SIZE
) -> MembersPage | None:
    """Page ``page`` (from 1) of the members, in the order they joined; None past the end."""
    total = member_count(organization)
    pages = page_count(total, per_page)
    if page < 1 or page > pages:
        return None
    memberships = db.session.scalars(
        sa.select(OrganizationMember)
        .where(OrganizationMember.organization_id == organization.id)
        .options(sa.orm.joinedload(OrganizationMember.user))
        .order_by(OrganizationMember.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return MembersPage(list(memberships), page, pages, total)


# Invitations -------------------------------------------------------------------------


def pending_invitations(organization: Organization) -> list[Invitation]:
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .where(Invitation.organization_id == organization.id, Invitation.answered_at.is_(None))
            .order_by(Invitation.id)
        )
    )


def invitations_for(user: User) -> list[Invitation]:
    """Pending invitations addressed to the user's own address."""
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .where(
                Invitation.email_hash == recipient_hash(user.email),
                Invitation.answered_at.is_(None),
            )
            .options(sa.orm.joinedload(Invitation.organization))
            .order_by(Invitation.id)
        )
    )


def is_invitation_for(invitation: Invitation, user: User) -> bool:
    return invitation.email_hash == recipient_hash(user.email)


def invite(actor: User, organization: Organization, email: str) -> Invitation:
    """Invite an address to join; the account with that address accepts (now or after
    signing up). The email goes in the account's language, or the inviter's when no
    account has the address yet.

    Refused for an address whose account is already a member, an address with a
    pending invitation, and past ``MAX_PENDING_INVITATIONS`` pending invitations.
    """
    address = _email_key(email)
    account = find_user_by_email(address)
    if account is not None and is_member(account, organization):
        raise MembershipError(MembershipProblem.ALREADY_MEMBER)
    pending = pending_invitations(organization)
    if any(invitation.email_hash == recipient_hash(address) for invitation in pending):
        raise MembershipError(MembershipProblem.ALREADY_INVITED)
    if len(pending) >= MAX_PENDING_INVITATIONS:
        raise MembershipError(MembershipProblem.TOO_MANY_INVITATIONS, max=MAX_PENDING_INVITATIONS)
    invitation = Invitation(
        organization_id=organization.id,
        email=address,
        email_hash=recipient_hash(address),
        invited_by_id=actor.id,
    )
    db.session.add(invitation)
    db.session.flush()
    record(
        AuditAction.ORGANIZATION_INVITATION_SENT,
        actor=actor,
        obj=organization,
        invitation_id=invitation.id,
        has_account=account is not None,
    )
    queue_email(
        address,
        account.locale if account else actor.locale,
        "organization_invitation",
        _l("You are invited to join an organization on Muntada"),
        user=account,
        inviter=actor,
        organization=organization,
        has_account=account is not None,
        link=url_for("organizations.mine", _external=True),
        sign_up_link=url_for("accounts.sign_up", _external=True),
    )
    return invitation


def cancel_invitation(actor: User, invitation: Invitation) -> None:
    """Take back a pending invitation; the address is not kept."""
    if not is_pending(invitation):
        raise MembershipError(MembershipProblem.ALREADY_ANSWERED)
    record(
        AuditAction.ORGANIZATION_INVITATION_CANCELLED,
        actor=actor,
        obj=invitation.organization,
        invitation_id=invitation.id,
    )
    db.session.delete(invitation)
    db.session.flush()


def answer_invitation(actor: User, invitation: Invitation, accept: bool) -> None:
    """Accept (become a member) or decline; only the invited address's account may, once."""
    if not is_invitation_for(invitation, actor):
        raise MembershipError(MembershipProblem.NOT_YOURS)
    if not is_pending(invitation):
        raise MembershipError(MembershipProblem.ALREADY_ANSWERED)
    invitation.answered_at, invitation.accepted = utcnow(), accept
    db.session.flush()
    record(
        AuditAction.ORGANIZATION_INVITATION_ANSWERED,
        actor=actor,
        obj=invitation.organization,
        invitation_id=invitation.id,
        accepted=accept,
    )
    if accept:
        _add_member(actor, invitation.organization, actor)


# Join requests -----------------------------------------------------------------------


def pending_join_requests(organization: Organization, limit: int = 50) -> list[JoinRequest]:
    return list(
        db.session.scalars(
            sa.select(JoinRequest)
            .where(
                JoinRequest.organization_id == organization.id,
                JoinRequest.answered_at.is_(None),
            )
            .options(sa.orm.joinedload(JoinRequest.user))
            .order_by(JoinRequest.id)
            .limit(limit)
        )
    )


def may_answer_join_requests(actor: User, organization: Organization) -> bool:
    """Its members answer; while it has none (imported, or left by its last member),
    the site's administrators do."""
    if is_member(actor, organization):
        return True
    return bool(actor.is_site_admin) and member_count(organization) == 0


def _told_of_join_requests(organization: Organization) -> tuple[list[User], str]:
    """Who hears of a request to join, and the page where they answer it."""
    found = members_of(organization)
    if found:
        return found, url_for(
            "organizations.members", organization_id=organization.id, _external=True
        )
    site_admins = db.session.scalars(
        sa.select(User).where(User.is_site_admin.is_(True)).order_by(User.id)
    )
    return list(site_admins), url_for("organizations_unclaimed.index", _external=True)


def request_to_join(actor: User, organization: Organization) -> JoinRequest:
    """Ask to join (instead of creating a second profile); every member is told by
    email, in their language (the site's administrators, while it has no member).
    Refused to members and to a second pending request."""
    if is_member(actor, organization):
        raise MembershipError(MembershipProblem.ALREADY_MEMBER)
    pending = db.session.scalar(
        sa.select(JoinRequest.id).where(
            JoinRequest.organization_id == organization.id,
            JoinRequest.user_id == actor.id,
            JoinRequest.answered_at.is_(None),
        )
    )
    if pending is not None:
        raise MembershipError(MembershipProblem.ALREADY_REQUESTED)
    join_request = JoinRequest(organization_id=organization.id, user_id=actor.id)
    db.session.add(join_request)
    db.session.flush()
    record(
        AuditAction.ORGANIZATION_JOIN_REQUESTED,
        actor=actor,
        obj=organization,
        request_id=join_request.id,
    )
    told, link = _told_of_join_requests(organization)
    for person in told:
        queue_email(
            person.email,
            person.locale,
            "organization_join_request",
            _l("Someone asks to join your organization"),
            user=person,
            requester=actor,
            organization=organization,
            link=link,
        )
    return join_request


def answer_join_request(actor: User, join_request: JoinRequest, accept: bool) -> None:
    """A member (or, while there is none, a site administrator) accepts or declines a
    request, once; the person asking is told by email."""
    if not may_answer_join_requests(actor, join_request.organization):
        raise MembershipError(MembershipProblem.NOT_A_MEMBER)
    if not is_pending(join_request):
        raise MembershipError(MembershipProblem.ALREADY_ANSWERED)
    join_request.answered_at, join_request.accepted = utcnow(), accept
    join_request.answered_by_id = actor.id
    db.session.flush()
    organization = join_request.organization
    record(
        AuditAction.ORGANIZATION_JOIN_REQUEST_ANSWERED,
        actor=actor,
        obj=organization,
        request_id=join_request.id,
        accepted=accept,
    )
    if accept:
        _add_member(actor, organization, join_request.user)
    requester = join_request.user
    queue_email(
        requester.email,
        requester.locale,
        "organization_join_answered",
        _l("Your request to join an organization was answered"),
        user=requester,
        organization=organization,
        accepted=accept,
        link=url_for("organizations.mine", _external=True),
    )


# Leaving -----------------------------------------------------------------------------


def membership_of(organization: Organization, user_id: int) -> OrganizationMember | None:
    return db.session.scalar(
        sa.select(OrganizationMember).where(
            OrganizationMember.organization_id == organization.id,
            OrganizationMember.user_id == user_id,
        )
    )


def can_leave(organization: Organization) -> bool:
    """A member may leave (or be removed) while another member stays."""
    return member_count(organization) > 1


def remove_member(actor: User, membership: OrganizationMember) -> None:
    """Leave (``actor`` is the member) or remove another member; the last one stays."""
    organization = membership.organization
    lock_organization(organization)  # two members removing each other must not leave nobody
    if not can_leave(organization):
        raise MembershipError(MembershipProblem.LAST_MEMBER)
    record(
        AuditAction.ORGANIZATION_MEMBER_REMOVED,
        actor=actor,
        obj=organization,
        user_id=membership.user_id,
        left=membership.user_id == actor.id,
    )
    db.session.delete(membership)
    db.session.flush()
