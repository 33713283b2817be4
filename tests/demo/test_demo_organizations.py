"""The demo's organizations: registered for the 4th season, a few waiting in Basra."""

import sqlalchemy as sa

from app.accounts.models import User
from app.extensions import db
from app.forums.models import Forum
from app.organizations.claiming import unclaimed_page
from app.organizations.membership import organizations_of
from app.organizations.models import Organization, Registration, RegistrationStatus


def _statuses(slug: str) -> list[RegistrationStatus]:
    forum = db.session.scalar(sa.select(Forum).where(Forum.slug == slug))
    return list(
        db.session.scalars(sa.select(Registration.status).where(Registration.forum_id == forum.id))
    )


def test_the_demo_organizations_take_part_in_the_fourth_season_and_in_basra(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert runner.invoke(args=["seed-demo"]).exit_code == 0  # twice changes nothing

    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Organization.id))) == 15
        season = _statuses("isf-4")
        assert len(season) == 13
        assert season.count(RegistrationStatus.APPROVED) == 11
        assert {RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING} <= set(season)
        assert _statuses("basra") == [RegistrationStatus.PENDING] * 4  # one an individual
        cso = db.session.scalar(sa.select(User).where(User.email == "cso@isf-demo.example.org"))
        assert [o.name_en for o in organizations_of(cso)] == [
            "Tammuz Organization for Social Development",
            "Article 38 Coalition",
        ]
        unlisted = db.session.scalars(
            sa.select(Organization).where(Organization.listed_publicly.is_(False))
        ).all()
        assert len(unlisted) == 1
        # Imported organizations nobody runs yet; the one asked to join comes first.
        waiting = unclaimed_page(1)
        names = [o.name_en for o in waiting.organizations]
        assert names[0] == "Iraqi Al-Amal Association"
        assert "Union of Port Workers" in names
        assert "Tammuz Organization for Social Development" not in names  # it has members
        assert len(waiting.join_requests[waiting.organizations[0].id]) == 1


def test_the_fourth_season_has_fifty_activities_across_its_themes(app):
    from app.activities.models import Activity, ActivityStatus

    app.test_cli_runner().invoke(args=["seed-demo"])
    app.test_cli_runner().invoke(args=["seed-demo"])
    with app.app_context():
        season = db.session.scalar(sa.select(Forum).where(Forum.slug == "isf-4"))
        activities = db.session.scalars(
            sa.select(Activity).where(Activity.forum_id == season.id)
        ).all()
        assert len(activities) == 50
        assert {a.theme_id for a in activities} == {theme.id for theme in season.themes}
        statuses = [a.status for a in activities]
        assert statuses.count(ActivityStatus.SUBMITTED) == 8
        assert statuses.count(ActivityStatus.ACCEPTED) > 30
