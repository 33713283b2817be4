"""The public directory of a forum's organizations.

It lists the organizations whose registration for the forum is approved, that chose
to be listed publicly and did not ask to be hidden, while public listings are allowed
(never during a lockdown). Of each it shows exactly: name, acronym, type,
governorate, fields of work and website — never contacts, delegates, members,
registration numbers or anything else about people. Entries are plain values built
here, so a page cannot reach for more.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

import sqlalchemy as sa

from app.core.i18n import current_language
from app.core.pagination import Paged, page_count
from app.extensions import db
from app.forums.models import Forum
from app.organizations.models import (
    Organization,
    OrganizationType,
    Registration,
    RegistrationStatus,
)
from app.organizations.review_queue import organization_search
from app.safety.services import public_listings_allowed

DIRECTORY_PAGE_SIZE = 50


@dataclass(frozen=True)
class DirectoryEntry:
    name_ar: str | None
    name_ckb: str | None
    name_en: str | None
    acronym: str | None
    kind: OrganizationType
    governorate: str | None
    fields_of_work: list[str]
    website: str | None


@dataclass(frozen=True)
class DirectoryPage(Paged):
    """``shown`` is False while public listings are not allowed: then nothing else is
    filled in, not even a count."""

    shown: bool
    entries: list[DirectoryEntry]
    page: int = 1
    pages: int = 1
    total: int = 0


def safe_website(url: str | None) -> str | None:
    """The website if it is an http or https address with a host; None otherwise
    (a ``javascript:`` or ``data:`` link never reaches a public page)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def _entry(organization: Organization) -> DirectoryEntry:
    return DirectoryEntry(
        name_ar=organization.name_ar,
        name_ckb=organization.name_ckb,
        name_en=organization.name_en,
        acronym=organization.acronym,
        kind=organization.kind,
        governorate=organization.governorate,
        fields_of_work=list(organization.fields_of_work or []),
        website=safe_website(organization.website),
    )


def _listed(forum: Forum) -> sa.Select:
    return (
        sa.select(Organization)
        .join(Registration, Registration.organization_id == Organization.id)
        .where(
            Registration.forum_id == forum.id,
            Registration.status == RegistrationStatus.APPROVED,
            Organization.listed_publicly.is_(True),
            Organization.hidden_at.is_(None),
        )
    )


def directory_page(
    forum: Forum,
    *,
    kind: OrganizationType | None = None,
    governorate: str | None = None,
    query: str = "",
    page: int = 1,
    per_page: int = DIRECTORY_PAGE_SIZE,
) -> DirectoryPage:
    """Page ``page`` of the forum's directory, by name in the reader's language,
    filtered by type, governorate and a search in any script (names after
    normalisation, or the acronym); a page past the end gives the last one."""
    if not public_listings_allowed(forum):
        return DirectoryPage(shown=False, entries=[])
    listed = _listed(forum)
    if kind is not None:
        listed = listed.where(Organization.kind == kind)
    if governorate:
        listed = listed.where(Organization.governorate == governorate)
    if query.strip():
        listed = listed.where(organization_search(query))
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(listed.with_only_columns(Organization.id).subquery())
    )
    pages = page_count(total, per_page)
    page = min(max(page, 1), pages)
    organizations = db.session.scalars(
        listed.order_by(_name_order(), Organization.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return DirectoryPage(True, [_entry(o) for o in organizations], page, pages, total)


def _name_order():
    """The name in the reader's language first, as ``localized`` shows it."""
    language = current_language()
    order = [language] + [code for code in ("ar", "ckb", "en") if code != language]
    names = (sa.func.nullif(getattr(Organization, f"name_{code}"), "") for code in order)
    return sa.func.lower(sa.func.coalesce(*names))
