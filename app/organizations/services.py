"""Organization profiles: what a profile must hold, creating and editing it, "hide us",
and finding organizations that look like the one being created.

Services take the acting user, flush but never commit, and raise ``ProfileError``
carrying every broken rule (``ProfileIssue``: a code, the argument it is about, its
data); forms put each one beside its field in the reader's language.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.core.db import utcnow
from app.core.public_cache import forget_everything
from app.extensions import db
from app.forums.governorates import GOVERNORATES
from app.forums.models import Forum
from app.forums.services import country_codes
from app.organizations.contacts import normalise_phone, normalise_url
from app.organizations.labels import FIELDS_OF_WORK
from app.organizations.models import (
    LegalStatus,
    Organization,
    OrganizationMember,
    OrganizationType,
    Registration,
)
from app.organizations.normalise import name_keys, normalise_name

LANGUAGES = ("ar", "ckb", "en")
IRAQ = "IQ"
MAX_SOCIAL_LINKS = 5
MAX_SIMILAR = 10
# The longest text each argument may hold (the columns' sizes).
MAX_LENGTH = {
    **{f"name_{code}": 200 for code in LANGUAGES},
    **{f"description_{code}": 5000 for code in LANGUAGES},
    "acronym": 30,
    "registration_number": 60,
    "website": 300,
    "social_links": 300,  # each link
    "contact_email": 254,
}
# The arguments of create_organization / update_organization, as Organization columns.
PROFILE_FIELDS = (
    *(f"name_{code}" for code in LANGUAGES),
    "acronym",
    "kind",
    "legal_status",
    "registration_number",
    "country",
    "governorate",
    "fields_of_work",
    "website",
    "social_links",
    *(f"description_{code}" for code in LANGUAGES),
    "contact_email",
    "contact_phone",
    "listed_publicly",
)
_REGISTERED = frozenset({LegalStatus.REGISTERED_BAGHDAD, LegalStatus.REGISTERED_KURDISTAN})


class ProfileProblem(StrEnum):
    NO_NAME = "no_name"
    TOO_LONG = "too_long"
    UNKNOWN_TYPE = "unknown_type"
    UNKNOWN_LEGAL_STATUS = "unknown_legal_status"
    NEEDS_REGISTRATION_NUMBER = "needs_registration_number"
    INFORMAL_HAS_NUMBER = "informal_has_number"
    UNKNOWN_COUNTRY = "unknown_country"
    NEEDS_GOVERNORATE = "needs_governorate"
    UNKNOWN_GOVERNORATE = "unknown_governorate"
    GOVERNORATE_OUTSIDE_IRAQ = "governorate_outside_iraq"
    UNKNOWN_FIELD_OF_WORK = "unknown_field_of_work"
    INVALID_URL = "invalid_url"
    TOO_MANY_LINKS = "too_many_links"
    INVALID_EMAIL = "invalid_email"
    INVALID_PHONE = "invalid_phone"


@dataclass(frozen=True)
class ProfileIssue:
    """One broken rule: which, about which argument (``field``; ``name`` for the three
    names together), with its data (the limit, the link refused)."""

    problem: ProfileProblem
    field: str
    data: dict[str, Any] = dataclass_field(default_factory=dict, compare=False)


class ProfileError(Exception):
    def __init__(self, issues: Iterable[ProfileIssue]):
        self.issues = list(issues)
        super().__init__(", ".join(f"{i.field}: {i.problem}" for i in self.issues))

    @property
    def problems(self) -> set[ProfileProblem]:
        return {issue.problem for issue in self.issues}


class SimilarOrganizations(Exception):
    """Organizations with the same name exist: the creator first says theirs is another."""

    def __init__(self, organizations: list[Organization]):
        self.organizations = organizations
        super().__init__(", ".join(str(o.id) for o in organizations))


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _text_issues(values: Mapping[str, Any]) -> list[ProfileIssue]:
    issues = []
    if not any(_blank_to_none(values.get(f"name_{code}")) for code in LANGUAGES):
        issues.append(ProfileIssue(ProfileProblem.NO_NAME, "name"))
    for name, limit in MAX_LENGTH.items():
        value = values.get(name)
        if name != "social_links" and isinstance(value, str) and len(value.strip()) > limit:
            issues.append(ProfileIssue(ProfileProblem.TOO_LONG, name, {"max": limit}))
    return issues


def _status_issues(values: Mapping[str, Any]) -> list[ProfileIssue]:
    issues = []
    if "kind" in values and values["kind"] not in set(OrganizationType):
        issues.append(ProfileIssue(ProfileProblem.UNKNOWN_TYPE, "kind"))
    if "legal_status" in values:
        status, number = values["legal_status"], _blank_to_none(values.get("registration_number"))
        if status not in set(LegalStatus):
            issues.append(ProfileIssue(ProfileProblem.UNKNOWN_LEGAL_STATUS, "legal_status"))
        elif status in _REGISTERED and not number:
            issues.append(
                ProfileIssue(ProfileProblem.NEEDS_REGISTRATION_NUMBER, "registration_number")
            )
        elif status == LegalStatus.INFORMAL and number:
            issues.append(ProfileIssue(ProfileProblem.INFORMAL_HAS_NUMBER, "registration_number"))
    return issues


def _place_issues(values: Mapping[str, Any]) -> list[ProfileIssue]:
    if "country" not in values:
        return []
    country = (values["country"] or "").strip().upper()
    governorate = _blank_to_none(values.get("governorate"))
    if country not in country_codes():
        return [ProfileIssue(ProfileProblem.UNKNOWN_COUNTRY, "country")]
    if country == IRAQ and not governorate:
        return [ProfileIssue(ProfileProblem.NEEDS_GOVERNORATE, "governorate")]
    if country == IRAQ and governorate not in GOVERNORATES:
        return [ProfileIssue(ProfileProblem.UNKNOWN_GOVERNORATE, "governorate")]
    if country != IRAQ and governorate:
        return [ProfileIssue(ProfileProblem.GOVERNORATE_OUTSIDE_IRAQ, "governorate")]
    return []


def _link_issues(values: Mapping[str, Any]) -> list[ProfileIssue]:
    issues = []
    if values.get("website"):
        try:
            normalise_url(values["website"])
        except ValueError:
            issues.append(ProfileIssue(ProfileProblem.INVALID_URL, "website"))
    links = [link.strip() for link in values.get("social_links") or () if link.strip()]
    if len(links) > MAX_SOCIAL_LINKS:
        issues.append(
            ProfileIssue(ProfileProblem.TOO_MANY_LINKS, "social_links", {"max": MAX_SOCIAL_LINKS})
        )
    for link in links:
        try:
            normalise_url(link)
            if len(link) > MAX_LENGTH["social_links"]:
                raise ValueError("too long")
        except ValueError:
            issues.append(ProfileIssue(ProfileProblem.INVALID_URL, "social_links", {"link": link}))
    return issues


def _contact_issues(values: Mapping[str, Any]) -> list[ProfileIssue]:
    issues = []
    email = _blank_to_none(values.get("contact_email"))
    if email:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            issues.append(ProfileIssue(ProfileProblem.INVALID_EMAIL, "contact_email"))
    try:
        normalise_phone(values.get("contact_phone"))
    except ValueError:
        issues.append(ProfileIssue(ProfileProblem.INVALID_PHONE, "contact_phone"))
    return issues


def profile_issues(values: Mapping[str, Any]) -> list[ProfileIssue]:
    """What is wrong with the given profile values (by argument name); others are not
    checked, so a form can check what it could read.

    A profile has a name in at least one of ar/ckb/en; a known type; a legal status,
    with the Directorate's registration number when registered in Baghdad or in the
    Kurdistan Region and none when informal; an ISO country code, with one of the 18
    governorates when the country is Iraq and none otherwise; fields of work from
    the list; http(s) web addresses (at most ``MAX_SOCIAL_LINKS`` social links); a
    valid contact email; a phone number that exists (Iraqi unless written with +).
    """
    fields_of_work = set(values.get("fields_of_work") or ()) - set(FIELDS_OF_WORK)
    unknown_fields = [ProfileIssue(ProfileProblem.UNKNOWN_FIELD_OF_WORK, "fields_of_work")]
    return [
        *_text_issues(values),
        *_status_issues(values),
        *_place_issues(values),
        *(unknown_fields if fields_of_work else []),
        *_link_issues(values),
        *_contact_issues(values),
    ]


def clean_profile(values: Mapping[str, Any]) -> dict[str, Any]:
    """The profile values as stored (E.164 phone, https links, codes), or ProfileError.

    ``values`` holds every argument of PROFILE_FIELDS (missing ones count as empty).
    """
    values = {name: values.get(name) for name in PROFILE_FIELDS}
    values["country"] = (values["country"] or "").strip().upper()
    issues = profile_issues(values)
    if issues:
        raise ProfileError(issues)
    cleaned = {name: _blank_to_none(value) for name, value in values.items()}
    cleaned["kind"] = OrganizationType(values["kind"])
    cleaned["legal_status"] = LegalStatus(values["legal_status"])
    chosen = set(values["fields_of_work"] or ())
    cleaned["fields_of_work"] = [code for code in FIELDS_OF_WORK if code in chosen]
    cleaned["website"] = normalise_url(values["website"])
    links = (normalise_url(link) for link in values["social_links"] or () if link.strip())
    cleaned["social_links"] = list(dict.fromkeys(links))
    if cleaned["contact_email"]:
        cleaned["contact_email"] = validate_email(
            cleaned["contact_email"], check_deliverability=False
        ).normalized
    cleaned["contact_phone"] = normalise_phone(values["contact_phone"])
    cleaned["listed_publicly"] = bool(values["listed_publicly"])
    return cleaned


def similar_organizations(
    names: Iterable[str | None], exclude_id: int | None = None
) -> list[Organization]:
    """Organizations one of whose names reads as one of ``names`` (Arabic-aware keys).

    Hidden organizations ("hide us") are never shown to outsiders, so not here either.
    """
    keys = [key for key in dict.fromkeys(map(normalise_name, names)) if key]
    if not keys:
        return []
    query = (
        sa.select(Organization)
        .where(
            sa.or_(*(Organization.name_keys.contains(f"|{key}|", autoescape=True) for key in keys)),
            Organization.hidden_at.is_(None),
        )
        .order_by(Organization.id)
        .limit(MAX_SIMILAR)
    )
    if exclude_id is not None:
        query = query.where(Organization.id != exclude_id)
    return list(db.session.scalars(query))


def create_organization(
    actor: User, *, different_from_similar: bool = False, **fields: Any
) -> Organization:
    """Create an organization whose first member is ``actor``.

    The profile follows ``profile_issues``. When organizations with the same name
    exist (``similar_organizations``), nothing is created (SimilarOrganizations)
    unless the creator said theirs is a different one.
    """
    values = clean_profile(fields)
    if not different_from_similar:
        similar = similar_organizations(values[f"name_{code}"] for code in LANGUAGES)
        if similar:
            raise SimilarOrganizations(similar)
    organization = Organization(**values, created_by_id=actor.id)
    _refresh_name_keys(organization)
    organization.members.append(OrganizationMember(user_id=actor.id))
    db.session.add(organization)
    db.session.flush()
    record(AuditAction.ORGANIZATION_CREATED, actor=actor, obj=organization)
    record(AuditAction.ORGANIZATION_MEMBER_ADDED, actor=actor, obj=organization, user_id=actor.id)
    return organization


def update_organization(actor: User, organization: Organization, **fields: Any) -> None:
    """Change the profile (same rules as creating it); the name keys follow the names."""
    for name, value in clean_profile(fields).items():
        setattr(organization, name, value)
    _refresh_name_keys(organization)
    db.session.flush()
    record(AuditAction.ORGANIZATION_CHANGED, actor=actor, obj=organization)
    forget_everything()  # its name, or whether it is listed, on every public page


def set_hidden(actor: User, organization: Organization, hidden: bool) -> None:
    """ "Hide us": off every public page and export at once (or back on), whatever
    ``listed_publicly`` says."""
    if hidden == (organization.hidden_at is not None):
        return
    organization.hidden_at = utcnow() if hidden else None
    db.session.flush()
    record(AuditAction.HIDDEN_FROM_PUBLIC, actor=actor, obj=organization, hidden=hidden)
    forget_everything()


def _refresh_name_keys(organization: Organization) -> None:
    organization.name_keys = name_keys(
        organization.name_ar, organization.name_ckb, organization.name_en
    )


def profile_values(organization: Organization) -> dict[str, Any]:
    """The organization's profile as the arguments of update_organization."""
    return {name: getattr(organization, name) for name in PROFILE_FIELDS}


def registrations_by_organization(
    organizations: Iterable[Organization],
) -> dict[int, list[Registration]]:
    """Each organization's registrations for forums, the most recent forum first."""
    ids = [organization.id for organization in organizations]
    found: dict[int, list[Registration]] = {organization_id: [] for organization_id in ids}
    if not ids:
        return found
    registrations = db.session.scalars(
        sa.select(Registration)
        .join(Forum, Forum.id == Registration.forum_id)
        .where(Registration.organization_id.in_(ids))
        .options(sa.orm.contains_eager(Registration.forum))
        .order_by(Forum.start_date.desc().nulls_last(), Registration.id)
    )
    for registration in registrations:
        found[registration.organization_id].append(registration)
    return found
