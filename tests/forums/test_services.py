"""Forum rules without HTTP: creation, dates and windows, status machine, charter, visibility."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.core.permissions import ForumRoleName
from app.extensions import db
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


@pytest.mark.parametrize(
    ("slug", "problem"),
    [
        ("isf-5", None),
        ("najaf2018", None),
        ("ISF-5", services.SlugProblem.MALFORMED),
        ("-isf", services.SlugProblem.MALFORMED),
        ("isf-", services.SlugProblem.MALFORMED),
        ("منتدى", services.SlugProblem.MALFORMED),
        ("isf 5", services.SlugProblem.MALFORMED),
        ("admin", services.SlugProblem.RESERVED),
        ("account", services.SlugProblem.RESERVED),
        ("isf-4-test", services.SlugProblem.TAKEN),
    ],
)
def test_forum_addresses_are_plain_free_and_not_the_sites_own(ctx, slug, problem):
    _create()  # takes isf-4-test
    if problem is None:
        services.check_slug(slug)
    else:
        with pytest.raises(services.SlugError) as error:
            services.check_slug(slug)
        assert error.value.problem is problem


# --- settings rules, status codes, charter versions (the settings screens) ---

VALID_SETTINGS = {
    "name_ar": "المنتدى الاجتماعي العراقي الرابع",
    "name_ckb": None,
    "name_en": None,
    "languages": ["ar", "ckb", "en"],
    "timezone": "Asia/Baghdad",
    "governorate": "baghdad",
    "country": "IQ",
    "number": 4,
    "max_delegates_per_organization": 5,
    "max_activities_per_organization": 3,
    "retention_days": 60,
}
Problem = services.SettingsProblem


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"name_ar": None}, [("name", Problem.NO_NAME)]),
        ({"name_ar": ""}, [("name", Problem.NO_NAME)]),
        ({"name_ar": None, "name_en": "Iraqi Social Forum"}, []),
        ({"languages": []}, [("languages", Problem.NO_LANGUAGE)]),
        ({"languages": ["en"]}, []),
        ({"languages": ["ar", "fr"]}, [("languages", Problem.UNKNOWN_LANGUAGE)]),
        (
            {"max_delegates_per_organization": 0},
            [("max_delegates_per_organization", Problem.OUT_OF_RANGE)],
        ),
        ({"max_delegates_per_organization": 1}, []),
        ({"max_delegates_per_organization": 50}, []),
        (
            {"max_delegates_per_organization": 51},
            [("max_delegates_per_organization", Problem.OUT_OF_RANGE)],
        ),
        (
            {"max_activities_per_organization": 0},
            [("max_activities_per_organization", Problem.OUT_OF_RANGE)],
        ),
        ({"max_activities_per_organization": 20}, []),
        (
            {"max_activities_per_organization": 21},
            [("max_activities_per_organization", Problem.OUT_OF_RANGE)],
        ),
        (
            {"max_activities_per_organization": None},
            [("max_activities_per_organization", Problem.OUT_OF_RANGE)],
        ),
        ({"number": None}, []),  # the season number may stay empty
        ({"number": 0}, [("number", Problem.OUT_OF_RANGE)]),
        ({"retention_days": 0}, []),
        ({"retention_days": -1}, [("retention_days", Problem.OUT_OF_RANGE)]),
        ({"timezone": "Europe/Stockholm"}, []),
        ({"timezone": "Asia/Bagdad"}, [("timezone", Problem.UNKNOWN_TIMEZONE)]),
        ({"timezone": ""}, [("timezone", Problem.UNKNOWN_TIMEZONE)]),
        ({"governorate": None}, []),  # not decided yet
        ({"governorate": "kurdistan"}, [("governorate", Problem.UNKNOWN_GOVERNORATE)]),
        ({"governorate": "abroad", "country": "SE"}, []),
        ({"governorate": "abroad", "country": None}, [("country", Problem.NO_COUNTRY)]),
        ({"governorate": "abroad", "country": "IQ"}, [("country", Problem.NO_COUNTRY)]),
        ({"governorate": "abroad", "country": "EU"}, [("country", Problem.UNKNOWN_COUNTRY)]),
        ({"governorate": "abroad", "country": "se"}, [("country", Problem.UNKNOWN_COUNTRY)]),
        ({"governorate": "erbil", "country": None}, []),  # the country matters abroad only
    ],
)
def test_settings_rules(changes, expected):
    errors = services.settings_errors({**VALID_SETTINGS, **changes})
    assert [(e.field, e.problem) for e in errors] == expected


def test_only_the_given_settings_are_checked():
    assert services.settings_errors({"timezone": "Asia/Baghdad"}) == []
    assert services.settings_errors({}) == []


def test_the_forum_dates_come_together():
    errors = services.date_errors(START, None, {})
    assert [(e.field, e.problem) for e in errors] == [("end_date", DateProblem.DATES_HALF_SET)]
    assert services.date_errors(None, None, {}) == []


def test_saved_settings_are_normalised_and_audited(ctx):
    forum, organizer = _create()
    changed = services.update_settings(
        organizer,
        forum,
        name_en="Iraqi Social Forum",
        governorate="najaf",
        country="SE",  # ignored: Najaf is in Iraq
        languages=["en", "ar"],
        max_delegates_per_organization=5,  # unchanged
    )
    assert forum.country == "IQ"
    assert forum.languages == ["ar", "en"]
    assert sorted(changed) == ["governorate", "languages", "name_en"]
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "forum_settings_changed")
    ).one()
    assert (event.actor_id, event.forum_id) == (organizer.id, forum.id)
    assert event.details == {"name_en": True, "governorate": True, "languages": True}


def test_wrong_settings_change_nothing(ctx):
    forum, organizer = _create()
    with pytest.raises(services.ForumRuleError) as error:
        services.update_settings(
            organizer, forum, name_ar="", city="Basra", max_activities_per_organization=0
        )
    assert {(e.field, e.problem) for e in error.value.errors} == {
        ("name", Problem.NO_NAME),
        ("max_activities_per_organization", Problem.OUT_OF_RANGE),
    }
    assert forum.name_ar == "المنتدى الاجتماعي العراقي الرابع"
    assert forum.city is None


def test_a_forum_abroad_keeps_its_country(ctx):
    forum, organizer = _create()
    services.update_settings(organizer, forum, governorate="abroad", country="SE")
    assert (forum.governorate, forum.country) == ("abroad", "SE")
    with pytest.raises(services.ForumRuleError):
        services.update_settings(organizer, forum, country=None)


def test_settings_are_known_ones_only(ctx):
    forum, organizer = _create()
    with pytest.raises(TypeError):
        services.update_settings(organizer, forum, status=ForumStatus.OPEN)


@pytest.mark.parametrize(
    ("dates", "charter", "missing"),
    [
        (True, False, [services.ForumRule.OPENS_WITH_CHARTER]),
        (False, True, [services.ForumRule.OPENS_WITH_DATES]),
        (
            False,
            False,
            [services.ForumRule.OPENS_WITH_DATES, services.ForumRule.OPENS_WITH_CHARTER],
        ),
    ],
)
def test_a_refused_opening_says_what_is_missing(ctx, dates, charter, missing):
    organizer = factories.make_user()
    forum = factories.make_forum(
        start_date=START if dates else None, end_date=END if dates else None
    )
    if charter:
        services.publish_charter(forum, None, None, "Charter")
    with pytest.raises(services.ForumRuleError) as error:
        services.change_status(organizer, forum, ForumStatus.OPEN)
    assert error.value.rules == missing
    assert forum.status is ForumStatus.DRAFT


def test_a_status_change_is_audited_with_its_codes(ctx):
    forum, organizer = _create()
    services.publish_charter(forum, None, None, "Charter")
    services.change_status(organizer, forum, ForumStatus.OPEN)
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "forum_status_changed")
    ).one()
    assert event.details == {"from": "draft", "to": "open"}


def test_creation_rules_carry_codes(ctx):
    with pytest.raises(services.ForumRuleError) as error:
        _create(organizers=[])
    assert error.value.rules == [services.ForumRule.NEEDS_ORGANIZER]


def test_an_unchanged_charter_is_not_a_new_version(ctx):
    forum, _ = _create()
    services.publish_charter(forum, "نص الميثاق\nالمبدأ الأول", None, "Charter")
    with pytest.raises(services.ForumRuleError) as error:
        # as a browser sends it back: CRLF line ends, blanks around
        services.publish_charter(forum, "نص الميثاق\r\nالمبدأ الأول \r\n", "", "Charter")
    assert error.value.rules == [services.ForumRule.CHARTER_UNCHANGED]
    with pytest.raises(services.ForumRuleError) as error:
        services.publish_charter(forum, "  ", None, "")
    assert error.value.rules == [services.ForumRule.CHARTER_NEEDS_TEXT]
    second = services.publish_charter(forum, "نص الميثاق\nالمبدأ الأول", "پەیماننامە", "Charter")
    assert second.version == 2
    assert [c.version for c in forum.charters] == [1, 2]


def test_an_archived_forum_changes_no_more(ctx):
    forum, organizer = _create()
    services.publish_charter(forum, None, None, "Charter")
    for status in (ForumStatus.OPEN, ForumStatus.CLOSED, ForumStatus.ARCHIVED):
        services.change_status(organizer, forum, status)
    with pytest.raises(services.ForumRuleError) as error:
        services.update_settings(organizer, forum, city="Basra")
    assert error.value.rules == [services.ForumRule.ARCHIVED_IS_READ_ONLY]
    with pytest.raises(services.ForumRuleError):
        services.publish_charter(forum, None, None, "Another charter")
    assert (forum.city, len(forum.charters)) == (None, 1)
