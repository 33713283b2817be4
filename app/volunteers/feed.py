"""A volunteer's shifts as an iCalendar feed, at a secret address.

Calendar apps cannot log in, so the address itself is the key: it carries the
volunteer's id and their ``feed_nonce``, signed with the app's secret key. Giving
the volunteer a new nonce ("new address") makes every older address fail, as does
withdrawing. The feed holds only the volunteer's own shifts: the team, the place
and the times, never anyone else's name or contact.
"""

import hmac
import secrets
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event
from itsdangerous import BadSignature, URLSafeSerializer

from app.core.i18n import localized
from app.extensions import db
from app.forums.listing import zone_of
from app.forums.models import Forum
from app.volunteers.listing import held_signups
from app.volunteers.models import Shift, Volunteer, VolunteerStatus
from app.volunteers.taking import shift_starts

SALT = "volunteer-feed"
PRODUCT_ID = "-//Muntada//Volunteer shifts//EN"
HAS_FEED = frozenset({VolunteerStatus.PENDING, VolunteerStatus.APPROVED})


def new_feed_nonce() -> str:
    return secrets.token_hex(16)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def ensure_feed_address(volunteer: Volunteer) -> bool:
    """Give a volunteer without a nonce (a row made before feeds, or by hand) one, so
    that their address can be made; True when one was given (the caller commits)."""
    if volunteer.feed_nonce:
        return False
    renew_feed_address(volunteer)
    return True


def feed_token(volunteer: Volunteer) -> str:
    """The secret part of the volunteer's calendar address (they must have a nonce:
    ``ensure_feed_address``)."""
    if not volunteer.feed_nonce:
        raise ValueError("a calendar address needs the volunteer's nonce")
    return _serializer().dumps([volunteer.id, volunteer.feed_nonce])


def volunteer_by_feed_token(forum: Forum, token: str) -> Volunteer | None:
    """The volunteer of ``forum`` whose current address carries ``token``; None for
    a forged, tampered, outdated (renewed) token, another forum's, or a volunteer
    who withdrew or was turned down."""
    try:
        payload = _serializer().loads(token)
    except BadSignature:
        return None
    if not (
        isinstance(payload, list)
        and len(payload) == 2
        and isinstance(payload[0], int)
        and isinstance(payload[1], str)
    ):
        return None
    volunteer_id, nonce = payload
    volunteer = db.session.get(Volunteer, volunteer_id)
    if volunteer is None or volunteer.forum_id != forum.id or volunteer.status not in HAS_FEED:
        return None
    if not volunteer.feed_nonce or not hmac.compare_digest(volunteer.feed_nonce, nonce):
        return None
    return volunteer


def renew_feed_address(volunteer: Volunteer) -> None:
    """A new secret address for the volunteer's calendar; the old one stops working."""
    volunteer.feed_nonce = new_feed_nonce()
    db.session.flush()


def _place(shift: Shift, language: str) -> str:
    if shift.room is not None:
        room = localized(shift.room, "name", language)
        return f"{room} · {shift.area}" if shift.area else room
    return shift.area or ""


def _event(volunteer: Volunteer, shift: Shift, language: str, now: datetime) -> Event:
    zone = zone_of(shift.forum.timezone)
    event = Event()
    # Stable across refreshes, distinct per volunteer (a calendar may merge feeds).
    event.add("uid", f"shift-{shift.id}.volunteer-{volunteer.id}@muntada")
    event.add("dtstamp", now)
    event.add("dtstart", shift_starts(shift))
    event.add("dtend", datetime.combine(shift.day.date, shift.ends_at, tzinfo=zone))
    event.add("summary", localized(shift.team, "name", language))
    place = _place(shift, language)
    if place:
        event.add("location", place)
    if shift.description:
        event.add("description", shift.description)
    return event


def shifts_calendar(volunteer: Volunteer, *, now: datetime) -> bytes:
    """The volunteer's shifts of their forum (past ones too) as an iCalendar file,
    in their language, times in the forum's time zone (with its VTIMEZONE)."""
    language = volunteer.user.locale or "en"
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    forum_name = localized(volunteer.forum, "name", language) or volunteer.forum.slug
    with force_locale(language):
        calendar.add("x-wr-calname", _("My shifts · %(forum)s", forum=forum_name))
    calendar.add("x-wr-timezone", volunteer.forum.timezone)
    for signup in held_signups(volunteer):
        calendar.add_component(_event(volunteer, signup.shift, language, now))
    calendar.add_missing_timezones()
    return calendar.to_ical()
