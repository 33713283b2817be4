"""Forum rules without HTTP: creation, dates and windows, status machine, charter, visibility."""

from datetime import date

import pytest

from app.core.permissions import ForumRoleName
from app.forums import services
from app.forums.models import ForumKind, ForumStatus
from app.forums.services import DateProblem
from tests import factories

START, END = date(2017, 11, 30), date(2017, 12, 2)


def _create(**overrides):
    admin = factories.make_user(is_site_admin=True)
    organizer = factories.make_user()
    values = {
        "slug": "isf-4-test",
        "kind": ForumKind.SEASON,
        "start_date": START,
        "end_date": END,
        "organizers": [organizer],
        "name_ar": "المنتدى الاجتماعي العراقي الرابع",
    }
    values.update(overrides)
    return services.create_forum(admin, **values), organizer


def test_a_new_forum_is_a_draft_with_its_days_and_organizers(ctx):
    forum, organizer = _create()

    assert forum.status is ForumStatus.DRAFT
    assert [day.date for day in forum.days] == [
        date(2017, 11, 30),
        date(2017, 12, 1),
        date(2017, 12, 2),
    ]
    assert [(r.user_id, r.role) for r in forum.roles] == [(organizer.id, ForumRoleName.ORGANIZER)]


def test_a_forum_needs_an_organizer(ctx):
    with pytest.raises(services.ForumRuleError):
        _create(organizers=[])


def test_only_local_fora_belong_to_a_season(ctx):
    season, _ = _create()
    local, _ = _create(slug="najaf-2017", kind=ForumKind.LOCAL, parent=season)
    assert local.parent == season
    assert season.local_fora == [local]
    with pytest.raises(services.ForumRuleError):
        _create(slug="x", kind=ForumKind.SEASON, parent=season)


@pytest.mark.parametrize(
    ("start", "end", "windows", "expected"),
    [
        (START, END, {}, []),
        (END, START, {}, [("end_date", DateProblem.ENDS_BEFORE_START)]),
        (START, START, {}, []),  # a one-day forum
        (START, END, {"registration_closes": (date(2017, 11, 1), date(2017, 11, 29))}, []),
        (
            START,
            END,
            {"registration_closes": (date(2017, 11, 1), END)},
            [],
        ),  # closes on the last day
        (
            START,
            END,
            {"registration_closes": (date(2017, 11, 1), date(2017, 12, 3))},
            [("registration_closes", DateProblem.WINDOW_CLOSES_AFTER_FORUM)],
        ),
        (
            START,
            END,
            {"proposals_close": (date(2017, 11, 10), date(2017, 11, 9))},
            [("proposals_close", DateProblem.WINDOW_CLOSES_BEFORE_OPENING)],
        ),
        (START, END, {"proposals_close": (date(2017, 11, 10), date(2017, 11, 10))}, []),
        (
            START,
            END,
            {"volunteering_closes": (date(2017, 11, 10), None)},
            [("volunteering_closes", DateProblem.WINDOW_HALF_SET)],
        ),
    ],
)
def test_dates_and_windows_are_checked_against_each_other(start, end, windows, expected):
    errors = services.date_errors(start, end, windows)
    assert [(e.field, e.problem) for e in errors] == expected


def test_settings_that_break_the_dates_are_refused(ctx):
    forum, organizer = _create()
    with pytest.raises(services.ForumRuleError) as error:
        services.update_settings(
            organizer,
            forum,
            registration_opens=date(2017, 11, 1),
            registration_closes=date(2018, 1, 1),
        )
    assert error.value.errors[0].field == "registration_closes"


def test_days_follow_the_dates(ctx):
    forum, organizer = _create()
    services.update_settings(
        organizer, forum, start_date=date(2017, 12, 1), end_date=date(2017, 12, 4)
    )
    assert [day.date.day for day in forum.days] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ([ForumStatus.OPEN], True),
        ([ForumStatus.OPEN, ForumStatus.CLOSED], True),
        ([ForumStatus.OPEN, ForumStatus.CLOSED, ForumStatus.OPEN], True),
        ([ForumStatus.OPEN, ForumStatus.CLOSED, ForumStatus.ARCHIVED], True),
        ([ForumStatus.CLOSED], False),
        ([ForumStatus.ARCHIVED], False),
        ([ForumStatus.OPEN, ForumStatus.DRAFT], False),
        ([ForumStatus.OPEN, ForumStatus.CLOSED, ForumStatus.ARCHIVED, ForumStatus.OPEN], False),
    ],
)
def test_only_valid_status_transitions(ctx, path, allowed):
    forum, organizer = _create()
    services.publish_charter(forum, "ميثاق", None, "Charter")
    if allowed:
        for status in path:
            services.change_status(organizer, forum, status)
        assert forum.status is path[-1]
    else:
        for status in path[:-1]:
            services.change_status(organizer, forum, status)
        with pytest.raises(services.InvalidTransition):
            services.change_status(organizer, forum, path[-1])


def test_a_forum_opens_only_with_a_charter(ctx):
    forum, organizer = _create()
    with pytest.raises(services.ForumRuleError):
        services.change_status(organizer, forum, ForumStatus.OPEN)


def test_a_new_charter_text_is_a_new_version(ctx):
    forum, _ = _create()
    first = services.publish_charter(forum, "نص", None, None)
    second = services.publish_charter(forum, "نص معدل", None, None)
    assert (first.version, second.version) == (1, 2)
    assert forum.current_charter == second
    with pytest.raises(services.ForumRuleError):
        services.publish_charter(forum, "", None, None)


def test_drafts_are_seen_by_their_staff_and_site_administrators_only(ctx):
    forum, organizer = _create()
    outsider = factories.make_user()
    reviewer = factories.make_user()
    factories.grant_role(reviewer, forum, ForumRoleName.REVIEWER)

    assert services.is_visible_to(forum, organizer)
    assert services.is_visible_to(forum, reviewer)
    assert services.is_visible_to(forum, factories.make_user(is_site_admin=True))
    assert not services.is_visible_to(forum, outsider)
    assert not services.is_visible_to(forum, None)
    services.publish_charter(forum, "ميثاق", None, None)
    services.change_status(organizer, forum, ForumStatus.OPEN)
    assert services.is_visible_to(forum, outsider)


@pytest.mark.parametrize(
    ("today", "open_"),
    [
        (date(2017, 10, 31), False),
        (date(2017, 11, 1), True),
        (date(2017, 11, 20), True),
        (date(2017, 11, 21), False),
    ],
)
def test_windows_include_their_first_and_last_day(today, open_):
    assert services.window_is_open(date(2017, 11, 1), date(2017, 11, 20), today) is open_
    assert not services.window_is_open(None, None, today)
