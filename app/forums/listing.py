"""What the public sees of forums: which are current or past, and what can be done now.

Dates of a forum (its days and its registration, proposal and volunteering
windows) are calendar dates in the forum's own time zone: a window "closes on 25
November" in Baghdad, whatever the clock of the server or of the reader. So
"today" is always the forum's local date at the given instant.

A draft forum is seen only by its staff and site administrators (the same rule as
``services.is_visible_to``, here as a query filter).
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa

from app.core.pagination import Paged, page_count
from app.extensions import db
from app.forums.models import Forum, ForumKind, ForumRole, ForumStatus
from app.forums.services import is_visible_to, window_is_open

DEFAULT_TIMEZONE = "Asia/Baghdad"
PAST_ON_HOME = 10
ARCHIVE_PAGE_SIZE = 20


class Action(StrEnum):
    REGISTER = "register"
    PROPOSE = "propose"
    VOLUNTEER = "volunteer"


class WindowState(StrEnum):
    OPEN = "open"
    UPCOMING = "upcoming"
    CLOSED = "closed"
    NOT_PLANNED = "not_planned"


# Each action and the forum fields holding its window.
ACTION_WINDOWS = (
    (Action.REGISTER, "registration_opens", "registration_closes"),
    (Action.PROPOSE, "proposals_open", "proposals_close"),
    (Action.VOLUNTEER, "volunteering_opens", "volunteering_closes"),
)


@dataclass(frozen=True)
class Window:
    """One action's window as it stands now."""

    action: Action
    state: WindowState
    opens: date | None
    closes: date | None


@dataclass(frozen=True)
class ForumEntry:
    """A forum as listed, with what can be done in it now (and, for a season, its fora)."""

    forum: Forum
    windows: list[Window]
    local_fora: list["ForumEntry"] = field(default_factory=list)

    @property
    def open_windows(self) -> list[Window]:
        return [w for w in self.windows if w.state is WindowState.OPEN]

    @property
    def upcoming_windows(self) -> list[Window]:
        return [w for w in self.windows if w.state is WindowState.UPCOMING]


@dataclass(frozen=True)
class HomeListing:
    seasons: list[ForumEntry]
    standalone: list[ForumEntry]
    past: list[ForumEntry]
    more_past: bool

    @property
    def has_current(self) -> bool:
        return bool(self.seasons or self.standalone)


@dataclass(frozen=True)
class ArchivePage(Paged):
    entries: list[ForumEntry]
    page: int
    pages: int
    total: int


@dataclass(frozen=True)
class ForumOverview:
    """What a forum's public page shows besides the forum's own columns."""

    windows: list[Window]
    parent: Forum | None
    local_fora: list[Forum]
    today: date

    @property
    def can_take_part(self) -> bool:
        return any(w.state in (WindowState.OPEN, WindowState.UPCOMING) for w in self.windows)


def zone_of(name: str | None) -> ZoneInfo:
    """The named time zone; the default (Baghdad) when unset or unknown."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def local_today(timezone: str | None, now: datetime) -> date:
    """The calendar date at ``now`` in ``timezone`` (a naive ``now`` is taken as UTC)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(zone_of(timezone)).date()


def forum_today(forum: Forum, now: datetime) -> date:
    """Today's date in the forum's time zone, by which its windows are judged."""
    return local_today(forum.timezone, now)


def what_can_be_done(forum: Forum, now: datetime) -> list[Window]:
    """Registration, proposals and volunteering: open, upcoming, closed or not planned.

    A window is open from its first to its last day included (forum's local date),
    and only in an OPEN forum: in a closed or archived one everything is closed. In
    a draft nothing is open yet; a window that has not ended is upcoming.
    """
    today = forum_today(forum, now)
    windows = []
    for action, opens_field, closes_field in ACTION_WINDOWS:
        opens, closes = getattr(forum, opens_field), getattr(forum, closes_field)
        windows.append(
            Window(action, _window_state(forum.status, opens, closes, today), opens, closes)
        )
    return windows


def _window_state(
    status: ForumStatus, opens: date | None, closes: date | None, today: date
) -> WindowState:
    if opens is None or closes is None:
        return WindowState.NOT_PLANNED
    if status in (ForumStatus.CLOSED, ForumStatus.ARCHIVED) or today > closes:
        return WindowState.CLOSED
    if status is ForumStatus.OPEN and window_is_open(opens, closes, today):
        return WindowState.OPEN
    return WindowState.UPCOMING


def visible_forums(user) -> sa.ColumnElement[bool]:
    """Forums ``user`` may see: all but drafts, plus drafts they are staff of (admins: all)."""
    if user is None or not user.is_authenticated:
        return Forum.status != ForumStatus.DRAFT
    if user.is_site_admin:
        return sa.true()
    staffed = sa.select(ForumRole.forum_id).where(ForumRole.user_id == user.id)
    return sa.or_(Forum.status != ForumStatus.DRAFT, Forum.id.in_(staffed))


def _ended(now: datetime) -> sa.ColumnElement[bool]:
    """Forums whose last day is before today in their own time zone."""
    zones = db.session.scalars(sa.select(Forum.timezone).distinct()).all()
    if not zones:
        return sa.false()
    return sa.or_(
        *(
            sa.and_(Forum.timezone == zone, Forum.end_date < local_today(zone, now))
            for zone in zones
        )
    )


def _entry(forum: Forum, now: datetime) -> ForumEntry:
    return ForumEntry(forum, what_can_be_done(forum, now))


def _past_query(user, ended: sa.ColumnElement[bool]) -> sa.Select:
    return (
        sa.select(Forum)
        .where(visible_forums(user), sa.or_(Forum.status == ForumStatus.ARCHIVED, ended))
        .order_by(
            Forum.end_date.desc().nulls_last(),
            Forum.start_date.desc().nulls_last(),
            Forum.id.desc(),
        )
    )


def home_listing(user, now: datetime, past_limit: int = PAST_ON_HOME) -> HomeListing:
    """Current forums (not archived, last day not past), then the most recent past ones.

    Current seasons carry their current local fora; a current local forum whose
    season is not listed (past, or a draft the user may not see) stands alone.
    Past forums (archived, or ended) come most recent first, ``past_limit`` of them.
    """
    ended = _ended(now)
    current = db.session.scalars(
        sa.select(Forum)
        .where(
            visible_forums(user),
            Forum.status != ForumStatus.ARCHIVED,
            sa.or_(Forum.end_date.is_(None), sa.not_(ended)),
        )
        .order_by(Forum.start_date.nulls_last(), Forum.id)
    ).all()
    seasons = {f.id: _entry(f, now) for f in current if f.kind is ForumKind.SEASON}
    standalone = []
    for forum in current:
        if forum.kind is ForumKind.SEASON:
            continue
        if forum.parent_id in seasons:
            seasons[forum.parent_id].local_fora.append(_entry(forum, now))
        else:
            standalone.append(_entry(forum, now))
    past = db.session.scalars(_past_query(user, ended).limit(past_limit + 1)).all()
    return HomeListing(
        seasons=list(seasons.values()),
        standalone=standalone,
        past=[_entry(forum, now) for forum in past[:past_limit]],
        more_past=len(past) > past_limit,
    )


def archive_page(
    user, now: datetime, page: int, per_page: int = ARCHIVE_PAGE_SIZE
) -> ArchivePage | None:
    """Page ``page`` (from 1) of the past forums, most recent first; None past the last page.

    With no past forum at all, page 1 exists and is empty.
    """
    ended = _ended(now)
    query = _past_query(user, ended)
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(query.order_by(None).subquery())
    )
    pages = page_count(total, per_page)
    if page < 1 or page > pages:
        return None
    forums = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return ArchivePage([_entry(forum, now) for forum in forums], page, pages, total)


def forum_overview(forum: Forum, user, now: datetime) -> ForumOverview:
    """A forum's windows, its season (if the user may see it) and its visible local fora."""
    parent = forum.parent if forum.parent_id is not None else None
    if parent is not None and not is_visible_to(parent, user):
        parent = None
    local_fora: list[Forum] = []
    if forum.kind is ForumKind.SEASON:
        local_fora = list(
            db.session.scalars(
                sa.select(Forum)
                .where(Forum.parent_id == forum.id, visible_forums(user))
                .order_by(Forum.start_date.nulls_last(), Forum.id)
            )
        )
    return ForumOverview(what_can_be_done(forum, now), parent, local_fora, forum_today(forum, now))
