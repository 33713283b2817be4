"""The interpretation coordinators' board as the page shows it: one day's placed
sessions, each with its needs, who holds them and, for a place still open, the
interpreters who fit (then the others, with why not); and every need of the forum
still open.

Read only: nothing here writes. Titles and names come in the reader's language.
"""

from dataclasses import dataclass, field
from datetime import time

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import selectinload

from app.activities.labels import INTERPRETATION_MODE
from app.core.i18n import format_day, localized, text_direction
from app.extensions import db
from app.forums.models import Day, Forum
from app.interpreting.assigning import (
    AssignContext,
    candidates,
    load_context,
    open_places,
)
from app.interpreting.assigning_rules import AssignProblem
from app.interpreting.board_sessions import PlacedSession, placed_sessions
from app.interpreting.models import InterpretationAssignment, InterpretationNeed, Interpreter
from app.interpreting.public import language_name

PROBLEMS = {
    AssignProblem.NOT_APPROVED: _l("not approved for the interpretation team"),
    AssignProblem.NO_DIRECTION: _l("does not interpret in this direction"),
    AssignProblem.NO_MODE: _l("does not work in this mode"),
    AssignProblem.NOT_AVAILABLE: _l("not available that day"),
    AssignProblem.BUSY: _l("in another session at that time"),
    AssignProblem.DAILY_MAXIMUM: _l("has the most sessions a day already"),
    AssignProblem.NO_BREAK: _l("would work three sessions in a row, without a break"),
    AssignProblem.TEAM_FULL: _l("the team of this need is full"),
    AssignProblem.ALREADY_ASSIGNED: _l("already on this need"),
    AssignProblem.NOT_PLACED: _l("the session is not on the draft schedule"),
}


def describe_problem(problem: AssignProblem | str) -> str:
    """A rule in the way of an assignment, in words (a phrase about the interpreter)."""
    text = PROBLEMS.get(AssignProblem(problem)) if problem in set(AssignProblem) else None
    return str(text) if text is not None else str(problem)


@dataclass(frozen=True)
class CandidateLine:
    interpreter_id: int
    name: str
    fits: bool
    experienced: bool
    reasons: tuple[str, ...] = ()  # why not, in words


@dataclass(frozen=True)
class AssignedLine:
    assignment_id: int
    interpreter_id: int
    name: str
    pinned: bool
    experienced: bool


@dataclass(frozen=True)
class NeedLine:
    need_id: int
    source: str  # language names
    target: str
    relay: str | None
    mode: str
    team_size: int
    channel: int | None
    edited: bool
    assigned: tuple[AssignedLine, ...]
    open_places: int
    candidates: tuple[CandidateLine, ...] = ()  # for an open place: who fits first

    @property
    def fitting(self) -> tuple[CandidateLine, ...]:
        return tuple(c for c in self.candidates if c.fits)


@dataclass(frozen=True)
class SessionLine:
    activity_id: int
    title: str
    starts_at: time
    ends_at: time
    room: str
    has_booth: bool
    channels: int
    spoken: tuple[str, ...]
    needs: tuple[NeedLine, ...]


@dataclass(frozen=True)
class UnmetLine:
    need_id: int
    day_id: int
    activity_id: int
    text: str


@dataclass
class Board:
    days: list[Day]
    day: Day | None
    sessions: list[SessionLine]
    unmet: list[UnmetLine]
    counts: dict[str, int] = field(default_factory=dict)


def read_board(forum: Forum, day_id: int | None = None) -> Board:
    """The board of one day (the forum's first day when ``day_id`` is not one of
    its days) and the forum's open needs."""
    days = list(forum.days)
    day = next((d for d in days if d.id == day_id), days[0] if days else None)
    sessions = placed_sessions(forum)
    needs = needs_of(forum, [s.activity.id for s in sessions])
    context = load_context(forum)
    lines = [
        _session_line(session, needs.get(session.activity.id, []), context)
        for session in sessions
        if day is not None and session.day.id == day.id
    ]
    unmet = [
        _unmet_line(session, need, context)
        for session in sessions
        for need in needs.get(session.activity.id, [])
        if open_places(need)
    ]
    every_need = [need for group in needs.values() for need in group]
    return Board(
        days=days,
        day=day,
        sessions=lines,
        unmet=unmet,
        counts={
            "sessions": len(sessions),
            "needs": len(every_need),
            "unmet": len(unmet),
            "assignments": sum(len(need.assignments) for need in every_need),
        },
    )


def needs_of(forum: Forum, activity_ids: list[int]) -> dict[int, list[InterpretationNeed]]:
    """The needs of these sessions by activity id, with their interpreters loaded."""
    if not activity_ids:
        return {}
    query = (
        sa.select(InterpretationNeed)
        .where(
            InterpretationNeed.forum_id == forum.id,
            InterpretationNeed.activity_id.in_(activity_ids),
        )
        .options(
            selectinload(InterpretationNeed.assignments)
            .selectinload(InterpretationAssignment.interpreter)
            .options(selectinload(Interpreter.user), selectinload(Interpreter.directions))
        )
        .order_by(
            InterpretationNeed.channel.is_(None),
            InterpretationNeed.channel,
            InterpretationNeed.target,
            InterpretationNeed.source,
            InterpretationNeed.id,
        )
    )
    found: dict[int, list[InterpretationNeed]] = {}
    for need in db.session.scalars(query):
        found.setdefault(need.activity_id, []).append(need)
    return found


def _session_line(session: PlacedSession, needs, context: AssignContext) -> SessionLine:
    room = session.room
    return SessionLine(
        activity_id=session.activity.id,
        title=localized(session.activity, "title"),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        room=localized(room, "name"),
        has_booth=room.has_booth,
        channels=room.booth_channels if room.has_booth else 0,
        spoken=tuple(language_name(code) for code in session.activity.spoken_languages or ()),
        needs=tuple(_need_line(need, context) for need in needs),
    )


def _need_line(need: InterpretationNeed, context: AssignContext) -> NeedLine:
    still_open = open_places(need)
    assigned = sorted(need.assignments, key=lambda a: (a.interpreter.user.name.casefold(), a.id))
    return NeedLine(
        need_id=need.id,
        source=language_name(need.source),
        target=language_name(need.target),
        relay=language_name(need.relay) if need.relay else None,
        mode=str(INTERPRETATION_MODE.get(need.mode, need.mode)),
        team_size=need.team_size,
        channel=need.channel,
        edited=need.edited,
        assigned=tuple(
            AssignedLine(
                assignment_id=a.id,
                interpreter_id=a.interpreter_id,
                name=a.interpreter.user.name,
                pinned=a.pinned,
                experienced=a.interpreter.experienced,
            )
            for a in assigned
        ),
        open_places=still_open,
        candidates=tuple(_candidate_lines(need, context)) if still_open else (),
    )


def _candidate_lines(need: InterpretationNeed, context: AssignContext) -> list[CandidateLine]:
    return [
        CandidateLine(
            interpreter_id=candidate.interpreter.id,
            name=candidate.interpreter.user.name,
            fits=candidate.fits,
            experienced=candidate.interpreter.experienced,
            reasons=tuple(describe_problem(reason) for reason in candidate.reasons),
        )
        for candidate in candidates(need, context)
        if AssignProblem.ALREADY_ASSIGNED not in candidate.reasons
    ]


def _unmet_line(session: PlacedSession, need: InterpretationNeed, context) -> UnmetLine:
    fitting = sum(1 for c in candidates(need, context) if c.fits)
    pair = pair_text(need)
    when = f"{format_day(session.day.date, 'full')}, {session.starts_at:%H:%M}"
    title = _isolated(localized(session.activity, "title"))
    places = open_places(need)
    places_open = ngettext("%(num)d place open.", "%(num)d places open.", places)
    if fitting:
        why = ngettext("%(num)d interpreter fits.", "%(num)d interpreters fit.", fitting)
    else:
        why = _("No one with %(pair)s is free then.", pair=pair)
    text = _(
        "%(when)s, %(title)s, %(pair)s: %(places_open)s %(why)s",
        when=when,
        title=title,
        pair=pair,
        places_open=places_open,
        why=why,
    )
    return UnmetLine(need.id, session.day.id, session.activity.id, text)


def pair_text(need: InterpretationNeed) -> str:
    """ "Kurdish → English", or "Kurdish → Arabic → English" through a relay (the
    arrow points the way the reader reads: ← in Arabic and Kurdish)."""
    names = [need.source, *([need.relay] if need.relay else []), need.target]
    return arrow().join(language_name(code) for code in names)


def arrow() -> str:
    return " ← " if text_direction() == "rtl" else " → "


def _isolated(text: str) -> str:
    """User-written text inside a translated sentence, kept in its own direction."""
    return f"\u2068{text}\u2069"
