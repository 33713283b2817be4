"""One day of the programme as a grid: a row per start time, a column per room.

The rows are the start times of that day's sessions, the columns the rooms used
that day, both taken from the whole day so the grid keeps its shape while filters
empty some cells. A session spans the rows that start before it ends (a two-slot
workshop takes two rows); the cells it covers are not drawn.
"""

from dataclasses import dataclass
from datetime import time

from app.forums.calendar_messages import LTR_ISOLATE, POP_ISOLATE
from app.programme.filters import Filters, session_matches
from app.programme.services import Programme, ProgrammeDay, ProgrammeRoom, ProgrammeSession


@dataclass(frozen=True)
class GridCell:
    sessions: list[ProgrammeSession]
    rowspan: int = 1


@dataclass(frozen=True)
class GridRow:
    starts_at: time
    label: str
    cells: list[GridCell | None]  # None: covered by a session of a row above


@dataclass(frozen=True)
class Grid:
    day: ProgrammeDay
    rooms: list[ProgrammeRoom]
    rows: list[GridRow]

    @property
    def is_empty(self) -> bool:
        return not any(cell and cell.sessions for row in self.rows for cell in row.cells)


def chosen_day(programme: Programme, filters: Filters) -> ProgrammeDay | None:
    """The day the grid shows: the one asked for, else the first."""
    for day in programme.days:
        if day.date == filters.day:
            return day
    return programme.days[0] if programme.days else None


def day_grid(programme: Programme, day: ProgrammeDay, filters: Filters) -> Grid:
    """The grid of ``day`` with only the sessions that pass ``filters``."""
    used = {session.room_id for session in day.sessions}
    rooms = [room for room in programme.rooms if room.id in used]
    starts = sorted({session.starts_at for session in day.sessions})
    shown = [session for session in day.sessions if session_matches(session, filters)]
    rows = [
        GridRow(starts_at=start, label=f"{LTR_ISOLATE}{start:%H:%M}{POP_ISOLATE}", cells=[])
        for start in starts
    ]
    for room in rooms:
        in_room = [session for session in shown if session.room_id == room.id]
        covered_until = -1
        for index, row in enumerate(rows):
            if index <= covered_until:
                row.cells.append(None)
                continue
            starting = [session for session in in_room if session.starts_at == row.starts_at]
            # Never cover a row where another session of the room starts.
            later = [s.starts_at for s in in_room if s.starts_at > row.starts_at]
            ends = max((session.ends_at for session in starting), default=None)
            if ends is not None and later:
                ends = min(ends, min(later))
            span = _span(ends, starts, index) if ends is not None else 1
            row.cells.append(GridCell(sessions=starting, rowspan=span))
            covered_until = index + span - 1
    return Grid(day=day, rooms=rooms, rows=rows)


def _span(ends_at: time, starts: list[time], index: int) -> int:
    """How many rows, from ``index`` on, start before ``ends_at``."""
    return max(1, sum(1 for start in starts[index:] if start < ends_at))
