"""Calendar errors in the reader's language.

``app.forums.calendar`` refuses changes with a ``CalendarError`` carrying a code
and data (times, day, what uses the slots); this turns one into a sentence for a
flash message or a form field. Times and descriptions are wrapped in Unicode
isolates so that "09:00–10:30" and a Latin session title read right inside
Arabic or Kurdish text.
"""

from datetime import time

from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import gettext as _

from app.core.i18n import format_day
from app.core.intervals import Interval
from app.forums.calendar import CalendarError, CalendarProblem, SlotUse

LTR_ISOLATE, FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2066", "\u2068", "\u2069"


def time_span(starts_at: time, ends_at: time) -> str:
    """``09:00–10:30``, isolated left-to-right (Western digits in every language)."""
    return f"{LTR_ISOLATE}{starts_at:%H:%M}–{ends_at:%H:%M}{POP_ISOLATE}"


def _span(times: Interval | None) -> str:
    return time_span(times.start, times.end) if times else ""


def _list(items) -> str:
    return format_list([str(item) for item in items], locale=str(get_locale() or "en"))


def _uses(use: SlotUse) -> str:
    return _list(f"{FIRST_STRONG_ISOLATE}{what}{POP_ISOLATE}" for what in use.uses)


def _all_uses(error: CalendarError) -> str:
    return _list(_uses(use) for use in error.uses)


def _slot_and_uses(use: SlotUse) -> str:
    return _(
        "%(day)s, %(times)s (%(uses)s)",
        day=format_day(use.day),
        times=_span(use.times),
        uses=_uses(use),
    )


def calendar_error_message(error: CalendarError) -> str:
    """The sentence that tells an organizer why the calendar change was refused."""
    problem = error.problem
    if problem is CalendarProblem.ENDS_BEFORE_START:
        return _("A slot ends after it starts.")
    if problem is CalendarProblem.BREAK_WITHOUT_LABEL:
        return _("A break needs a label in at least one language.")
    if problem is CalendarProblem.OVERLAP:
        return _(
            "%(times)s overlaps %(other)s.",
            times=_span(error.times),
            other=_span(error.other),
        )
    if problem is CalendarProblem.KEPT_SLOT_OVERLAPS:
        return _(
            "On %(day)s, %(times)s stays because it is in use (%(uses)s), "
            "and the new slot %(other)s would overlap it.",
            day=format_day(error.day),
            times=_span(error.times),
            uses=_all_uses(error),
            other=_span(error.other),
        )
    if problem is CalendarProblem.IN_USE:
        return _(
            "%(times)s cannot be removed: it is in use (%(uses)s).",
            times=_span(error.times),
            uses=_all_uses(error),
        )
    if problem is CalendarProblem.TIMES_IN_USE:
        return _(
            "The times cannot change while the slot is in use (%(uses)s); only its label can.",
            uses=_all_uses(error),
        )
    if problem is CalendarProblem.KIND_IN_USE:
        return _(
            "The kind cannot change while the slot is in use (%(uses)s); only its label can.",
            uses=_all_uses(error),
        )
    # CalendarProblem.DAY_IN_USE
    return _(
        "These days are in use and cannot leave the forum's dates: %(slots)s.",
        slots=_list(_slot_and_uses(use) for use in error.uses),
    )
