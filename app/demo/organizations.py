"""Demo organizations and their registrations for the demo forums.

Most organizations of the 4th season are approved (and listed in its directory,
but for one that chose not to be); one waits on the waiting list and one for
review. In Basra, where registration is open today, three wait for review.
"""

from itertools import cycle

import phonenumbers
import sqlalchemy as sa

from app.accounts.models import User
from app.core.db import utcnow
from app.demo.organizations_data import DELEGATES, IMPORTED, ORGANIZATIONS
from app.extensions import db
from app.forums.models import Forum
from app.notifications.services import recipient_hash
from app.organizations.models import (
    Delegate,
    Gender,
    Invitation,
    JoinRequest,
    Organization,
    OrganizationMember,
    OrganizationType,
    Registration,
    RegistrationChannel,
    RegistrationStatus,
)
from app.organizations.normalise import name_keys


def _e164(phone: str | None) -> str | None:
    if phone is None:
        return None
    number = phonenumbers.parse(phone, "IQ")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _organization(row, creator: User) -> Organization:
    name_ar, name_ckb, name_en, acronym, kind, country, governorate, fields, listed = row
    organization = Organization(
        name_ar=name_ar,
        name_ckb=name_ckb,
        name_en=name_en,
        name_keys=name_keys(name_ar, name_ckb, name_en),
        acronym=acronym,
        kind=OrganizationType(kind),
        country=country,
        governorate=governorate,
        fields_of_work=fields,
        listed_publicly=listed,
        created_by_id=creator.id,
    )
    db.session.add(organization)
    return organization


def _register(
    forum: Forum,
    organization: Organization | None,
    status: RegistrationStatus,
    delegates,
    decider,
    **fields,
) -> None:
    now = utcnow()
    registration = Registration(
        forum_id=forum.id,
        organization_id=organization.id if organization else None,
        status=status,
        **fields,
        charter_version_id=forum.current_charter.id if forum.current_charter else None,
        endorsed_at=now,
        decided_at=now if status is not RegistrationStatus.PENDING else None,
        decided_by_id=decider.id if status is not RegistrationStatus.PENDING else None,
        waitlisted_at=now if status is RegistrationStatus.WAITLISTED else None,
    )
    for position, (name, phone, gender, languages) in enumerate(delegates):
        registration.delegates.append(
            Delegate(
                position=position,
                name=name,
                phone=_e164(phone),
                gender=Gender(gender) if gender else None,
                languages=languages,
                interpretation_into=["ar"] if "ar" not in languages else [],
            )
        )
    db.session.add(registration)


def seed_organizations(
    forums: dict[str, Forum], members: list[User], organizer: User, newcomer: User
) -> int:
    """Create the demo organizations once; returns how many exist.

    ``newcomer`` has an invitation to join the Article 38 Coalition waiting, has asked
    to join Tammuz and one of the imported organizations nobody runs yet, and
    registered for Basra as an individual activist."""
    existing = db.session.scalar(sa.select(sa.func.count(Organization.id)))
    if existing:
        return existing
    organizations = [_organization(row, members[0]) for row in ORGANIZATIONS]
    imported = [_organization(row, organizer) for row in IMPORTED]
    db.session.flush()
    # The demo CSO account belongs to Tammuz and to the Article 38 Coalition.
    for member in members:
        for organization in (organizations[0], organizations[7]):
            organization.members.append(OrganizationMember(user_id=member.id))
    delegates = cycle(DELEGATES)
    season = forums["isf-4"]
    for index, organization in enumerate(organizations):
        status = RegistrationStatus.APPROVED
        if index == len(organizations) - 2:
            status = RegistrationStatus.WAITLISTED
        elif index == len(organizations) - 3:
            status = RegistrationStatus.PENDING
        _register(season, organization, status, [next(delegates) for _ in range(3)], organizer)
    basra = forums["basra"]
    for organization in (organizations[8], organizations[3]):
        _register(basra, organization, RegistrationStatus.PENDING, [next(delegates)], organizer)
    # Sports Against Violence sent a paper form, which an organizer typed in.
    _register(
        basra,
        organizations[9],
        RegistrationStatus.PENDING,
        [next(delegates)],
        organizer,
        channel=RegistrationChannel.PAPER,
        created_by_id=organizer.id,
    )
    _register(
        basra,
        None,
        RegistrationStatus.PENDING,
        [(newcomer.name, None, None, ["en", "ar"])],
        organizer,
        individual_id=newcomer.id,
    )
    db.session.add_all(
        [
            Invitation(
                organization_id=organizations[7].id,
                email=newcomer.email,
                email_hash=recipient_hash(newcomer.email),
                invited_by_id=members[0].id,
            ),
            JoinRequest(organization_id=organizations[0].id, user_id=newcomer.id),
            JoinRequest(organization_id=imported[0].id, user_id=newcomer.id),
        ]
    )
    db.session.flush()
    return len(organizations) + len(imported)
