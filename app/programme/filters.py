"""The filters of the programme page, read from its GET form (``?day=&theme=…``).

Every filter narrows the sessions; together they all apply. "Understandable for
me" keeps a session spoken in the chosen language or interpreted into it (one of
its interpretation needs has that target). A value that is not one of the
programme's (a day it does not have, a made-up theme) is ignored rather than
refused: the page still shows the programme.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from app.activities.labels import activity_format_label
from app.interpreting.public import LANGUAGE_NAMES, language_name
from app.programme.search import QUERY_MAX_LENGTH, matches_query, query_words
from app.programme.services import Programme, ProgrammeDay, ProgrammeSession

LIST, GRID = "list", "grid"
VIEWS = (LIST, GRID)
_LANGUAGE = frozenset(LANGUAGE_NAMES)


@dataclass(frozen=True)
class Filters:
    """What the visitor asked for; hashable, so it can be part of a cache key."""

    day: date | None = None
    theme: int | None = None
    format: str | None = None
    language: str | None = None
    understand: str | None = None
    q: str = ""
    view: str = LIST

    @property
    def narrows(self) -> bool:
        """Does any filter other than the day leave sessions out?"""
        return any((self.theme, self.format, self.language, self.understand, self.words))

    @property
    def words(self) -> tuple[str, ...]:
        return query_words(self.q)

    def query(self, **changes) -> dict[str, str]:
        """The URL parameters of these filters with ``changes`` (defaults left out)."""
        changed = replace(self, **changes)
        values = {
            "view": changed.view if changed.view != LIST else None,
            "day": changed.day.isoformat() if changed.day else None,
            "theme": changed.theme,
            "format": changed.format,
            "language": changed.language,
            "understand": changed.understand,
            "q": changed.q,
        }
        return {name: str(value) for name, value in values.items() if value}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def _language(value: str | None) -> str | None:
    return value if value in _LANGUAGE else None


def parse_filters(args: Mapping[str, str]) -> Filters:
    """The filters of a request's query string; unknown values are dropped."""
    view = args.get("view")
    return Filters(
        day=_day(args.get("day")),
        theme=_number(args.get("theme")),
        format=(args.get("format") or None),
        language=_language(args.get("language")),
        understand=_language(args.get("understand")),
        q=" ".join((args.get("q") or "")[:QUERY_MAX_LENGTH].split()),
        view=view if view in VIEWS else LIST,
    )


def is_understandable(session: ProgrammeSession, language: str) -> bool:
    """Spoken in ``language``, or interpreted into it."""
    return language in session.spoken or language in session.interpreted_into


def session_matches(session: ProgrammeSession, filters: Filters) -> bool:
    """Does ``session`` pass every filter but the day?"""
    if filters.theme is not None and session.theme_id != filters.theme:
        return False
    if filters.format and session.format_code != filters.format:
        return False
    if filters.language and filters.language not in session.spoken:
        return False
    if filters.understand and not is_understandable(session, filters.understand):
        return False
    return matches_query(session.search_key, filters.words)


def filtered_days(programme: Programme, filters: Filters) -> list[ProgrammeDay]:
    """The days (the chosen one only, if any) with their matching sessions; days
    left without a session are dropped."""
    days = []
    for day in programme.days:
        if filters.day is not None and day.date != filters.day:
            continue
        sessions = [session for session in day.sessions if session_matches(session, filters)]
        if sessions:
            days.append(ProgrammeDay(date=day.date, sessions=sessions))
    return days


@dataclass(frozen=True)
class FilterOptions:
    """The choices of the filter form: only what the programme holds."""

    days: list[date]
    themes: list[tuple[int, str]]
    formats: list[tuple[str, str]]
    spoken: list[tuple[str, str]]
    understandable: list[tuple[str, str]]


def _languages(codes: set[str]) -> list[tuple[str, str]]:
    ordered = [code for code in LANGUAGE_NAMES if code in codes]
    return [(code, language_name(code)) for code in ordered]


def filter_options(programme: Programme) -> FilterOptions:
    sessions = programme.sessions
    themes = {s.theme_id: s.theme for s in sessions if s.theme_id is not None and s.theme}
    formats = dict.fromkeys(s.format_code for s in sessions)
    spoken = {code for s in sessions for code in s.spoken}
    heard = spoken | {code for s in sessions for code in s.interpreted_into}
    return FilterOptions(
        days=[day.date for day in programme.days],
        themes=sorted(themes.items(), key=lambda item: item[1].casefold()),
        formats=sorted(
            ((code, activity_format_label(code)) for code in formats), key=lambda item: item[1]
        ),
        spoken=_languages(spoken),
        understandable=_languages(heard),
    )
