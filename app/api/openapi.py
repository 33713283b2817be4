"""The OpenAPI 3.1 document of the API, served at ``/api/v1/openapi.json``.

Part of the public contract: paths and fields are only ever added to in v1.
"""

from functools import cache
from typing import Any

from app.api.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.api.schemas import SCHEMAS

Operation = dict[str, Any]
VERSION = "1.0.0"

PARAMETERS = {
    "ForumSlug": {
        "name": "forum_slug",
        "in": "path",
        "required": True,
        "description": "The forum's slug, as in its address.",
        "schema": {"type": "string"},
    },
    "Cursor": {
        "name": "cursor",
        "in": "query",
        "required": False,
        "description": "Opaque: copy it from `next` of the previous page.",
        "schema": {"type": "string"},
    },
    "Limit": {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": "How many items a page holds.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    },
}
ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
RESPONSES = {
    "NotFound": {
        "description": 'No such public forum (drafts too): `{"error": "not_found"}`.',
        "content": ERROR_CONTENT,
    },
    "BadPage": {
        "description": "A `limit` outside 1..100 (`bad_limit`) or a cursor that is not "
        "one of this list's (`bad_cursor`).",
        "content": ERROR_CONTENT,
    },
}


def _get(
    operation_id: str,
    summary: str,
    schema: str,
    *,
    in_forum: bool = False,
    paginated: bool = False,
) -> dict[str, Operation]:
    parameters = []
    responses: dict[str, Any] = {
        "200": {
            "description": summary,
            "headers": {
                "Access-Control-Allow-Origin": {"schema": {"type": "string", "const": "*"}}
            },
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
        }
    }
    if in_forum:
        parameters.append({"$ref": "#/components/parameters/ForumSlug"})
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    if paginated:
        parameters += [
            {"$ref": "#/components/parameters/Cursor"},
            {"$ref": "#/components/parameters/Limit"},
        ]
        responses["400"] = {"$ref": "#/components/responses/BadPage"}
    operation: Operation = {"operationId": operation_id, "summary": summary, "responses": responses}
    if parameters:
        operation["parameters"] = parameters
    return {"get": operation}


PATHS = {
    "/": _get("index", "Links to the forums and to this document.", "Index"),
    "/openapi.json": _get("openapi", "This document.", "OpenApiDocument"),
    "/forums": _get("listForums", "Public forums, by id.", "ForumList", paginated=True),
    "/forums/{forum_slug}": _get("getForum", "One public forum.", "Forum", in_forum=True),
    "/forums/{forum_slug}/themes": _get(
        "listThemes", "The forum's themes.", "ThemeList", in_forum=True
    ),
    "/forums/{forum_slug}/rooms": _get(
        "listRooms", "The forum's rooms.", "RoomList", in_forum=True
    ),
    "/forums/{forum_slug}/programme": _get(
        "getProgramme",
        "The latest published programme, its sessions by day, time and room.",
        "Programme",
        in_forum=True,
        paginated=True,
    ),
    "/forums/{forum_slug}/organizations": _get(
        "listOrganizations",
        "Organizations registered for the forum that chose to be listed publicly, by id.",
        "OrganizationList",
        in_forum=True,
        paginated=True,
    ),
}
DESCRIPTION = """\
Read-only public data of Muntada, the registration and programme site of the
Iraqi Social Forum: forums, their themes and rooms, published programmes and
publicly listed organizations. No personal data: presenters appear only when
they agreed, by name only; organizations only when they chose to be listed.

Every answer is JSON, the same for every reader, open to any origin (CORS)
and needs no cookie. Long lists are paginated with a cursor: follow `next`
until it is null; `limit` sets the page size (1 to 100, 50 by default).
Errors are `{"error": "<name>"}` with the matching HTTP status; a method
other than GET, HEAD or OPTIONS gets 405 `{"error": "method_not_allowed"}`
with an `Allow` header.
"""


@cache
def document() -> dict[str, Any]:
    """The whole document (built once; it never changes while the app runs)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Muntada public API",
            "version": VERSION,
            "description": DESCRIPTION,
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "servers": [{"url": "/api/v1"}],
        "paths": PATHS,
        "components": {
            "schemas": {**SCHEMAS, "OpenApiDocument": {"type": "object", "required": ["openapi"]}},
            "parameters": PARAMETERS,
            "responses": RESPONSES,
        },
    }
