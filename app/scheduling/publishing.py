"""Published versions of the programme.

Organizers work on a draft; publishing freezes it as the next numbered version
(room, day and times of every placed accepted activity) with an optional note and
the changes since the version before: sessions new, moved (another room, day or
time) or cancelled. The organizations whose sessions are new or moved are told by
email, each member in their own language. The public sees only published versions,
and only the latest one.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import time
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.activities.models import Activity, ActivityStatus
from app.audit.services import AuditAction, record
from app.core.public_cache import forget_forum
from app.extensions import db
from app.forums.models import Forum, ForumStatus
from app.scheduling.models import (
    ChangeKind,
    Placement,
    PlacementCell,
    PublishedSession,
    ScheduleChange,
    ScheduleVersion,
)

NOTE_MAX_LENGTH = 2000


class PublishProblem(StrEnum):
    NOTHING_TO_PUBLISH = "nothing_to_publish"  # no session placed, no version before
    NOTHING_CHANGED = "nothing_changed"  # the draft is the latest version
    PUBLISHED_MEANWHILE = "published_meanwhile"  # another organizer took that number
    READ_ONLY = "read_only"  # an archived forum's programme no longer changes


class PublishError(Exception):
    def __init__(self, problem: PublishProblem):
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class FrozenSession:
    """A session as publishing would freeze it."""

    activity_id: int
    room_id: int
    day_id: int
    starts_at: time
    ends_at: time
    slot_ids: tuple[int, ...]

    @property
    def where(self) -> tuple:
        """What the public sees: a change here is a move."""
        return (self.room_id, self.day_id, self.starts_at, self.ends_at)

    @classmethod
    def of(cls, session: PublishedSession) -> "FrozenSession":
        return cls(
            session.activity_id,
            session.room_id,
            session.day_id,
            session.starts_at,
            session.ends_at,
            tuple(session.slot_ids or ()),
        )


def draft_sessions(forum: Forum) -> dict[int, FrozenSession]:
    """Every placed accepted activity of the draft, by activity id."""
    placements = db.session.scalars(
        sa.select(Placement)
        .join(Activity, Activity.id == Placement.activity_id)
        .where(Placement.forum_id == forum.id, Activity.status == ActivityStatus.ACCEPTED)
        .options(selectinload(Placement.cells).selectinload(PlacementCell.slot))
    )
    sessions = {}
    for placement in placements:
        cells = sorted(placement.cells, key=lambda cell: cell.slot.starts_at)
        if not cells:
            continue
        sessions[placement.activity_id] = FrozenSession(
            activity_id=placement.activity_id,
            room_id=placement.room_id,
            day_id=placement.day_id,
            starts_at=cells[0].slot.starts_at,
            ends_at=cells[-1].slot.ends_at,
            slot_ids=tuple(cell.slot_id for cell in cells),
        )
    return sessions


def version_sessions(version: ScheduleVersion | None) -> dict[int, FrozenSession]:
    if version is None:
        return {}
    return {session.activity_id: FrozenSession.of(session) for session in version.sessions}


def compare(
    before: dict[int, FrozenSession], after: dict[int, FrozenSession]
) -> list[tuple[int, ChangeKind]]:
    """The changes from one programme to the next, by activity id."""
    changes = []
    for activity_id in sorted(before.keys() | after.keys()):
        old, new = before.get(activity_id), after.get(activity_id)
        if old is None:
            changes.append((activity_id, ChangeKind.NEW))
        elif new is None:
            changes.append((activity_id, ChangeKind.CANCELLED))
        elif old.where != new.where:
            changes.append((activity_id, ChangeKind.MOVED))
    return changes


def published_programme(forum: Forum) -> ScheduleVersion | None:
    """The latest published version: the only one the public sees."""
    return db.session.scalar(
        sa.select(ScheduleVersion)
        .where(ScheduleVersion.forum_id == forum.id)
        .order_by(ScheduleVersion.number.desc())
        .limit(1)
    )


def pending_changes(forum: Forum) -> list[tuple[int, ChangeKind]]:
    """What publishing the draft now would record as changes."""
    return compare(version_sessions(published_programme(forum)), draft_sessions(forum))


def publish_schedule(forum: Forum, by: User, note: str | None = None) -> ScheduleVersion:
    """Freeze the draft as the next version with its changes since the last one,
    and email the organizations whose sessions are new or moved. Refused when
    there is nothing to publish or nothing changed since the latest version."""
    from app.scheduling.publishing_notices import tell_organizations

    if forum.status == ForumStatus.ARCHIVED:
        raise PublishError(PublishProblem.READ_ONLY)
    previous = published_programme(forum)
    before, after = version_sessions(previous), draft_sessions(forum)
    changes = compare(before, after)
    if previous is None and not after:
        raise PublishError(PublishProblem.NOTHING_TO_PUBLISH)
    if previous is not None and not changes:
        raise PublishError(PublishProblem.NOTHING_CHANGED)
    version = ScheduleVersion(
        forum_id=forum.id,
        number=(previous.number if previous else 0) + 1,
        note=(note or "").strip()[:NOTE_MAX_LENGTH] or None,
        published_by_id=by.id,
    )
    version.sessions = [
        PublishedSession(
            activity_id=s.activity_id,
            room_id=s.room_id,
            day_id=s.day_id,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            slot_ids=list(s.slot_ids),
        )
        for s in after.values()
    ]
    version.changes = [ScheduleChange(activity_id=aid, kind=kind) for aid, kind in changes]
    try:
        with db.session.begin_nested():
            db.session.add(version)
            db.session.flush()
    except IntegrityError as error:
        raise PublishError(PublishProblem.PUBLISHED_MEANWHILE) from error
    tell_organizations(forum, version, before, after, changes)
    record(
        AuditAction.SCHEDULE_PUBLISHED, actor=by, obj=version, forum=forum, number=version.number
    )
    forget_forum(forum.slug)  # the new version has keys of its own; the old ones go
    return version


def versions_of(forum: Forum) -> list[ScheduleVersion]:
    """The forum's versions, newest first."""
    return list(
        db.session.scalars(
            sa.select(ScheduleVersion)
            .where(ScheduleVersion.forum_id == forum.id)
            .options(
                selectinload(ScheduleVersion.changes), selectinload(ScheduleVersion.published_by)
            )
            .order_by(ScheduleVersion.number.desc())
        )
    )


def change_counts(version: ScheduleVersion) -> dict[ChangeKind, int]:
    counts = Counter(change.kind for change in version.changes)
    return {kind: counts.get(kind, 0) for kind in ChangeKind}


def version_by_number(forum: Forum, number: int) -> ScheduleVersion | None:
    return db.session.scalar(
        sa.select(ScheduleVersion).where(
            ScheduleVersion.forum_id == forum.id, ScheduleVersion.number == number
        )
    )


def version_changes(version: ScheduleVersion) -> list[ScheduleChange]:
    """The version's changes: new first, then moved, then cancelled."""
    order = {kind: index for index, kind in enumerate(ChangeKind)}
    return sorted(version.changes, key=lambda change: (order[change.kind], change.activity_id))


def previous_version(version: ScheduleVersion) -> ScheduleVersion | None:
    return db.session.scalar(
        sa.select(ScheduleVersion)
        .where(
            ScheduleVersion.forum_id == version.forum_id,
            ScheduleVersion.number < version.number,
        )
        .order_by(ScheduleVersion.number.desc())
        .limit(1)
    )


def published_session_of(activity: Activity) -> PublishedSession | None:
    """Where and when the latest published version puts ``activity``, if anywhere."""
    latest = published_programme(activity.forum)
    if latest is None:
        return None
    return db.session.scalar(
        sa.select(PublishedSession).where(
            PublishedSession.version_id == latest.id,
            PublishedSession.activity_id == activity.id,
        )
    )
