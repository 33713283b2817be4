"""Fetching the exports and checking them with real parsers against the c3voc schemas.

The schemas are byte-identical copies of the third-party validators, kept with
their sources and licence in ``tests/exports/schemas/`` so the suite runs on a
checkout of this repository alone.
"""

import json
from datetime import datetime
from pathlib import Path

import icalendar
import jsonschema
import xmlschema

from app.activities.models import Activity
from app.extensions import db
from app.forums.models import Forum
from app.scheduling.publishing import publish_schedule
from tests import factories

SCHEMAS = Path(__file__).resolve().parent / "schemas"
KINDS = ("schedule.xml", "schedule.json", "programme.ics", "programme.csv")
# The XSD's slug and acronym patterns, anchored (XSD patterns always are).
XSD_SLUG = r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}"

_xsd = None
_json_schema = None


def xsd() -> xmlschema.XMLSchema:
    global _xsd
    if _xsd is None:
        _xsd = xmlschema.XMLSchema(str(SCHEMAS / "xsd" / "schedule.xml.xsd"))
    return _xsd


def json_validator() -> jsonschema.Draft6Validator:
    """Draft 6 (the schema's own) with the 2020-12 format checker: Draft 6's own
    checker would let bad uuids and dates through."""
    global _json_schema
    if _json_schema is None:
        _json_schema = json.loads((SCHEMAS / "json" / "schema.json").read_text("utf-8"))
    return jsonschema.Draft6Validator(
        _json_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def fetch(client, slug: str, kind: str, lang: str = "en"):
    response = client.get(f"/{slug}/{kind}?lang={lang}")
    assert response.status_code == 200, response.status_code
    return response


def valid_xml(body: bytes):
    """The schedule XML's root element, validated against the XSD (xmlschema parses
    it without entities or network access)."""
    resource = xmlschema.XMLResource(body.decode("utf-8"))
    xsd().validate(resource)
    return resource.root


def xml_events(root) -> list:
    return root.findall("./day/room/event")


def valid_json(body: bytes) -> dict:
    document = json.loads(body.decode("utf-8"))
    errors = sorted(json_validator().iter_errors(document), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    for day in document["schedule"]["conference"]["days"]:
        for key in ("day_start", "day_end"):
            assert datetime.fromisoformat(day[key]).utcoffset() is not None
        for events in day["rooms"].values():
            for event in events:
                for key in ("date", "end"):
                    assert datetime.fromisoformat(event[key]).utcoffset() is not None
    return document


def json_events(document: dict) -> list[dict]:
    return [
        event
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]


def valid_ics(body: bytes) -> icalendar.Calendar:
    """The calendar, parsed, with the properties RFC 5545 requires checked by hand."""
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert required in event, required
        assert event["DTSTAMP"].dt.utcoffset().total_seconds() == 0  # in UTC
        for key in ("DTSTART", "DTEND"):
            assert event[key].params["TZID"] in zones
            assert event[key].dt.utcoffset() is not None
    text = body.decode("utf-8")
    assert all(line.endswith("\r") or not line for line in text.split("\n"))
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    return calendar


def publish_again(forum_id: int) -> None:
    forum = db.session.get(Forum, forum_id)
    publish_schedule(forum, factories.make_user())
    db.session.commit()


def activity(activity_id: int) -> Activity:
    return db.session.get(Activity, activity_id)
