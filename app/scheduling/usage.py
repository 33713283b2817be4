"""Rooms and slots that sessions use, draft or published, cannot be removed (see
``app.core.usage``); these readers say which sessions use them."""

import sqlalchemy as sa
from flask_babel import gettext as _

from app.activities.models import Activity
from app.core.i18n import localized
from app.extensions import db
from app.forums.calendar import register_slot_usage
from app.forums.models import TimeSlot
from app.forums.venue import register_room_usage
from app.scheduling.models import Placement, PlacementCell, PublishedSession


def _session(activity: Activity) -> str:
    # Translators: what uses a room or a time slot, shown in "cannot remove" errors.
    return _("session: %(title)s", title=localized(activity, "title"))


def rooms_in_use(room_ids: list[int]) -> dict[int, list[str]]:
    uses: dict[int, list[str]] = {}
    draft = db.session.execute(
        sa.select(Placement.room_id, Activity)
        .join(Activity, Activity.id == Placement.activity_id)
        .where(Placement.room_id.in_(room_ids))
    )
    published = db.session.execute(
        sa.select(PublishedSession.room_id, Activity)
        .join(Activity, Activity.id == PublishedSession.activity_id)
        .where(PublishedSession.room_id.in_(room_ids))
    )
    for room_id, activity in [*draft, *published]:
        text = _session(activity)
        if text not in uses.setdefault(room_id, []):
            uses[room_id].append(text)
    return uses


def slots_in_use(slot_ids: list[int]) -> dict[int, list[str]]:
    uses: dict[int, list[str]] = {}
    draft = db.session.execute(
        sa.select(PlacementCell.slot_id, Activity)
        .join(Placement, Placement.id == PlacementCell.placement_id)
        .join(Activity, Activity.id == Placement.activity_id)
        .where(PlacementCell.slot_id.in_(slot_ids))
    )
    for slot_id, activity in draft:
        uses.setdefault(slot_id, []).append(_session(activity))
    days = sa.select(TimeSlot.day_id).where(TimeSlot.id.in_(slot_ids))
    wanted = set(slot_ids)
    published = db.session.execute(
        sa.select(PublishedSession.slot_ids, Activity)
        .join(Activity, Activity.id == PublishedSession.activity_id)
        .where(PublishedSession.day_id.in_(days))
    )
    for published_slots, activity in published:
        for slot_id in wanted.intersection(published_slots):
            text = _session(activity)
            if text not in uses.setdefault(slot_id, []):
                uses[slot_id].append(text)
    return uses


def register_usage() -> None:
    register_room_usage("scheduling", rooms_in_use)
    register_slot_usage("scheduling", slots_in_use)
