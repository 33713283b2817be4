"""The demo shows the 4th season as it ran, its local fora and a forum open today."""

import sqlalchemy as sa

from app.core.db import utcnow
from app.extensions import db
from app.forums.models import Forum, ForumStatus, SlotKind
from app.forums.services import window_is_open


def _forum(slug: str) -> Forum:
    return db.session.scalar(sa.select(Forum).where(Forum.slug == slug))


def test_the_demo_holds_the_fourth_season_with_its_local_fora(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output

    with app.app_context():
        season = _forum("isf-4")
        assert (season.number, season.start_date.isoformat()) == (4, "2017-11-30")
        assert season.slogan_en == "Rights … Peace"
        assert len(season.days) == 3
        for day in season.days:
            assert sum(slot.kind is SlotKind.SESSION for slot in day.slots) == 4
        assert len(season.rooms) == 8
        assert sum(room.has_booth for room in season.rooms) == 2
        assert len(season.themes) == 8
        assert season.current_charter is not None
        assert sorted(forum.slug for forum in season.local_fora) == [
            "hit-2017",
            "najaf-2017",
            "nasiriyah-2017",
        ]


def test_the_demo_has_a_forum_whose_windows_are_open_today(app):
    app.test_cli_runner().invoke(args=["seed-demo"])
    with app.app_context():
        basra = _forum("basra")
        today = utcnow().date()
        assert basra.status is ForumStatus.OPEN
        assert basra.start_date > today
        assert window_is_open(basra.registration_opens, basra.registration_closes, today)
        assert window_is_open(basra.proposals_open, basra.proposals_close, today)
