"""Rendering of the programme's main content: the seam for a cache.

``render_programme_fragment`` gives the HTML of the programme page's main
content (filters, view switch, list or grid) for one forum, language and set of
filters. Without ``stars`` (an anonymous visitor) it holds nothing of the visitor:
no form token, no star state (the browser adds its star buttons), so it may be
kept per (forum, published version number, language, filters) and served to every
anonymous visitor until the next version is published. With ``stars`` (a signed-in
visitor's starred ids) it carries their star forms and must not be shared.
"""

from collections.abc import Collection
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_location
from flask import render_template
from flask_babel import force_locale

from app.core.i18n import current_language, format_day
from app.forums.models import Forum
from app.programme.filters import GRID, Filters, filter_options, filtered_days
from app.programme.grid import chosen_day, day_grid
from app.programme.services import Programme, public_programme


def zone_label(timezone: str, on: datetime | None = None) -> str:
    """The forum's time zone as people read it: "Iraq Time (Asia/Baghdad, UTC+03:00)"."""
    zone = ZoneInfo(timezone)
    offset = (on or datetime.now(zone)).astimezone(zone).strftime("%z")
    sign, hours, minutes = offset[:1] or "+", offset[1:3] or "00", offset[3:5] or "00"
    place = get_timezone_location(zone, locale=current_language())
    return f"{place} (\u2066{timezone}, UTC{sign}{hours}:{minutes}\u2069)"


def programme_context(
    forum: Forum, programme: Programme, filters: Filters, stars: Collection[int] | None
) -> dict:
    """What templates/programme/_programme.html needs."""
    options = filter_options(programme)
    context = {
        "forum": forum,
        "programme": programme,
        "filters": filters,
        "options": options,
        "day_choices": [(day, format_day(day, "full")) for day in options.days],
        "stars": stars,
        "days": filtered_days(programme, filters),
        "grid": None,
    }
    if filters.view == GRID:
        day = chosen_day(programme, filters)
        context["grid"] = day_grid(programme, day, filters) if day else None
    return context


def render_programme_fragment(
    forum: Forum, language: str, filters: Filters, stars: Collection[int] | None = None
) -> str:
    """The programme page's main content in ``language`` (see the module's note on
    what may be cached)."""
    with force_locale(language):
        programme = public_programme(forum)
        return render_template(
            "programme/_programme.html", **programme_context(forum, programme, filters, stars)
        )
