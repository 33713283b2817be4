"""The schedule board: organizers, reviewers and interpretation coordinators look;
only organizers change it.

The matrix activity is placed on the board (in the matrix forum's second room and
slot). The POSTs name nothing: the place and swap forms come back with their errors
(200), and the pin, missing its pinned value, changes nothing and sends the
organizer back to the board. Removing the session asks first (200): the GET only
shows the confirmation.
"""

from tests.access.expected import in_forum, only, organizers

LOOK = {"reviewer": 200, "organizer": 200}
BOARD = in_forum("/staff/schedule/")

EXPECTED = {
    "scheduling.board": ("GET", only(LOOK)),
    "scheduling.place": ("POST", organizers(200)),
    "scheduling.swap": ("POST", organizers(200)),
    "scheduling.unplace": ("GET", organizers(200)),
    "scheduling.pin": ("POST", organizers(BOARD)),
}
