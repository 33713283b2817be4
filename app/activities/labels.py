"""Translated names of the activities feature's codes."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from app.activities.models import ActivityFormat, ActivityStatus, InterpretationMode, MergeMode

ACTIVITY_FORMAT = {
    ActivityFormat.WORKSHOP: _l("Workshop"),
    ActivityFormat.SEMINAR: _l("Seminar"),
    # Translators: a WSF assembly, where movements agree on joint action.
    ActivityFormat.ASSEMBLY: _l("Assembly"),
    ActivityFormat.CULTURAL: _l("Cultural activity"),
    ActivityFormat.SPORTS: _l("Sports activity"),
    ActivityFormat.SCREENING: _l("Film screening"),
    ActivityFormat.EXHIBITION: _l("Exhibition"),
    ActivityFormat.OTHER: _l("Another format"),
}

INTERPRETATION_MODE = {
    InterpretationMode.SIMULTANEOUS: _l("Simultaneous interpretation"),
    InterpretationMode.CONSECUTIVE: _l("Consecutive interpretation"),
    InterpretationMode.WHISPERED: _l("Whispered interpretation"),
}

ACTIVITY_STATUS = {
    ActivityStatus.DRAFT: _l("Draft"),
    ActivityStatus.SUBMITTED: lazy_pgettext("activity status", "Submitted"),
    ActivityStatus.ACCEPTED: _l("Accepted"),
    ActivityStatus.REJECTED: _l("Not accepted"),
    ActivityStatus.MERGED: _l("Merged"),
    ActivityStatus.WITHDRAWN: _l("Withdrawn"),
}

MERGE_MODE = {
    # Translators: WSF "agglutination" modes. Fusion: one activity, all organizations together.
    MergeMode.FUSION: _l("Fusion"),
    # Translators: kept apart, one after the other in the same room.
    MergeMode.SEQUENCE: _l("Sequence"),
    # Translators: each sends a representative to the other's activity.
    MergeMode.DIALOGUE: _l("Dialogue"),
}


def activity_status_label(status: str) -> str:
    return str(ACTIVITY_STATUS[ActivityStatus(status)])


def activity_format_label(code: str) -> str:
    return str(ACTIVITY_FORMAT[ActivityFormat(code)])


def merge_mode_label(mode: str) -> str:
    return str(MERGE_MODE[MergeMode(mode)])
