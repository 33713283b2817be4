"""How far a forum is set up: the counts and the checklist of its staff overview."""

from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from app.extensions import db
from app.forums.models import Day, Forum, ForumRole, Room, SlotKind, Theme, TimeSlot
from app.forums.services import ForumRule, opening_gaps


class SetupStep(StrEnum):
    DATES = "dates"
    CHARTER = "charter"
    SESSION_SLOT = "session_slot"
    ROOM = "room"
    THEME = "theme"


# A forum opens once these are done; the others are needed before proposals and scheduling.
OPENING_STEPS = (SetupStep.DATES, SetupStep.CHARTER)


@dataclass(frozen=True)
class ForumSetup:
    """How far a forum is set up: its counts and which steps are done."""

    days: int
    session_slots: int
    rooms: int
    themes: int
    staff: int
    done: dict[SetupStep, bool]

    @property
    def missing(self) -> list[SetupStep]:
        return [step for step, done in self.done.items() if not done]


def forum_setup(forum: Forum) -> ForumSetup:
    def count(query) -> int:
        return db.session.scalar(query) or 0

    slots = (
        sa.select(sa.func.count(TimeSlot.id))
        .join(Day, TimeSlot.day_id == Day.id)
        .where(Day.forum_id == forum.id, TimeSlot.kind == SlotKind.SESSION)
    )
    setup = {
        "days": count(sa.select(sa.func.count(Day.id)).where(Day.forum_id == forum.id)),
        "session_slots": count(slots),
        "rooms": count(sa.select(sa.func.count(Room.id)).where(Room.forum_id == forum.id)),
        "themes": count(sa.select(sa.func.count(Theme.id)).where(Theme.forum_id == forum.id)),
        "staff": count(
            sa.select(sa.func.count(sa.distinct(ForumRole.user_id))).where(
                ForumRole.forum_id == forum.id
            )
        ),
    }
    gaps = opening_gaps(forum)
    done = {
        SetupStep.DATES: ForumRule.OPENS_WITH_DATES not in gaps,
        SetupStep.CHARTER: ForumRule.OPENS_WITH_CHARTER not in gaps,
        SetupStep.SESSION_SLOT: setup["session_slots"] > 0,
        SetupStep.ROOM: setup["rooms"] > 0,
        SetupStep.THEME: setup["themes"] > 0,
    }
    return ForumSetup(**setup, done=done)
