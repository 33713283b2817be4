"""Joining a forum's interpretation team, changing one's details, withdrawing.

A user has at most one Interpreter row per forum. Joining is possible while the
forum's volunteering window is open when the forum sets one (interpreters are
volunteers), and otherwise while the forum is open: interpretation is often
arranged late, so a forum without a volunteering window does not shut its team.
A closed or archived forum takes no one. One who withdrew may join again then
(pending again); one the coordinator turned down may not. Everyone who joins
waits, pending, for an interpretation coordinator's approval.

Details can be changed while the forum is open. Withdrawing removes the
interpreter's assignments of sessions that have not started (reopening those
needs) and tells the coordinators.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import InterpretationMode
from app.core.feed_addresses import new_feed_nonce
from app.extensions import db
from app.forums.listing import Action, WindowState, what_can_be_done
from app.forums.models import Forum, ForumStatus
from app.interpreting.models import (
    Interpreter,
    InterpreterAvailability,
    InterpreterDirection,
    InterpreterLanguage,
    InterpreterStatus,
    LanguageLevel,
)
from app.interpreting.my_sessions import remove_assignment, upcoming_assignments
from app.interpreting.team_messages import tell_coordinators_of_withdrawal
from app.volunteers.signup import VOLUNTEER_LANGUAGES

# The languages an interpreter may work in: the volunteers' list (the forum's
# three and Kurmanji, Turkmen, Syriac, French).
INTERPRETER_LANGUAGES = VOLUNTEER_LANGUAGES
MODES = tuple(InterpretationMode)
ACTIVE = frozenset({InterpreterStatus.PENDING, InterpreterStatus.APPROVED})


class DetailProblem(StrEnum):
    NO_LANGUAGE = "no_language"
    UNKNOWN_LANGUAGE = "unknown_language"
    NO_DIRECTION = "no_direction"
    DIRECTION_NOT_SPOKEN = "direction_not_spoken"
    NO_MODE = "no_mode"
    UNKNOWN_MODE = "unknown_mode"
    NO_DAY = "no_day"
    UNKNOWN_DAY = "unknown_day"


@dataclass(frozen=True)
class DetailError:
    field: str
    problem: DetailProblem


@dataclass(frozen=True)
class InterpreterDetails:
    """What an interpreter tells the coordinator: each language with its level
    (A native, B active, C passive), the directions (source, target) they
    interpret, their modes, first forum or experienced, the days they can work."""

    languages: tuple[tuple[str, LanguageLevel], ...] = ()
    directions: tuple[tuple[str, str], ...] = ()
    modes: tuple[str, ...] = ()
    experienced: bool = False
    day_ids: tuple[int, ...] = ()

    @classmethod
    def of(cls, interpreter: Interpreter) -> "InterpreterDetails":
        """An interpreter's details as kept, to fill the form with."""
        languages = sorted(
            ((row.language, LanguageLevel(row.level)) for row in interpreter.languages),
            key=lambda pair: _position(pair[0]),
        )
        directions = sorted(
            ((row.source, row.target) for row in interpreter.directions), key=_direction_order
        )
        days = sorted(interpreter.availability, key=lambda row: row.day.date)
        return cls(
            languages=tuple(languages),
            directions=tuple(directions),
            modes=tuple(interpreter.modes or ()),
            experienced=interpreter.experienced,
            day_ids=tuple(row.day_id for row in days),
        )


def _position(code: str) -> int:
    return INTERPRETER_LANGUAGES.index(code) if code in INTERPRETER_LANGUAGES else 99


def _direction_order(direction: tuple[str, str]) -> tuple:
    return (_position(direction[0]), _position(direction[1]), direction)


class JoiningClosed(Exception):
    """The forum takes no one into its team now (window closed or forum not open)."""


class JoiningRefused(Exception):
    """The coordinator turned this person down for the forum; they cannot join again."""


class NotInTeam(Exception):
    """The interpreter has withdrawn or was turned down: nothing to change."""


class DetailsRejected(Exception):
    def __init__(self, errors: Iterable[DetailError]):
        self.errors = list(errors)
        super().__init__(", ".join(f"{e.field}: {e.problem}" for e in self.errors))


def joining_is_open(forum: Forum, now: datetime) -> bool:
    """The forum's volunteering window is open (when it sets one: both dates);
    without one, the forum is open. Never in a draft, closed or archived forum."""
    if forum.status is not ForumStatus.OPEN:
        return False
    window = next(w for w in what_can_be_done(forum, now) if w.action is Action.VOLUNTEER)
    if window.state is WindowState.NOT_PLANNED:
        return True
    return window.state is WindowState.OPEN


def can_edit_details(forum: Forum) -> bool:
    """Interpreters keep their details up to date while the forum is open."""
    return forum.status is ForumStatus.OPEN


def interpreter_of(forum: Forum, user: User | None) -> Interpreter | None:
    """``user``'s interpreter row in ``forum`` (whatever its status), or None."""
    if user is None or not user.is_authenticated:
        return None
    return db.session.scalar(
        sa.select(Interpreter).where(
            Interpreter.forum_id == forum.id, Interpreter.user_id == user.id
        )
    )


def check_details(
    forum: Forum, details: InterpreterDetails
) -> tuple[InterpreterDetails, list[DetailError]]:
    """The details cleaned (in the lists' order) and what is wrong with them: at
    least one known language with a level; at least one direction, each between
    two different languages they gave; at least one known mode; at least one day
    of the forum (when it has days)."""
    errors: list[DetailError] = []
    levels = {code: LanguageLevel(level) for code, level in details.languages}
    if not levels:
        errors.append(DetailError("languages", DetailProblem.NO_LANGUAGE))
    elif set(levels) - set(INTERPRETER_LANGUAGES):
        errors.append(DetailError("languages", DetailProblem.UNKNOWN_LANGUAGE))
    languages = tuple((code, levels[code]) for code in INTERPRETER_LANGUAGES if code in levels)
    directions = tuple(dict.fromkeys((s, t) for s, t in details.directions if s != t))
    if not directions:
        errors.append(DetailError("directions", DetailProblem.NO_DIRECTION))
    elif any(s not in levels or t not in levels for s, t in directions):
        errors.append(DetailError("directions", DetailProblem.DIRECTION_NOT_SPOKEN))
    directions = tuple(sorted(directions, key=_direction_order))
    if not details.modes:
        errors.append(DetailError("modes", DetailProblem.NO_MODE))
    elif set(details.modes) - set(MODES):
        errors.append(DetailError("modes", DetailProblem.UNKNOWN_MODE))
    modes = tuple(str(mode) for mode in MODES if mode in details.modes)
    forum_days = [day.id for day in forum.days]
    if forum_days and not details.day_ids:
        errors.append(DetailError("days", DetailProblem.NO_DAY))
    elif set(details.day_ids) - set(forum_days):
        errors.append(DetailError("days", DetailProblem.UNKNOWN_DAY))
    day_ids = tuple(day_id for day_id in forum_days if day_id in details.day_ids)
    cleaned = InterpreterDetails(languages, directions, modes, details.experienced, day_ids)
    return cleaned, errors


def _apply(interpreter: Interpreter, details: InterpreterDetails) -> None:
    interpreter.modes = list(details.modes)
    interpreter.experienced = details.experienced
    levels = dict(details.languages)
    for row in list(interpreter.languages):
        if row.language not in levels:
            interpreter.languages.remove(row)
        else:
            row.level = levels.pop(row.language)
    interpreter.languages.extend(
        InterpreterLanguage(language=code, level=level) for code, level in levels.items()
    )
    wanted = set(details.directions)
    for row in list(interpreter.directions):
        if (row.source, row.target) in wanted:
            wanted.discard((row.source, row.target))
        else:
            interpreter.directions.remove(row)
    interpreter.directions.extend(
        InterpreterDirection(source=s, target=t) for s, t in details.directions if (s, t) in wanted
    )
    days = set(details.day_ids)
    for row in list(interpreter.availability):
        if row.day_id in days:
            days.discard(row.day_id)
        else:
            interpreter.availability.remove(row)
    interpreter.availability.extend(
        InterpreterAvailability(day_id=day_id) for day_id in details.day_ids if day_id in days
    )
    # Removed rows go before new ones: the unique constraints see no duplicate.
    db.session.flush()


def join_team(
    forum: Forum, user: User, details: InterpreterDetails, *, now: datetime
) -> Interpreter:
    """Put ``user`` in ``forum``'s interpretation team, pending the coordinator's
    approval.

    Only while joining is open (JoiningClosed); never for someone the coordinator
    turned down (JoiningRefused); bad details raise DetailsRejected. A pending or
    approved interpreter joining again just changes their details; one who
    withdrew comes back pending.
    """
    existing = interpreter_of(forum, user)
    if existing is not None and existing.status in ACTIVE:
        return update_details(existing, details)
    if existing is not None and existing.status is InterpreterStatus.REJECTED:
        raise JoiningRefused()
    if not joining_is_open(forum, now):
        raise JoiningClosed()
    cleaned, errors = check_details(forum, details)
    if errors:
        raise DetailsRejected(errors)
    interpreter = existing or Interpreter(forum_id=forum.id, user_id=user.id)
    if existing is None:
        db.session.add(interpreter)
    _apply(interpreter, cleaned)
    interpreter.status = InterpreterStatus.PENDING
    interpreter.created_at = now
    interpreter.decided_at, interpreter.decided_by_id = None, None
    interpreter.feed_nonce = new_feed_nonce()
    db.session.flush()
    return interpreter


def update_details(interpreter: Interpreter, details: InterpreterDetails) -> Interpreter:
    """Change a pending or approved interpreter's details (their status stays);
    only while the forum is open. Assignments stay: the coordinator's board shows
    one that no longer fits."""
    if interpreter.status not in ACTIVE:
        raise NotInTeam()
    if not can_edit_details(interpreter.forum):
        raise JoiningClosed()
    cleaned, errors = check_details(interpreter.forum, details)
    if errors:
        raise DetailsRejected(errors)
    _apply(interpreter, cleaned)
    return interpreter


def withdraw_from_team(interpreter: Interpreter, *, now: datetime) -> int:
    """The interpreter leaves the forum's team: their assignments of sessions that
    have not started are removed (the needs are open again) and the coordinators
    are emailed; past ones stay, for the hours worked. Their calendar address
    stops working. Returns how many assignments were removed."""
    if interpreter.status not in ACTIVE:
        raise NotInTeam()
    removed = upcoming_assignments(interpreter, now)
    for assigned in removed:
        remove_assignment(assigned.assignment, by=interpreter.user)
    interpreter.status = InterpreterStatus.WITHDRAWN
    interpreter.feed_nonce = new_feed_nonce()
    db.session.flush()
    tell_coordinators_of_withdrawal(interpreter, removed)
    return len(removed)
