"""Rosters: who is on each shift, on the shift's page and as a CSV file.

A roster holds personal data (names, phones, emails): the CSV is refused during a
lockdown and each one is audited with its kind and row count, like the other
exports; every cell is neutralised against formula injection by
``app.core.csv_files``. The staff who download it already sign in with two factors.
"""

import re

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.core.csv_files import write_csv
from app.core.i18n import localized
from app.extensions import db
from app.forums.models import Day, Forum
from app.organizations.export import CsvExport
from app.safety.services import ensure_personal_data_export_allowed
from app.volunteers.checkin import hours_of
from app.volunteers.messaging import place_of
from app.volunteers.models import Shift, ShiftSignup, Team, Volunteer

ROSTER_COLUMNS = (
    "shift_id",
    "team",
    "day",
    "starts_at",
    "ends_at",
    "place",
    "places_needed",
    "volunteer",
    "email",
    "phone",
    "languages",
    "checked_in_at",
    "hours_worked",
    "minutes_worked",
    "no_show",
)


def shift_roster(shift: Shift) -> list[ShiftSignup]:
    """The sign-ups of a shift by the volunteers' names, with their users loaded."""
    query = (
        sa.select(ShiftSignup)
        .join(Volunteer, Volunteer.id == ShiftSignup.volunteer_id)
        .join(User, User.id == Volunteer.user_id)
        .where(ShiftSignup.shift_id == shift.id)
        .options(selectinload(ShiftSignup.volunteer).selectinload(Volunteer.user))
        .order_by(User.name, ShiftSignup.id)
    )
    return list(db.session.scalars(query))


def export_roster(actor: User, forum: Forum, team: Team | None = None) -> CsvExport:
    """Every shift of ``forum`` (or of ``team``) with one row per volunteer on it,
    and one row for a shift nobody holds yet.

    Raises ExportRefused during a lockdown (the refusal is audited)."""
    ensure_personal_data_export_allowed(actor, forum)
    query = (
        sa.select(Shift)
        .join(Day, Day.id == Shift.day_id)
        .join(Team, Team.id == Shift.team_id)
        .where(Shift.forum_id == forum.id)
        .options(
            selectinload(Shift.signups)
            .selectinload(ShiftSignup.volunteer)
            .selectinload(Volunteer.user),
            selectinload(Shift.room),
        )
        .order_by(Day.date, Shift.starts_at, Team.position, Team.id, Shift.id)
    )
    if team is not None:
        query = query.where(Shift.team_id == team.id)
    rows = []
    for shift in db.session.scalars(query):
        signups = sorted(shift.signups, key=lambda s: (s.volunteer.user.name, s.id))
        for signup in signups or [None]:
            rows.append(_row(shift, signup))
    kind = "volunteer-roster" if team is None else "team-roster"
    content = write_csv(ROSTER_COLUMNS, rows)
    details = {"kind": kind, "rows": len(rows)}
    if team is not None:
        details["team_id"] = team.id
    record(AuditAction.PERSONAL_DATA_EXPORTED, actor=actor, forum=forum, **details)
    return CsvExport(_filename(forum, team), content, len(rows))


def _filename(forum: Forum, team: Team | None) -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", forum.slug).strip("-") or "forum"
    return f"{slug}-roster.csv" if team is None else f"{slug}-roster-team-{team.id}.csv"


def _row(shift: Shift, signup: ShiftSignup | None) -> list:
    row = [
        shift.id,
        localized(shift.team, "name"),
        shift.day.date.isoformat(),
        shift.starts_at.strftime("%H:%M"),
        shift.ends_at.strftime("%H:%M"),
        place_of(shift),
        shift.places_needed,
    ]
    if signup is None:
        return row + [""] * 8
    volunteer = signup.volunteer
    checked_in = signup.checked_in_at
    return [
        *row,
        volunteer.user.name,
        volunteer.user.email,
        volunteer.phone or "",
        ";".join(volunteer.languages or []),
        checked_in.isoformat(timespec="seconds") if checked_in else "",
        hours_of(signup.minutes_worked),
        "" if signup.minutes_worked is None else signup.minutes_worked,
        "yes" if signup.no_show else "no",
    ]
