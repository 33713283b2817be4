"""On the day: coordinators check volunteers in, note the hours they worked, and
mark those who did not come.

Check-in opens on the shift's day (forum local date) and stays possible after it
(a coordinator catching up); checking in counts the shift's length as worked until
someone writes other hours. Hours are whole minutes, from none to a day; only a
volunteer who came has hours. A no-show is marked once the shift has started, and
clears the check-in and the hours.
"""

from datetime import datetime
from enum import StrEnum

from app.accounts.models import User
from app.extensions import db
from app.forums.listing import zone_of
from app.volunteers.models import ShiftSignup
from app.volunteers.shifts import shift_length_minutes
from app.volunteers.taking import shift_starts

MAX_MINUTES = 24 * 60


class CheckInProblem(StrEnum):
    NOT_YET = "not_yet"  # before the shift's day
    NOT_STARTED = "not_started"  # a no-show before the shift starts
    NOT_CHECKED_IN = "not_checked_in"  # hours for someone who did not come
    MINUTES_OUT_OF_RANGE = "minutes_out_of_range"


class CheckInError(Exception):
    def __init__(self, problem: CheckInProblem):
        self.problem = problem
        super().__init__(problem)


def _local_date(signup: ShiftSignup, now: datetime):
    return now.astimezone(zone_of(signup.shift.forum.timezone)).date()


def check_in(signup: ShiftSignup, *, by: User, now: datetime) -> None:
    """The volunteer came: checked in at ``now`` by ``by``; the shift's length counts
    as worked unless hours were written already. Checking in twice keeps the first."""
    if _local_date(signup, now) < signup.shift.day.date:
        raise CheckInError(CheckInProblem.NOT_YET)
    if signup.checked_in_at is None:
        signup.checked_in_at = now
        signup.checked_in_by_id = by.id
    signup.no_show = False
    if signup.minutes_worked is None:
        signup.minutes_worked = shift_length_minutes(signup.shift)
    db.session.flush()


def undo_check_in(signup: ShiftSignup) -> None:
    """A check-in made by mistake: as if the volunteer had not been seen yet."""
    signup.checked_in_at = None
    signup.checked_in_by_id = None
    signup.minutes_worked = None
    db.session.flush()


def record_minutes(signup: ShiftSignup, minutes: int) -> None:
    """The time the volunteer worked, in minutes (0 to 24 hours), once checked in."""
    if signup.checked_in_at is None:
        raise CheckInError(CheckInProblem.NOT_CHECKED_IN)
    if not 0 <= minutes <= MAX_MINUTES:
        raise CheckInError(CheckInProblem.MINUTES_OUT_OF_RANGE)
    signup.minutes_worked = minutes
    db.session.flush()


def mark_no_show(signup: ShiftSignup, *, now: datetime) -> None:
    """The volunteer did not come: no check-in, no hours. Only once the shift started."""
    if now < shift_starts(signup.shift):
        raise CheckInError(CheckInProblem.NOT_STARTED)
    signup.no_show = True
    signup.checked_in_at = None
    signup.checked_in_by_id = None
    signup.minutes_worked = None
    db.session.flush()


def clear_no_show(signup: ShiftSignup) -> None:
    signup.no_show = False
    db.session.flush()


def hours_of(minutes: int | None) -> str:
    """Minutes as hours and minutes, "3:30" (for lists and the CSV)."""
    if minutes is None:
        return ""
    return f"{minutes // 60}:{minutes % 60:02d}"
