"""Factories for every model, with defaults that make a valid object."""

import itertools
from dataclasses import dataclass

import pyotp

from app.accounts.models import User
from app.accounts.passwords import hash_password
from app.activities.models import Activity, ActivityStatus

__all__ = ["hash_password"]
from app.core.db import utcnow
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import Forum, ForumRole
from app.organizations.models import (
    Delegate,
    Organization,
    OrganizationMember,
    OrganizationType,
    Registration,
)
from app.organizations.normalise import name_keys

PASSWORD = "correct horse battery staple"
_PASSWORD_HASH = hash_password(PASSWORD)
_sequence = itertools.count(1)


def make_user(**fields) -> User:
    number = next(_sequence)
    values = {
        "email": f"person{number}@example.org",
        "name": f"Person {number}",
        "locale": "en",
        "password_hash": _PASSWORD_HASH,
        "email_verified_at": utcnow(),
    }
    values.update(fields)
    user = User(**values)
    db.session.add(user)
    db.session.flush()
    return user


def enable_two_factor(user: User) -> str:
    """Turn on TOTP for ``user``; returns the secret, to compute codes with."""
    user.totp_secret = pyotp.random_base32()
    user.totp_enabled_at = utcnow()
    db.session.flush()
    return user.totp_secret


def make_forum(**fields) -> Forum:
    forum = Forum(**{"slug": f"forum-{next(_sequence)}", **fields})
    db.session.add(forum)
    db.session.flush()
    return forum


def grant_role(user: User, forum: Forum, role: ForumRoleName) -> ForumRole:
    forum_role = ForumRole(user_id=user.id, forum_id=forum.id, role=role)
    db.session.add(forum_role)
    db.session.flush()
    return forum_role


def make_organization(members: list[User] = (), **fields) -> Organization:
    number = next(_sequence)
    values = {"name_en": f"Organization {number}", "kind": OrganizationType.NGO, **fields}
    organization = Organization(**values)
    organization.name_keys = name_keys(
        organization.name_ar, organization.name_ckb, organization.name_en
    )
    organization.members = [OrganizationMember(user_id=member.id) for member in members]
    db.session.add(organization)
    db.session.flush()
    return organization


def make_registration(
    forum: Forum, organization: Organization | None = None, delegates: int = 1, **fields
) -> Registration:
    """A registration of ``organization`` (or, with ``individual_id=``, of a person)."""
    registration = Registration(
        forum_id=forum.id,
        organization_id=organization.id if organization else None,
        **fields,
    )
    for position in range(delegates):
        registration.delegates.append(
            Delegate(position=position, name=f"Delegate {next(_sequence)}", languages=["ar"])
        )
    db.session.add(registration)
    db.session.flush()
    return registration


def make_activity(forum: Forum, organization: Organization, **fields) -> Activity:
    """A submitted workshop of ``organization`` in ``forum`` (fields override)."""
    number = next(_sequence)
    values = {
        "title_en": f"Activity {number}",
        "description_en": f"What activity {number} is about.",
        "spoken_languages": ["ar"],
        "status": ActivityStatus.SUBMITTED,
        **fields,
    }
    activity = Activity(forum_id=forum.id, lead_organization_id=organization.id, **values)
    db.session.add(activity)
    db.session.flush()
    return activity


@dataclass(frozen=True)
class Snapshot:
    """Plain values of a user, usable after its session has closed."""

    id: int
    email: str
    name: str
    locale: str

    @classmethod
    def of(cls, user: User) -> "Snapshot":
        return cls(user.id, user.email, user.name, user.locale)
