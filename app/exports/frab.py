"""``schedule.xml``: the frab/c3voc schedule XML (validator/xsd/schedule.xml.xsd).

Read by Giggity, EventFahrplan, Engelsystem and the c3voc video pipeline. Every
day carries its date (Giggity reads it), durations stay below 24:00, and no
element the XSD rejects (venue, city, day_change) is written. The description
is left out when it says no more than the abstract (its first paragraph). The
XSD needs at least one day: a forum without days gets its first date, empty.
"""

from datetime import datetime, time
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from app.exports.public_data import ExportDay, ExportProgramme, ExportSession

GENERATOR = "Muntada"


def render_schedule_xml(programme: ExportProgramme) -> bytes:
    """The programme as schedule XML, UTF-8 with its declaration."""
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR)
    _text(root, "version", programme.version)
    _conference(root, programme)
    days = programme.days or [_empty_day(programme)]
    for day in days:
        _day(root, day)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _text(parent: ET.Element, tag: str, value: str | None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = value or ""
    return element


def _conference(root: ET.Element, programme: ExportProgramme) -> None:
    conference = ET.SubElement(root, "conference")
    _text(conference, "acronym", programme.acronym)
    _text(conference, "title", programme.title)
    _text(conference, "start", programme.start.isoformat())
    _text(conference, "end", programme.end.isoformat())
    _text(conference, "days", str(len(programme.days) or 1))
    minutes = programme.timeslot_minutes
    _text(conference, "timeslot_duration", f"{minutes // 60:02d}:{minutes % 60:02d}")
    _text(conference, "time_zone_name", programme.time_zone)
    _text(conference, "base_url", programme.url)
    _text(conference, "url", programme.url)
    for theme in programme.themes:
        _text(conference, "track", theme.name, name=theme.name, slug=theme.slug)


def _empty_day(programme: ExportProgramme) -> ExportDay:
    zone = ZoneInfo(programme.time_zone)
    return ExportDay(
        index=1,
        date=programme.start,
        starts_at=datetime.combine(programme.start, time(0), tzinfo=zone),
        ends_at=datetime.combine(programme.start, time(23, 59), tzinfo=zone),
        sessions=[],
    )


def _day(root: ET.Element, day: ExportDay) -> None:
    element = ET.SubElement(
        root,
        "day",
        index=str(day.index),
        date=day.date.isoformat(),
        start=day.starts_at.isoformat(),
        end=day.ends_at.isoformat(),
    )
    for room, sessions in day.rooms():
        room_element = ET.SubElement(element, "room", name=room.name, guid=room.guid)
        for session in sessions:
            _event(room_element, session)


def _event(parent: ET.Element, session: ExportSession) -> None:
    event = ET.SubElement(parent, "event", id=str(session.activity_id), guid=session.guid)
    _text(event, "date", session.starts_at.isoformat())
    _text(event, "start", session.starts_at.strftime("%H:%M"))
    _text(event, "duration", session.duration)
    _text(event, "room", session.room.name)
    _text(event, "slug", session.slug)
    _text(event, "url", session.url)
    _text(event, "title", session.title)
    _text(event, "subtitle", "")
    _text(event, "track", session.theme.name if session.theme else "")
    _text(event, "type", session.format)
    if session.language:
        _text(event, "language", session.language)
    _text(event, "abstract", session.abstract)
    if session.description != session.abstract:
        _text(event, "description", session.description)
    persons = ET.SubElement(event, "persons")
    for name in session.presenters:
        _text(persons, "person", name)
    ET.SubElement(event, "links")
