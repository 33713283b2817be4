"""Emails to volunteers: a coordinator's message to a team or a shift, and the
notice that a shift they held was removed.

Everything goes through the outbox, one email per volunteer in their language:
the words around the message are translated, the coordinator's subject and text
are sent as written. A team's volunteers are the approved volunteers holding one
of its shifts or approved for it; a shift's are those on it.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload
from werkzeug.routing import BuildError

from app.accounts.models import User
from app.core.i18n import isolated, localized
from app.extensions import db
from app.forums.models import Forum
from app.notifications.services import queue_email
from app.volunteers.models import (
    Shift,
    ShiftSignup,
    Team,
    TeamApproval,
    Volunteer,
    VolunteerStatus,
)

SUBJECT_LENGTH = 150
BODY_LENGTH = 5000
REMOVED_SUBJECT = _l("A shift you held was removed")
TAKEN_OFF_SUBJECT = _l("You were taken off a shift")
# The volunteers' own pages, once they exist; the forum's page otherwise.
VOLUNTEER_PAGES = ("volunteering.my_shifts", "volunteering.index")


def volunteer_link(forum: Forum) -> str:
    """The address of the volunteers' own page of ``forum`` (needs a request context)."""
    for endpoint in VOLUNTEER_PAGES:
        try:
            return url_for(endpoint, forum_slug=forum.slug, _external=True)
        except BuildError:
            continue
    return url_for("forum.page", forum_slug=forum.slug, _external=True)


@dataclass(frozen=True)
class ShiftLine:
    """A shift as an email names it, in the recipient's language."""

    team: str
    day: date
    starts_at: str
    ends_at: str
    place: str


def place_of(shift: Shift, language: str | None = None) -> str:
    """The room's name (in ``language``) or the named area; empty when neither."""
    if shift.room is not None:
        return localized(shift.room, "name", language)
    return shift.area or ""


def shift_line(shift: Shift, language: str) -> ShiftLine:
    return ShiftLine(
        team=isolated(localized(shift.team, "name", language)),
        day=shift.day.date,
        starts_at=shift.starts_at.strftime("%H:%M"),
        ends_at=shift.ends_at.strftime("%H:%M"),
        place=isolated(place_of(shift, language)) if place_of(shift, language) else "",
    )


def _approved(query) -> list[Volunteer]:
    query = (
        query.join(User, User.id == Volunteer.user_id)
        .where(Volunteer.status == VolunteerStatus.APPROVED)
        .options(selectinload(Volunteer.user))
        .order_by(User.name, Volunteer.id)
    )
    # Deduplicated here: DISTINCT cannot compare JSON columns on PostgreSQL.
    return list({v.id: v for v in db.session.scalars(query)}.values())


def recipients_of_team(team: Team) -> list[Volunteer]:
    """Approved volunteers holding one of the team's shifts or approved for the team."""
    holding = (
        sa.select(ShiftSignup.volunteer_id)
        .join(Shift, Shift.id == ShiftSignup.shift_id)
        .where(Shift.team_id == team.id)
    )
    approved = sa.select(TeamApproval.volunteer_id).where(TeamApproval.team_id == team.id)
    return _approved(
        sa.select(Volunteer).where(
            Volunteer.forum_id == team.forum_id,
            sa.or_(Volunteer.id.in_(holding), Volunteer.id.in_(approved)),
        )
    )


def recipients_of_shift(shift: Shift) -> list[Volunteer]:
    """Approved volunteers on the shift."""
    on_it = sa.select(ShiftSignup.volunteer_id).where(ShiftSignup.shift_id == shift.id)
    return _approved(sa.select(Volunteer).where(Volunteer.id.in_(on_it)))


def message_team(team: Team, *, subject: str, body: str, by: User) -> int:
    """Email the coordinator's message to the team's volunteers; returns how many."""
    return _message(team.forum, recipients_of_team(team), subject, body, by, team=team)


def message_shift(shift: Shift, *, subject: str, body: str, by: User) -> int:
    """Email the coordinator's message to the volunteers on the shift; returns how many."""
    recipients = recipients_of_shift(shift)
    return _message(shift.forum, recipients, subject, body, by, team=shift.team, shift=shift)


def _message(forum, recipients, subject, body, by, *, team, shift=None) -> int:
    subject = " ".join((subject or "").split())[:SUBJECT_LENGTH]
    body = (body or "").replace("\r\n", "\n").strip()[:BODY_LENGTH]
    if not subject or not body:
        raise ValueError("a message has a subject and a text")
    for volunteer in recipients:
        user = volunteer.user
        queue_email(
            user.email,
            user.locale,
            "volunteer_message",
            _l("Volunteers: %(subject)s", subject=subject),
            user=user,
            forum_name=isolated(localized(forum, "name", user.locale) or forum.slug),
            sender=isolated(by.name),
            team=isolated(localized(team, "name", user.locale)),
            shift=shift_line(shift, user.locale) if shift is not None else None,
            message_subject=subject,
            message_body=body,
            link=volunteer_link(forum),
        )
    return len(recipients)


def tell_shift_removed(shift: Shift) -> int:
    """Email each volunteer on ``shift`` that it was removed; returns how many."""
    signups = db.session.scalars(
        sa.select(ShiftSignup)
        .where(ShiftSignup.shift_id == shift.id)
        .options(selectinload(ShiftSignup.volunteer).selectinload(Volunteer.user))
    )
    told = 0
    for signup in signups:
        _tell_about_shift(signup.volunteer.user, shift, "volunteer_shift_removed", REMOVED_SUBJECT)
        told += 1
    return told


def tell_taken_off(signup: ShiftSignup, reason: str | None = None) -> None:
    """Email the volunteer a coordinator took off ``signup``'s shift (with the
    coordinator's reason, when one was needed), in their language."""
    _tell_about_shift(
        signup.volunteer.user,
        signup.shift,
        "volunteer_taken_off_shift",
        TAKEN_OFF_SUBJECT,
        reason=isolated(reason) if reason else None,
    )


def _tell_about_shift(user: User, shift: Shift, template: str, subject, **context) -> None:
    """One email about ``shift`` to ``user``, in their language."""
    queue_email(
        user.email,
        user.locale,
        template,
        subject,
        user=user,
        forum_name=isolated(localized(shift.forum, "name", user.locale) or shift.forum.slug),
        shift=shift_line(shift, user.locale),
        link=volunteer_link(shift.forum),
        **context,
    )
