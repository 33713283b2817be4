"""The coordinator's changes to a session's needs: change one, add one, remove one.

A need the coordinator changed or added is marked ``edited``: deriving the needs
again keeps it as it is. Rules: a team is one or two interpreters; the target and
the relay differ from the source and from each other; a session has one need per
target language (as derived ones are); a channel is for simultaneous
interpretation in a room with a booth, within its channels, and one channel
carries one language. Changing what a need asks
for (the target, the relay or the mode) reopens it: its interpreters are
unassigned, since they were chosen for what it was.
"""

from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import Activity, InterpretationMode
from app.extensions import db
from app.forums.models import Room
from app.interpreting.assigning import unassign
from app.interpreting.models import InterpretationNeed


class NeedProblem(StrEnum):
    SAME_LANGUAGE = "same_language"  # the target is the source
    RELAY_IS_SOURCE_OR_TARGET = "relay_is_source_or_target"
    TARGET_TAKEN = "target_taken"  # the session has a need into this language already
    TEAM_SIZE = "team_size"
    TEAM_TOO_SMALL = "team_too_small"  # fewer places than interpreters assigned
    CHANNEL_WITHOUT_BOOTH = "channel_without_booth"
    CHANNEL_NOT_SIMULTANEOUS = "channel_not_simultaneous"
    CHANNEL_OUT_OF_RANGE = "channel_out_of_range"
    CHANNEL_TAKEN = "channel_taken"  # another language is on that channel


class NeedRefused(Exception):
    """The change was not made; ``problems`` say why (each about one field)."""

    def __init__(self, problems: list[NeedProblem]):
        self.problems = problems
        super().__init__(", ".join(problems))


@dataclass(frozen=True)
class NeedValues:
    """What a need asks for, as the coordinator gives it."""

    source: str
    target: str
    mode: InterpretationMode
    team_size: int
    relay: str | None = None
    channel: int | None = None


def values_of(need: InterpretationNeed) -> NeedValues:
    return NeedValues(need.source, need.target, need.mode, need.team_size, need.relay, need.channel)


def change_need(
    need: InterpretationNeed, values: NeedValues, room: Room | None, *, by: User
) -> int:
    """Change ``need`` (its source stays) to ``values``; marks it edited. ``room`` is
    where the session is placed. Returns how many interpreters were unassigned.

    Raises NeedRefused when a rule above is broken (nothing is changed)."""
    values = NeedValues(
        need.source, values.target, values.mode, values.team_size, values.relay, values.channel
    )
    _check(need.activity, values, room, need)
    reopened = (values.target, values.relay, values.mode) != (need.target, need.relay, need.mode)
    unassigned = 0
    if reopened:
        unassigned = len(need.assignments)
        for assignment in list(need.assignments):
            unassign(assignment, by=by)
        db.session.expire(need, ["assignments"])
    need.target, need.relay, need.mode = values.target, values.relay, values.mode
    need.team_size, need.channel = values.team_size, values.channel
    need.edited = True
    db.session.flush()
    return unassigned


def add_need(activity: Activity, values: NeedValues, room: Room | None) -> InterpretationNeed:
    """A need the coordinator adds to a placed session (marked edited).

    Raises NeedRefused when a rule above is broken."""
    _check(activity, values, room, None)
    need = InterpretationNeed(
        forum_id=activity.forum_id,
        activity_id=activity.id,
        source=values.source,
        target=values.target,
        relay=values.relay,
        mode=values.mode,
        team_size=values.team_size,
        channel=values.channel,
        edited=True,
    )
    db.session.add(need)
    db.session.flush()
    return need


def remove_need(need: InterpretationNeed, *, by: User) -> None:
    """Delete ``need``; its interpreters are unassigned first (each one audited)."""
    for assignment in list(need.assignments):
        unassign(assignment, by=by)
    db.session.delete(need)
    db.session.flush()


def _check(activity: Activity, values: NeedValues, room: Room | None, need) -> None:
    others = [
        other
        for other in db.session.scalars(
            sa.select(InterpretationNeed).where(InterpretationNeed.activity_id == activity.id)
        )
        if need is None or other.id != need.id
    ]
    problems: list[NeedProblem] = []
    if values.target == values.source:
        problems.append(NeedProblem.SAME_LANGUAGE)
    elif any(o.target == values.target for o in others):
        problems.append(NeedProblem.TARGET_TAKEN)
    if values.relay is not None and values.relay in (values.source, values.target):
        problems.append(NeedProblem.RELAY_IS_SOURCE_OR_TARGET)
    if values.team_size not in (1, 2):
        problems.append(NeedProblem.TEAM_SIZE)
    elif need is not None and len(need.assignments) > values.team_size:
        same = (values.target, values.relay, values.mode) == (need.target, need.relay, need.mode)
        if same:  # a change of what is asked unassigns everyone anyway
            problems.append(NeedProblem.TEAM_TOO_SMALL)
    problem = _channel_problem(values, room, others)
    if problem is not None:
        problems.append(problem)
    if problems:
        raise NeedRefused(problems)


def _channel_problem(values: NeedValues, room: Room | None, others) -> NeedProblem | None:
    if values.channel is None:
        return None
    if values.mode != InterpretationMode.SIMULTANEOUS:
        return NeedProblem.CHANNEL_NOT_SIMULTANEOUS
    if room is None or not room.has_booth or room.booth_channels < 1:
        return NeedProblem.CHANNEL_WITHOUT_BOOTH
    if not 1 <= values.channel <= room.booth_channels:
        return NeedProblem.CHANNEL_OUT_OF_RANGE
    if any(o.channel == values.channel for o in others):
        return NeedProblem.CHANNEL_TAKEN
    return None
