"""The reminder the day before: each volunteer with shifts tomorrow (the forum's
local date) gets one email listing them, in their language, once.

Each sign-up is claimed (``reminded_at`` set where it was empty) before the email
is queued, so two runs at once never remind anyone twice; a sign-up made after
the reminder went out is reminded on the next run, if it is still the day before.
Volunteers who are not approved (any more) are not reminded. Archived forums are
skipped.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.core.i18n import isolated, localized
from app.extensions import db
from app.forums.listing import zone_of
from app.forums.models import Day, Forum, ForumStatus
from app.notifications.services import queue_email
from app.volunteers.messaging import shift_line, volunteer_link
from app.volunteers.models import Shift, ShiftSignup, Volunteer, VolunteerStatus

SUBJECT = _l("Your volunteer shifts tomorrow")


def _forums_with_shifts() -> list[Forum]:
    query = (
        sa.select(Forum)
        .where(
            Forum.status != ForumStatus.ARCHIVED,
            sa.exists().where(Shift.forum_id == Forum.id),
        )
        .order_by(Forum.id)
    )
    return list(db.session.scalars(query))


def _claim(signup: ShiftSignup, now: datetime) -> bool:
    claimed = db.session.execute(
        sa.update(ShiftSignup)
        .where(ShiftSignup.id == signup.id, ShiftSignup.reminded_at.is_(None))
        .values(reminded_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    set_committed_value(signup, "reminded_at", now)
    return True


def due_signups(forum: Forum, now: datetime) -> list[ShiftSignup]:
    """The forum's sign-ups on tomorrow's shifts (its local date) not reminded yet."""
    tomorrow = now.astimezone(zone_of(forum.timezone)).date() + timedelta(days=1)
    query = (
        sa.select(ShiftSignup)
        .join(Shift, Shift.id == ShiftSignup.shift_id)
        .join(Day, Day.id == Shift.day_id)
        .join(Volunteer, Volunteer.id == ShiftSignup.volunteer_id)
        .where(
            Shift.forum_id == forum.id,
            Day.date == tomorrow,
            ShiftSignup.reminded_at.is_(None),
            Volunteer.status == VolunteerStatus.APPROVED,
        )
        .options(
            selectinload(ShiftSignup.volunteer).selectinload(Volunteer.user),
            selectinload(ShiftSignup.shift).selectinload(Shift.room),
        )
        .order_by(ShiftSignup.volunteer_id, Shift.starts_at, Shift.id)
    )
    return list(db.session.scalars(query))


def send_reminders(now: datetime) -> int:
    """Queue tomorrow's reminders of every forum; returns how many emails."""
    sent = 0
    for forum in _forums_with_shifts():
        by_volunteer: dict[int, list[ShiftSignup]] = {}
        for signup in due_signups(forum, now):
            if _claim(signup, now):
                by_volunteer.setdefault(signup.volunteer_id, []).append(signup)
        for signups in by_volunteer.values():
            user = signups[0].volunteer.user
            queue_email(
                user.email,
                user.locale,
                "volunteer_reminder",
                SUBJECT,
                user=user,
                forum_name=isolated(localized(forum, "name", user.locale) or forum.slug),
                shifts=[shift_line(signup.shift, user.locale) for signup in signups],
                link=volunteer_link(forum),
            )
            sent += 1
    db.session.flush()
    return sent
