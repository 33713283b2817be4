"""An interpreter's sessions as an iCalendar feed, at a secret address.

Calendar apps cannot log in, so the address itself is the key: it carries the
interpreter's id and their ``feed_nonce``, signed with the app's secret key (a
salt of its own, so a volunteer's token is no interpreter's). A new nonce ("new
address") makes every older address fail, as does withdrawing. The feed holds
only the interpreter's own sessions: title, language pair, mode, room, booth
channel and times, never anyone's name or contact.
"""

from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event

from app.activities.labels import INTERPRETATION_MODE
from app.core.feed_addresses import FeedAddresses
from app.core.i18n import localized
from app.interpreting.models import Interpreter, InterpreterStatus
from app.interpreting.my_sessions import AssignedSession, assignments_of
from app.interpreting.team_messages import pair_text

SALT = "interpreter-feed"
PRODUCT_ID = "-//Muntada//Interpretation sessions//EN"
HAS_FEED = frozenset({InterpreterStatus.PENDING, InterpreterStatus.APPROVED})


ADDRESSES = FeedAddresses(Interpreter, SALT, HAS_FEED)
ensure_feed_address = ADDRESSES.ensure
feed_token = ADDRESSES.token
interpreter_by_feed_token = ADDRESSES.holder
renew_feed_address = ADDRESSES.renew


def _event(
    interpreter: Interpreter, session: AssignedSession, language: str, now: datetime
) -> Event:
    need = session.need
    event = Event()
    # Stable across refreshes, distinct per interpreter (a calendar may merge feeds).
    event.add("uid", f"need-{need.id}.interpreter-{interpreter.id}@muntada")
    event.add("dtstamp", now)
    event.add("dtstart", session.starts)
    event.add("dtend", session.ends)
    title = localized(session.activity, "title", language)
    pair = pair_text(need.source, need.target, need.relay)
    event.add("summary", f"{title} · {pair}")
    if session.room is not None:
        room = localized(session.room, "name", language)
        if need.channel:
            room = _("%(room)s, booth channel %(channel)s", room=room, channel=need.channel)
        event.add("location", room)
    lines = [pair, str(INTERPRETATION_MODE.get(need.mode, need.mode))]
    description = localized(session.activity, "description", language)
    if description:
        lines += ["", description]
    event.add("description", "\n".join(lines))
    return event


def sessions_calendar(interpreter: Interpreter, *, now: datetime) -> bytes:
    """The interpreter's placed sessions (past ones too) as an iCalendar file, in
    their language, times in the forum's time zone (with its VTIMEZONE)."""
    language = interpreter.user.locale or "en"
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-timezone", interpreter.forum.timezone)
    forum_name = localized(interpreter.forum, "name", language) or interpreter.forum.slug
    with force_locale(language):
        calendar.add("x-wr-calname", _("My interpretation · %(forum)s", forum=forum_name))
        for session in assignments_of(interpreter):
            if session.starts is not None and session.ends is not None:
                calendar.add_component(_event(interpreter, session, language, now))
    calendar.add_missing_timezones()
    return calendar.to_ical()
