"""Site administrators create forums and copy earlier seasons, through the pages."""

from datetime import date, time

import sqlalchemy as sa

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import DEFAULT_PATTERN, apply_pattern, sync_days
from app.forums.models import CharterVersion, Forum, ForumKind, ForumStatus, Room, Theme
from tests import factories
from tests.helpers import log_in, outbox_to, post_form


def _admin_client(app):
    client = app.test_client()
    with app.app_context():
        admin = factories.make_user(is_site_admin=True)
        secret = factories.enable_two_factor(admin)
        organizer = factories.make_user(email="huda@example.org", locale="ar")
        db.session.commit()
        email, organizer_id = admin.email, organizer.id
    log_in(client, email, totp_secret=secret)
    return client, organizer_id


NEW_FORUM = {
    "kind": "season",
    "parent": "",
    "number": "4",
    "slug": "isf-4",
    "name_ar": "المنتدى الاجتماعي العراقي",
    "name_ckb": "",
    "name_en": "Iraqi Social Forum",
    "start_date": "2017-11-30",
    "end_date": "2017-12-02",
    "organizers": "Huda@Example.org\n",
}


def test_an_administrator_creates_a_draft_forum_with_its_first_organizer(app):
    client, organizer_id = _admin_client(app)

    response = post_form(client, "/admin/forums/new", NEW_FORUM)

    assert response.status_code == 302
    assert response.headers["Location"] == "/isf-4/"
    with app.app_context():
        forum = db.session.scalar(sa.select(Forum).where(Forum.slug == "isf-4"))
        assert forum.status is ForumStatus.DRAFT
        assert forum.number == 4
        assert [day.date.day for day in forum.days] == [30, 1, 2]
        assert [(r.user_id, r.role) for r in forum.roles] == [
            (organizer_id, ForumRoleName.ORGANIZER)
        ]
        (email,) = outbox_to("huda@example.org")
        assert email.locale == "ar"
        assert "/isf-4/staff/" in email.body_text
    assert "Iraqi Social Forum" in client.get("/admin/forums/").get_data(as_text=True)


def test_unknown_organizers_and_a_taken_address_are_explained_and_the_form_kept(app):
    client, _ = _admin_client(app)
    with app.app_context():
        factories.make_forum(slug="isf-4")
        db.session.commit()

    page = post_form(
        client, "/admin/forums/new", {**NEW_FORUM, "organizers": "nobody@example.org"}
    ).get_data(as_text=True)
    assert "No account uses: nobody@example.org" in page
    assert 'value="Iraqi Social Forum"' in page

    page = post_form(client, "/admin/forums/new", NEW_FORUM).get_data(as_text=True)
    assert "Another forum has this address already." in page
    for slug, message in [("admin", "The site uses this address itself"), ("ISF 4", "lower-case")]:
        page = post_form(client, "/admin/forums/new", {**NEW_FORUM, "slug": slug})
        assert message in page.get_data(as_text=True)


def test_a_forum_needs_a_name_and_its_days_in_order(app):
    client, _ = _admin_client(app)
    page = post_form(
        client,
        "/admin/forums/new",
        {**NEW_FORUM, "name_ar": "", "name_en": "", "end_date": "2017-11-01"},
    ).get_data(as_text=True)
    assert "Give the forum a name in at least one language." in page
    assert "The last day cannot come before the first day." in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Forum.id))) == 0


def test_a_local_forum_belongs_to_a_season_and_only_a_local_one_does(app):
    client, _ = _admin_client(app)
    post_form(client, "/admin/forums/new", NEW_FORUM)
    with app.app_context():
        season_id = db.session.scalar(sa.select(Forum.id).where(Forum.slug == "isf-4"))
    local = {**NEW_FORUM, "slug": "najaf-2017", "kind": "local", "parent": str(season_id)}

    refused = post_form(client, "/admin/forums/new", {**local, "kind": "season"})
    assert "Only a local forum belongs to a season." in refused.get_data(as_text=True)
    assert post_form(client, "/admin/forums/new", local).status_code == 302
    with app.app_context():
        najaf = db.session.scalar(sa.select(Forum).where(Forum.slug == "najaf-2017"))
        assert (najaf.kind, najaf.parent_id) == (ForumKind.LOCAL, season_id)


def test_a_new_season_copies_an_earlier_one_with_its_dates_moved(app):
    client, organizer_id = _admin_client(app)
    with app.app_context():
        source = factories.make_forum(
            slug="isf-4",
            number=4,
            name_en="Iraqi Social Forum",
            start_date=date(2017, 11, 30),
            end_date=date(2017, 12, 2),
            registration_opens=date(2017, 10, 1),
            registration_closes=date(2017, 11, 20),
            max_delegates_per_organization=4,
            max_organizations=60,
        )
        sync_days(source)
        apply_pattern(source, DEFAULT_PATTERN)
        source.rooms.append(Room(name_en="Hall", capacity=200, has_booth=True, booth_channels=2))
        source.themes.append(Theme(name_en="Save the Tigris"))
        source.charters.append(CharterVersion(version=1, text_en="Charter of Principles"))
        db.session.commit()
        source_id = source.id

    assert "Iraqi Social Forum" in client.get(f"/admin/forums/copy?source={source_id}").get_data(
        as_text=True
    )
    response = post_form(
        client,
        "/admin/forums/copy",
        {
            "source": str(source_id),
            "slug": "isf-5",
            "start_date": "2018-11-29",
            "organizers": "huda@example.org",
        },
    )

    assert response.headers["Location"] == "/isf-5/"
    with app.app_context():
        copy = db.session.scalar(sa.select(Forum).where(Forum.slug == "isf-5"))
        assert copy.number == 5
        assert (copy.end_date, copy.registration_closes) == (date(2018, 12, 1), date(2018, 11, 19))
        assert (copy.max_delegates_per_organization, copy.max_organizations) == (4, 60)
        assert [room.name_en for room in copy.rooms] == ["Hall"]
        assert [theme.name_en for theme in copy.themes] == ["Save the Tigris"]
        assert copy.current_charter.text_en == "Charter of Principles"
        assert len(copy.days) == 3
        assert copy.days[2].slots[0].starts_at == time(9)
        assert [r.user_id for r in copy.roles] == [organizer_id]
