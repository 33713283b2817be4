"""Who registered what: the registrations of an organization, of a user, and the
forums an organization can register for now. Reads only."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from app.accounts.models import User
from app.extensions import db
from app.forums.models import Forum, ForumStatus
from app.organizations.membership import is_member, organizations_of
from app.organizations.models import Organization, Registration, RegistrationStatus


def owns_registration(user, registration: Registration) -> bool:
    """The organization's members, or the individual registered: nobody else."""
    if user is None or not user.is_authenticated:
        return False
    if registration.individual_id is not None:
        return registration.individual_id == user.id
    return registration.organization is not None and is_member(user, registration.organization)


def registration_of_organization(forum: Forum, organization: Organization) -> Registration | None:
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.forum_id == forum.id, Registration.organization_id == organization.id
        )
    )


def registration_of_individual(forum: Forum, user: User) -> Registration | None:
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.forum_id == forum.id, Registration.individual_id == user.id
        )
    )


@dataclass(frozen=True)
class UserRegistrations:
    """A user's organizations, each with its registration for the forum (or None),
    and their own registration as an individual."""

    organizations: list[tuple[Organization, Registration | None]]
    individual: Registration | None

    @property
    def unregistered(self) -> list[Organization]:
        return [
            organization
            for organization, registration in self.organizations
            if registration is None or registration.status is RegistrationStatus.WITHDRAWN
        ]


def registrations_of(user: User, forum: Forum) -> UserRegistrations:
    organizations = organizations_of(user)
    registrations = {
        registration.organization_id: registration
        for registration in db.session.scalars(
            sa.select(Registration).where(
                Registration.forum_id == forum.id,
                Registration.organization_id.in_([o.id for o in organizations]),
            )
        )
    }
    return UserRegistrations(
        [(o, registrations.get(o.id)) for o in organizations],
        registration_of_individual(forum, user),
    )


@dataclass(frozen=True)
class RegistrationLink:
    """A forum an organization is registered for (``registration``), or may register
    for now (``open``: its registration window is open)."""

    forum: Forum
    registration: Registration | None
    open: bool


def registration_links_for(organization: Organization, now: datetime) -> list[RegistrationLink]:
    """The organization's registrations in forums not archived, and the forums whose
    registration window is open now (in each forum's time zone), soonest first."""
    return registration_links_of([organization], now)[organization.id]


def registration_links_of(
    organizations: Iterable[Organization], now: datetime
) -> dict[int, list[RegistrationLink]]:
    """``registration_links_for`` each of ``organizations``, in two queries for all."""
    from app.organizations.registration import is_registration_open

    ids = [organization.id for organization in organizations]
    registrations: dict[int, dict[int, Registration]] = {
        organization_id: {} for organization_id in ids
    }
    for registration in db.session.scalars(
        sa.select(Registration)
        .join(Forum)
        .where(Registration.organization_id.in_(ids), Forum.status != ForumStatus.ARCHIVED)
    ):
        registrations[registration.organization_id][registration.forum_id] = registration
    # A day's margin either side of UTC's date: each forum's own date decides.
    utc_today = now.date()
    registered_in = {forum_id for found in registrations.values() for forum_id in found}
    candidates = db.session.scalars(
        sa.select(Forum).where(
            sa.or_(
                Forum.id.in_(registered_in),
                sa.and_(
                    Forum.status == ForumStatus.OPEN,
                    Forum.registration_opens <= utc_today + timedelta(days=1),
                    Forum.registration_closes >= utc_today - timedelta(days=1),
                ),
            )
        )
    ).all()
    open_now = {forum.id: is_registration_open(forum, now) for forum in candidates}
    links = {}
    for organization_id, found in registrations.items():
        mine = [
            RegistrationLink(forum, found.get(forum.id), open_now[forum.id])
            for forum in candidates
            if forum.id in found or open_now[forum.id]
        ]
        links[organization_id] = sorted(
            mine, key=lambda link: (link.forum.start_date or date.max, link.forum.id)
        )
    return links
