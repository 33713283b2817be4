"""Who belongs to which organization: the one question every organization page asks."""

import sqlalchemy as sa
from flask import abort

from app.accounts.models import User
from app.extensions import db
from app.organizations.models import Organization, OrganizationMember


def lock_organization(organization: Organization) -> None:
    """Take the organization's row lock until the transaction ends (PostgreSQL): two
    members acting at once (the last one leaving, one draft too many) go one by one."""
    db.session.execute(
        sa.select(Organization.id).where(Organization.id == organization.id).with_for_update()
    )


def is_member(user, organization: Organization) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return (
        db.session.scalar(
            sa.select(OrganizationMember.id).where(
                OrganizationMember.organization_id == organization.id,
                OrganizationMember.user_id == user.id,
            )
        )
        is not None
    )


def organizations_of(user: User) -> list[Organization]:
    """The organizations ``user`` is a member of, oldest first."""
    organizations = db.session.scalars(
        sa.select(Organization)
        .join(OrganizationMember)
        .where(OrganizationMember.user_id == user.id)
        .order_by(Organization.id)
    )
    return list(organizations)


def members_of(organization: Organization) -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .join(OrganizationMember, OrganizationMember.user_id == User.id)
            .where(OrganizationMember.organization_id == organization.id)
            .order_by(OrganizationMember.id)
        )
    )


def member_organization_or_404(user, organization_id: int) -> Organization:
    """The organization of the URL, for one of its members; 404 for anyone else, so
    ids reveal nothing about organizations one does not belong to."""
    organization = db.session.get(Organization, organization_id)
    if organization is None or not is_member(user, organization):
        abort(404)
    return organization
