"""Forums: creation, settings rules and the status machine.

Services take the acting user, flush but never commit, and raise a domain error
carrying what went wrong; views map it onto the form.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import CharterVersion, Forum, ForumKind, ForumRole, ForumStatus

ALLOWED_TRANSITIONS: dict[ForumStatus, frozenset[ForumStatus]] = {
    ForumStatus.DRAFT: frozenset({ForumStatus.OPEN}),
    ForumStatus.OPEN: frozenset({ForumStatus.CLOSED}),
    ForumStatus.CLOSED: frozenset({ForumStatus.OPEN, ForumStatus.ARCHIVED}),
    ForumStatus.ARCHIVED: frozenset(),
}

WINDOWS = (
    ("registration_opens", "registration_closes"),
    ("proposals_open", "proposals_close"),
    ("volunteering_opens", "volunteering_closes"),
)


class DateProblem(StrEnum):
    ENDS_BEFORE_START = "ends_before_start"
    WINDOW_CLOSES_BEFORE_OPENING = "window_closes_before_opening"
    WINDOW_CLOSES_AFTER_FORUM = "window_closes_after_forum"
    WINDOW_HALF_SET = "window_half_set"


@dataclass(frozen=True)
class DateError:
    field: str
    problem: DateProblem


class ForumRuleError(Exception):
    """A change that breaks a forum rule; ``errors`` say which and where."""

    def __init__(self, errors: Iterable[DateError] = (), message: str = ""):
        super().__init__(message or ", ".join(f"{e.field}: {e.problem}" for e in errors))
        self.errors = list(errors)


class InvalidTransition(Exception):
    def __init__(self, current: ForumStatus, wanted: ForumStatus):
        super().__init__(f"{current} -> {wanted}")
        self.current, self.wanted = current, wanted


def date_errors(
    start: date | None, end: date | None, windows: dict[str, tuple[date | None, date | None]]
) -> list[DateError]:
    """What is wrong with a forum's dates; empty when they hold together.

    A window (registration, proposals, volunteering) is either unset or fully set,
    opens on or before it closes, and closes no later than the forum's last day.
    """
    errors = []
    if start and end and end < start:
        errors.append(DateError("end_date", DateProblem.ENDS_BEFORE_START))
    for closes_field, (opens, closes) in windows.items():
        if (opens is None) != (closes is None):
            errors.append(DateError(closes_field, DateProblem.WINDOW_HALF_SET))
        elif opens and closes and closes < opens:
            errors.append(DateError(closes_field, DateProblem.WINDOW_CLOSES_BEFORE_OPENING))
        elif closes and end and closes > end:
            errors.append(DateError(closes_field, DateProblem.WINDOW_CLOSES_AFTER_FORUM))
    return errors


def forum_date_errors(forum: Forum) -> list[DateError]:
    windows = {closes: (getattr(forum, opens), getattr(forum, closes)) for opens, closes in WINDOWS}
    return date_errors(forum.start_date, forum.end_date, windows)


def check_dates(forum: Forum) -> None:
    errors = forum_date_errors(forum)
    if errors:
        raise ForumRuleError(errors)


def create_forum(
    actor: User,
    *,
    slug: str,
    kind: ForumKind,
    start_date: date,
    end_date: date,
    organizers: list[User],
    parent: Forum | None = None,
    **settings,
) -> Forum:
    """A site administrator creates a draft forum, its days and its first organizers."""
    if not organizers:
        raise ForumRuleError(message="a forum needs at least one organizer")
    if parent is not None and (kind is not ForumKind.LOCAL or parent.kind is not ForumKind.SEASON):
        raise ForumRuleError(message="only a local forum belongs to a season")
    forum = Forum(
        slug=slug, kind=kind, parent=parent, start_date=start_date, end_date=end_date, **settings
    )
    check_dates(forum)
    db.session.add(forum)
    db.session.flush()
    sync_days(forum)
    for organizer in organizers:
        forum.roles.append(ForumRole(user=organizer, role=ForumRoleName.ORGANIZER))
        db.session.flush()
        record(AuditAction.ROLE_GRANTED, actor=actor, obj=organizer, forum=forum, role="organizer")
    return forum


def update_settings(actor: User, forum: Forum, **settings) -> None:
    """Change settings; dates are checked together and days follow them."""
    for name, value in settings.items():
        setattr(forum, name, value)
    check_dates(forum)
    sync_days(forum)


def change_status(actor: User, forum: Forum, wanted: ForumStatus) -> None:
    """Only the transitions of ALLOWED_TRANSITIONS; opening needs dates and a charter."""
    if wanted not in ALLOWED_TRANSITIONS[forum.status]:
        raise InvalidTransition(forum.status, wanted)
    if wanted is ForumStatus.OPEN and (forum.start_date is None or forum.current_charter is None):
        raise ForumRuleError(message="a forum opens with its dates and a charter")
    forum.status = wanted


def publish_charter(
    forum: Forum, text_ar: str | None, text_ckb: str | None, text_en: str | None
) -> CharterVersion:
    """A new charter version; organizations endorse it anew."""
    if not any((text_ar, text_ckb, text_en)):
        raise ForumRuleError(message="a charter needs a text in at least one language")
    version = CharterVersion(
        version=(forum.current_charter.version + 1) if forum.current_charter else 1,
        text_ar=text_ar,
        text_ckb=text_ckb,
        text_en=text_en,
    )
    forum.charters.append(version)
    db.session.flush()
    return version


def is_visible_to(forum: Forum, user) -> bool:
    """A draft forum is seen by its staff and site administrators only."""
    if forum.status is not ForumStatus.DRAFT:
        return True
    if user is None or not user.is_authenticated:
        return False
    if user.is_site_admin:
        return True
    return (
        db.session.scalar(
            sa.select(ForumRole.id)
            .where(ForumRole.forum_id == forum.id, ForumRole.user_id == user.id)
            .limit(1)
        )
        is not None
    )


def window_is_open(opens: date | None, closes: date | None, today: date) -> bool:
    """Windows include both their first and their last day."""
    return opens is not None and closes is not None and opens <= today <= closes
