"""Why a need is left without interpreters, in the reader's language.

"No one with Kurdish → English is free on Thursday 30 November at 11:00." Names
come in as plain text (the template escapes them): language names in the
reader's language, the day's date formatted for their locale.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date, gettext, ngettext

from app.extensions import db
from app.forums.models import Day
from app.interpreting.auto_assign import Unmet, UnmetReason
from app.interpreting.public import language_name


@dataclass(frozen=True)
class UnmetNames:
    days: Mapping[int, date] = field(default_factory=dict)  # day id -> its date
    languages: Mapping[str, str] = field(default_factory=dict)  # code -> name (translated)


def _mode_name(mode: str | None) -> str:
    return {
        "simultaneous": gettext("simultaneous"),
        "consecutive": gettext("consecutive"),
        "whispered": gettext("whispered"),
    }.get(mode or "", mode or "")


def describe_unmet(unmet: Unmet, names: UnmetNames | None = None) -> str:
    """One or two sentences: who is missing, when, and why."""
    names = names or UnmetNames()
    source, target = unmet.pair
    when = names.days.get(unmet.day_id)
    if when is None:
        day = db.session.get(Day, unmet.day_id)
        when = day.date if day is not None else None
    values = {
        "source": names.languages.get(source) or language_name(source),
        "target": names.languages.get(target) or language_name(target),
        # Translators: a day of the forum, e.g. "Thursday 30 November".
        "day": format_date(when, "EEEE d MMMM") if when else "",
        "time": f"{unmet.starts // 60:02d}:{unmet.starts % 60:02d}",
        "mode": _mode_name(unmet.mode),
    }
    sentence = _SENTENCES[unmet.reason](values)
    if unmet.missing > 1:
        sentence += " " + ngettext(
            "%(num)d interpreter is missing.", "%(num)d interpreters are missing.", unmet.missing
        )
    return sentence


_SENTENCES = {
    UnmetReason.ALL_BUSY: lambda v: gettext(
        "No one with %(source)s → %(target)s is free on %(day)s at %(time)s.", **v
    ),
    UnmetReason.NO_DIRECTION: lambda v: gettext(
        "No one on the team interprets %(source)s → %(target)s (%(day)s at %(time)s).", **v
    ),
    UnmetReason.NOT_AVAILABLE: lambda v: gettext(
        "No one with %(source)s → %(target)s is available on %(day)s (session at %(time)s).",
        **v,
    ),
    UnmetReason.NO_MODE: lambda v: gettext(
        "No one with %(source)s → %(target)s works in %(mode)s interpretation "
        "(%(day)s at %(time)s).",
        **v,
    ),
}
