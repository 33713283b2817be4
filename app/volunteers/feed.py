"""A volunteer's shifts as an iCalendar feed, at a secret address.

Calendar apps cannot log in, so the address itself is the key: it carries the
volunteer's id and their ``feed_nonce``, signed with the app's secret key. Giving
the volunteer a new nonce ("new address") makes every older address fail, as does
withdrawing. The feed holds only the volunteer's own shifts: the team, the place
and the times, never anyone else's name or contact.
"""

from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event

from app.core.feed_addresses import FeedAddresses
from app.core.i18n import localized
from app.forums.listing import zone_of
from app.volunteers.listing import held_signups
from app.volunteers.models import Shift, Volunteer, VolunteerStatus
from app.volunteers.taking import shift_starts

SALT = "volunteer-feed"
PRODUCT_ID = "-//Muntada//Volunteer shifts//EN"
HAS_FEED = frozenset({VolunteerStatus.PENDING, VolunteerStatus.APPROVED})


ADDRESSES = FeedAddresses(Volunteer, SALT, HAS_FEED)
ensure_feed_address = ADDRESSES.ensure
feed_token = ADDRESSES.token
volunteer_by_feed_token = ADDRESSES.holder
renew_feed_address = ADDRESSES.renew


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
