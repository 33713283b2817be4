"""Retention of volunteers' personal data (see app.safety.retention).

When a forum's retention time is over, its volunteers' phones and the notes kept
about them are deleted; languages, skills, shifts and hours stay for anonymous
figures (how many volunteers, how many hours).
"""

import sqlalchemy as sa

from app.extensions import db
from app.forums.models import Forum
from app.safety.retention import register_purger
from app.volunteers.models import Volunteer

PERSONAL_FIELDS = ("phone", "notes")


def purge_volunteers(forum: Forum) -> int:
    """Delete the phones and notes of the forum's volunteers; returns how many
    volunteers changed."""
    changed = 0
    for volunteer in db.session.scalars(sa.select(Volunteer).where(Volunteer.forum_id == forum.id)):
        if any(getattr(volunteer, name) is not None for name in PERSONAL_FIELDS):
            for name in PERSONAL_FIELDS:
                setattr(volunteer, name, None)
            changed += 1
    db.session.flush()
    return changed


register_purger("volunteers", purge_volunteers)
