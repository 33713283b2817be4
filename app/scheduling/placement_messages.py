"""Why a change to the draft schedule was refused, in the reader's language."""

from flask_babel import lazy_gettext as _l

from app.scheduling.placing import PlacementProblem

PLACEMENT_MESSAGES = {
    PlacementProblem.NOT_ACCEPTED: _l(
        "Only accepted activities are placed on the schedule; this one is not accepted."
    ),
    PlacementProblem.NOT_A_SESSION_SLOT: _l(
        "Choose a room of this forum and a session slot (not a break) to start in."
    ),
    PlacementProblem.NO_RUN: _l(
        "This activity needs more consecutive session slots than the day has from there on: "
        "start earlier, or on another day."
    ),
    PlacementProblem.CELL_TAKEN: _l(
        "Another session already holds that room at that time (perhaps placed meanwhile by "
        "another organizer). Look at the board again and choose a free place."
    ),
    PlacementProblem.NOT_PLACED: _l("This activity is not on the schedule."),
    PlacementProblem.READ_ONLY: _l("This forum is archived: its schedule can no longer change."),
}


def placement_message(problem: PlacementProblem) -> str:
    return str(PLACEMENT_MESSAGES[problem])
