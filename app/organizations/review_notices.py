"""The email telling registrants a decision on their registration, in their language."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.core.i18n import localized
from app.notifications.services import queue_email
from app.organizations.membership import members_of
from app.organizations.models import Registration, RegistrationStatus

SUBJECTS = {
    RegistrationStatus.APPROVED: _l("Your registration is approved"),
    RegistrationStatus.WAITLISTED: _l("Your registration is on the waiting list"),
    RegistrationStatus.REJECTED: _l("Your registration was not accepted"),
}


def registrants_of(registration: Registration) -> list[User]:
    """Who hears about a registration: the organization's members, or the individual."""
    if registration.organization is not None:
        return members_of(registration.organization)
    return [registration.individual] if registration.individual is not None else []


def registration_link(registration: Registration) -> str:
    """The registrants' page of the registration."""
    return url_for(
        "registration.view",
        forum_slug=registration.forum.slug,
        registration_id=registration.id,
        _external=True,
    )


def tell_decision(registration: Registration, *, full: bool = False, promoted: bool = False):
    """Email each registrant the registration's new status and its reason, if any.

    ``full``: an approval met a full forum; ``promoted``: a place freed up and the
    registration left the waiting list.
    """
    link = registration_link(registration)
    forum, organization = registration.forum, registration.organization
    for user in registrants_of(registration):
        queue_email(
            user.email,
            user.locale,
            "registration_decided",
            SUBJECTS[registration.status],
            user=user,
            forum_name=_isolated(localized(forum, "name", user.locale) or forum.slug),
            organization_name=_isolated(localized(organization, "name", user.locale))
            if organization is not None
            else None,
            status=str(registration.status),
            reason=registration.decision_reason,
            full=full,
            promoted=promoted,
            link=link,
        )


def _isolated(name: str) -> str:
    """A name kept in its own direction inside a sentence in another script."""
    return f"\u2068{name}\u2069"
