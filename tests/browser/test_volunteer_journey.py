"""A volunteer on a phone, in Arabic: signs up from the forum's page (the forum
approves volunteers by itself), takes two back-to-back shifts, is refused a third
that overlaps the first with the reason, drops the second after a confirmation,
and downloads their calendar, whose one event starts at the shift's local time."""

import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from flask_babel import force_locale
from icalendar import Calendar
from playwright.sync_api import Browser, Locator, Page, expect

from app.core.db import utcnow
from app.core.i18n import LANGUAGE_NAMES, format_day
from app.extensions import db
from app.forums.calendar_messages import time_span
from app.forums.listing import zone_of
from app.forums.models import ForumStatus
from app.volunteers.models import VolunteeringPolicy
from tests import factories
from tests.volunteers.factories import make_day, make_shift, make_team

pytestmark = [pytest.mark.browser, pytest.mark.no_db_isolation]

SLUG = "karbala-volunteers-journey"
TIMEZONE = "Asia/Baghdad"
VOLUNTEER = "volunteer.karbala@example.org"
DESK = "مكتب التسجيل"
GUIDES = "المرشدون"
PHONE = {
    "locale": "ar-IQ",
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "accept_downloads": True,
}


@pytest.fixture
def forum(live_app):
    """An open forum approving its volunteers by itself, sign-up open today, one day
    in ten days' time with shifts A 09:00–12:00 and B 12:00–15:00 (registration desk)
    and C 11:00–13:00 (guides); a signed-in user whose language is Arabic."""
    today = utcnow().date()
    with live_app.app_context():
        forum = factories.make_forum(
            slug=SLUG,
            status=ForumStatus.OPEN,
            name_ar="منتدى كربلاء الاجتماعي",
            timezone=TIMEZONE,
            start_date=today + timedelta(days=10),
            end_date=today + timedelta(days=10),
            volunteering_opens=today - timedelta(days=3),
            volunteering_closes=today + timedelta(days=7),
        )
        db.session.add(VolunteeringPolicy(forum_id=forum.id, auto_approve=True))
        day = make_day(forum, today + timedelta(days=10))
        desk = make_team(forum, name_ar=DESK, name_en="Registration desk")
        guides = make_team(forum, name_ar=GUIDES, name_en="Guides")
        shifts = {
            "A": make_shift(desk, day, "09:00", "12:00", places=3, area="المدخل الرئيسي"),
            "B": make_shift(desk, day, "12:00", "15:00", places=3, area="المدخل الرئيسي"),
            "C": make_shift(guides, day, "11:00", "13:00", places=2, area="الساحة"),
        }
        factories.make_user(email=VOLUNTEER, name="مريم حسين", locale="ar")
        db.session.commit()
        return {"day": day.date, "shifts": {name: s.id for name, s in shifts.items()}}


def _log_in(page: Page, ar) -> None:
    page.goto("/account/login")
    page.get_by_label(ar("Email address")).fill(VOLUNTEER)
    page.get_by_label(ar("Password")).fill(factories.PASSWORD)
    page.get_by_role("button", name=ar("Log in")).click()
    expect(page.get_by_role("button", name=ar("Log out"))).to_be_visible()


def _fits_the_phone(page: Page) -> None:
    """Right to left, and nothing wider than the phone (no sideways scrolling)."""
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


# Where a piece of text is drawn: the left edge of its first occurrence in an element.
TEXT_LEFT = """(element, text) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        return range.getBoundingClientRect().left;
    }
    return null;
}"""


def _times_read_left_to_right(locator: Locator, starts: str, ends: str) -> None:
    """Times read as on the shift lists, start on the left, even in an Arabic sentence."""
    first, second = (locator.evaluate(TEXT_LEFT, text) for text in (starts, ends))
    assert first is not None, f"{starts} is not shown"
    assert second is not None, f"{ends} is not shown"
    assert first < second, f"{starts}–{ends} is drawn backwards in {locator}"


def test_a_volunteer_signs_up_takes_shifts_is_refused_an_overlap_drops_one_and_downloads(
    browser: Browser, live_app, live_server, forum, translate, screenshot, tmp_path: Path
):
    def ar(message: str, **variables) -> str:
        return translate("ar", message, **variables)

    def arabic_day(style: str) -> str:
        with live_app.test_request_context(), force_locale("ar"):
            return format_day(forum["day"], style)

    def times(starts: str, ends: str) -> str:
        """As the app puts them in a sentence: isolated left to right."""
        return time_span(time.fromisoformat(starts), time.fromisoformat(ends))

    def label(team: str, starts: str, ends: str) -> str:
        day = arabic_day("full")
        return ar("%(team)s, %(day)s, %(times)s", team=team, day=day, times=times(starts, ends))

    shift = forum["shifts"]
    context = browser.new_context(**PHONE, base_url=live_server)
    page = context.new_page()

    # 1. From the forum's page to the sign-up form.
    _log_in(page, ar)
    page.goto(f"/{SLUG}/")
    page.get_by_role("link", name=ar("Volunteer for this forum")).click()
    expect(page).to_have_url(re.compile(rf"/{SLUG}/volunteer/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ar("Volunteer for this forum"))

    # 2. Languages, a skill, the day from 08:00 to 16:00, a phone, WhatsApp.
    page.get_by_label(LANGUAGE_NAMES["ar"], exact=True).check()
    page.get_by_label(LANGUAGE_NAMES["en"], exact=True).check()
    page.get_by_label(ar("Guiding visitors")).check()
    page.get_by_label(arabic_day("full")).check()
    page.locator('input[name="days-0-starts_at"]').fill("08:00")
    page.locator('input[name="days-0-ends_at"]').fill("16:00")
    page.get_by_label(ar("Phone (optional unless you want calls or messages)")).fill(
        "0770 123 4567"
    )
    page.get_by_label(ar("WhatsApp")).check()
    _fits_the_phone(page)
    screenshot(page, "volunteer-sign-up")
    page.get_by_role("button", name=ar("Volunteer", context="sign-up button"), exact=True).click()

    # 3. Approved at once: the free shifts, the three of them.
    expect(page).to_have_url(re.compile(rf"/{SLUG}/volunteer/shifts$"))
    expect(page.locator(".alert-success")).to_contain_text(
        ar("Thank you for volunteering! You can take shifts now.")
    )
    for name in "ABC":
        expect(page.locator(f"#shift-{shift[name]}")).to_be_visible()
    _fits_the_phone(page)
    screenshot(page, "volunteer-free-shifts")

    # 4. Take A, then B (back to back with A: allowed).
    for name, starts, ends in (("A", "09:00", "12:00"), ("B", "12:00", "15:00")):
        page.locator(f"#shift-{shift[name]}").get_by_role("button", name=ar("Take")).click()
        expect(page.locator(".alert-success")).to_contain_text(
            ar("It is yours: %(shift)s.", shift=label(DESK, starts, ends))
        )
        expect(page.locator(f"#shift-{shift[name]}")).to_have_count(0)
        _times_read_left_to_right(page.locator(".alert-success"), starts, ends)

    # 5. C overlaps A: refused, and the shift says why, naming A.
    page.locator(f"#shift-{shift['C']}").get_by_role("button", name=ar("Take")).click()
    refused = page.locator(f"#shift-{shift['C']}")
    reason = ar(
        "You already hold “%(team)s” at %(times)s, which overlaps this one.",
        team=DESK,
        times=f"{arabic_day('medium')} {times('09:00', '12:00')}",
    )
    expect(refused.get_by_role("alert")).to_contain_text(reason)
    _times_read_left_to_right(refused.get_by_role("alert"), "09:00", "12:00")
    _times_read_left_to_right(refused.locator("p").first, "11:00", "13:00")
    expect(page.locator(".alert-danger").first).to_contain_text(
        ar("You cannot take %(shift)s:", shift=label(GUIDES, "11:00", "13:00"))
    )
    _fits_the_phone(page)
    screenshot(page, "volunteer-refused")

    # 6. My shifts: drop B, after a confirmation; only A is left.
    page.get_by_role("navigation", name=ar("Volunteering")).get_by_role(
        "link", name=ar("My shifts")
    ).click()
    expect(page).to_have_url(re.compile(rf"/{SLUG}/volunteer/my-shifts$"))
    held = page.locator(".my-shift")
    expect(held).to_have_count(2)
    held.filter(has_text="12:00–15:00").get_by_role("button", name=ar("Drop")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ar("Drop a shift"))
    page.get_by_role("button", name=ar("Drop it")).click()
    expect(page).to_have_url(re.compile(rf"/{SLUG}/volunteer/my-shifts$"))
    expect(page.locator(".alert-success")).to_contain_text(
        ar("Dropped: %(shift)s.", shift=label(DESK, "12:00", "15:00"))
    )
    expect(held).to_have_count(1)
    expect(held).to_contain_text("09:00–12:00")
    _fits_the_phone(page)
    screenshot(page, "volunteer-my-shifts")

    # 7. The calendar file: one event, shift A, at 09:00 in Baghdad.
    with page.expect_download() as download:
        page.get_by_role("link", name=ar("Download the calendar file")).click()
    assert download.value.suggested_filename == f"shifts-{SLUG}.ics"
    saved = tmp_path / "shifts.ics"
    download.value.save_as(saved)
    calendar = Calendar.from_ical(saved.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    zone = zone_of(TIMEZONE)
    assert str(event["summary"]) == DESK
    assert event.decoded("dtstart") == datetime.combine(forum["day"], time(9, 0), tzinfo=zone)
    assert event.decoded("dtstart").astimezone(zone).strftime("%H:%M") == "09:00"
    assert event.decoded("dtend").astimezone(zone).strftime("%H:%M") == "12:00"
    assert calendar.walk("VTIMEZONE"), "the forum's time zone travels with the file"
    context.close()
