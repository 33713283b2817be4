"""The auto-scheduler's suggestions and the published versions of the programme.

Organizers ask for, accept and discard suggestions and publish; reviewers (who may
look at the board) read a suggestion and the versions. The matrix forum holds a
finished, empty suggestion and an empty version 1. The apply POST names no button:
nothing changes and the organizer is sent back to the suggestion (its id varies,
so only the redirect is checked).
"""

from tests.access.expected import only, organizers

STAFF = {"reviewer": 200, "organizer": 200}

EXPECTED = {
    "scheduling.suggest": ("GET", organizers(200)),
    "scheduling.suggestion": ("GET", only(STAFF)),
    "scheduling.apply_suggestion": ("POST", organizers(302)),
    "scheduling.discard_suggestion": ("GET", organizers(200)),
    "scheduling.publish": ("GET", organizers(200)),
    "scheduling.versions": ("GET", only(STAFF)),
    "scheduling.version": ("GET", only(STAFF)),
}
