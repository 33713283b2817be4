"""Coverage of the interpretation: the needs met and unmet per day and language
pair, and the hours each interpreter works, per day and in all; as a page and as a
CSV file.

Only needs of placed sessions count. A need is met when every place of its team
is held (a need through a relay language has a team on each of its two legs). An
interpreter's hours are the lengths of their sessions, each session counted once
(one interpreter may cover both directions of a booth). The CSV
names the interpreters (personal data): it is refused during a lockdown and
audited like the other exports; every cell is neutralised against formulas by
``app.core.csv_files``.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.core.csv_files import write_csv
from app.extensions import db
from app.forums.models import Day, Forum
from app.interpreting.assigning import need_legs, open_places
from app.interpreting.board_sessions import placed_sessions
from app.interpreting.models import (
    InterpretationAssignment,
    InterpretationNeed,
    Interpreter,
    InterpreterStatus,
)
from app.organizations.export import CsvExport, csv_filename
from app.safety.services import ensure_personal_data_export_allowed

COVERAGE_COLUMNS = (
    "kind",
    "day",
    "source",
    "target",
    "needs",
    "met",
    "unmet",
    "places",
    "places_open",
    "interpreter",
    "sessions",
    "minutes",
    "hours",
)


@dataclass
class Tally:
    """Needs and their places: how many, how many fully held."""

    needs: int = 0
    met: int = 0
    places: int = 0
    held: int = 0

    @property
    def unmet(self) -> int:
        return self.needs - self.met

    @property
    def open(self) -> int:
        return self.places - self.held

    def add(self, need: InterpretationNeed) -> None:
        places = places_of(need)
        still_open = open_places(need)
        self.needs += 1
        self.met += 0 if still_open else 1
        self.places += places
        self.held += places - still_open


def places_of(need: InterpretationNeed) -> int:
    """How many interpreters a need takes: its team on each leg (two through a relay)."""
    return need.team_size * len(need_legs(need))


@dataclass
class DayCoverage:
    day: Day
    pairs: list[tuple[str, str, Tally]] = field(default_factory=list)  # source, target
    total: Tally = field(default_factory=Tally)


@dataclass
class Hours:
    interpreter: Interpreter
    name: str
    minutes_by_day: dict[int, int] = field(default_factory=dict)  # day id → minutes
    sessions_by_day: dict[int, int] = field(default_factory=dict)  # day id → sessions

    @property
    def sessions(self) -> int:
        return sum(self.sessions_by_day.values())

    @property
    def minutes(self) -> int:
        return sum(self.minutes_by_day.values())


@dataclass
class Coverage:
    days: list[DayCoverage] = field(default_factory=list)  # days with needs, in order
    total: Tally = field(default_factory=Tally)
    hours: list[Hours] = field(default_factory=list)  # by name
    hour_days: list[Day] = field(default_factory=list)  # the forum's days, for columns


def hours_of(minutes: int) -> str:
    """Minutes as hours and minutes, "3:30"."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def coverage_of(forum: Forum) -> Coverage:
    """The forum's interpretation coverage (see the module's docstring)."""
    sessions = {session.activity.id: session for session in placed_sessions(forum)}
    query = (
        sa.select(InterpretationNeed)
        .where(InterpretationNeed.forum_id == forum.id)
        .options(
            selectinload(InterpretationNeed.assignments)
            .selectinload(InterpretationAssignment.interpreter)
            .options(selectinload(Interpreter.user), selectinload(Interpreter.directions))
        )
        .order_by(InterpretationNeed.source, InterpretationNeed.target, InterpretationNeed.id)
    )
    needs = [need for need in db.session.scalars(query) if need.activity_id in sessions]
    coverage = Coverage(hour_days=list(forum.days))
    by_day: dict[int, DayCoverage] = {}
    pairs: dict[tuple[int, str, str], Tally] = {}
    worked: dict[int, set[int]] = {}  # interpreter id → the sessions they work in
    people: dict[int, Interpreter] = {}
    for need in needs:
        day = sessions[need.activity_id].day
        day_coverage = by_day.setdefault(day.id, DayCoverage(day))
        key = (day.id, need.source, need.target)
        if key not in pairs:
            pairs[key] = Tally()
            day_coverage.pairs.append((need.source, need.target, pairs[key]))
        pairs[key].add(need)
        day_coverage.total.add(need)
        coverage.total.add(need)
        for assignment in need.assignments:
            people[assignment.interpreter_id] = assignment.interpreter
            worked.setdefault(assignment.interpreter_id, set()).add(need.activity_id)
    coverage.days = sorted(by_day.values(), key=lambda d: d.day.date)
    for interpreter in _approved(forum):
        people.setdefault(interpreter.id, interpreter)
    for interpreter_id, interpreter in people.items():
        hours = Hours(interpreter, interpreter.user.name)
        for activity_id in worked.get(interpreter_id, ()):
            session = sessions[activity_id]
            day_id = session.day.id
            hours.minutes_by_day[day_id] = hours.minutes_by_day.get(day_id, 0) + session.minutes
            hours.sessions_by_day[day_id] = hours.sessions_by_day.get(day_id, 0) + 1
        coverage.hours.append(hours)
    coverage.hours.sort(key=lambda h: (h.name.casefold(), h.interpreter.id))
    return coverage


def _approved(forum: Forum) -> list[Interpreter]:
    query = (
        sa.select(Interpreter)
        .where(Interpreter.forum_id == forum.id, Interpreter.status == InterpreterStatus.APPROVED)
        .options(selectinload(Interpreter.user))
    )
    return list(db.session.scalars(query))


def export_coverage(actor: User, forum: Forum) -> CsvExport:
    """The coverage as CSV: a ``pair`` row per day and language pair, a ``day`` row
    per day, a ``total`` row, then an ``interpreter`` row per interpreter and day
    worked and one with their total (``day`` empty).

    Raises ExportRefused during a lockdown (the refusal is audited)."""
    ensure_personal_data_export_allowed(actor, forum)
    coverage = coverage_of(forum)
    rows: list[list] = []
    for day_coverage in coverage.days:
        when = day_coverage.day.date.isoformat()
        for source, target, tally in day_coverage.pairs:
            rows.append(["pair", when, source, target, *_figures(tally), "", "", "", ""])
        rows.append(["day", when, "", "", *_figures(day_coverage.total), "", "", "", ""])
    rows.append(["total", "", "", "", *_figures(coverage.total), "", "", "", ""])
    days = {day.id: day for day in coverage.hour_days}
    for hours in coverage.hours:
        for day_id in sorted(hours.minutes_by_day, key=lambda i: days[i].date):
            when = days[day_id].date.isoformat()
            rows.append(["interpreter", when, "", "", "", "", "", "", "", *_worked(hours, day_id)])
        rows.append(["interpreter", "", "", "", "", "", "", "", "", *_worked(hours, None)])
    content = write_csv(COVERAGE_COLUMNS, rows)
    record(
        AuditAction.PERSONAL_DATA_EXPORTED,
        actor=actor,
        forum=forum,
        kind="interpreting-coverage",
        rows=len(rows),
    )
    return CsvExport(csv_filename(forum, "interpreting-coverage"), content, len(rows))


def _figures(tally: Tally) -> list:
    return [tally.needs, tally.met, tally.unmet, tally.places, tally.open]


def _worked(hours: Hours, day_id: int | None) -> list:
    """Interpreter, sessions, minutes, hours: of one day, or in all (``day_id`` None)."""
    if day_id is None:
        return [hours.name, hours.sessions, hours.minutes, hours_of(hours.minutes)]
    minutes = hours.minutes_by_day[day_id]
    return [hours.name, hours.sessions_by_day[day_id], minutes, hours_of(minutes)]
