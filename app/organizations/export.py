"""A forum's registrations and delegates as CSV files, for its organizers.

These files hold personal data (contacts, delegates): each export is refused
during a lockdown and audited with its kind and row count. Codes are written
as codes (stable for formulas and filters) and, where a person reads them, with
their label in the organizer's language beside them. Every cell is neutralised
against formula injection by ``app.core.csv_files``.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import defer, selectinload

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.core.csv_files import write_csv
from app.core.i18n import localized
from app.extensions import db
from app.forums.governorates import GOVERNORATES
from app.forums.models import Forum
from app.organizations import labels
from app.organizations.models import Delegate, Organization, Registration, RegistrationStatus
from app.safety.services import ensure_personal_data_export_allowed

REGISTRATION_COLUMNS = (
    "registration_id",
    "status",
    "status_label",
    "channel",
    "registrant",
    "name_ar",
    "name_ckb",
    "name_en",
    "acronym",
    "type",
    "type_label",
    "governorate",
    "governorate_label",
    "country",
    "delegates",
    "charter_version",
    "submitted_at",
    "decided_at",
    "contact_email",
    "contact_phone",
)
DELEGATE_COLUMNS = (
    "registration_id",
    "registration_status",
    "organization",
    "delegate_name",
    "phone",
    "email",
    "gender",
    "languages",
    "interpretation_into",
    "step_free",
    "other_needs",
)


@dataclass(frozen=True)
class CsvExport:
    filename: str
    content: bytes
    rows: int


def export_registrations(actor: User, forum: Forum) -> CsvExport:
    """Every registration of ``forum``, one row each, with the organization's contacts.

    Raises ExportRefused during a lockdown (the refusal is audited)."""
    ensure_personal_data_export_allowed(actor, forum)
    delegates = _delegate_counts(forum)
    words = _Words.in_reader_language()
    rows = [
        _registration_row(registration, delegates.get(registration.id, 0), words)
        for registration in _registrations(forum, with_delegates=False)
    ]
    return _audited(actor, forum, "registrations", REGISTRATION_COLUMNS, rows)


def export_delegates(actor: User, forum: Forum) -> CsvExport:
    """Every delegate of ``forum``'s registrations that were not withdrawn.

    Raises ExportRefused during a lockdown (the refusal is audited)."""
    ensure_personal_data_export_allowed(actor, forum)
    rows = [
        _delegate_row(registration, delegate)
        for registration in _registrations(forum)
        if registration.status != RegistrationStatus.WITHDRAWN
        for delegate in registration.delegates
    ]
    return _audited(actor, forum, "delegates", DELEGATE_COLUMNS, rows)


def export_counts(forum: Forum) -> tuple[int, int]:
    """How many rows each export holds now: (registrations, delegates)."""
    registrations = db.session.scalar(
        sa.select(sa.func.count(Registration.id)).where(Registration.forum_id == forum.id)
    )
    delegates = db.session.scalar(
        sa.select(sa.func.count(Delegate.id))
        .join(Registration)
        .where(
            Registration.forum_id == forum.id,
            Registration.status != RegistrationStatus.WITHDRAWN,
        )
    )
    return registrations or 0, delegates or 0


def csv_filename(forum: Forum, kind: str) -> str:
    """An ASCII file name: ``<slug>-<kind>.csv``."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", forum.slug).strip("-") or "forum"
    return f"{slug}-{kind}.csv"


def _audited(actor: User, forum: Forum, kind: str, header, rows: list[list]) -> CsvExport:
    content = write_csv(header, rows)
    record(AuditAction.PERSONAL_DATA_EXPORTED, actor=actor, forum=forum, kind=kind, rows=len(rows))
    return CsvExport(csv_filename(forum, kind), content, len(rows))


@dataclass(frozen=True)
class _Words:
    """The labels of the codes, translated once per export rather than once per cell."""

    statuses: dict[str, str]
    types: dict[str, str]
    governorates: dict[str, str]

    @classmethod
    def in_reader_language(cls) -> "_Words":
        def texts(labelled) -> dict[str, str]:
            return {str(code): str(label) for code, label in labelled.items()}

        return cls(
            texts(labels.REGISTRATION_STATUS),
            texts(labels.ORGANIZATION_TYPE),
            texts(GOVERNORATES),
        )


def _registrations(forum: Forum, with_delegates: bool = True) -> Iterable[Registration]:
    """The forum's registrations in order; what each export does not show is not loaded
    (encrypted columns cost a decryption each)."""
    options = [defer(Registration.decision_reason)]
    if with_delegates:
        names = (Organization.name_ar, Organization.name_ckb, Organization.name_en)
        options.append(selectinload(Registration.organization).load_only(*names))
        options.append(selectinload(Registration.delegates))
    else:
        options.append(selectinload(Registration.organization))
        options.append(selectinload(Registration.charter_version))
    query = (
        sa.select(Registration)
        .where(Registration.forum_id == forum.id)
        .options(*options)
        .order_by(Registration.id)
    )
    return db.session.scalars(query)


def _delegate_counts(forum: Forum) -> dict[int, int]:
    """Registration id → its number of delegates (counted, not loaded and decrypted)."""
    query = (
        sa.select(Delegate.registration_id, sa.func.count(Delegate.id))
        .join(Registration)
        .where(Registration.forum_id == forum.id)
        .group_by(Delegate.registration_id)
    )
    return {registration_id: count for registration_id, count in db.session.execute(query)}


def _registration_row(registration: Registration, delegates: int, words: _Words) -> list:
    organization = registration.organization
    row = [
        registration.id,
        registration.status,
        words.statuses[registration.status],
        registration.channel,
        "organization" if organization else "individual",
    ]
    if organization is None:
        row += [""] * 9
    else:
        row += [
            organization.name_ar,
            organization.name_ckb,
            organization.name_en,
            organization.acronym,
            organization.kind,
            words.types.get(organization.kind, organization.kind),
            organization.governorate,
            words.governorates.get(organization.governorate or "", ""),
            organization.country,
        ]
    version = registration.charter_version.version if registration.charter_version else ""
    row += [
        delegates,
        version,
        _moment(registration.created_at),
        _moment(registration.decided_at),
        organization.contact_email if organization else "",
        organization.contact_phone if organization else "",
    ]
    return row


def _delegate_row(registration: Registration, delegate: Delegate) -> list:
    if registration.organization is not None:
        registrant = localized(registration.organization, "name")
    else:
        registrant = _("Individual participant")
    return [
        registration.id,
        registration.status,
        registrant,
        delegate.name,
        delegate.phone,
        delegate.email,
        delegate.gender or "",
        ";".join(delegate.languages or []),
        ";".join(delegate.interpretation_into or []),
        "yes" if delegate.needs_step_free else "no",
        delegate.other_needs,
    ]


def _moment(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""
