"""The public programme in the browser, on a phone in Kurdish: a visitor without an
account opens the filters, keeps the sessions of one theme that are understandable
in English (spoken in it, or interpreted into it), opens one, comes back, stars
two, finds them in "my programme" and downloads them as a calendar. The grid of
rooms is then seen in Arabic and in English, on a phone and on a laptop.

The forum is built with the factories in the shared live database (its slug ends
in "-journey"); the sessions a filter must keep are read back from the database.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_babel import force_locale
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import Forum, ForumStatus, Room, Theme, TimeSlot
from app.interpreting.public import language_name
from app.programme.filters import filtered_days, parse_filters
from app.programme.ical import session_uid
from app.programme.services import ProgrammeSession, public_programme
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.interpreting.factories import make_need, make_placed_session
from tests.programme.world import slots_of

pytestmark = [pytest.mark.browser, pytest.mark.no_db_isolation]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP = {"viewport": {"width": 1366, "height": 900}}
SLUG = "sulaymaniyah-programme-journey"
ZONE = ZoneInfo("Asia/Baghdad")
WATER = {"name_ckb": "ژینگە و ئاو", "name_ar": "البيئة والمياه", "name_en": "Environment and water"}
RIGHTS = {"name_ckb": "مافەکانی مرۆڤ", "name_ar": "حقوق الإنسان", "name_en": "Human rights"}


@dataclass(frozen=True)
class Journey:
    slug: str
    theme_id: int
    marshes_id: int  # water, spoken in Arabic, interpreted into English: kept
    dams_id: int  # water, spoken in English: kept
    wells_id: int  # water, spoken in Arabic, interpreted into Kurdish only: left out
    press_id: int  # another theme, spoken in English: left out
    river_id: int  # water, spoken in Kurdish, interpreted into English (day 2): kept


@pytest.fixture(scope="module")
def journey(live_app: Flask) -> Journey:
    """A published forum of two days, two rooms and five sessions, three of them on
    water and understandable in English."""
    with live_app.app_context():
        forum = factories.make_forum(
            slug=SLUG,
            status=ForumStatus.OPEN,
            name_ckb="کۆڕی کۆمەڵایەتی سلێمانی",
            name_ar="منتدى السليمانية الاجتماعي",
            name_en="Sulaymaniyah Social Forum",
            start_date=date(2027, 5, 10),
            end_date=date(2027, 5, 11),
        )
        sync_days(forum)
        for day in forum.days:
            day.slots.append(TimeSlot(starts_at=time(9), ends_at=time(10, 30)))
            day.slots.append(TimeSlot(starts_at=time(11), ends_at=time(12, 30)))
        hall = Room(
            name_ckb="هۆڵی گۆران", name_ar="قاعة گوران", name_en="Goran Hall",
            capacity=200, has_booth=True, booth_channels=2,
        )  # fmt: skip
        small = Room(
            name_ckb="ژووری بچووک", name_ar="القاعة الصغيرة", name_en="Small room",
            capacity=40, position=1,
        )  # fmt: skip
        forum.rooms.extend([hall, small])
        water, rights = Theme(**WATER), Theme(**RIGHTS, position=1)
        forum.themes.extend([water, rights])
        db.session.flush()
        slots = slots_of(forum)

        def session(room, slot, theme, spoken, **titles):
            organization = factories.make_organization(
                listed_publicly=True, name_en=f"{titles['title_en']} collective"
            )
            return make_placed_session(
                forum, room, slots[slot], organization=organization,
                theme_id=theme.id, spoken_languages=spoken, **titles,
            )  # fmt: skip

        marshes = session(
            hall, (0, 0), water, ["ar"], title_ckb="ژیانەوەی زۆنگاوەکانی باشوور",
            title_ar="إحياء أهوار الجنوب", title_en="Reviving the southern marshes",
        )  # fmt: skip
        make_need(marshes, "ar", "ckb", channel=1)
        make_need(marshes, "ar", "en", channel=2)
        dams = session(
            small, (0, 1), water, ["en"], title_ckb="بەنداوەکان و ئاوی سنوور",
            title_ar="السدود والمياه العابرة للحدود", title_en="Dams and cross-border water",
        )  # fmt: skip
        wells = session(
            small, (0, 0), water, ["ar"], title_ckb="بیرە ئاوەکانی گوند",
            title_ar="آبار القرى", title_en="Village wells",
        )  # fmt: skip
        make_need(wells, "ar", "ckb")
        press = session(
            hall, (0, 1), rights, ["en"], title_ckb="ئازادیی ڕۆژنامەگەری",
            title_ar="حرية الصحافة", title_en="Freedom of the press",
        )  # fmt: skip
        river = session(
            hall, (1, 0), water, ["ckb"], title_ckb="ڕووباری تانجەرۆ",
            title_ar="نهر تانجرو", title_en="The Tanjaro river",
        )  # fmt: skip
        make_need(river, "ckb", "en", channel=1)
        organizer = factories.make_user()
        publish_schedule(forum, organizer)
        db.session.commit()
        return Journey(SLUG, water.id, marshes.id, dams.id, wells.id, press.id, river.id)


def _published(live_app: Flask, language: str, **query: str) -> list[ProgrammeSession]:
    """The sessions the programme page shows with ``query``, read from the database."""
    with live_app.test_request_context(), force_locale(language):
        forum = db.session.scalar(sa.select(Forum).where(Forum.slug == SLUG))
        days = filtered_days(public_programme(forum), parse_filters(query))
        return [session for day in days for session in day.sessions]


def _shown_ids(page: Page) -> list[int]:
    """The sessions on the page, in their order."""
    ids = page.locator("[id^='session-']").evaluate_all("els => els.map(el => el.id)")
    return [int(found.removeprefix("session-")) for found in ids]


# What sticks out of the screen sideways (but what scrolls inside the grid's box).
STICKING_OUT = """() => [...document.querySelectorAll("body *")]
  .filter(el => getComputedStyle(el).position !== "static"
                || !el.closest(".programme-grid-scroll"))
  .filter(el => { const box = el.getBoundingClientRect();
                  const width = document.documentElement.clientWidth;
                  return box.right > width + 0.5 || box.left < -1.5; })
  .map(el => el.tagName.toLowerCase() + "." + [...el.classList].join(".")
             + " " + JSON.stringify(el.getBoundingClientRect()))"""


def _sticking_out(page: Page) -> list[str]:
    """Why the page scrolls sideways (nothing, when it does not)."""
    if page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]:
        return []
    return page.evaluate(STICKING_OUT) or ["something wider than the screen"]


def _new_page(browser: Browser, base_url: str, language: str, **device) -> Page:
    """A page in a browser of its own (a phone unless told), reading the app in
    ``language`` (its cookie, as the language switch leaves it)."""
    context = browser.new_context(
        locale=language, base_url=base_url, accept_downloads=True, **(device or PHONE)
    )
    context.add_cookies([{"name": "lang", "value": language, "url": base_url}])
    return context.new_page()


def test_visitor_filters_stars_and_downloads_in_kurdish(
    browser: Browser,
    live_server: str,
    live_app: Flask,
    journey: Journey,
    translate: Callable[..., str],
    screenshot: Callable[[Page, str], Path],
) -> None:
    def ckb(message: str, **variables) -> str:
        return translate("ckb", message, **variables)

    page = _new_page(browser, live_server, "ckb")
    page.goto(f"/{journey.slug}/programme")
    expect(page.locator("html")).to_have_attribute("lang", "ckb")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert len(_shown_ids(page)) == 5

    # The filters are folded on a phone; the visitor opens them and chooses.
    filters = page.locator("details.programme-filters")
    expect(filters).not_to_have_attribute("open", "")
    theme = page.get_by_label(ckb("Theme"), exact=True)
    expect(theme).to_be_hidden()
    filters.locator("summary").click()
    theme.select_option(label=WATER["name_ckb"])
    understand = page.get_by_label(ckb("Understandable for me in"))
    with live_app.test_request_context(), force_locale("ckb"):
        english = language_name("en")
    understand.select_option(label=english)
    page.get_by_role("button", name=ckb("Show"), exact=True).click()

    page.wait_for_url(f"**/{journey.slug}/programme?*")
    assert f"theme={journey.theme_id}" in page.url
    assert "understand=en" in page.url
    expected = _published(live_app, "ckb", theme=str(journey.theme_id), understand="en")
    assert [s.activity_id for s in expected] == [
        journey.marshes_id,
        journey.dams_id,
        journey.river_id,
    ]
    assert _shown_ids(page) == [s.activity_id for s in expected]
    for session in expected:
        expect(page.locator(f"#session-{session.activity_id} h3")).to_have_text(session.title)
    expect(page.locator(".programme-count")).to_contain_text("3")
    expect(page.locator("details.programme-filters")).to_have_attribute("open", "")
    screenshot(page, "programme-ckb-filtered")

    # One session's page, in Kurdish: its title, room and languages line.
    marshes = expected[0]
    page.locator(f"#session-{marshes.activity_id} h3 a").click()
    page.wait_for_url(f"**/{journey.slug}/programme/{marshes.activity_id}")
    expect(page.locator("h1")).to_have_text("ژیانەوەی زۆنگاوەکانی باشوور")
    expect(page.locator("dd.programme-room")).to_have_text("هۆڵی گۆران")
    expect(page.locator("dd.programme-languages")).to_have_text(" · ".join(marshes.languages))
    assert len(marshes.languages) == 3  # spoken Arabic, then channel 1 Kurdish, channel 2 English
    expect(page.locator("dd.programme-when")).to_contain_text(marshes.times)
    screenshot(page, "programme-ckb-session")

    # Back to the filtered list (the same sessions, the filters still chosen).
    page.go_back()
    assert _shown_ids(page) == [s.activity_id for s in expected]
    expect(page.get_by_label(ckb("Theme"), exact=True)).to_have_value(str(journey.theme_id))

    # Two stars, kept in this browser.
    starred = [journey.marshes_id, journey.river_id]
    add = ckb("Add to my programme")
    for activity_id in starred:
        button = page.locator(f"#session-{activity_id} button.programme-star-button")
        expect(button).to_have_text(f"☆ {add}")
        button.tap()
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(button).to_have_text(f"★ {ckb('Remove from my programme')}")
    expect(page.locator(f"#session-{journey.dams_id} button")).to_have_attribute(
        "aria-pressed", "false"
    )
    kept = page.evaluate(f"JSON.parse(localStorage.getItem('muntada:stars:{journey.slug}'))")
    assert kept == starred

    # My programme: both, by day.
    page.locator(".programme-mine-link").first.click()
    page.wait_for_url(f"**/{journey.slug}/programme/mine?ids=*")
    expect(page.locator("h1")).to_have_text(ckb("My programme"))
    assert sorted(_shown_ids(page)) == sorted(starred)
    expect(page.locator(".programme-day")).to_have_count(2)
    expect(page.locator(f"#session-{journey.river_id} h3")).to_have_text("ڕووباری تانجەرۆ")
    screenshot(page, "programme-ckb-mine")

    # The calendar of both.
    with page.expect_download() as download:
        page.locator(".programme-calendar-link").click()
    assert download.value.suggested_filename == f"programme-{journey.slug}.ics"
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {session_uid(activity_id) for activity_id in starred}
    times = {
        journey.marshes_id: (date(2027, 5, 10), time(9), time(10, 30)),
        journey.river_id: (date(2027, 5, 11), time(9), time(10, 30)),
    }
    for activity_id, (day, starts, ends) in times.items():
        event = events[session_uid(activity_id)]
        assert event["DTSTART"].dt == datetime.combine(day, starts, tzinfo=ZONE)
        assert event["DTEND"].dt == datetime.combine(day, ends, tzinfo=ZONE)
        assert event["DTSTART"].params.get("TZID") == "Asia/Baghdad"
    assert str(events[session_uid(journey.river_id)]["SUMMARY"]) == "ڕووباری تانجەرۆ"
    assert str(events[session_uid(journey.marshes_id)]["LOCATION"]) == "هۆڵی گۆران"
    page.context.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_programme_grid_in_arabic_and_english(
    browser: Browser,
    live_server: str,
    live_app: Flask,
    journey: Journey,
    screenshot: Callable[[Page, str], Path],
    language: str,
) -> None:
    direction = "ltr" if language == "en" else "rtl"
    first_day = _published(live_app, language, view="grid", day="2027-05-10")
    rooms = {"ar": ["قاعة گوران", "القاعة الصغيرة"], "en": ["Goran Hall", "Small room"]}
    for device, suffix in [(PHONE, ""), (LAPTOP, "-laptop")]:
        page = _new_page(browser, live_server, language, **device)
        page.goto(f"/{journey.slug}/programme?view=grid")
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("html")).to_have_attribute("dir", direction)
        grid = page.locator("table.programme-grid")
        expect(grid.locator("thead th.programme-grid-room")).to_have_text(rooms[language])
        assert sorted(_shown_ids(page)) == sorted(s.activity_id for s in first_day)
        for session in first_day:
            expect(grid.locator(f"#session-{session.activity_id} h3")).to_have_text(session.title)
        # Day 2 is one tap away; the grid shows its one session.
        expect(page.locator(".programme-days .nav-link")).to_have_count(2)
        # The grid scrolls inside its box: the page itself never scrolls sideways.
        assert _sticking_out(page) == []
        screenshot(page, f"programme-grid-{language}{suffix}")
        page.context.close()
