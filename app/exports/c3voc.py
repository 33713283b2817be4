"""``schedule.json``: the c3voc schedule JSON, version 1 (validator/json/schema.json).

The shape pretalx writes. Persons are pretalx-style (``name`` only): the schema's
``oneOf`` refuses a person with both ``name`` and frab's ``id`` + ``public_name``.
The description is null when it says no more than the abstract.
"""

import json

from app.exports.public_data import ExportDay, ExportProgramme, ExportSession

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
GENERATOR = "Muntada"


def render_schedule_json(programme: ExportProgramme) -> bytes:
    """The programme as schedule JSON, UTF-8 (Arabic and Kurdish left readable)."""
    document = {
        "$schema": SCHEMA_URL,
        "generator": {"name": GENERATOR},
        "schedule": {
            "version": programme.version,
            "base_url": programme.url,
            "conference": _conference(programme),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _conference(programme: ExportProgramme) -> dict:
    minutes = programme.timeslot_minutes
    return {
        "acronym": programme.acronym,
        "title": programme.title,
        "start": programme.start.isoformat(),
        "end": programme.end.isoformat(),
        "daysCount": len(programme.days),
        "timeslot_duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
        "time_zone_name": programme.time_zone,
        "url": programme.url,
        "rooms": [
            {"name": room.name, "guid": room.guid, "capacity": room.capacity}
            for room in programme.rooms
        ],
        "tracks": [{"name": theme.name, "slug": theme.slug} for theme in programme.themes],
        "days": [_day(day) for day in programme.days],
    }


def _day(day: ExportDay) -> dict:
    rooms: dict[str, list[dict]] = {}
    for room, sessions in day.rooms():
        # Keyed by name: two rooms of one name share a list rather than lose one.
        rooms.setdefault(room.name, []).extend(_event(session) for session in sessions)
    return {
        "index": day.index,
        "date": day.date.isoformat(),
        "day_start": day.starts_at.isoformat(),
        "day_end": day.ends_at.isoformat(),
        "rooms": rooms,
    }


def _event(session: ExportSession) -> dict:
    return {
        "guid": session.guid,
        "id": session.activity_id,
        "date": session.starts_at.isoformat(),
        "start": session.starts_at.strftime("%H:%M"),
        "end": session.ends_at.isoformat(),
        "duration": session.duration,
        "room": session.room.name,
        "slug": session.slug,
        "url": session.url,
        "title": session.title,
        "subtitle": "",
        "track": session.theme.name if session.theme else None,
        "type": session.format,
        "language": session.language,
        "abstract": session.abstract,
        "description": session.description if session.description != session.abstract else None,
        "persons": [{"name": name} for name in session.presenters],
        "links": [],
        "attachments": [],
    }
