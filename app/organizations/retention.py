"""Retention of delegates' personal data (see app.safety.retention).

When a forum's retention time is over, its delegates' (and individual participants')
names, phones, emails and other needs are deleted; gender, languages and the
interpretation and step-free needs stay for anonymous figures. The organizers'
decision reasons, which may speak of people, go too.
"""

import sqlalchemy as sa

from app.extensions import db
from app.forums.models import Forum
from app.organizations.models import Delegate, Registration
from app.safety.retention import register_purger

PERSONAL_FIELDS = ("name", "phone", "email", "other_needs")


def purge_delegates(forum: Forum) -> int:
    """Delete the forum's delegates' personal data and its decision reasons; returns
    how many records changed (delegates and registrations)."""
    changed = 0
    delegates = db.session.scalars(
        sa.select(Delegate)
        .join(Registration, Delegate.registration_id == Registration.id)
        .where(Registration.forum_id == forum.id)
    )
    for delegate in delegates:
        if any(getattr(delegate, name) is not None for name in PERSONAL_FIELDS):
            for name in PERSONAL_FIELDS:
                setattr(delegate, name, None)
            changed += 1
    reasons = db.session.scalars(
        sa.select(Registration).where(
            Registration.forum_id == forum.id, Registration.decision_reason.is_not(None)
        )
    )
    for registration in reasons:
        registration.decision_reason = None
        changed += 1
    db.session.flush()
    return changed


register_purger("delegates", purge_delegates)
