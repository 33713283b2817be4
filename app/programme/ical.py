"""Sessions of the public programme as an iCalendar file (RFC 5545).

What a visitor downloads for "my programme": one event per session, its UID
stable per activity (``activity-<id>@muntada``, so a second download updates the
same events instead of adding copies), times in the forum's time zone with its
VTIMEZONE, and only what the public page shows: title, room, languages,
organizations and description in the reader's language.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from app.interpreting.public import SEPARATOR
from app.programme.services import ProgrammeSession

PRODUCT_ID = "-//Muntada//Public programme//EN"


def session_uid(activity_id: int) -> str:
    """The UID of a session's event, the same in every download."""
    return f"activity-{activity_id}@muntada"


def _event(
    session: ProgrammeSession,
    zone: ZoneInfo,
    now: datetime,
    url_of: Callable[[int], str] | None,
) -> Event:
    event = Event()
    event.add("uid", session_uid(session.activity_id))
    event.add("dtstamp", now)
    event.add("dtstart", datetime.combine(session.date, session.starts_at, tzinfo=zone))
    event.add("dtend", datetime.combine(session.date, session.ends_at, tzinfo=zone))
    event.add("summary", session.title)
    event.add("location", session.room)
    lines = [SEPARATOR.join(session.languages)] if session.languages else []
    if session.organizations:
        lines.append(", ".join(session.organizations))
    if session.description:
        lines += ["", session.description]
    if lines:
        event.add("description", "\n".join(lines))
    if url_of is not None:
        event.add("url", url_of(session.activity_id))
    return event


def sessions_calendar(
    sessions: Iterable[ProgrammeSession],
    *,
    timezone: str,
    name: str,
    now: datetime,
    url_of: Callable[[int], str] | None = None,
) -> bytes:
    """An iCalendar file of ``sessions`` (texts as they are, already translated);
    with none, a valid calendar holding only the forum's time zone."""
    zone = ZoneInfo(timezone)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone)
    for session in sessions:
        calendar.add_component(_event(session, zone, now, url_of))
    if calendar.walk("VEVENT"):
        calendar.add_missing_timezones()
    else:
        # A calendar holds at least one component (RFC 5545): the zone, then.
        calendar.add_component(Timezone.from_tzid(timezone))
    return calendar.to_ical()
