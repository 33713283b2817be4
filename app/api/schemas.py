"""The schemas of the API's answers, for its OpenAPI 3.1 document.

They are JSON Schema 2020-12 (as OpenAPI 3.1 has them) and closed
(``additionalProperties: false``): a field not named here is a field the API
must not give out, and the tests hold every answer to them.
"""

from enum import StrEnum
from typing import Any

from app.activities.models import ActivityFormat, InterpretationMode
from app.forums.models import ForumKind, ForumStatus
from app.organizations.models import OrganizationType

Schema = dict[str, Any]


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _values(enum: type[StrEnum], leave_out: StrEnum | None = None) -> Schema:
    return {"enum": [member.value for member in enum if member is not leave_out]}


def _nullable(type_: str, **extra: Any) -> Schema:
    return {"type": [type_, "null"], **extra}


def _object(properties: dict[str, Schema], description: str | None = None) -> Schema:
    schema: Schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def _list_of(name: str, paginated: bool) -> Schema:
    properties: dict[str, Schema] = {"data": {"type": "array", "items": _ref(name)}}
    if paginated:
        properties["next"] = _ref("NextPage")
    return _object(properties)


LANGUAGE = {"type": "string", "description": "A language code such as ar, ckb or en."}
TEXTS = _object(
    {code: _nullable("string") for code in ("ar", "ckb", "en")},
    "A text as written in each language (null where not given).",
)
LINK = {"type": "string", "format": "uri"}

FORUM = _object(
    {
        "slug": {"type": "string", "pattern": "^[a-z0-9-]+$"},
        "kind": _values(ForumKind),
        "number": _nullable("integer", description="The season's number."),
        "name": _ref("Texts"),
        "slogan": _ref("Texts"),
        "city": _nullable("string"),
        "governorate": _nullable("string"),
        "country": {"type": "string", "description": "ISO 3166-1 alpha-2."},
        "timezone": {"type": "string", "description": "IANA time zone of the forum."},
        "start_date": _nullable("string", format="date"),
        "end_date": _nullable("string", format="date"),
        "languages": {"type": "array", "items": LANGUAGE},
        "status": _values(ForumStatus, leave_out=ForumStatus.DRAFT),
        "parent": _nullable("string", description="Slug of the season of a local forum."),
        "links": _object(
            {name: LINK for name in ("self", "themes", "rooms", "programme", "organizations")}
        ),
    },
    "A public forum (a season or a local forum); drafts are never listed.",
)
THEME = _object({"id": {"type": "integer"}, "name": _ref("Texts")})
ROOM = _object(
    {
        "id": {"type": "integer"},
        "name": _ref("Texts"),
        "capacity": {"type": "integer", "minimum": 0},
        "booth": {"type": "boolean", "description": "Has an interpretation booth."},
        "channels": {"type": "integer", "minimum": 0, "description": "Booth channels."},
        "step_free": {"type": "boolean"},
    }
)
INTERPRETATION = _object(
    {
        "source": LANGUAGE,
        "target": LANGUAGE,
        "mode": _values(InterpretationMode),
        "channel": _nullable(
            "integer", description="Booth channel of the target (simultaneous in a booth)."
        ),
    }
)
SESSION = _object(
    {
        "id": {"type": "integer", "description": "The activity's id, the same in every version."},
        "title": _ref("Texts"),
        "description": _ref("Texts"),
        "day": {"type": "string", "format": "date"},
        "start": {"type": "string", "format": "date-time"},
        "end": {"type": "string", "format": "date-time"},
        "room": {"type": "integer", "description": "Id of a room of the forum."},
        "theme": _nullable("integer", description="Id of a theme of the forum."),
        "format": _values(ActivityFormat),
        "spoken_languages": {"type": "array", "items": LANGUAGE},
        "interpretation": {"type": "array", "items": _ref("Interpretation")},
        "organizations": {
            "type": "array",
            "description": "Publicly listed organizations only; none during a lockdown.",
            "items": _object({"id": {"type": "integer"}, "name": _ref("Texts")}),
        },
        "presenters": {
            "type": "array",
            "description": "Presenters who agreed to be named; none during a lockdown.",
            "items": _object({"name": {"type": "string"}}),
        },
    },
    "A session of the published programme; times carry the forum's UTC offset.",
)
PROGRAMME = _object(
    {
        "forum": {"type": "string"},
        "version": {
            "oneOf": [
                {"type": "null"},
                _object(
                    {
                        "number": {"type": "integer", "minimum": 1},
                        "published_at": {"type": "string", "format": "date-time"},
                    }
                ),
            ]
        },
        "data": {"type": "array", "items": _ref("Session")},
        "next": _ref("NextPage"),
    },
    "The latest published version and its sessions by day, time and room; "
    'before anything is published: {"version": null, "data": [], "next": null}. '
    "A cursor keeps reading the version of its first page.",
)
ORGANIZATION = _object(
    {
        "id": {"type": "integer"},
        "name": _ref("Texts"),
        "acronym": _nullable("string"),
        "type": _values(OrganizationType),
        "country": {"type": "string"},
        "governorate": _nullable("string"),
        "fields_of_work": {"type": "array", "items": {"type": "string"}},
        "website": _nullable("string", format="uri"),
    },
    "An organization registered (approved) for the forum that chose to be listed; "
    "none during a lockdown.",
)
ERROR = _object(
    {"error": {"enum": ["not_found", "bad_request", "bad_cursor", "bad_limit"]}},
    "Every error answer.",
)
NEXT_PAGE = _nullable("string", format="uri", description="The next page; null on the last.")
INDEX = _object({"forums": LINK, "openapi": LINK})

SCHEMAS = {
    "Texts": TEXTS,
    "NextPage": NEXT_PAGE,
    "Error": ERROR,
    "Index": INDEX,
    "Forum": FORUM,
    "ForumList": _list_of("Forum", paginated=True),
    "Theme": THEME,
    "ThemeList": _list_of("Theme", paginated=False),
    "Room": ROOM,
    "RoomList": _list_of("Room", paginated=False),
    "Interpretation": INTERPRETATION,
    "Session": SESSION,
    "Programme": PROGRAMME,
    "Organization": ORGANIZATION,
    "OrganizationList": _list_of("Organization", paginated=True),
}
