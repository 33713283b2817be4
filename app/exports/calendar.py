"""``programme.ics``: the published programme as iCalendar (RFC 5545).

One VEVENT per session, its UID the session's GUID (a calendar that subscribed
updates the event instead of doubling it), its DTSTAMP the publication of the
version (the same bytes until the next version), its times with the forum's
TZID and a VTIMEZONE for that zone over the forum's dates.
"""

from datetime import UTC, datetime, timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Event, Timezone

from app.exports.public_data import ExportProgramme, ExportSession
from app.interpreting.public import SEPARATOR

PRODID = "-//Muntada//Programme of the Iraqi Social Forum//EN"
# When nothing is published, a fixed stamp keeps the (empty) file the same.
NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def render_programme_ics(programme: ExportProgramme) -> bytes:
    """The programme as an iCalendar file."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", programme.title)
    calendar.add("x-wr-timezone", programme.time_zone)
    calendar.add_component(
        Timezone.from_tzid(
            programme.time_zone,
            first_date=programme.start - timedelta(days=1),
            last_date=programme.end + timedelta(days=1),
        )
    )
    stamp = (programme.published_at or NEVER).astimezone(UTC)
    for session in programme.sessions:
        calendar.add_component(_event(session, stamp))
    return calendar.to_ical()


def _event(session: ExportSession, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", session.guid)
    event.add("dtstamp", stamp)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session.title)
    event.add("location", session.room.name)
    event.add("description", _description(session))
    event.add("url", session.url)
    if session.theme:
        event.add("categories", [session.theme.name])
    return event


def _description(session: ExportSession) -> str:
    """The abstract, then the languages and the organizations, one line each."""
    lines = [session.abstract]
    if session.languages:
        lines.append(_("Languages: %(languages)s", languages=SEPARATOR.join(session.languages)))
    if session.organizations:
        lines.append(
            _("Organized by: %(organizations)s", organizations=", ".join(session.organizations))
        )
    return "\n\n".join(line for line in lines if line)
