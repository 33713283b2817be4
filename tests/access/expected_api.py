"""The read-only API: the same answer for everyone (the matrix forum is open, with
an empty published version 1); any other path under /api/v1 is a JSON 404."""

from tests.access.expected import EVERYONE, ROLES

EXPECTED = {
    "api.index": ("GET", EVERYONE),
    "api.openapi_document": ("GET", EVERYONE),
    "api.forums": ("GET", EVERYONE),
    "api.forum": ("GET", EVERYONE),
    "api.themes": ("GET", EVERYONE),
    "api.rooms": ("GET", EVERYONE),
    "api.programme": ("GET", EVERYONE),
    "api.organizations": ("GET", EVERYONE),
    "api.not_found": ("GET", dict.fromkeys(ROLES, 404)),
}
