"""A person's own data: what is shown publicly, a copy of everything, deletion."""

import sqlalchemy as sa

from app.accounts.models import RecoveryCode, User
from app.audit.models import AuditEvent
from app.audit.services import AuditAction, record
from app.core.db import utcnow
from app.core.public_cache import forget_everything
from app.core.visibility import public_display_name
from app.extensions import db
from app.forums.models import Forum, ForumRole
from app.notifications.models import OutboxMessage
from app.notifications.services import recipient_hash
from app.organizations.models import Invitation, JoinRequest, Organization, OrganizationMember
from app.safety.models import Lockdown


def update_public_identity(user: User, consent: bool, pseudonym: str | None) -> None:
    user.public_name_consent = consent
    user.public_pseudonym = (pseudonym or "").strip() or None


def set_hidden(user: User, hidden: bool) -> None:
    """ "Hide me": off every public page and export in one step (or back on)."""
    user.hidden_at = utcnow() if hidden else None
    record(AuditAction.HIDDEN_FROM_PUBLIC, actor=user, obj=user, hidden=hidden)
    forget_everything()


def public_name(user: User) -> str | None:
    return public_display_name(
        user.name, user.public_name_consent, user.public_pseudonym, user.hidden_at is not None
    )


def export_personal_data(user: User) -> dict:
    """Everything held about the person, as plain JSON-able data."""
    roles = db.session.execute(
        sa.select(Forum.slug, ForumRole.role, ForumRole.granted_at)
        .join(Forum, Forum.id == ForumRole.forum_id)
        .where(ForumRole.user_id == user.id)
    )
    mail = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.recipient_hash == recipient_hash(user.email))
    )
    events = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.actor_id == user.id).order_by(AuditEvent.id)
    )
    memberships = db.session.execute(
        sa.select(Organization, OrganizationMember.joined_at)
        .join(OrganizationMember, OrganizationMember.organization_id == Organization.id)
        .where(OrganizationMember.user_id == user.id)
        .order_by(Organization.id)
    )
    record(AuditAction.PERSONAL_DATA_DOWNLOADED, actor=user, obj=user)
    return {
        "account": {
            "email": user.email,
            "email_verified_at": _iso(user.email_verified_at),
            "name": user.name,
            "language": user.locale,
            "created_at": _iso(user.created_at),
            "site_administrator": user.is_site_admin,
            "two_factor_enabled": user.has_two_factor,
            "public_name_consent": user.public_name_consent,
            "public_pseudonym": user.public_pseudonym,
            "hidden_from_public_since": _iso(user.hidden_at),
        },
        "forum_roles": [
            {"forum": slug, "role": str(role), "granted_at": _iso(granted)}
            for slug, role, granted in roles
        ],
        "organizations": [
            {
                "id": organization.id,
                "name_ar": organization.name_ar,
                "name_ckb": organization.name_ckb,
                "name_en": organization.name_en,
                "member_since": _iso(joined),
            }
            for organization, joined in memberships
        ],
        "emails_sent_to_you": [
            {"subject": m.subject, "queued_at": _iso(m.created_at), "status": str(m.status)}
            for m in mail
        ],
        "your_actions_in_the_audit_log": [
            {"action": e.action, "at": _iso(e.occurred_at), "object_type": e.object_type}
            for e in events
        ],
    }


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def delete_account(user: User) -> None:
    """Delete the account and anonymise every trace of it.

    Mail to the address is deleted; audit events keep what happened but no
    longer say who (actor and object ids are cleared). Later features add their
    own data here (memberships, volunteer and interpreter records).
    """
    db.session.execute(
        sa.delete(OutboxMessage).where(OutboxMessage.recipient_hash == recipient_hash(user.email))
    )
    db.session.execute(
        sa.update(AuditEvent).where(AuditEvent.actor_id == user.id).values(actor_id=None)
    )
    db.session.execute(
        sa.update(AuditEvent)
        .where(AuditEvent.object_type == User.__tablename__, AuditEvent.object_id == user.id)
        .values(object_id=None)
    )
    for column in (Lockdown.started_by_id, Lockdown.ended_by_id):
        db.session.execute(sa.update(Lockdown).where(column == user.id).values({column: None}))
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    # Memberships, requests to join and invitations to the address go with the account.
    db.session.execute(sa.delete(OrganizationMember).where(OrganizationMember.user_id == user.id))
    db.session.execute(sa.delete(JoinRequest).where(JoinRequest.user_id == user.id))
    db.session.execute(
        sa.delete(Invitation).where(Invitation.email_hash == recipient_hash(user.email))
    )
    db.session.execute(sa.delete(ForumRole).where(ForumRole.user_id == user.id))
    db.session.delete(user)
    record(AuditAction.ACCOUNT_DELETED)
    db.session.flush()
