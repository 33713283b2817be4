"""The schedule board: organizers, reviewers and interpretation coordinators look;
only organizers change it.

The POSTs name nothing: the place and swap forms come back with their errors (200);
the pin and the removal name the matrix activity, which is not on the schedule (it
is only submitted), so the organizer is sent back to the board.
"""

from tests.access.expected import in_forum, only, organizers

LOOK = {"reviewer": 200, "organizer": 200}
BOARD = in_forum("/staff/schedule/")

EXPECTED = {
    "scheduling.board": ("GET", only(LOOK)),
    "scheduling.place": ("POST", organizers(200)),
    "scheduling.swap": ("POST", organizers(200)),
    "scheduling.unplace": ("GET", organizers(BOARD)),
    "scheduling.pin": ("POST", organizers(BOARD)),
}
