"""The exports of the published programme: anyone may read them (the matrix forum
has an empty version 1)."""

from tests.access.expected import EVERYONE

EXPECTED = {
    "exports.schedule_xml": ("GET", EVERYONE),
    "exports.schedule_json": ("GET", EVERYONE),
    "exports.programme_ics": ("GET", EVERYONE),
    "exports.programme_csv": ("GET", EVERYONE),
}
