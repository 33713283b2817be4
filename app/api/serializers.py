"""Plain JSON values of public objects: each lists exactly the fields it gives out.

Texts written per language come as ``{"ar": …, "ckb": …, "en": …}`` (null where
not given), whatever the reader's language, so an answer is the same for all.
Times of sessions are ISO 8601 with the forum's UTC offset on that day.
"""

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import url_for

from app.activities.models import InterpretationMode
from app.api.programme_data import PublicSession
from app.forums.models import Forum, Room, Theme
from app.interpreting.models import InterpretationNeed
from app.organizations.directory import safe_website
from app.organizations.models import Organization
from app.scheduling.models import ScheduleVersion

LANGUAGES = ("ar", "ckb", "en")
Json = dict[str, Any]


def texts(obj: object, field: str) -> dict[str, str | None]:
    """``obj.<field>_<language>`` for each language (null when empty)."""
    return {code: getattr(obj, f"{field}_{code}", None) or None for code in LANGUAGES}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _instant(value: datetime) -> str:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def forum_json(forum: Forum, parent_slug: str | None) -> Json:
    return {
        "slug": forum.slug,
        "kind": str(forum.kind),
        "number": forum.number,
        "name": texts(forum, "name"),
        "slogan": texts(forum, "slogan"),
        "city": forum.city,
        "governorate": forum.governorate,
        "country": forum.country,
        "timezone": forum.timezone,
        "start_date": _day(forum.start_date),
        "end_date": _day(forum.end_date),
        "languages": list(forum.languages or []),
        "status": str(forum.status),
        "parent": parent_slug,
        "links": {
            "self": url_for("api.forum", forum_slug=forum.slug, _external=True),
            "themes": url_for("api.themes", forum_slug=forum.slug, _external=True),
            "rooms": url_for("api.rooms", forum_slug=forum.slug, _external=True),
            "programme": url_for("api.programme", forum_slug=forum.slug, _external=True),
            "organizations": url_for("api.organizations", forum_slug=forum.slug, _external=True),
        },
    }


def theme_json(theme: Theme) -> Json:
    return {"id": theme.id, "name": texts(theme, "name")}


def room_json(room: Room) -> Json:
    return {
        "id": room.id,
        "name": texts(room, "name"),
        "capacity": room.capacity,
        "booth": bool(room.has_booth),
        "channels": room.booth_channels if room.has_booth else 0,
        "step_free": bool(room.step_free),
    }


def version_json(version: ScheduleVersion) -> Json:
    return {"number": version.number, "published_at": _instant(version.published_at)}


def _channel(need: InterpretationNeed, room: Room) -> int | None:
    """A booth channel exists only for simultaneous interpretation in a booth room
    (the same rule as the languages line of the programme page)."""
    if need.mode != InterpretationMode.SIMULTANEOUS or not room.has_booth:
        return None
    return need.channel


def interpretation_json(need: InterpretationNeed, room: Room) -> Json:
    return {
        "source": need.source,
        "target": need.target,
        "mode": str(need.mode),
        "channel": _channel(need, room),
    }


def session_json(item: PublicSession, zone: ZoneInfo) -> Json:
    session, activity = item.session, item.session.activity
    day = session.day.date
    return {
        "id": activity.id,
        "title": texts(activity, "title"),
        "description": texts(activity, "description"),
        "day": day.isoformat(),
        "start": datetime.combine(day, session.starts_at, tzinfo=zone).isoformat(),
        "end": datetime.combine(day, session.ends_at, tzinfo=zone).isoformat(),
        "room": session.room_id,
        "theme": activity.theme_id,
        "format": str(activity.format),
        "spoken_languages": list(dict.fromkeys(activity.spoken_languages or [])),
        "interpretation": [interpretation_json(need, session.room) for need in item.needs],
        "organizations": [
            {"id": organization.id, "name": texts(organization, "name")}
            for organization in item.organizations
        ],
        "presenters": [{"name": name} for name in item.presenters],
    }


def organization_json(organization: Organization) -> Json:
    """What the public directory shows of an organization, and no more."""
    return {
        "id": organization.id,
        "name": texts(organization, "name"),
        "acronym": organization.acronym or None,
        "type": str(organization.kind),
        "country": organization.country,
        "governorate": organization.governorate,
        "fields_of_work": list(organization.fields_of_work or []),
        "website": safe_website(organization.website),
    }
