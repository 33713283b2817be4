"""The public forum pages as visitors and staff see them: home, archive, a forum's page."""

import re
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import Forum, ForumKind, ForumStatus, Theme
from tests import factories
from tests.helpers import log_in, statements_run

NOW = datetime(2017, 11, 20, 9, 0, tzinfo=UTC)
ORGANIZER_NAME = "Canary Organizerson"
ORGANIZER_EMAIL = "canary.organizer@example.org"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setattr("app.forums.views.utcnow", lambda: NOW)


def _forum(**fields):
    values = {
        "status": ForumStatus.OPEN,
        "start_date": date(2017, 11, 30),
        "end_date": date(2017, 12, 2),
        "registration_opens": date(2017, 11, 1),
        "registration_closes": date(2017, 11, 25),
    }
    values.update(fields)
    return factories.make_forum(**values)


@pytest.fixture
def forums(app):
    """The 4th season with two local fora, a past season, and a second season whose
    details must not leak onto the first one's page."""
    with app.app_context():
        season = _forum(
            slug="isf-4",
            kind=ForumKind.SEASON,
            name_ar="المنتدى الاجتماعي العراقي الرابع",
            name_ckb="فۆرۆمی کۆمەڵایەتی عێراقی چوارەم",
            name_en="4th Iraqi Social Forum",
            slogan_en="Rights … Peace",
            city="Baghdad",
            governorate="baghdad",
            venue="Al-Mansour Hotel",
            address="14 Ramadan Street",
            languages=["ar", "en"],
            proposals_open=date(2017, 11, 21),
            proposals_close=date(2017, 11, 28),
        )
        season.themes.append(Theme(name_en="Save the Tigris", position=2))
        season.themes.append(Theme(name_en="Women's rights", position=1))
        _forum(
            slug="najaf-2017",
            kind=ForumKind.LOCAL,
            parent_id=season.id,
            name_en="Najaf Social Forum",
            city="Najaf",
            governorate="najaf",
        )
        _forum(
            slug="hit-draft",
            kind=ForumKind.LOCAL,
            parent_id=season.id,
            status=ForumStatus.DRAFT,
            name_en="Hit draft forum",
        )
        _forum(
            slug="isf-3",
            kind=ForumKind.SEASON,
            status=ForumStatus.ARCHIVED,
            name_en="3rd Iraqi Social Forum",
            start_date=date(2015, 9, 1),
            end_date=date(2015, 9, 3),
            registration_opens=date(2015, 8, 1),
            registration_closes=date(2015, 8, 20),
        )
        other = _forum(
            slug="ksf-2017",
            name_en="Kurdistan Social Forum",
            venue="Other Venue Hall",
            city="Erbil",
            governorate="erbil",
        )
        other.themes.append(Theme(name_en="Theme of the other forum"))
        organizer = factories.make_user(name=ORGANIZER_NAME, email=ORGANIZER_EMAIL)
        factories.grant_role(organizer, season, ForumRoleName.ORGANIZER)
        db.session.commit()


def _text(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    end = page.find("<section", start)
    return page[start : end if end != -1 else None]


# -- the home page -----------------------------------------------------------


def test_home_lists_current_forums_with_their_local_fora_then_past_ones(client, forums):
    client.set_cookie("lang", "en")
    page = _text(client.get("/"))
    current, past = _section(page, "current-forums"), _section(page, "past-forums")

    assert "<bdi>4th Iraqi Social Forum</bdi>" in current
    assert "<bdi>Najaf Social Forum</bdi>" in current
    assert current.index("4th Iraqi Social Forum") < current.index("Local fora of this season")
    assert current.index("Local fora of this season") < current.index("Najaf Social Forum")
    assert "Kurdistan Social Forum" in current
    assert "3rd Iraqi Social Forum" in past
    assert "3rd Iraqi Social Forum" not in current
    assert 'href="/isf-4/"' in current
    assert 'href="/isf-3/"' in past


def test_home_says_what_is_open_now_with_dates(client, forums):
    client.set_cookie("lang", "en")
    current = _section(_text(client.get("/")), "current-forums")

    assert 'Registration open until <time datetime="2017-11-25">November 25, 2017</time>' in current
    assert 'Activity proposals open on <time datetime="2017-11-21">' in current
    assert '<time datetime="2017-11-30">November 30, 2017</time>' in current
    for text in ("National season", "Local forum", "<bdi>Baghdad</bdi>", "<bdi>Najaf</bdi>"):
        assert text in current


def test_home_keeps_its_introduction_and_calls_to_action(client, forums):
    client.set_cookie("lang", "en")
    page = _text(client.get("/"))
    assert "Register your organization, propose activities" in page
    assert 'href="/account/signup"' in page
    assert 'href="/account/login"' in page


def test_empty_lists_say_so(client):
    client.set_cookie("lang", "en")
    page = _text(client.get("/"))
    assert "No forum is open yet." in page
    assert "No past forum yet." in page
    assert "No past forum yet." in _text(client.get("/forums/archive"))


def test_home_links_to_the_archive_only_when_there_are_more_past_forums(app, client):
    client.set_cookie("lang", "en")
    with app.app_context():
        for year in range(2005, 2016):
            _forum(
                name_en=f"Season of {year}", start_date=date(year, 9, 1), end_date=date(year, 9, 2)
            )
        db.session.commit()
    page = _text(client.get("/"))
    past = _section(page, "past-forums")
    assert past.count('class="border-bottom py-2 past-forum"') == 10
    assert "Season of 2015" in past
    assert "Season of 2005" not in past
    assert 'href="/forums/archive"' in past


# -- drafts ------------------------------------------------------------------


def _signed_in(app, client, role: str):
    with app.app_context():
        user = factories.make_user(is_site_admin=role == "site_admin")
        secret = factories.enable_two_factor(user)
        if role == "staff":
            draft = db.session.scalar(sa.select(Forum).where(Forum.slug == "hit-draft"))
            factories.grant_role(user, draft, ForumRoleName.REVIEWER)
        elif role == "organizer_elsewhere":
            factories.grant_role(user, _forum(), ForumRoleName.ORGANIZER)
        db.session.commit()
        email = user.email
    log_in(client, email, totp_secret=secret)
    return client


@pytest.mark.parametrize("role", ["visitor", "user", "organizer_elsewhere"])
def test_a_draft_is_invisible_to_outsiders(app, client, forums, role):
    if role != "visitor":
        _signed_in(app, client, role)
    assert client.get("/hit-draft/").status_code == 404
    assert "Hit draft forum" not in _text(client.get("/"))
    assert "Hit draft forum" not in _text(client.get("/isf-4/"))
    assert "Hit draft forum" not in _text(client.get("/forums/archive"))


@pytest.mark.parametrize("role", ["staff", "site_admin"])
def test_a_draft_is_shown_to_its_staff_and_site_admins_marked_draft(app, client, forums, role):
    _signed_in(app, client, role)
    client.set_cookie("lang", "en")
    page = _text(client.get("/hit-draft/"))
    assert "only its staff and the site administrators see it" in page
    home = _text(client.get("/"))
    assert re.search(r"Hit draft forum</bdi></a>\s*<span class=\"badge [^\"]+\">Draft", home)


# -- the archive -------------------------------------------------------------


def test_the_archive_pages_through_past_forums(app, client):
    client.set_cookie("lang", "en")
    with app.app_context():
        for number in range(1, 23):
            _forum(
                name_en=f"Past forum {number:02}",
                start_date=date(2010, 1, number),
                end_date=date(2010, 1, number),
            )
        _forum(name_en="Current forum")
        db.session.commit()

    first = _text(client.get("/forums/archive"))
    second = _text(client.get("/forums/archive?page=2"))

    assert re.findall(r"Past forum (\d\d)", first) == [f"{n:02}" for n in range(22, 2, -1)]
    assert re.findall(r"Past forum (\d\d)", second) == ["02", "01"]
    assert "Current forum" not in first + second
    assert 'href="/forums/archive?page=2"' in first
    assert "Page 1 of 2" in first
    assert 'href="/forums/archive?page=1"' in second
    assert client.get("/forums/archive?page=3").status_code == 404
    assert client.get("/forums/archive?page=0").status_code == 404


# -- a forum's page ----------------------------------------------------------


def test_a_forums_page_shows_its_details_in_order(client, forums):
    client.set_cookie("lang", "en")
    page = _text(client.get("/isf-4/"))

    assert "<bdi>4th Iraqi Social Forum</bdi>" in page
    assert "Rights … Peace" in page
    assert "National season" in page
    assert '<time datetime="2017-11-30">November 30, 2017</time>' in page
    assert '<time datetime="2017-12-02">December 2, 2017</time>' in page
    assert "<bdi>Al-Mansour Hotel</bdi>" in page
    assert "<bdi>14 Ramadan Street</bdi>" in page
    assert (
        '<span lang="ar" dir="rtl">العربية</span>, <span lang="en" dir="ltr">English</span>' in page
    )
    themes = _section(page, "forum-themes")
    assert themes.index("Women&#39;s rights") < themes.index("Save the Tigris")
    local = _section(page, "local-fora")
    assert 'href="/najaf-2017/"' in local


def test_a_forums_page_says_what_can_be_done_now(client, forums):
    client.set_cookie("lang", "en")
    windows = _section(_text(client.get("/isf-4/")), "take-part")

    assert 'Registration open until <time datetime="2017-11-25">' in windows
    assert (
        'Activity proposals open on <time datetime="2017-11-21">November 21, 2017</time>, '
        'until <time datetime="2017-11-28">November 28, 2017</time>'
    ) in windows
    assert "Volunteering: no dates yet" in windows
    assert "Create an account or log in to take part." in windows


def test_signed_in_users_are_not_asked_to_sign_up(app, client, forums):
    _signed_in(app, client, "user")
    client.set_cookie("lang", "en")
    windows = _section(_text(client.get("/isf-4/")), "take-part")
    assert "Registration open until" in windows
    assert "Create an account or log in" not in windows


def test_signed_in_users_find_their_organizations_activities(app, client, forums):
    client.set_cookie("lang", "en")
    assert "/isf-4/activities/mine" not in client.get("/isf-4/").get_data(as_text=True)
    _signed_in(app, client, "user")
    assert "/isf-4/activities/mine" in client.get("/isf-4/").get_data(as_text=True)


def test_a_local_forum_links_to_its_season(client, forums):
    client.set_cookie("lang", "en")
    page = _text(client.get("/najaf-2017/"))
    assert "Part of" in page
    assert 'href="/isf-4/"' in page
    assert "Local forum" in page


def test_a_forums_page_shows_nothing_of_another_forum_or_of_its_people(client, forums):
    client.set_cookie("lang", "en")
    page = _text(client.get("/isf-4/"))
    for leak in ("Theme of the other forum", "Other Venue Hall", ORGANIZER_NAME, ORGANIZER_EMAIL):
        assert leak not in page


def test_a_forum_abroad_shows_its_place_and_time_zone(app, client):
    client.set_cookie("lang", "en")
    with app.app_context():
        _forum(slug="berlin", city="Berlin", governorate="abroad", timezone="Europe/Berlin")
        db.session.commit()
    page = _text(client.get("/berlin/"))
    assert "<bdi>Berlin</bdi>, Outside Iraq" in page
    assert "time zone Europe/Berlin" in page


def test_an_archived_forum_stays_readable_with_a_notice(client, forums):
    client.set_cookie("lang", "en")
    page = _text(client.get("/isf-3/"))
    assert "This forum is archived. Its pages stay readable." in page
    assert "Registration closed" in page
    assert "Create an account or log in to take part" not in page


@pytest.mark.parametrize("role", ["visitor", "user", "site_admin"])
def test_others_see_no_staff_link(app, client, forums, role):
    if role != "visitor":
        _signed_in(app, client, role)
    client.set_cookie("lang", "en")
    assert "Staff area" not in _text(client.get("/isf-4/"))


def test_staff_see_a_link_to_their_forums_staff_area_only(app, client, forums):
    _signed_in(app, client, "staff")
    client.set_cookie("lang", "en")
    assert 'href="/hit-draft/staff/"' in _text(client.get("/hit-draft/"))
    assert "Staff area" not in _text(client.get("/isf-4/"))


# -- languages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "name"),
    [("ar", "المنتدى الاجتماعي العراقي الرابع"), ("ckb", "فۆرۆمی کۆمەڵایەتی عێراقی چوارەم")],
)
@pytest.mark.parametrize("url", ["/", "/isf-4/", "/forums/archive"])
def test_pages_read_right_to_left_in_arabic_and_kurdish(client, forums, language, name, url):
    client.set_cookie("lang", language)
    page = _text(client.get(url))
    assert f'<html lang="{language}" dir="rtl">' in page
    if url != "/forums/archive":
        assert f"<bdi>{name}</bdi>" in page


def test_a_name_missing_in_the_readers_language_falls_back(client, forums):
    client.set_cookie("lang", "ar")
    assert "<bdi>Najaf Social Forum</bdi>" in _text(client.get("/najaf-2017/"))


def test_pages_are_light(client, forums):
    for url in ("/", "/isf-4/", "/forums/archive"):
        page = _text(client.get(url))
        assert "<script" not in page
        assert "<img" not in page


# -- database work -----------------------------------------------------------


def _statements(app, client, url: str) -> int:
    """The SQL statements a page runs (the tests' own savepoints aside)."""
    with statements_run(app) as seen:
        _text(client.get(url))
    return len(seen)


def test_pages_take_a_few_statements_however_many_forums(app, client, forums):
    client.get("/")  # warm up (the first request may load more)
    home, page = _statements(app, client, "/"), _statements(app, client, "/isf-4/")
    with app.app_context():
        season = db.session.scalar(sa.select(Forum).where(Forum.slug == "isf-4"))
        for number in range(12):
            _forum(kind=ForumKind.LOCAL, parent_id=season.id, name_en=f"Local {number}")
            _forum(name_en=f"Past {number}", start_date=date(2012, 1, 1), end_date=date(2012, 1, 2))
        db.session.commit()

    assert _statements(app, client, "/") == home
    assert _statements(app, client, "/isf-4/") == page
    assert (home, page) == (3, 3)  # time zones, current, past; forum, local fora, themes


def test_a_forum_address_without_its_slash_leads_to_the_page_and_unknown_ones_are_404(
    client, forums
):
    assert client.get("/isf-4").headers["Location"] == "/isf-4/"
    assert client.get("/nowhere").status_code == 404
    assert client.get("/hit-draft").status_code == 404
