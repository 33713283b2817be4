"""Merging activities (the WSF's agglutination): an organizer proposes, every
organization involved consents, then the merge happens.

Rules:
- only the forum's organizers propose and cancel merges;
- a merge joins two or more distinct activities of the forum, each submitted or
  accepted (never a draft, nor one already merged, withdrawn or rejected), none
  already in another open (proposed) merge; a sequence takes no activity already
  in a completed sequence (the scheduler places one sequence in one room);
- the organizations involved are the leads and the accepted co-organizers of all
  the activities; each gets one consent to give, by one of its members, once;
- one refusal closes the merge as refused and changes nothing in the activities;
  when every organization has accepted, the merge completes:
  fusion — the first activity is the result, every other becomes MERGED into it,
  and every organization involved (but the result's lead) becomes an accepted
  co-organizer of it; sequence and dialogue — the activities stay as they are, and
  ``sequence_of`` / ``dialogue_partners`` read them back;
- an organizer may cancel a merge while it is proposed; the history stays.

Services take the acting user (and ``now``), flush but never commit, and raise
MergeError with codes; views say them in the reader's language.
"""

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import (
    Activity,
    ActivityStatus,
    CoOrganizer,
    Merge,
    MergeConsent,
    MergeMember,
    MergeMode,
    MergeStatus,
)
from app.audit.services import AuditAction, record
from app.core.db import utcnow
from app.core.permissions import ForumRoleName, forum_roles
from app.extensions import db
from app.forums.models import Forum
from app.organizations.membership import is_member
from app.organizations.models import Organization

MERGEABLE = frozenset({ActivityStatus.SUBMITTED, ActivityStatus.ACCEPTED})


class MergeProblem(StrEnum):
    NOT_ORGANIZER = "not_organizer"
    TOO_FEW_ACTIVITIES = "too_few_activities"
    DUPLICATE_ACTIVITY = "duplicate_activity"
    OTHER_FORUM = "other_forum"
    # Draft, merged, withdrawn or rejected.
    NOT_MERGEABLE = "not_mergeable"
    IN_OPEN_MERGE = "in_open_merge"
    IN_SEQUENCE = "in_sequence"
    NOT_OPEN = "not_open"
    NOT_MEMBER = "not_member"
    NOT_INVOLVED = "not_involved"
    ALREADY_ANSWERED = "already_answered"


class MergeError(Exception):
    """``problems`` say what stands in the way; ``activity_ids`` the activities concerned."""

    def __init__(self, problems: Sequence[MergeProblem], activity_ids: Sequence[int] = ()):
        super().__init__(", ".join(problems))
        self.problems = list(problems)
        self.activity_ids = list(activity_ids)


def is_organizer(user, forum: Forum) -> bool:
    return ForumRoleName.ORGANIZER in forum_roles(user, forum.id)


def organizations_involved(activities: Sequence[Activity]) -> list[int]:
    """Ids of the leads and accepted co-organizers of ``activities``, first seen first."""
    ids: dict[int, None] = {}
    for activity in activities:
        ids.setdefault(activity.lead_organization_id)
        for co_organizer in activity.co_organizers:
            if co_organizer.accepted:
                ids.setdefault(co_organizer.organization_id)
    return list(ids)


def _in_merges(activity_ids: Sequence[int], status: MergeStatus, mode=None) -> set[int]:
    query = (
        sa.select(MergeMember.activity_id)
        .join(Merge)
        .where(MergeMember.activity_id.in_(activity_ids), Merge.status == status)
    )
    if mode is not None:
        query = query.where(Merge.mode == mode)
    return set(db.session.scalars(query))


def _check_activities(forum: Forum, mode: MergeMode, activities: Sequence[Activity]) -> None:
    problems: list[MergeProblem] = []
    concerned: list[int] = []

    def problem(code: MergeProblem, ids) -> None:
        if ids:
            problems.append(code)
            concerned.extend(i for i in ids if i not in concerned)

    ids = [activity.id for activity in activities]
    if len(set(ids)) < 2:
        problems.append(MergeProblem.TOO_FEW_ACTIVITIES)
    problem(MergeProblem.DUPLICATE_ACTIVITY, sorted({i for i in ids if ids.count(i) > 1}))
    problem(MergeProblem.OTHER_FORUM, [a.id for a in activities if a.forum_id != forum.id])
    problem(MergeProblem.NOT_MERGEABLE, [a.id for a in activities if a.status not in MERGEABLE])
    problem(MergeProblem.IN_OPEN_MERGE, sorted(_in_merges(ids, MergeStatus.PROPOSED)))
    if mode == MergeMode.SEQUENCE:
        in_sequence = _in_merges(ids, MergeStatus.COMPLETED, MergeMode.SEQUENCE)
        problem(MergeProblem.IN_SEQUENCE, sorted(in_sequence))
    if problems:
        raise MergeError(problems, concerned)


def propose_merge(
    actor: User,
    forum: Forum,
    mode: MergeMode | str,
    activities: Sequence[Activity],
    note: str | None = None,
    now: datetime | None = None,
) -> Merge:
    """An organizer proposes to merge ``activities`` (in this order: the first is a
    fusion's result, the order is a sequence's); each organization involved is asked."""
    if not is_organizer(actor, forum):
        raise MergeError([MergeProblem.NOT_ORGANIZER])
    mode = MergeMode(mode)
    _check_activities(forum, mode, activities)
    merge = Merge(
        forum_id=forum.id,
        mode=mode,
        status=MergeStatus.PROPOSED,
        proposed_by_id=actor.id,
        note=(note or "").strip() or None,
        created_at=now or utcnow(),
    )
    merge.members = [
        MergeMember(activity_id=activity.id, position=position)
        for position, activity in enumerate(activities)
    ]
    merge.consents = [
        MergeConsent(organization_id=organization_id)
        for organization_id in organizations_involved(activities)
    ]
    db.session.add(merge)
    db.session.flush()
    record(
        AuditAction.MERGE_PROPOSED,
        actor,
        merge,
        forum,
        mode=str(mode),
        activities=len(activities),
        organizations=len(merge.consents),
    )
    return merge


def ask_joining_organization(activity: Activity, organization_id: int) -> list[Merge]:
    """An organization that has just become a co-organizer of ``activity`` is asked
    about the merges still proposed for it, as if it had been involved from the
    start: a merge completes only when every organization involved accepts.
    Returns the merges it is now asked about."""
    proposed = db.session.scalars(
        sa.select(Merge)
        .join(MergeMember, MergeMember.merge_id == Merge.id)
        .where(MergeMember.activity_id == activity.id, Merge.status == MergeStatus.PROPOSED)
    )
    asked = []
    for merge in proposed:
        if any(consent.organization_id == organization_id for consent in merge.consents):
            continue
        merge.consents.append(MergeConsent(organization_id=organization_id))
        asked.append(merge)
    db.session.flush()
    return asked


def answer_merge(
    actor: User,
    merge: Merge,
    organization: Organization,
    accept: bool,
    now: datetime | None = None,
) -> Merge:
    """A member of an organization involved accepts or refuses, once. A refusal closes
    the merge as refused; the last acceptance completes it."""
    if merge.status != MergeStatus.PROPOSED:
        raise MergeError([MergeProblem.NOT_OPEN])
    if not is_member(actor, organization):
        raise MergeError([MergeProblem.NOT_MEMBER])
    consent = next((c for c in merge.consents if c.organization_id == organization.id), None)
    if consent is None:
        raise MergeError([MergeProblem.NOT_INVOLVED])
    if consent.accepted is not None:
        raise MergeError([MergeProblem.ALREADY_ANSWERED])
    now = now or utcnow()
    activities = merge_activities(merge)
    completes = accept and all(c.accepted for c in merge.consents if c is not consent)
    if completes:
        changed = [a.id for a in activities if a.status not in MERGEABLE]
        if changed:
            raise MergeError([MergeProblem.NOT_MERGEABLE], changed)

    consent.accepted = bool(accept)
    consent.answered_at = now
    consent.answered_by_id = actor.id
    forum = db.session.get(Forum, merge.forum_id)
    record(
        AuditAction.MERGE_ANSWERED,
        actor,
        merge,
        forum,
        organization_id=organization.id,
        accepted=bool(accept),
    )
    if not accept:
        merge.status = MergeStatus.REFUSED
        merge.closed_at = now
    elif completes:
        _complete(merge, activities, now)
        record(AuditAction.MERGE_COMPLETED, actor, merge, forum, mode=str(merge.mode))
    db.session.flush()
    return merge


def _complete(merge: Merge, activities: list[Activity], now: datetime) -> None:
    merge.status = MergeStatus.COMPLETED
    merge.closed_at = now
    if merge.mode != MergeMode.FUSION:
        return
    result, *others = activities
    merge.result_id = result.id
    for activity in others:
        activity.status = ActivityStatus.MERGED
        activity.merged_into_id = result.id
    existing = {c.organization_id: c for c in result.co_organizers}
    for consent in merge.consents:
        organization_id = consent.organization_id
        if organization_id == result.lead_organization_id:
            continue
        co_organizer = existing.get(organization_id)
        if co_organizer is None:
            co_organizer = CoOrganizer(
                organization_id=organization_id, invited_by_id=merge.proposed_by_id
            )
            result.co_organizers.append(co_organizer)
        if not co_organizer.accepted:
            co_organizer.accepted = True
            co_organizer.answered_at = now


def cancel_merge(actor: User, merge: Merge, now: datetime | None = None) -> Merge:
    """An organizer takes back a merge while it is still proposed."""
    forum = db.session.get(Forum, merge.forum_id)
    if not is_organizer(actor, forum):
        raise MergeError([MergeProblem.NOT_ORGANIZER])
    if merge.status != MergeStatus.PROPOSED:
        raise MergeError([MergeProblem.NOT_OPEN])
    merge.status = MergeStatus.CANCELLED
    merge.closed_at = now or utcnow()
    record(AuditAction.MERGE_CANCELLED, actor, merge, forum)
    db.session.flush()
    return merge


def cancel_open_merges_of(activity: Activity, now: datetime | None = None) -> list[Merge]:
    """An activity withdrawn or rejected leaves every merge still proposed for it:
    those merges are cancelled (nobody is asked any more); the history keeps them."""
    merges = list(
        db.session.scalars(
            sa.select(Merge)
            .join(MergeMember)
            .where(MergeMember.activity_id == activity.id, Merge.status == MergeStatus.PROPOSED)
        )
    )
    for merge in merges:
        merge.status = MergeStatus.CANCELLED
        merge.closed_at = now or utcnow()
        record(AuditAction.MERGE_CANCELLED, None, merge, activity.forum, activity=activity.id)
    db.session.flush()
    return merges


def merge_activities(merge: Merge) -> list[Activity]:
    """The activities of a merge, in their order."""
    return [member.activity for member in merge.members]


def _completed_merges(activity: Activity, mode: MergeMode) -> list[Merge]:
    return list(
        db.session.scalars(
            sa.select(Merge)
            .join(MergeMember)
            .where(
                MergeMember.activity_id == activity.id,
                Merge.status == MergeStatus.COMPLETED,
                Merge.mode == mode,
            )
            .order_by(Merge.created_at.desc(), Merge.id.desc())
        )
    )


def sequence_of(activity: Activity) -> list[Activity]:
    """The activities of the completed sequence ``activity`` is in, in order; empty if none."""
    merges = _completed_merges(activity, MergeMode.SEQUENCE)
    return merge_activities(merges[0]) if merges else []


def dialogue_partners(activity: Activity) -> list[Activity]:
    """The other activities of the completed dialogues ``activity`` is in, oldest first."""
    partners: dict[int, Activity] = {}
    for merge in reversed(_completed_merges(activity, MergeMode.DIALOGUE)):
        for other in merge_activities(merge):
            if other.id != activity.id:
                partners.setdefault(other.id, other)
    return list(partners.values())


def merge_history(activity: Activity) -> list[Merge]:
    """Every merge involving ``activity``, whatever its status, newest first."""
    return list(
        db.session.scalars(
            sa.select(Merge)
            .join(MergeMember)
            .where(MergeMember.activity_id == activity.id)
            .order_by(Merge.created_at.desc(), Merge.id.desc())
        )
    )
