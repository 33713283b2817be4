"""Demo activities of the 4th season: about fifty, across its eight themes.

Most are accepted; a handful wait for review (two of them on the Tigris, which the
merge suggestions group), a few were not accepted, one is a draft. The demo
reviewer has scored the ones waiting.
"""

from itertools import cycle

import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import (
    Activity,
    ActivityFormat,
    ActivityStatus,
    CoOrganizer,
    InterpretationMode,
    Presenter,
    Review,
)
from app.core.db import utcnow
from app.demo.activities_data import ACTIVITIES
from app.demo.organizations_data import DELEGATES
from app.extensions import db
from app.forums.models import Forum
from app.organizations.models import Organization

WAITING = {18, 19, 13, 25, 31, 38, 44, 49}
NOT_ACCEPTED = {11, 35, 47}
DRAFT = {42}


def _status(index: int) -> ActivityStatus:
    if index in WAITING:
        return ActivityStatus.SUBMITTED
    if index in NOT_ACCEPTED:
        return ActivityStatus.REJECTED
    if index in DRAFT:
        return ActivityStatus.DRAFT
    return ActivityStatus.ACCEPTED


def seed_activities(forum: Forum, organizer: User, reviewer: User) -> int:
    """Create the season's demo activities once; returns how many it has."""
    existing = db.session.scalar(
        sa.select(sa.func.count(Activity.id)).where(Activity.forum_id == forum.id)
    )
    if existing:
        return existing
    organizations = list(db.session.scalars(sa.select(Organization).order_by(Organization.id)))
    people = cycle(DELEGATES)
    now = utcnow()
    for index, (theme, lead, kind, title_ar, title_en) in enumerate(ACTIVITIES):
        status = _status(index)
        activity = Activity(
            forum_id=forum.id,
            lead_organization_id=organizations[lead].id,
            title_ar=title_ar,
            title_en=title_en,
            description_ar=f"{title_ar}: نقاش مفتوح مع المشاركين وتجارب من المحافظات.",
            description_en=f"{title_en}: an open discussion, with experiences from Iraq.",
            theme_id=forum.themes[theme].id,
            format=ActivityFormat(kind),
            spoken_languages=["ar", "ckb"] if index % 5 == 0 else ["ar"],
            interpretation_into=["en"] if index % 4 == 0 else [],
            interpretation_mode=InterpretationMode.SIMULTANEOUS if index % 4 == 0 else None,
            expected_attendance=30 + (index * 7) % 120,
            length_slots=2 if kind == "assembly" else 1,
            status=status,
            submitted_at=None if status is ActivityStatus.DRAFT else now,
            decided_at=now
            if status in (ActivityStatus.ACCEPTED, ActivityStatus.REJECTED)
            else None,
            decided_by_id=organizer.id if status is not ActivityStatus.SUBMITTED else None,
        )
        name, _phone, _gender, languages = next(people)
        activity.presenters.append(
            Presenter(name=name, languages=languages, public_consent=index % 2 == 0)
        )
        if kind == "assembly":
            partner = organizations[(lead + 3) % len(organizations)]
            activity.co_organizers.append(CoOrganizer(organization_id=partner.id, accepted=True))
        db.session.add(activity)
        db.session.flush()
        if status is ActivityStatus.SUBMITTED:
            db.session.add(
                Review(activity_id=activity.id, reviewer_id=reviewer.id, score=3 + index % 3)
            )
    db.session.flush()
    return len(ACTIVITIES)
