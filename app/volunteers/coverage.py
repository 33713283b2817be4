"""Coverage: how many of a forum's shift places are taken, by day, by team and by
shift, the gaps first.

A place is taken by a sign-up (a no-show still holds it: the coordinator sees it
on the roster). Shifts are listed with the largest gap first, then in time order;
days and teams with their totals, in their own order.
"""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.forums.models import Day, Forum
from app.volunteers.models import Shift, ShiftSignup, Team


@dataclass(frozen=True)
class ShiftCoverage:
    shift: Shift
    needed: int
    taken: int

    @property
    def gap(self) -> int:
        return max(self.needed - self.taken, 0)


@dataclass
class Total:
    needed: int = 0
    taken: int = 0
    shifts: int = 0
    short: int = 0  # shifts with a gap

    @property
    def gap(self) -> int:
        return max(self.needed - self.taken, 0)

    def add(self, row: ShiftCoverage) -> None:
        self.needed += row.needed
        self.taken += min(row.taken, row.needed)
        self.shifts += 1
        self.short += 1 if row.gap else 0


@dataclass
class Coverage:
    shifts: list[ShiftCoverage] = field(default_factory=list)  # gaps first
    days: list[tuple[date, Total]] = field(default_factory=list)
    teams: list[tuple[Team, Total]] = field(default_factory=list)
    total: Total = field(default_factory=Total)


def coverage_of(forum: Forum, *, team: Team | None = None, day: Day | None = None) -> Coverage:
    """The forum's coverage (only ``team``'s or ``day``'s shifts when given)."""
    taken = (
        sa.select(ShiftSignup.shift_id, sa.func.count(ShiftSignup.id).label("taken"))
        .group_by(ShiftSignup.shift_id)
        .subquery()
    )
    query = (
        sa.select(Shift, sa.func.coalesce(taken.c.taken, 0))
        .join(Day, Day.id == Shift.day_id)
        .join(Team, Team.id == Shift.team_id)
        .outerjoin(taken, taken.c.shift_id == Shift.id)
        .where(Shift.forum_id == forum.id)
        .order_by(Day.date, Shift.starts_at, Team.position, Team.id, Shift.id)
    )
    if team is not None:
        query = query.where(Shift.team_id == team.id)
    if day is not None:
        query = query.where(Shift.day_id == day.id)
    rows = [
        ShiftCoverage(shift, shift.places_needed, count)
        for shift, count in db.session.execute(query)
    ]
    coverage = Coverage()
    days: dict[date, Total] = {}
    teams: dict[int, tuple[Team, Total]] = {}
    for row in rows:
        coverage.total.add(row)
        days.setdefault(row.shift.day.date, Total()).add(row)
        teams.setdefault(row.shift.team_id, (row.shift.team, Total()))[1].add(row)
    # Stable sort: within one gap size, the time order of the query stays.
    coverage.shifts = sorted(rows, key=lambda row: -row.gap)
    coverage.days = sorted(days.items())
    coverage.teams = sorted(teams.values(), key=lambda item: (item[0].position, item[0].id))
    return coverage
