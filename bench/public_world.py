"""A WSF-size published forum in the database, for the public programme benchmark.

Run by bench/public_programme.py (``python -m bench.public_world`` with
DATABASE_URL set, after ``flask db upgrade``). The forum, its 100 rooms, 5 days ×
4 slots and 1,500 activities come from bench/schedule_forum.py's generator; its
hidden schedule (one that breaks no rule) is written as the draft and published
as version 1, so no solver run is needed. Titles and descriptions are in Arabic
and English, organizations are listed publicly, presenters consented, and
interpreted sessions have their channels: every part of the page is exercised.
"""

from datetime import date, time, timedelta
from random import Random

from app.accounts.models import User
from app.activities.models import (
    Activity,
    ActivityFormat,
    ActivityStatus,
    CoOrganizer,
    InterpretationMode,
    Presenter,
)
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import Forum, ForumStatus, Room, Theme, TimeSlot
from app.interpreting.models import InterpretationNeed
from app.organizations.models import Organization, OrganizationType
from app.organizations.normalise import name_keys
from app.scheduling.models import Placement, PlacementCell
from app.scheduling.publishing import publish_schedule
from bench.schedule_forum import SLOT_TIMES, wsf_forum

SLUG = "wsf"
FIRST_DAY = date(2027, 1, 25)
# fmt: off
WORDS_EN = (
    "water", "rights", "marshes", "youth", "women", "labour", "justice", "climate", "dialogue",
    "peace", "media", "displacement", "education", "health", "memory", "land", "farmers",
    "rivers", "cities", "culture", "solidarity",
)
WORDS_AR = (
    "المياه", "الحقوق", "الأهوار", "الشباب", "النساء", "العمل", "العدالة", "المناخ", "الحوار",
    "السلام", "الإعلام", "النزوح", "التعليم", "الصحة", "الذاكرة", "الأرض", "الفلاحون",
    "الأنهار", "المدن", "الثقافة", "التضامن",
)
# fmt: on


def _phrase(rng: Random, words: tuple[str, ...] | list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length))


def build_wsf_forum(seed: int = 2024) -> Forum:
    """Write the generated forum and publish its schedule; returns the forum."""
    rng = Random(seed)  # noqa: S311 - benchmark data, not a secret
    planted = wsf_forum(seed)
    snapshot = planted.snapshot
    days = max(slot.day_id for slot in snapshot.slots.values())
    # An unusable password: nobody signs in as the benchmark's organizer.
    organizer = User(
        email="bench-organizer@example.org",
        name="Bench",
        locale="en",
        password_hash="!",  # noqa: S106
    )
    db.session.add(organizer)
    forum = Forum(
        slug=SLUG,
        status=ForumStatus.OPEN,
        name_en="World Social Forum (benchmark)",
        name_ar="المنتدى الاجتماعي العالمي (قياس)",
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + timedelta(days=days - 1),
    )
    db.session.add(forum)
    db.session.flush()
    sync_days(forum)
    slots = _slots(forum, snapshot)
    themes = [
        Theme(forum_id=forum.id, name_en=f"Theme {k}: {_phrase(rng, WORDS_EN, 3)}",
              name_ar=f"المحور {k}: {_phrase(rng, WORDS_AR, 3)}", position=k)
        for k in range(1, 13)
    ]  # fmt: skip
    rooms = {
        r.id: Room(forum_id=forum.id, name_en=f"Room {r.id}", name_ar=f"القاعة {r.id}",
                   capacity=r.capacity, has_booth=r.has_booth, booth_channels=r.channels,
                   position=r.id)
        for r in snapshot.rooms.values()
    }  # fmt: skip
    db.session.add_all([*themes, *rooms.values()])
    organizations = _organizations(rng, snapshot)
    db.session.flush()
    for activity_id, spot in sorted(planted.hidden.items()):
        generated = snapshot.activities[activity_id]
        activity = _activity(rng, forum, generated, organizations, themes)
        room = rooms[spot.room_id]
        db.session.flush()
        day_id = slots[spot.slot_ids[0]].day_id
        placement = Placement(forum_id=forum.id, activity_id=activity.id, room_id=room.id,
                              day_id=day_id)  # fmt: skip
        placement.cells = [
            PlacementCell(room_id=room.id, slot_id=slots[s].id) for s in spot.slot_ids
        ]
        db.session.add(placement)
        _needs(forum, activity, generated.interpretation_languages, generated.simultaneous)
    db.session.flush()
    publish_schedule(forum, organizer, "Benchmark programme")
    return forum


def _slots(forum: Forum, snapshot) -> dict[int, TimeSlot]:
    """The generator's slots (day 1..5, four a day) as the forum's time slots."""
    days = sorted(forum.days, key=lambda day: day.date)
    made = {}
    for slot_id, slot in sorted(snapshot.slots.items()):
        starts, ends = slot.starts, slot.ends
        made[slot_id] = TimeSlot(
            starts_at=time(starts // 60, starts % 60), ends_at=time(ends // 60, ends % 60)
        )
        days[slot.day_id - 1].slots.append(made[slot_id])
    db.session.flush()
    assert len(SLOT_TIMES) == 4
    return made


def _organizations(rng: Random, snapshot) -> dict[int, Organization]:
    numbers = sorted({o for a in snapshot.activities.values() for o in a.organizations})
    made = {}
    for number in numbers:
        name_en = f"{_phrase(rng, WORDS_EN, 2).title()} Association {number}"
        name_ar = f"جمعية {_phrase(rng, WORDS_AR, 2)} {number}"
        organization = Organization(
            name_en=name_en, name_ar=name_ar, kind=OrganizationType.NGO, listed_publicly=True
        )
        organization.name_keys = name_keys(name_ar, None, name_en)
        made[number] = organization
    db.session.add_all(made.values())
    return made


def _activity(rng, forum, generated, organizations, themes) -> Activity:
    lead, *others = sorted(generated.organizations)
    activity = Activity(
        forum_id=forum.id,
        lead_organization_id=organizations[lead].id,
        title_en=_phrase(rng, WORDS_EN, rng.randint(4, 9)).capitalize(),
        title_ar=_phrase(rng, WORDS_AR, rng.randint(4, 9)),
        description_en=_phrase(rng, WORDS_EN, rng.randint(20, 60)).capitalize() + ".",
        description_ar=_phrase(rng, WORDS_AR, rng.randint(20, 60)) + ".",
        theme_id=themes[(generated.theme_id or 1) - 1].id,
        format=rng.choice(list(ActivityFormat)),
        spoken_languages=rng.choice((["ar"], ["ar"], ["en"], ["ar", "en"], ["ckb"])),
        status=ActivityStatus.ACCEPTED,
        length_slots=generated.length,
        expected_attendance=generated.attendance,
    )
    activity.co_organizers = [
        CoOrganizer(organization_id=organizations[o].id, accepted=True) for o in others
    ]
    activity.presenters = [
        Presenter(name=f"Presenter {key}", public_consent=True, position=k)
        for k, key in enumerate(sorted(generated.presenters)[:3])
    ]
    db.session.add(activity)
    return activity


def _needs(forum, activity, languages: int, simultaneous: bool) -> None:
    source = activity.spoken_languages[0]
    targets = [code for code in ("ar", "en", "ckb") if code != source][:languages]
    mode = InterpretationMode.SIMULTANEOUS if simultaneous else InterpretationMode.CONSECUTIVE
    for channel, target in enumerate(targets, start=1):
        db.session.add(
            InterpretationNeed(
                forum_id=forum.id, activity_id=activity.id, source=source, target=target,
                mode=mode, channel=channel if simultaneous else None,
            )
        )  # fmt: skip


def main() -> None:
    from app import create_app

    app = create_app()
    with app.test_request_context(base_url="http://127.0.0.1:5000"):
        forum = build_wsf_forum()
        db.session.commit()
        print(f"built /{forum.slug}/: {len(forum.rooms)} rooms, {len(forum.days)} days")


if __name__ == "__main__":
    main()
