"""Demo activities of the 4th season: about fifty, across its eight themes.

Most are accepted; a handful wait for review (two of them on the Tigris, which the
merge suggestions group), a few were not accepted, one is a draft. The demo
reviewer has scored the ones waiting.

Around them, so the demo CSO account (a member of Tammuz and of the Article 38
Coalition) has something to answer: Masarat's invitation to the coalition to
co-organize, not answered yet; a thread between the demo organizer and Tammuz; a
fusion of the coalition's two proposals on security companies, proposed and not
answered; and a sequence of its two sessions on free expression, done. They go
through the activities' services, each only when it is not there yet.
"""

from datetime import UTC, datetime, time, timedelta
from itertools import cycle

import sqlalchemy as sa

from app.accounts.models import User
from app.activities.merging import answer_merge, propose_merge
from app.activities.models import (
    Activity,
    ActivityFormat,
    ActivityMessage,
    ActivityStatus,
    CoOrganizer,
    InterpretationMode,
    Merge,
    MergeMember,
    Presenter,
    Review,
)
from app.activities.thread import post_message
from app.core.db import utcnow
from app.demo.activities_data import (
    ACTIVITIES,
    COMPLETED_MERGE,
    PENDING_INVITATION,
    PROPOSED_MERGE,
    THREAD,
    THREAD_ACTIVITY,
)
from app.demo.organizations_data import DELEGATES
from app.extensions import db
from app.forums.models import Forum
from app.organizations.membership import members_of
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
    """Create the season's demo activities and what happened around them, once;
    returns how many activities it has."""
    existing = db.session.scalar(
        sa.select(sa.func.count(Activity.id)).where(Activity.forum_id == forum.id)
    )
    if not existing:
        _create_activities(forum, organizer, reviewer)
    _seed_collaboration(forum, organizer)
    return existing or len(ACTIVITIES)


def _create_activities(forum: Forum, organizer: User, reviewer: User) -> None:
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


# What happened after the proposal window closed.


def _activity(forum: Forum, title_en: str) -> Activity:
    return db.session.scalar(
        sa.select(Activity).where(Activity.forum_id == forum.id, Activity.title_en == title_en)
    )


def _organization(name_en: str) -> Organization:
    return db.session.scalar(sa.select(Organization).where(Organization.name_en == name_en))


def _after_window(forum: Forum, days: int, hours: int = 9) -> datetime:
    """A moment ``days`` and ``hours`` after the day the proposal window closed (UTC)."""
    closed = forum.proposals_close or utcnow().date() - timedelta(days=10)
    return datetime.combine(closed, time(), UTC) + timedelta(days=days, hours=hours)


def _seed_collaboration(forum: Forum, organizer: User) -> None:
    _invite(forum)
    _thread(forum, organizer)
    for merge, answered in ((PROPOSED_MERGE, False), (COMPLETED_MERGE, True)):
        _merge(forum, organizer, *merge, answered=answered)
    db.session.flush()


def _invite(forum: Forum) -> None:
    """Masarat's invitation, waiting. Written as a row: no demo account belongs to
    Masarat, and app.activities.co_organizers wants one of its members to send it."""
    title, invited = PENDING_INVITATION
    activity, organization = _activity(forum, title), _organization(invited)
    if activity is None or organization is None:
        return
    if any(c.organization_id == organization.id for c in activity.co_organizers):
        return
    activity.co_organizers.append(
        CoOrganizer(organization_id=organization.id, invited_at=_after_window(forum, 1))
    )


def _thread(forum: Forum, organizer: User) -> None:
    activity = _activity(forum, THREAD_ACTIVITY)
    if activity is None:
        return
    written = sa.select(ActivityMessage.id).where(ActivityMessage.activity_id == activity.id)
    members = members_of(activity.lead_organization)
    if not members or db.session.scalar(written.limit(1)) is not None:
        return
    for by_organizer, (days, hours), body in THREAD:
        author = organizer if by_organizer else members[0]
        post_message(author, activity, body, now=_after_window(forum, days, hours))


def _merge(forum, organizer, mode, titles, note, days, *, answered: bool) -> None:
    """The organizer's merge of these activities, once; ``answered``: every organization
    involved has accepted it (their first member answers)."""
    activities = [_activity(forum, title) for title in titles]
    if None in activities:
        return
    merged = sa.select(MergeMember.merge_id).where(MergeMember.activity_id == activities[0].id)
    if db.session.scalar(sa.select(Merge.id).where(Merge.id.in_(merged)).limit(1)):
        return
    proposed = _after_window(forum, days)
    merge = propose_merge(organizer, forum, mode, activities, note, now=proposed)
    if not answered:
        return
    for consent in list(merge.consents):
        member = members_of(consent.organization)[0]
        answer_merge(member, merge, consent.organization, True, now=proposed + timedelta(days=1))
