"""Rooms that volunteers' shifts take place in cannot be removed (see
``app.core.usage``); this reader says which shifts use them."""

import sqlalchemy as sa
from flask_babel import gettext as _

from app.core.i18n import localized
from app.extensions import db
from app.forums.models import Day
from app.forums.venue import register_room_usage
from app.volunteers.models import Shift, Team


def rooms_in_use(room_ids: list[int]) -> dict[int, list[str]]:
    uses: dict[int, list[str]] = {}
    rows = db.session.execute(
        sa.select(Shift.room_id, Team, Day.date, Shift.starts_at)
        .join(Team, Team.id == Shift.team_id)
        .join(Day, Day.id == Shift.day_id)
        .where(Shift.room_id.in_(room_ids))
        .order_by(Day.date, Shift.starts_at)
    )
    for room_id, team, day, starts_at in rows:
        # Translators: what uses a room, shown in "cannot remove" errors.
        text = _(
            "volunteer shift: %(team)s, %(day)s %(time)s",
            team=localized(team, "name"),
            day=day.isoformat(),
            time=starts_at.strftime("%H:%M"),
        )
        uses.setdefault(room_id, []).append(text)
    return uses


def register_usage() -> None:
    register_room_usage("volunteers", rooms_in_use)


register_usage()
