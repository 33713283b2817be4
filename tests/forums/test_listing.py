"""Which forums are current or past, for whom, and what can be done in them now (no HTTP)."""

from datetime import UTC, date, datetime

import pytest
from flask_login import AnonymousUserMixin

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.listing import (
    Action,
    WindowState,
    archive_page,
    forum_overview,
    forum_today,
    home_listing,
    what_can_be_done,
)
from app.forums.models import ForumKind, ForumStatus
from tests import factories

VISITOR = AnonymousUserMixin()
NOW = datetime(2017, 11, 20, 9, 0, tzinfo=UTC)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


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


def _registration(forum, now):
    return next(w for w in what_can_be_done(forum, now) if w.action is Action.REGISTER)


# -- forum_today -------------------------------------------------------------


@pytest.mark.parametrize(
    ("timezone", "now", "expected"),
    [
        ("Asia/Baghdad", utc(2017, 11, 20, 21, 30), date(2017, 11, 21)),  # 00:30 in Baghdad
        ("Asia/Baghdad", utc(2017, 11, 20, 20, 59), date(2017, 11, 20)),  # 23:59 in Baghdad
        ("Europe/Berlin", utc(2017, 11, 20, 21, 30), date(2017, 11, 20)),  # 22:30 in Berlin
        ("Europe/Berlin", utc(2017, 11, 20, 23, 0), date(2017, 11, 21)),  # midnight in Berlin
        ("Not/AZone", utc(2017, 11, 20, 21, 30), date(2017, 11, 21)),  # unknown: Baghdad
    ],
)
def test_today_is_the_forums_local_date(ctx, timezone, now, expected):
    assert forum_today(_forum(timezone=timezone), now) == expected


def test_a_naive_instant_is_taken_as_utc(ctx):
    naive = datetime(2017, 11, 20, 21, 30)  # noqa: DTZ001 - the point of the test
    assert forum_today(_forum(), naive) == date(2017, 11, 21)


# -- what can be done now ----------------------------------------------------


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (utc(2017, 10, 31, 20, 59), WindowState.UPCOMING),  # 31 Oct, 23:59 in Baghdad
        (utc(2017, 10, 31, 21, 0), WindowState.OPEN),  # 1 Nov, 00:00: the first day counts
        (utc(2017, 11, 25, 20, 59), WindowState.OPEN),  # 25 Nov, 23:59: the last day counts
        (utc(2017, 11, 25, 21, 0), WindowState.CLOSED),  # 26 Nov in Baghdad
    ],
)
def test_a_window_includes_its_first_and_last_local_day(ctx, now, state):
    window = _registration(_forum(), now)
    assert window.state is state
    assert (window.opens, window.closes) == (date(2017, 11, 1), date(2017, 11, 25))


def test_a_forum_abroad_is_judged_by_its_own_clock(ctx):
    berlin = _forum(timezone="Europe/Berlin", governorate="abroad", city="Berlin")
    baghdad = _forum()
    late_on_the_last_day = utc(2017, 11, 25, 22, 30)  # 23:30 in Berlin, 01:30 in Baghdad

    assert _registration(berlin, late_on_the_last_day).state is WindowState.OPEN
    assert _registration(baghdad, late_on_the_last_day).state is WindowState.CLOSED


def test_each_action_follows_its_own_window(ctx):
    forum = _forum(
        proposals_open=date(2017, 11, 21),
        proposals_close=date(2017, 11, 28),
        volunteering_opens=None,
        volunteering_closes=None,
    )
    states = {w.action: w.state for w in what_can_be_done(forum, NOW)}
    assert states == {
        Action.REGISTER: WindowState.OPEN,
        Action.PROPOSE: WindowState.UPCOMING,
        Action.VOLUNTEER: WindowState.NOT_PLANNED,
    }


def test_a_half_set_window_is_not_planned(ctx):
    forum = _forum(registration_closes=None)
    assert _registration(forum, NOW).state is WindowState.NOT_PLANNED


@pytest.mark.parametrize("status", [ForumStatus.CLOSED, ForumStatus.ARCHIVED])
def test_nothing_is_open_in_a_closed_or_archived_forum(ctx, status):
    forum = _forum(
        status=status, proposals_open=date(2017, 11, 25), proposals_close=date(2017, 11, 28)
    )
    states = {w.action: w.state for w in what_can_be_done(forum, NOW)}
    assert states == {
        Action.REGISTER: WindowState.CLOSED,
        Action.PROPOSE: WindowState.CLOSED,
        Action.VOLUNTEER: WindowState.NOT_PLANNED,
    }


def test_nothing_is_open_in_a_draft_yet(ctx):
    draft = _forum(status=ForumStatus.DRAFT)
    assert _registration(draft, NOW).state is WindowState.UPCOMING
    assert _registration(draft, utc(2017, 11, 27)).state is WindowState.CLOSED


# -- the home page's lists ---------------------------------------------------


def _names(entries):
    return [entry.forum.name_en for entry in entries]


def test_seasons_carry_their_current_local_fora_and_others_stand_alone(ctx):
    season = _forum(kind=ForumKind.SEASON, name_en="ISF 4", start_date=date(2017, 11, 30))
    _forum(kind=ForumKind.LOCAL, parent_id=season.id, name_en="Najaf", start_date=date(2017, 12, 1))
    _forum(
        kind=ForumKind.LOCAL,
        parent_id=season.id,
        name_en="Hit (over)",
        start_date=date(2017, 10, 1),
        end_date=date(2017, 10, 2),
    )
    old_season = _forum(
        kind=ForumKind.SEASON,
        name_en="ISF 3",
        start_date=date(2015, 9, 1),
        end_date=date(2015, 9, 3),
    )
    _forum(kind=ForumKind.LOCAL, parent_id=old_season.id, name_en="Basra")
    _forum(kind=ForumKind.LOCAL, name_en="Erbil (alone)", start_date=date(2017, 11, 22))

    listing = home_listing(VISITOR, NOW)

    assert _names(listing.seasons) == ["ISF 4"]
    assert _names(listing.seasons[0].local_fora) == ["Najaf"]
    assert _names(listing.standalone) == ["Erbil (alone)", "Basra"]  # by start date
    assert _names(listing.past) == ["Hit (over)", "ISF 3"]


def test_current_entries_say_what_is_open(ctx):
    _forum(name_en="ISF 4")
    entry = home_listing(VISITOR, NOW).seasons[0]
    assert [(w.action, w.closes) for w in entry.open_windows] == [
        (Action.REGISTER, date(2017, 11, 25))
    ]


def test_a_forum_ends_by_its_local_date(ctx):
    _forum(name_en="Baghdad", start_date=date(2017, 11, 24), end_date=date(2017, 11, 25))
    _forum(
        name_en="Berlin",
        timezone="Europe/Berlin",
        start_date=date(2017, 11, 24),
        end_date=date(2017, 11, 25),
    )
    listing = home_listing(VISITOR, utc(2017, 11, 25, 22, 30))  # 26 Nov in Baghdad only
    assert _names(listing.seasons) == ["Berlin"]
    assert _names(listing.past) == ["Baghdad"]


def test_archived_forums_are_past_even_before_their_end(ctx):
    _forum(name_en="Archived early", status=ForumStatus.ARCHIVED)
    listing = home_listing(VISITOR, NOW)
    assert not listing.has_current
    assert _names(listing.past) == ["Archived early"]


def test_past_forums_come_most_recent_first_and_are_limited(ctx):
    for year in range(2005, 2017):
        _forum(name_en=f"ISF {year}", start_date=date(year, 9, 1), end_date=date(year, 9, 3))

    listing = home_listing(VISITOR, NOW, past_limit=10)

    assert _names(listing.past) == [f"ISF {year}" for year in range(2016, 2006, -1)]
    assert listing.more_past
    assert not home_listing(VISITOR, NOW, past_limit=12).more_past


@pytest.fixture
def draft_and_people(ctx):
    draft = _forum(status=ForumStatus.DRAFT, name_en="Secret draft")
    past_draft = _forum(
        status=ForumStatus.DRAFT,
        name_en="Old draft",
        start_date=date(2016, 1, 1),
        end_date=date(2016, 1, 2),
    )
    _forum(name_en="Public one")
    reviewer = factories.make_user()
    factories.grant_role(reviewer, draft, ForumRoleName.REVIEWER)
    factories.grant_role(reviewer, past_draft, ForumRoleName.REVIEWER)
    elsewhere = factories.make_user()
    factories.grant_role(elsewhere, _forum(name_en="Elsewhere"), ForumRoleName.ORGANIZER)
    return {
        "visitor": VISITOR,
        "user": factories.make_user(),
        "organizer_elsewhere": elsewhere,
        "staff": reviewer,
        "site_admin": factories.make_user(is_site_admin=True),
    }


@pytest.mark.parametrize("who", ["visitor", "user", "organizer_elsewhere"])
def test_drafts_are_hidden_from_outsiders(draft_and_people, who):
    user = draft_and_people[who]
    listing = home_listing(user, NOW)
    shown = (
        _names(listing.seasons) + _names(listing.past) + _names(archive_page(user, NOW, 1).entries)
    )
    assert "Public one" in shown
    assert "Secret draft" not in shown
    assert "Old draft" not in shown


@pytest.mark.parametrize("who", ["staff", "site_admin"])
def test_drafts_are_shown_to_their_staff_and_site_admins(draft_and_people, who):
    user = draft_and_people[who]
    listing = home_listing(user, NOW)
    assert "Secret draft" in _names(listing.seasons)
    assert "Old draft" in _names(listing.past)
    assert "Old draft" in _names(archive_page(user, NOW, 1).entries)


# -- the archive -------------------------------------------------------------


def test_the_archive_is_paginated_most_recent_first(ctx):
    for number in range(1, 26):
        _forum(
            name_en=f"Past {number:02}",
            start_date=date(2010, 1, number),
            end_date=date(2010, 1, number),
        )
    _forum(name_en="Current")

    first, second = archive_page(VISITOR, NOW, 1), archive_page(VISITOR, NOW, 2)

    assert (first.page, first.pages, first.total) == (1, 2, 25)
    assert _names(first.entries) == [f"Past {n:02}" for n in range(25, 5, -1)]
    assert _names(second.entries) == [f"Past {n:02}" for n in range(5, 0, -1)]
    assert first.has_next
    assert not first.has_previous
    assert second.has_previous
    assert not second.has_next
    assert archive_page(VISITOR, NOW, 3) is None
    assert archive_page(VISITOR, NOW, 0) is None


def test_an_empty_archive_has_one_empty_page(ctx):
    _forum(name_en="Current")
    page = archive_page(VISITOR, NOW, 1)
    assert (page.entries, page.pages, page.total) == ([], 1, 0)
    assert archive_page(VISITOR, NOW, 2) is None


# -- a forum's page ----------------------------------------------------------


def test_a_seasons_overview_lists_its_visible_local_fora_only(ctx):
    season = _forum(kind=ForumKind.SEASON)
    other_season = _forum(kind=ForumKind.SEASON)
    najaf = _forum(kind=ForumKind.LOCAL, parent_id=season.id, name_en="Najaf")
    _forum(kind=ForumKind.LOCAL, parent_id=season.id, status=ForumStatus.DRAFT, name_en="Draft")
    _forum(kind=ForumKind.LOCAL, parent_id=other_season.id, name_en="Elsewhere")
    db.session.expire_all()

    overview = forum_overview(season, VISITOR, NOW)

    assert [f.name_en for f in overview.local_fora] == ["Najaf"]
    assert forum_overview(najaf, VISITOR, NOW).parent == season
    admin = factories.make_user(is_site_admin=True)
    assert [f.name_en for f in forum_overview(season, admin, NOW).local_fora] == ["Najaf", "Draft"]


def test_a_draft_season_is_not_named_to_outsiders(ctx):
    season = _forum(kind=ForumKind.SEASON, status=ForumStatus.DRAFT)
    local = _forum(kind=ForumKind.LOCAL, parent_id=season.id)
    db.session.expire_all()
    assert forum_overview(local, VISITOR, NOW).parent is None
    assert forum_overview(local, factories.make_user(is_site_admin=True), NOW).parent == season


def test_the_overview_knows_whether_one_can_still_take_part(ctx):
    forum = _forum()
    assert forum_overview(forum, VISITOR, NOW).can_take_part
    assert not forum_overview(forum, VISITOR, utc(2017, 11, 27)).can_take_part
