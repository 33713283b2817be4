"""What organizers need to register an organization on its behalf: finding it by
name, and telling its members afterwards."""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.forums.models import Forum
from app.notifications.services import queue_email
from app.organizations.membership import members_of
from app.organizations.models import Organization, Registration
from app.organizations.normalise import normalise_name

SEARCH_LIMIT = 25


@dataclass(frozen=True)
class OrganizationMatches:
    organizations: list[Organization]
    more: bool = False
    registrations: dict[int, Registration] = field(default_factory=dict)


def organizations_named(forum: Forum, query: str, limit: int = SEARCH_LIMIT) -> OrganizationMatches:
    """Organizations whose name contains ``query`` once both are normalised (any
    script, Arabic-aware), by id, at most ``limit``; with their registrations for
    ``forum``."""
    key = normalise_name(query)
    if not key:
        return OrganizationMatches([])
    found = list(
        db.session.scalars(
            sa.select(Organization)
            .where(Organization.name_keys.contains(key, autoescape=True))
            .order_by(Organization.id)
            .limit(limit + 1)
        )
    )
    registrations = {
        registration.organization_id: registration
        for registration in db.session.scalars(
            sa.select(Registration).where(
                Registration.forum_id == forum.id,
                Registration.organization_id.in_([o.id for o in found]),
            )
        )
    }
    return OrganizationMatches(found[:limit], len(found) > limit, registrations)


def tell_members_registered_on_behalf(registration: Registration) -> None:
    """Each member of the organization learns, in their language, that the forum's
    organizers registered it (from paper or a phone call), and where to see it.
    No delegate's name goes into the mail."""
    forum = registration.forum
    link = url_for(
        "registration.view",
        forum_slug=forum.slug,
        registration_id=registration.id,
        _external=True,
    )
    for member in members_of(registration.organization):
        queue_email(
            member.email,
            member.locale,
            "registered_on_behalf",
            _l("Your organization has been registered for a forum"),
            user=member,
            forum=forum,
            organization=registration.organization,
            channel=str(registration.channel),
            link=link,
        )
