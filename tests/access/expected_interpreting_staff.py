"""The interpretation coordinators' board and coverage
(``/<forum>/staff/interpreting/board``, ``…/coverage``): the forum's organizers and
interpretation coordinators only (MANAGE_INTERPRETING); reviewers, organizers of
another forum and site administrators are refused.

The matrix activity is placed and has one need (edited, so deriving again keeps
it) held by the matrix interpreter. The assign and auto-assign POSTs name nothing
(no interpreter, no time limit): the board comes back with the error (400).
Deriving again goes back to the board. Unassigning and removing a need ask first
(200: the GET shows the confirmation). The CSV is a download (200).
"""

from tests.access.expected import in_forum, organizers

BOARD = in_forum("/staff/interpreting/board")

EXPECTED = {
    "interpreting_staff.board": ("GET", organizers(200)),
    "interpreting_staff.assign": ("POST", organizers(400)),
    "interpreting_staff.unassign_interpreter": ("GET", organizers(200)),
    "interpreting_staff.derive": ("POST", organizers(BOARD)),
    "interpreting_staff.auto_assign_needs": ("POST", organizers(400)),
    "interpreting_staff.edit_need": ("GET", organizers(200)),
    "interpreting_staff.add_need": ("GET", organizers(200)),
    "interpreting_staff.remove_need": ("GET", organizers(200)),
    "interpreting_staff.coverage": ("GET", organizers(200)),
    "interpreting_staff.coverage_csv": ("GET", organizers(200)),
}
