"""Demo forums, built through the forums services as organizers would build them.

The ISF 4th season ("Rights … Peace", Baghdad, three days from 30 November 2017)
with its local fora in Najaf, Hit and Nasiriyah; and an upcoming local forum in
Basra whose registration, proposal and volunteering windows are open today, so
that every "what can be done now" state shows.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

import sqlalchemy as sa

from app.accounts.models import User
from app.demo.forums_data import CHARTER, ROOMS, THEMES
from app.extensions import db
from app.forums.calendar import DEFAULT_PATTERN, SlotSpec, apply_pattern, update_slot
from app.forums.models import Forum, ForumKind, ForumStatus
from app.forums.services import change_status, create_forum, publish_charter
from app.forums.venue import add_room, add_theme

SEASON_SLUG = "isf-4"


@dataclass(frozen=True)
class DemoForum:
    slug: str
    kind: ForumKind
    names: tuple[str, str, str]
    city: str
    governorate: str
    start: date
    days: int
    rooms: int
    statuses: tuple[ForumStatus, ...]
    parent_slug: str | None = None
    number: int | None = None
    slogans: tuple[str | None, str | None, str | None] = (None, None, None)
    windows_from_today: bool = False


def demo_forums(today: date) -> tuple[DemoForum, ...]:
    basra_start = today + timedelta(days=60)
    return (
        DemoForum(
            SEASON_SLUG,
            ForumKind.SEASON,
            ("المنتدى الاجتماعي العراقي", "فۆرەمی کۆمەڵایەتیی عێراق", "Iraqi Social Forum"),
            "Baghdad",
            "baghdad",
            date(2017, 11, 30),
            3,
            len(ROOMS),
            (ForumStatus.OPEN,),
            number=4,
            slogans=("حقوق … سلام", "ماف … ئاشتی", "Rights … Peace"),
        ),
        DemoForum(
            "najaf-2017",
            ForumKind.LOCAL,
            ("منتدى النجف الاجتماعي", "فۆرەمی کۆمەڵایەتیی نەجەف", "Najaf Social Forum"),
            "Najaf",
            "najaf",
            date(2017, 10, 14),
            1,
            3,
            (ForumStatus.OPEN, ForumStatus.CLOSED, ForumStatus.ARCHIVED),
            parent_slug=SEASON_SLUG,
        ),
        DemoForum(
            "hit-2017",
            ForumKind.LOCAL,
            ("منتدى هيت الاجتماعي", "فۆرەمی کۆمەڵایەتیی هیت", "Hit Social Forum"),
            "Hit",
            "anbar",
            date(2017, 10, 21),
            1,
            2,
            (ForumStatus.OPEN, ForumStatus.CLOSED, ForumStatus.ARCHIVED),
            parent_slug=SEASON_SLUG,
        ),
        DemoForum(
            "nasiriyah-2017",
            ForumKind.LOCAL,
            ("منتدى الناصرية الاجتماعي", "فۆرەمی کۆمەڵایەتیی ناسریە", "Nasiriyah Social Forum"),
            "Nasiriyah",
            "dhi_qar",
            date(2017, 11, 4),
            2,
            3,
            (ForumStatus.OPEN, ForumStatus.CLOSED),
            parent_slug=SEASON_SLUG,
        ),
        DemoForum(
            "basra",
            ForumKind.LOCAL,
            ("منتدى البصرة الاجتماعي", "فۆرەمی کۆمەڵایەتیی بەسرە", "Basra Social Forum"),
            "Basra",
            "basra",
            basra_start,
            2,
            4,
            (ForumStatus.OPEN,),
            windows_from_today=True,
        ),
    )


def _windows(spec: DemoForum, today: date) -> dict[str, date]:
    """Windows open today for the upcoming forum; as they were in 2017 for the others."""
    if spec.windows_from_today:
        opens = today - timedelta(days=7)
        return {
            "registration_opens": opens,
            "registration_closes": today + timedelta(days=30),
            "proposals_open": opens,
            "proposals_close": today + timedelta(days=21),
            "volunteering_opens": today,
            "volunteering_closes": spec.start - timedelta(days=3),
        }
    return {
        "registration_opens": spec.start - timedelta(days=60),
        "registration_closes": spec.start - timedelta(days=10),
        "proposals_open": spec.start - timedelta(days=60),
        "proposals_close": spec.start - timedelta(days=21),
        "volunteering_opens": spec.start - timedelta(days=45),
        "volunteering_closes": spec.start - timedelta(days=3),
    }


def _build(spec: DemoForum, admin: User, organizer: User, today: date) -> Forum:
    parent = None
    if spec.parent_slug:
        parent = db.session.scalar(sa.select(Forum).where(Forum.slug == spec.parent_slug))
    name_ar, name_ckb, name_en = spec.names
    slogan_ar, slogan_ckb, slogan_en = spec.slogans
    forum = create_forum(
        admin,
        slug=spec.slug,
        kind=spec.kind,
        parent=parent,
        number=spec.number,
        start_date=spec.start,
        end_date=spec.start + timedelta(days=spec.days - 1),
        organizers=[organizer],
        notify_organizers=False,
        name_ar=name_ar,
        name_ckb=name_ckb,
        name_en=name_en,
        slogan_ar=slogan_ar,
        slogan_ckb=slogan_ckb,
        slogan_en=slogan_en,
        city=spec.city,
        governorate=spec.governorate,
        **_windows(spec, today),
    )
    apply_pattern(forum, DEFAULT_PATTERN)
    if spec.days > 1:
        _lengthen_closing_slot(forum)
    for name_ar, name_ckb, name_en, capacity, channels, step_free, equipment in ROOMS[: spec.rooms]:
        add_room(
            forum,
            name_ar=name_ar,
            name_ckb=name_ckb,
            name_en=name_en,
            capacity=capacity,
            has_booth=channels > 0,
            booth_channels=channels,
            step_free=step_free,
            equipment=equipment,
        )
    themes = THEMES if spec.slug == SEASON_SLUG else THEMES[::2]
    for name_ar, name_ckb, name_en in themes:
        add_theme(forum, name_ar=name_ar, name_ckb=name_ckb, name_en=name_en)
    publish_charter(forum, CHARTER["ar"], CHARTER["ckb"], CHARTER["en"])
    for status in spec.statuses:
        change_status(organizer, forum, status)
    return forum


def _lengthen_closing_slot(forum: Forum) -> None:
    """The last afternoon is longer, for the closing assembly: one day differs."""
    closing = forum.days[-1].slots[-1]
    update_slot(
        closing,
        SlotSpec(
            closing.starts_at,
            time(18, 0),
            closing.kind,
            "الجمعية الختامية",
            "کۆبوونەوەی کۆتایی",
            "Closing assembly",
        ),
    )


def seed_forums(admin: User, organizer: User, today: date) -> list[Forum]:
    """The demo forums, each built once; running it again changes nothing."""
    forums = []
    for spec in demo_forums(today):
        existing = db.session.scalar(sa.select(Forum).where(Forum.slug == spec.slug))
        forums.append(existing or _build(spec, admin, organizer, today))
    db.session.flush()
    return forums
