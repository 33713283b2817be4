"""Why the auto-scheduler left an activity unplaced: a reason code the proposal
stores, and its explanation in the reader's language."""

from enum import StrEnum

from flask_babel import gettext as _


class Unplaced(StrEnum):
    NO_ROOM_BIG_ENOUGH = "no_room_big_enough"
    NO_BOOTH_ROOM = "no_booth_room"
    NO_RUN_LONG_ENOUGH = "no_run_long_enough"
    NO_POSSIBLE_DAY = "no_possible_day"
    NO_FREE_PLACE = "no_free_place"
    SEQUENCE_UNPLACEABLE = "sequence_unplaceable"


def describe_unplaced(code: str) -> str:
    """The reason in words, translated; an unknown code reads as a generic reason."""
    if code == Unplaced.NO_ROOM_BIG_ENOUGH:
        return _("No room holds the expected attendance.")
    if code == Unplaced.NO_BOOTH_ROOM:
        return _(
            "No room big enough has an interpretation booth with enough channels for its languages."
        )
    if code == Unplaced.NO_RUN_LONG_ENOUGH:
        return _("No day has enough session slots in a row for its length.")
    if code == Unplaced.NO_POSSIBLE_DAY:
        return _("It cannot take place on any day that has enough session slots in a row.")
    if code == Unplaced.NO_FREE_PLACE:
        return _(
            "Every suitable room and time is already taken or would clash with "
            "another session of the same organization, presenter or interpreter."
        )
    if code == Unplaced.SEQUENCE_UNPLACEABLE:
        return _("It is merged into a sequence that cannot be placed back to back in one room.")
    return _("The auto-scheduler could not place it.")
